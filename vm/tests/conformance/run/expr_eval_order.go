package main

import "fmt"

var trace []string

func v(name string, x int) int {
	trace = append(trace, name)
	return x
}

func idx(name string, i int) int {
	fmt.Println("index", name)
	return i
}

func sl(name string, s []int) []int {
	fmt.Println("slice", name)
	return s
}

func add(a, b, c int) int { return a + b + c }

func main() {
	r := v("a", 1) + v("b", 2)*v("c", 3)
	fmt.Println(r, trace)
	trace = nil
	_ = add(v("x", 1), v("y", 2), v("z", 3))
	fmt.Println(trace)
	trace = nil
	arr := []int{v("e0", 10), v("e1", 20), v("e2", 30)}
	fmt.Println(arr, trace)
	trace = nil
	m := map[string]int{"k1": v("m1", 1), "k2": v("m2", 2)}
	fmt.Println(len(m), trace)
	s := []int{0, 0, 0}
	sl("target", s)[idx("lhs", 1)] = idx("rhs", 5)
	fmt.Println(s)
	a, b := idx("first", 1), idx("second", 2)
	fmt.Println(a, b)
	trace = nil
	p := [2]int{v("p0", 1), v("p1", 2)}
	q := v("q", p[0]) - v("r", p[1])
	fmt.Println(q, trace)
}
