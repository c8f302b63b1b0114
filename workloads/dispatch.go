// dispatch: interface method calls over mixed concrete types, and calls of
// closures held in a slice.
//
// Stresses: dynamic dispatch through an interface (value and pointer receivers,
// four concrete types interleaved so call sites are megamorphic), a type switch,
// and indirect calls of closures that capture by value and by reference (one
// closure mutates its captured counter, another wraps two closures). Written
// for jitlab, after the shape examples of OO benchmark suites (DeltaBlue-style
// polymorphism without the rest).
//
// run(n) makes 100 shapes and 100 closures, then for n rounds sums every
// shape's Area and Perimeter and every closure's result, and returns the sum.
package main

import "fmt"

type Shape interface {
	Area() int
	Perimeter() int
}

type Rect struct {
	w int
	h int
}

func (r Rect) Area() int      { return r.w * r.h }
func (r Rect) Perimeter() int { return 2 * (r.w + r.h) }

type Square struct {
	side int
}

func (s Square) Area() int      { return s.side * s.side }
func (s Square) Perimeter() int { return 4 * s.side }

// Circle uses integer "pi" 3 so that everything stays exact; it counts its calls.
type Circle struct {
	r     int
	calls int
}

func (c *Circle) Area() int {
	c.calls++
	return 3 * c.r * c.r
}
func (c *Circle) Perimeter() int { return 6 * c.r }

type Triangle struct {
	a int
	b int
	c int
}

func (t *Triangle) Area() int      { return t.a * t.b / 2 }
func (t *Triangle) Perimeter() int { return t.a + t.b + t.c }

func makeShapes(count int) []Shape {
	shapes := make([]Shape, 0, count)
	for i := 0; i < count; i++ {
		k := i%10 + 1
		switch i % 4 {
		case 0:
			shapes = append(shapes, Rect{w: k, h: k + 2})
		case 1:
			shapes = append(shapes, Square{side: k})
		case 2:
			shapes = append(shapes, &Circle{r: k})
		default:
			shapes = append(shapes, &Triangle{a: k + 2, b: k + 3, c: k + 4})
		}
	}
	return shapes
}

func adder(k int) func(int) int {
	return func(x int) int { return x + k }
}

func multiplier(k int) func(int) int {
	return func(x int) int { return x * k % 1000 }
}

func counter() func(int) int {
	count := 0
	return func(x int) int {
		count++
		return count ^ x
	}
}

func compose(f func(int) int, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func makeFuncs(count int) []func(int) int {
	fns := make([]func(int) int, 0, count)
	for i := 0; i < count; i++ {
		switch i % 4 {
		case 0:
			fns = append(fns, adder(i))
		case 1:
			fns = append(fns, multiplier(i))
		case 2:
			fns = append(fns, counter())
		default:
			fns = append(fns, compose(adder(i), multiplier(3)))
		}
	}
	return fns
}

// circleCalls sums the call counters of the circles, found with a type switch.
func circleCalls(shapes []Shape) int {
	total := 0
	for _, s := range shapes {
		switch v := s.(type) {
		case *Circle:
			total += v.calls
		case Rect:
			total += 0
		}
	}
	return total
}

func run(n int) int {
	shapes := makeShapes(100)
	fns := makeFuncs(100)
	sum := 0
	for i := 0; i < n; i++ {
		for _, s := range shapes {
			sum += s.Area() - s.Perimeter()
		}
		for k, f := range fns {
			sum += f(i + k)
		}
	}
	return sum + circleCalls(shapes)
}

func main() {
	fmt.Println(run(30000))
}
