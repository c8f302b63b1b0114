// reject: go
package main

import "fmt"

func main() {
	a := []int{1}
	b := []int{2, 3}
	a = append(a, 0, b...)
	fmt.Println(a)
}
