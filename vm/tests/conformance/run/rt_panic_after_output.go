package main

import "fmt"

type Matrix [][]float64

func (m Matrix) At(i, j int) float64 { return m[i][j] }

func main() {
	m := Matrix{{1, 2}, {3, 4}}
	sum := 0.0
	defer fmt.Println("deferred print before crash")
	for i := 0; i < 3; i++ {
		for j := 0; j < 2; j++ {
			sum += m.At(i, j)
			fmt.Println(i, j, sum)
		}
	}
}
