// reject: subset
package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func main() {
	c := &Counter{}
	f := c.Inc
	f()
	fmt.Println(c.n)
}
