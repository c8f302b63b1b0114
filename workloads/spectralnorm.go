// spectralnorm: the spectral norm of the infinite matrix A with
// a(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), by the power method, from the Computer
// Language Benchmarks Game (spectral-norm), without its goroutines.
//
// Stresses: float64 division and multiply-add, a tiny function (evalA) called
// in the innermost loop (call overhead versus inlining), int to float
// conversion, []float64 loads and stores, math.Sqrt.
//
// run(n) runs ten power iterations on the n x n section and returns the norm
// truncated to nine decimals, int(norm * 1e9) (1.274224153 for n = 5500 in
// the original; 1274219991 for n = 100).
package main

import (
	"fmt"
	"math"
)

func evalA(i int, j int) float64 {
	return 1.0 / float64((i+j)*(i+j+1)/2+i+1)
}

func multiplyAv(v []float64, av []float64) {
	for i := range av {
		a := 0.0
		for j := range v {
			a += evalA(i, j) * v[j]
		}
		av[i] = a
	}
}

func multiplyAtv(v []float64, atv []float64) {
	for i := range atv {
		a := 0.0
		for j := range v {
			a += evalA(j, i) * v[j]
		}
		atv[i] = a
	}
}

func multiplyAtAv(v []float64, out []float64, tmp []float64) {
	multiplyAv(v, tmp)
	multiplyAtv(tmp, out)
}

func run(n int) int {
	u := make([]float64, n)
	for i := range u {
		u[i] = 1.0
	}
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := 0; i < 10; i++ {
		multiplyAtAv(u, v, tmp)
		multiplyAtAv(v, u, tmp)
	}
	vBv := 0.0
	vv := 0.0
	for i := 0; i < n; i++ {
		vBv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	return int(math.Sqrt(vBv/vv) * 1e9)
}

func main() {
	fmt.Println(run(600))
}
