package main

import "fmt"

const N = 4

func main() {
	var m [N][N]int
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			m[i][j] = (i + 1) * (j + 1)
		}
	}
	for _, row := range m {
		fmt.Println(row)
	}
	var t [N][N]int
	for i := range m {
		for j := range m[i] {
			t[j][i] = m[i][j] - i
		}
	}
	fmt.Println(t)
	trace := 0
	for i := 0; i < N; i++ {
		trace += m[i][i]
	}
	fmt.Println("trace", trace, len(m), len(m[0]))
	var board [3][3]byte
	for i := range board {
		for j := range board[i] {
			board[i][j] = '.'
		}
	}
	board[1][1] = 'X'
	board[0][2] = 'O'
	for _, row := range board {
		fmt.Println(string(row[:]))
	}
	cube := [2][2][2]int{}
	cube[1][0][1] = 5
	fmt.Println(cube)
}
