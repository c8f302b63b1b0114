package main

import "fmt"

type Shape interface{ Area() int }
type Sq struct{}

func (Sq) Area() int { return 1 }

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Printf("%-8s error: %s\n", name, err.Error())
		} else {
			fmt.Printf("%-8s value: %v\n", name, r)
		}
	}()
	f()
}

func main() {
	n, z, neg := 5, 0, -3
	s := []int{1, 2, 3}
	str := "abc"
	var arr [2]int
	var m map[int]int
	type P struct{ x int }
	var pp *P
	var fn func()
	var e interface{} = 1.5
	var sh Shape
	try("index", func() { _ = s[n] })
	try("neg", func() { _ = s[neg] })
	try("array", func() { arr[n-2] = 1 })
	try("string", func() { _ = str[n] })
	try("slice1", func() { _ = s[:n] })
	try("slice2", func() { _ = s[n-3 : n-4 : z+3] })
	try("slice3", func() { _ = str[n:] })
	try("slice4", func() { _ = s[n-1 : n-2] })
	try("div", func() { _ = n / z })
	try("mod", func() { _ = n % z })
	try("nilmap", func() { m[1] = 2 })
	try("nilptr", func() { _ = pp.x })
	try("nilfunc", func() { fn() })
	try("assert", func() { _ = e.(string) })
	try("assert2", func() { _ = sh.(Sq) })
	try("shift", func() { _ = 1 << neg })
	try("make", func() { _ = make([]int, neg) })
	try("custom", func() { panic("custom") })
	try("none", func() {})
}
