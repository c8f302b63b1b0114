// reject: go
package main

import "fmt"

func main() {
	var n int
	n = "hello"
	fmt.Println(n)
}
