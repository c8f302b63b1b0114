package main

import "fmt"

func noResult() {
	fmt.Println("noResult body")
	return
}

func naked(x int) (double, square int) {
	double = x * 2
	square = x * x
	return
}

func shadowed(x int) (r int) {
	r = 1
	{
		r := 100
		_ = r
	}
	return
}

func early(xs []int) (idx int, found bool) {
	for i, x := range xs {
		if x < 0 {
			return i, true
		}
	}
	return -1, false
}

func overrideNamed() (n int) {
	n = 5
	return 10
}

func recurse(n int) (count int) {
	if n == 0 {
		return
	}
	count = 1 + recurse(n-1)
	return
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	default:
		return 0
	}
}

func forever(limit int) int {
	i := 0
	for {
		i++
		if i*i > limit {
			return i
		}
	}
}

func main() {
	noResult()
	fmt.Println(naked(7))
	fmt.Println(shadowed(0))
	fmt.Println(early([]int{3, 4, -1, 5}))
	fmt.Println(early(nil))
	fmt.Println(overrideNamed())
	fmt.Println(recurse(10))
	fmt.Println(abs(-3), abs(3), sign(-9), sign(0), sign(4))
	fmt.Println(forever(50))
}
