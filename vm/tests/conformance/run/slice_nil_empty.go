package main

import "fmt"

func get(n int) []int {
	if n == 0 {
		return nil
	}
	return make([]int, n)
}

func main() {
	var a []int
	b := []int{}
	c := make([]int, 0)
	fmt.Println(a == nil, b == nil, c == nil)
	fmt.Println(len(a), len(b), cap(a), a, b)
	fmt.Printf("%v %v %d\n", a, b, a)
	for range a {
		fmt.Println("never")
	}
	a = append(a, 1)
	fmt.Println(a, a == nil)
	d := get(0)
	fmt.Println(d == nil, len(d))
	d = get(2)
	fmt.Println(d)
	var strs []string
	fmt.Println(strs, len(strs))
	fmt.Printf("%q\n", strs)
	var m [][]int
	m = append(m, nil)
	fmt.Println(m, len(m), m[0] == nil)
	e := a[:0]
	fmt.Println(e, e == nil, cap(e) > 0)
}
