package main

import "fmt"

type Point struct{ X, Y int }

type Line struct {
	A, B Point
	Name string
}

func main() {
	a := [5]int{1: 10, 3: 30}
	fmt.Println(a, len(a))
	b := [...]string{"x", "y", "z"}
	fmt.Println(b, len(b))
	c := [...]int{4: 1}
	fmt.Println(c, len(c))
	s := []int{2: 5, 7, 0: 1}
	fmt.Println(s, len(s))
	grid := [][]int{{1, 2}, {3}, {}}
	fmt.Println(grid, len(grid[2]))
	pts := []Point{{1, 2}, {X: 3}, {Y: 4}}
	fmt.Println(pts)
	pps := []*Point{{5, 6}, {7, 8}}
	fmt.Println(*pps[0], pps[1].X)
	m := map[string]Point{"o": {}, "p": {1, 1}}
	fmt.Println(m)
	mm := map[int][]string{1: {"a"}, 2: {"b", "c"}}
	fmt.Println(mm)
	l := Line{A: Point{0, 0}, B: Point{3, 4}, Name: "diag"}
	fmt.Println(l)
	fmt.Printf("%+v\n", l)
	arr2 := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	fmt.Println(arr2)
	ap := [2]Point{{1, 1}, {2, 2}}
	fmt.Println(ap)
	p := &Point{Y: 9}
	fmt.Println(p, *p)
	e := []interface{}{1, "two", 3.0, Point{4, 4}, nil, []int{5}}
	fmt.Println(e...)
	fmt.Println(e)
	fmt.Println(len([]int{}), [0]int{})
}
