// tak: the Takeuchi function, Gabriel's classic call benchmark.
//
// Stresses: calls and returns with three int arguments and one result,
// deep non-tail recursion (each call makes three or four more), integer
// compare; no memory traffic. From the Gabriel benchmarks (Lisp), as in
// many language benchmark suites.
//
// run(n) evaluates tak(18+i%4, 12, 6) for i < n and returns the sum of
// the results (tak(18, 12, 6) = 7 takes 63609 calls).
package main

import "fmt"

func tak(x int, y int, z int) int {
	if y < x {
		return tak(tak(x-1, y, z), tak(y-1, z, x), tak(z-1, x, y))
	}
	return z
}

func run(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum = sum*3 + tak(18+i%4, 12, 6)
		sum &= 0xFFFFFFFFFF
	}
	return sum
}

func main() {
	fmt.Println(run(150))
}
