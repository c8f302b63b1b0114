package main

import "fmt"

var a = b + c
var b = f("b", 2)
var c = f("c", 3)
var d = total()

var table = []int{b, c, a}

func f(name string, v int) int {
	fmt.Println("init", name)
	return v
}

func total() int {
	s := 0
	for _, v := range table {
		s += v
	}
	return s
}

func main() {
	fmt.Println(a, b, c, d, table)
}
