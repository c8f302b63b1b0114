// matmul: dense matrix multiplication of two n x n float64 matrices.
//
// Stresses: float64 multiply-add in a triple loop over [][]float64 rows
// (slice of slices: one bounds-checked indexed load per operand, with the
// row slices hoisted out of the inner loop as one would write it), and float
// to int conversion. No calls and no allocation in the kernel. Written for
// jitlab (the i-k-j loop order of any numerical textbook).
//
// run(n) fills A and B from closed formulas, computes C = A * B and returns
// int(1000 * sum of C's diagonal plus sum of C's last row).
package main

import "fmt"

func newMatrix(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

func multiply(a [][]float64, b [][]float64, c [][]float64, n int) {
	for i := 0; i < n; i++ {
		ci := c[i]
		ai := a[i]
		for k := 0; k < n; k++ {
			aik := ai[k]
			bk := b[k]
			for j := 0; j < n; j++ {
				ci[j] += aik * bk[j]
			}
		}
	}
}

func run(n int) int {
	a := newMatrix(n)
	b := newMatrix(n)
	c := newMatrix(n)
	inv := 1.0 / float64(n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i][j] = float64(i-j) * float64(i+j) * inv * inv
			b[i][j] = float64((i*7+j*3)%11) * 0.25
		}
	}
	multiply(a, b, c, n)
	s := 0.0
	for i := 0; i < n; i++ {
		s += c[i][i] + c[n-1][i]
	}
	return int(s * 1000)
}

func main() {
	fmt.Println(run(350))
}
