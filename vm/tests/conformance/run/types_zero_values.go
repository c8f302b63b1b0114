package main

import "fmt"

type Point struct {
	X, Y int
	Name string
	Next *Point
	Tags []string
	M    map[string]int
	On   bool
	F    float64
}

type Shape interface{ Area() float64 }

func main() {
	var i int
	var f float64
	var b bool
	var s string
	var by byte
	var sl []int
	var m map[string]int
	var p *Point
	var pt Point
	var arr [3]string
	var iface interface{}
	var sh Shape
	var err error
	var fn func(int) int
	fmt.Println(i, f, b, s, by)
	fmt.Println(sl, m, p, iface, sh, err)
	fmt.Println(pt)
	fmt.Printf("%+v\n", pt)
	fmt.Printf("%q %v %d\n", arr, arr, len(arr))
	fmt.Println(fn == nil, sl == nil, m == nil, p == nil, iface == nil, sh == nil, err == nil)
	fmt.Println(len(sl), cap(sl), len(m), len(s))
	q := new(Point)
	fmt.Println(q.X, q.Name == "", q.Next == nil, q.Tags == nil)
	var grid [2][2]bool
	fmt.Println(grid)
	ptrs := make([]*Point, 2)
	fmt.Println(ptrs, ptrs[0] == nil)
}
