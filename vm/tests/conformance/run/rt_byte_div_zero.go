package main

import "fmt"

func main() {
	var a, b byte = 10, 0
	a /= b
	fmt.Println(a)
}
