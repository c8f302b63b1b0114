package main

import "fmt"

func solve(n int) (int, []int) {
	cols := make([]bool, n)
	d1 := make([]bool, 2*n)
	d2 := make([]bool, 2*n)
	pos := make([]int, n)
	var first []int
	count := 0
	var place func(r int)
	place = func(r int) {
		if r == n {
			if first == nil {
				first = append([]int(nil), pos...)
			}
			count++
			return
		}
		for c := 0; c < n; c++ {
			if cols[c] || d1[r+c] || d2[r-c+n] {
				continue
			}
			cols[c], d1[r+c], d2[r-c+n] = true, true, true
			pos[r] = c
			place(r + 1)
			cols[c], d1[r+c], d2[r-c+n] = false, false, false
		}
	}
	place(0)
	return count, first
}

func main() {
	for n := 1; n <= 8; n++ {
		c, f := solve(n)
		fmt.Println(n, c, f)
	}
	_, board := solve(8)
	for _, c := range board {
		row := []byte("........")
		row[c] = 'Q'
		fmt.Println(string(row))
	}
}
