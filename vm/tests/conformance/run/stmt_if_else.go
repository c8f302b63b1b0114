package main

import "fmt"

func classify(n int) string {
	if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else if n < 10 {
		return "small"
	} else {
		return "large"
	}
}

func half(n int) (int, bool) {
	if n%2 != 0 {
		return 0, false
	}
	return n / 2, true
}

func main() {
	for _, n := range []int{-5, 0, 3, 42} {
		fmt.Println(n, classify(n))
	}
	if h, ok := half(10); ok {
		fmt.Println("half", h)
	} else {
		fmt.Println("odd", h)
	}
	if h, ok := half(7); ok {
		fmt.Println("half", h)
	} else {
		fmt.Println("odd", h, ok)
	}
	x := 5
	if x := x * 2; x > 8 {
		fmt.Println("inner x", x)
	}
	fmt.Println("outer x", x)
	if x > 3 && x < 10 {
		fmt.Println("in range")
	}
	if !(x == 5) {
		fmt.Println("never")
	} else {
		fmt.Println("x is 5")
	}
	b := x > 4
	if b {
		fmt.Println("b true")
	}
}
