// reject: go
package main

import "fmt"

func main() {
	var a [-1]int
	fmt.Println(len(a))
}
