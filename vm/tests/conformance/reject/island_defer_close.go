// reject: subset
package main

import "island"

func main() {
	p := island.NewPort(0)
	defer p.Close()
}
