// reject: go
package main

type Point struct{ X, Y int }

func (p Point) Len() int { return p.X }

func main() {
	p := Point{1, 2}
	p.Scale(2)
}
