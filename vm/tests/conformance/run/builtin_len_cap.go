package main

import "fmt"

type Pair struct{ A, B int }

func main() {
	s := "héllo"
	fmt.Println(len(s), len(""), len("日本"))
	arr := [5]int{}
	fmt.Println(len(arr), cap(arr))
	var grid [3][7]bool
	fmt.Println(len(grid), len(grid[0]))
	sl := make([]int, 2, 8)
	fmt.Println(len(sl), cap(sl), len(sl[1:]), cap(sl[1:]), cap(sl[2:4]), cap(sl[1:2:3]))
	m := map[int]int{1: 1, 2: 2}
	fmt.Println(len(m))
	var ns []string
	var nm map[string]int
	fmt.Println(len(ns), cap(ns), len(nm))
	const c = len("constant")
	var fixed [c]byte
	fmt.Println(c, len(fixed))
	ps := []Pair{{1, 2}, {3, 4}}
	fmt.Println(len(ps), len(ps[0:1]))
	b := []byte(s)
	fmt.Println(len(b), cap(b) >= len(b))
	pa := &arr
	fmt.Println(len(*pa), (*pa)[0])
	for i := 0; i < len(sl); i++ {
		sl[i] = len(sl) * 10
	}
	fmt.Println(sl)
}
