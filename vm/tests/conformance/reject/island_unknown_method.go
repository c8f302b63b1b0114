// reject: go
package main

import "island"

func main() {
	p := island.NewPort(0)
	p.Peek()
}
