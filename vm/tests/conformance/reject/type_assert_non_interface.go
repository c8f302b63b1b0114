// reject: go
package main

import "fmt"

func main() {
	x := 5
	n, ok := x.(int)
	fmt.Println(n, ok)
}
