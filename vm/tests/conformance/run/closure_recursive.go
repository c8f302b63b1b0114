package main

import "fmt"

func main() {
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println(fib(20))

	memo := map[int]int{}
	var mfib func(int) int
	mfib = func(n int) int {
		if n < 2 {
			return n
		}
		if v, ok := memo[n]; ok {
			return v
		}
		v := mfib(n-1) + mfib(n-2)
		memo[n] = v
		return v
	}
	fmt.Println(mfib(90), len(memo))

	var isEven, isOdd func(int) bool
	isEven = func(n int) bool {
		if n == 0 {
			return true
		}
		return isOdd(n - 1)
	}
	isOdd = func(n int) bool {
		if n == 0 {
			return false
		}
		return isEven(n - 1)
	}
	fmt.Println(isEven(10), isOdd(7), isEven(7))

	var walk func(depth int) int
	walk = func(depth int) int {
		if depth == 0 {
			return 1
		}
		return walk(depth-1) + walk(depth-1)
	}
	fmt.Println(walk(10))
}
