package main

import "fmt"

type Conn struct {
	name string
	out  chan string
}

func main() {
	c := Conn{name: "nochan"}
	fmt.Println("closing", c.name, c.out == nil)
	close(c.out)
	fmt.Println("unreachable")
}
