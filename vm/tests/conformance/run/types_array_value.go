package main

import "fmt"

func modify(a [3]int) [3]int {
	a[0] = 100
	return a
}

func modifyPtr(p *[3]int) {
	(*p)[0] = 100
}

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[1] = 20
	fmt.Println(a, b)
	c := modify(a)
	fmt.Println(a, c)
	fmt.Println(a == [3]int{1, 2, 3}, a == b)
	modifyPtr(&a)
	fmt.Println(a)
	s := a[:]
	s[2] = 30
	fmt.Println(a, s, len(s), cap(s))
	grid := [2][2]int{{1, 2}, {3, 4}}
	row := grid[0]
	row[0] = 99
	fmt.Println(grid, row)
	arrs := [][2]int{{1, 2}}
	x := arrs[0]
	x[0] = 5
	fmt.Println(arrs, x)
	m := map[string][2]int{"k": {1, 2}}
	v := m["k"]
	v[1] = 7
	fmt.Println(m, v)
	var z [4]bool
	z[2] = true
	fmt.Println(z, len(z), cap(z))
}
