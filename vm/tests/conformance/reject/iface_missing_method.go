// reject: go
package main

import "fmt"

type Shape interface {
	Area() int
	Perimeter() int
}

type Square struct{ S int }

func (s Square) Area() int { return s.S * s.S }

func main() {
	sq := Square{2}
	var sh Shape = sq
	fmt.Println(sh.Area())
}
