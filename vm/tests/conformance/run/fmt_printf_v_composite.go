package main

import "fmt"

type Point struct {
	X, Y int
}

type Line struct {
	From, To Point
	Label    string
}

func main() {
	s := []int{1, 2, 3}
	fmt.Printf("%v|%d|%x|%X|%5d|%-3d|\n", s, s, s, s, s, s)
	a := [3]string{"a", "b", "c"}
	fmt.Printf("%v|%s|%q|\n", a, a, a)
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Printf("%v|%d|\n", m, len(m))
	mi := map[int]string{3: "c", 1: "a", 2: "b"}
	fmt.Printf("%v|%s|\n", mi, map[string]string{"k": "v"})
	p := Point{1, -2}
	fmt.Printf("%v|%+v|%d|%+d|\n", p, p, p, p)
	pp := &p
	fmt.Printf("%v|%+v|\n", pp, pp)
	l := Line{Point{0, 0}, Point{3, 4}, "diag"}
	fmt.Printf("%v|%+v|\n", l, l)
	fl := []float64{1, 2.5, 1e21}
	fmt.Printf("%v|%.1f|%6.2f|%g|%e|\n", fl, fl, fl, fl, fl)
	bs := []bool{true, false}
	fmt.Printf("%v|%t|\n", bs, bs)
	nested := [][]int{{1, 2}, {3}}
	fmt.Printf("%v|%d|\n", nested, nested)
	var np *Point
	var ns []int
	var nm map[string]int
	var ni interface{}
	var ne error
	fmt.Printf("%v|%v|%v|%v|%v|%+v|\n", np, ns, nm, ni, ne, np)
	fmt.Printf("%d|%s|\n", ns, ns)
	ms := map[string][]int{"x": {1}, "y": nil}
	fmt.Printf("%v\n", ms)
	ifs := []interface{}{1, "a", nil, 2.5, p}
	fmt.Printf("%v|%+v|\n", ifs, ifs)
	fmt.Printf("%v %v\n", struct0(), [0]int{})
	bytes := []byte("hi")
	fmt.Printf("%v|%s|%x|%X|%q|%d|\n", bytes, bytes, bytes, bytes, bytes, bytes)
}

type Empty struct{}

func struct0() Empty { return Empty{} }
