package main

import "fmt"

type Cell struct{ V int }

func main() {
	var m [3][4]int
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			m[i][j] = i*10 + j
		}
	}
	fmt.Println(m[2][3], m[1], len(m), len(m[0]))
	grid := make([][]Cell, 2)
	for i := range grid {
		grid[i] = make([]Cell, 3)
	}
	grid[1][2].V = 7
	grid[0][0].V++
	fmt.Println(grid)
	ms := map[string][]int{"a": {1, 2, 3}}
	ms["a"][1] = 20
	fmt.Println(ms["a"][1], len(ms["b"]))
	mm := map[string]map[int]string{"x": {1: "one"}}
	fmt.Println(mm["x"][1], mm["y"][1] == "")
	s := "hello"
	words := []string{"abc", "def"}
	fmt.Println(s[1], words[1][2], string(words[0][0]))
	arrs := [][2]int{{1, 2}, {3, 4}}
	arrs[1][0] = 30
	fmt.Println(arrs)
	i := 0
	counts := []int{0, 0, 0}
	counts[i+1] += 5
	counts[len(counts)-1] = counts[1] * 2
	fmt.Println(counts)
}
