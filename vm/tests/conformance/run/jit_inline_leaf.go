// Small leaf functions that an optimizing JIT may inline at their call sites: integer
// and float arithmetic, conversions and comparisons in one straight line, called from
// loops (with the budget running out mid-loop while goroutines take turns) and with
// results used as floats and ints.
package main

import "fmt"

func evalA(i, j int) float64 {
	return 1.0 / float64((i+j)*(i+j+1)/2+i+1)
}

func mix(a, b int) int {
	x := a*31 + b
	y := x ^ (x >> 3)
	return y & 0xffff
}

func less(a, b float64) bool {
	return a < b
}

func pair(a, b int) (int, int) {
	return a + b, a - b
}

func worker(id int, n int, out chan float64) {
	s := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < 50; j++ {
			s += evalA(i+id, j)
		}
	}
	out <- s
}

func main() {
	s := 0.0
	h := 0
	c := 0
	for i := 0; i < 300; i++ {
		for j := 0; j < 300; j++ {
			s += evalA(i, j)
			h = mix(h, i*j)
			if less(evalA(j, i), 0.001) {
				c++
			}
		}
	}
	p, q := pair(h, c)
	fmt.Printf("%.9f %d %d %d %d\n", s, h, c, p, q)
	out := make(chan float64)
	for id := 0; id < 3; id++ {
		go worker(id, 200, out)
	}
	t := <-out + <-out + <-out
	fmt.Printf("%.6f\n", t)
}
