package main

import "fmt"

type Named interface{ Name() string }
type T struct{}

func main() {
	var x interface{} = T{}
	fmt.Println("asserting")
	n := x.(Named)
	fmt.Println(n)
}
