package main

import (
	"fmt"
	"strings"
)

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
func (p *Point) Move(dx, dy int) { p.X += dx; p.Y += dy }
func (p Point) Sum() int        { return p.X + p.Y }

type Named struct {
	Point
	Name string
}

type Circle struct {
	*Point
	R int
}

type Logger struct {
	strings.Builder
	lines int
}

func (l *Logger) Log(s string) {
	l.WriteString(s)
	l.WriteByte('\n')
	l.lines++
}

type Mover interface{ Move(dx, dy int) }
type Summer interface{ Sum() int }

type Animal interface{ Sound() string }
type Dog struct{}

func (Dog) Sound() string { return "woof" }

type Pet struct {
	Animal
	name string
}

type Outer struct {
	Named
	Extra int
}

type A struct{ V int }
type B struct{ V int }
type AB struct {
	A
	B
	V int
}

func main() {
	n := Named{Point{1, 2}, "n"}
	fmt.Println(n.X, n.Y, n.Name, n.Sum(), n.Point)
	n.X = 10
	n.Move(1, 1)
	fmt.Println(n.X, n.Y, n)
	fmt.Printf("%v %+v\n", n, n)
	c := Circle{&Point{3, 4}, 5}
	c.Move(1, 1)
	c.Y++
	fmt.Println(c.X, c.Y, c.Sum(), c.R)
	var m Mover = &n
	m.Move(100, 0)
	var m2 Mover = c
	m2.Move(0, 100)
	var s Summer = n
	fmt.Println(n.X, c.Y, s.Sum())
	fmt.Println(n.String(), c.String())
	var l Logger
	l.Log("hello")
	l.Log("world")
	fmt.Print(l.String())
	fmt.Println(l.lines, l.Len())
	p := Pet{Dog{}, "rex"}
	fmt.Println(p.Sound(), p.name)
	var a Animal = p
	fmt.Println(a.Sound())
	o := Outer{Named{Point{7, 8}, "deep"}, 1}
	o.Move(1, 1)
	fmt.Println(o.X, o.Sum(), o.Name, o.Point.X, o.Named.Point.Y)
	var s2 Summer = o
	fmt.Println(s2.Sum())
	ab := AB{A{1}, B{2}, 3}
	fmt.Println(ab.V, ab.A.V, ab.B.V)
	f := n.Sum
	g := o.Move
	g(5, 5)
	fmt.Println(f(), o.X)
	ps := []Named{{Point{1, 1}, "a"}, {Point{2, 2}, "b"}}
	for i := range ps {
		ps[i].Move(1, 0)
	}
	fmt.Println(ps)
	k := Named{Name: "keyed", Point: Point{Y: 9}}
	fmt.Println(k)
}
