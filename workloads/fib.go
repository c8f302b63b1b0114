// fib: naive doubly recursive Fibonacci.
//
// Stresses: function call and return overhead, integer compare and add; almost
// nothing else. The classic call benchmark (AWFY's Fibonacci uses the same
// recursion, with a different base case).
//
// run(n) returns fib(n) with fib(0) = 0, fib(1) = 1.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func run(n int) int {
	return fib(n)
}

func main() {
	fmt.Println(run(33))
}
