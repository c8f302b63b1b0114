package main

import "fmt"

// Unbounded recursion: Go's fatal "stack overflow" error, exit status 2.
func depth(n int) int {
	return depth(n+1) + 1
}

func main() {
	fmt.Println("start")
	fmt.Println(depth(0))
}
