package main

import "fmt"

func describe(n int) {
	fmt.Print(n, ":")
	switch n {
	case 0:
		fmt.Print(" zero")
		fallthrough
	case 1:
		fmt.Print(" le-one")
		fallthrough
	case 2:
		fmt.Print(" le-two")
	case 3:
		fmt.Print(" three")
		fallthrough
	default:
		fmt.Print(" default")
	}
	fmt.Println()
}

func main() {
	for i := 0; i < 5; i++ {
		describe(i)
	}
	switch {
	case true:
		fmt.Println("first")
		fallthrough
	case false:
		fmt.Println("second (fallthrough ignores condition)")
	}
}
