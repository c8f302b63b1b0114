package main

import "fmt"

// One call site and one type-test site see changing dynamic types: every inline cache
// must miss, learn, hit, and miss again when the type changes.

type Shape interface {
	Area() int
}

type Named interface {
	Name() string
}

type Square struct{ s int }
type Rect struct{ w, h int }
type Circle struct{ r int }

func (q Square) Area() int    { return q.s * q.s }
func (q Square) Name() string { return "square" }
func (r *Rect) Area() int     { return r.w * r.h }
func (c Circle) Area() int    { return 3 * c.r * c.r }
func (c Circle) Name() string { return "circle" }

func total(xs []Shape) int {
	t := 0
	for _, x := range xs {
		t += x.Area()
	}
	return t
}

func names(xs []interface{}) string {
	s := ""
	for _, x := range xs {
		if n, ok := x.(Named); ok {
			s += n.Name() + " "
		} else {
			s += "? "
		}
		_, isNamed := x.(Named)
		if !isNamed {
			s += "! "
		}
	}
	return s
}

func kinds(xs []interface{}) int {
	k := 0
	for _, x := range xs {
		switch v := x.(type) {
		case Square:
			k += v.s
		case Named:
			k += 100
		case *Rect:
			k += 1000 * v.w
		case nil:
			k += 7
		default:
			k += 10000
		}
	}
	return k
}

func mustNamed(x interface{}) (r string) {
	defer func() {
		if e := recover(); e != nil {
			r = fmt.Sprint("recovered: ", e)
		}
	}()
	return x.(Named).Name()
}

func main() {
	shapes := []Shape{Square{2}, Square{3}, &Rect{2, 5}, &Rect{1, 1}, Circle{1}, Square{1}, Circle{2}}
	for i := 0; i < 3; i++ {
		fmt.Println(total(shapes))
	}
	var things []interface{}
	for _, s := range shapes {
		things = append(things, s)
	}
	things = append(things, 42, nil, "str", Square{4})
	for i := 0; i < 3; i++ {
		fmt.Println(names(things))
		fmt.Println(kinds(things))
	}
	for _, x := range things {
		fmt.Println(mustNamed(x))
	}
	var none Shape
	defer func() {
		fmt.Println("main recovered:", recover())
	}()
	fmt.Println(total([]Shape{Square{1}, none}))
}
