// reject: go
package main

import "fmt"

func add(a, b int) int { return a + b }

func main() {
	xs := []int{1, 2}
	fmt.Println(add(xs...))
}
