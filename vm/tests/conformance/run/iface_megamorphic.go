package main

import "fmt"

// One interface call site that sees seven receiver types (more than any inline cache
// holds), value and pointer receivers, and values boxed into interfaces of every
// representation: ints, floats, strings, bools, structs, pointers, slices.

type Shape interface {
	Area() int
	Name() string
}

type Sq struct{ s int }
type Re struct{ w, h int }
type Tri struct{ b, h int }
type Circ struct{ r int }
type Dot struct{}
type Line struct{ n int }
type Poly struct{ sides []int }

func (q Sq) Area() int       { return q.s * q.s }
func (q Sq) Name() string    { return "sq" }
func (r *Re) Area() int      { return r.w * r.h }
func (r *Re) Name() string   { return "re" }
func (t Tri) Area() int      { return t.b * t.h / 2 }
func (t Tri) Name() string   { return "tri" }
func (c *Circ) Area() int    { return 3 * c.r * c.r }
func (c *Circ) Name() string { return "circ" }
func (Dot) Area() int        { return 0 }
func (Dot) Name() string     { return "dot" }
func (l Line) Area() int     { return l.n - l.n }
func (l Line) Name() string  { return fmt.Sprint("line", l.n) }
func (p *Poly) Area() int {
	s := 0
	for _, x := range p.sides {
		s += x
	}
	return s
}
func (p *Poly) Name() string { return "poly" }

func total(shapes []Shape) (int, string) {
	sum, names := 0, ""
	for i, s := range shapes {
		sum += s.Area() * (i + 1)
		names += s.Name()[:1]
	}
	return sum, names
}

func describe(v interface{}) string {
	switch x := v.(type) {
	case int:
		return fmt.Sprint("int ", x)
	case float64:
		return fmt.Sprint("float ", x)
	case string:
		return "string " + x
	case bool:
		return fmt.Sprint("bool ", x)
	case Sq:
		return fmt.Sprint("Sq ", x.s)
	case *Re:
		return fmt.Sprint("*Re ", x.w, x.h)
	case []int:
		return fmt.Sprint("slice ", len(x))
	}
	return "other"
}

func main() {
	shapes := []Shape{Sq{3}, &Re{2, 5}, Tri{4, 3}, &Circ{2}, Dot{}, Line{7}, &Poly{[]int{1, 2, 3}}}
	grand := 0
	for round := 0; round < 50; round++ {
		// Rotate so every position sees every type.
		first := shapes[0]
		copy(shapes, shapes[1:])
		shapes[len(shapes)-1] = first
		sum, names := total(shapes)
		grand += sum
		if round%10 == 0 {
			fmt.Println(round, sum, names)
		}
	}
	fmt.Println("grand", grand)
	var boxed []interface{}
	for i := 0; i < 3; i++ {
		boxed = append(boxed, i, float64(i)/2, fmt.Sprint("s", i), i%2 == 0, Sq{i}, &Re{i, i + 1}, []int{i})
	}
	for _, b := range boxed {
		fmt.Println(describe(b))
	}
	var none Shape
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	fmt.Println(none.Area())
}
