// reject: go
package main

import "fmt"

func main() {
	a := []int{1}
	b := []int{1}
	fmt.Println(a == b)
}
