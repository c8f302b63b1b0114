package main

import "fmt"

func inner() {
	defer fmt.Println("inner defer runs")
	panic("fatal problem")
}

func outer() {
	defer fmt.Println("outer defer runs")
	inner()
}

func main() {
	defer fmt.Println("main defer runs")
	fmt.Println("start")
	outer()
	fmt.Println("not reached")
}
