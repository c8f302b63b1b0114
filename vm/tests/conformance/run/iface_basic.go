package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }
type Square float64

func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }
func (c Circle) Area() float64      { return math.Floor(3.14159*c.R*c.R*100) / 100 }
func (c Circle) Perimeter() float64 { return 2 * 3.14159 * c.R }
func (s Square) Area() float64      { return float64(s * s) }
func (s Square) Perimeter() float64 { return float64(4 * s) }

func total(shapes []Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

func main() {
	shapes := []Shape{Rect{3, 4}, Circle{1}, Square(2), &Rect{1, 1}}
	for _, s := range shapes {
		fmt.Println(s, s.Area(), s.Perimeter())
	}
	fmt.Println(total(shapes))
	var s Shape = Rect{2, 5}
	fmt.Println(s.Area())
	s = Circle{2}
	fmt.Println(s.Area())
	var biggest Shape
	for _, sh := range shapes {
		if biggest == nil || sh.Area() > biggest.Area() {
			biggest = sh
		}
	}
	fmt.Println("biggest", biggest)
}
