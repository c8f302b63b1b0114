// reject: go
package main

import "fmt"

func main() {
	var a uint = 1
	var b int = 2
	fmt.Println(a + b)
}
