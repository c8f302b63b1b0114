// reject: go
package main

import "fmt"

type Counter interface{ Inc() }

type C struct{ n int }

func (c *C) Inc() { c.n++ }

func main() {
	c := C{}
	var x Counter = c
	x.Inc()
	fmt.Println(x)
}
