// reject: go
package main

import "island"

func main() {
	p := island.NewPort("four")
	p.Close()
}
