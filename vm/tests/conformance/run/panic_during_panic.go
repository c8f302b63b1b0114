package main

import "fmt"

func main() {
	defer fmt.Println("outermost defer still runs")
	defer func() {
		panic("second")
	}()
	panic("first")
}
