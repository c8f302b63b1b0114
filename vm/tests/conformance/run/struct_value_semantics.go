package main

import "fmt"

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Data     [2]int
	Refs     []int
}

func move(p Point) Point {
	p.X += 100
	return p
}

func movePtr(p *Point) { p.X += 100 }

func main() {
	a := Point{1, 2}
	b := a
	b.X = 50
	fmt.Println(a, b)
	c := move(a)
	fmt.Println(a, c)
	movePtr(&a)
	fmt.Println(a)
	r1 := Rect{Point{0, 0}, Point{5, 5}, [2]int{1, 2}, []int{1, 2}}
	r2 := r1
	r2.Min.X = 9
	r2.Data[0] = 9
	r2.Refs[0] = 9 // slices share their backing array
	fmt.Println(r1)
	fmt.Println(r2)
	arr := [2]Point{{1, 1}, {2, 2}}
	arr2 := arr
	arr2[0].X = 7
	fmt.Println(arr, arr2)
	sl := []Point{{1, 1}}
	for _, p := range sl {
		p.X = 99
	}
	fmt.Println(sl)
	for i := range sl {
		sl[i].X = 99
	}
	fmt.Println(sl)
	m := map[string]Point{"a": {1, 1}}
	pt := m["a"]
	pt.Y = 42
	fmt.Println(m["a"], pt)
	m["a"] = pt
	fmt.Println(m)
	var ifc interface{} = a
	a.Y = -1
	fmt.Println(ifc, a)
}
