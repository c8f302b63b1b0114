package main

import "fmt"

// A captured variable lives in a box; the closure loads it through LoadCapture.
func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

type Point struct{ X, Y int }

// Struct values: Clone on copy, CopyInto on assignment to an aliased variable.
func (p *Point) Move(dx int) { p.X += dx }

func main() {
	c := counter()
	c()
	p := Point{1, 2}
	q := p
	q.Move(5)
	fmt.Println(c(), p, q)
}
