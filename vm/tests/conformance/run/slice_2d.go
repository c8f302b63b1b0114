package main

import "fmt"

func makeGrid(r, c int) [][]int {
	g := make([][]int, r)
	for i := range g {
		g[i] = make([]int, c)
	}
	return g
}

func main() {
	g := makeGrid(3, 4)
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			g[i][j] = i + j
		}
	}
	fmt.Println(g)
	tri := [][]int{}
	for i := 0; i < 5; i++ {
		row := make([]int, i+1)
		row[0], row[i] = 1, 1
		for j := 1; j < i; j++ {
			row[j] = tri[i-1][j-1] + tri[i-1][j]
		}
		tri = append(tri, row)
	}
	for _, r := range tri {
		fmt.Println(r)
	}
	shared := make([]int, 4)
	aliases := [][]int{shared[:2], shared[2:]}
	aliases[0][1] = 5
	aliases[1][0] = 6
	fmt.Println(shared, aliases)
	jag := [][]string{{"a"}, {}, {"b", "c", "d"}}
	total := 0
	for _, r := range jag {
		total += len(r)
	}
	fmt.Println(total, jag)
}
