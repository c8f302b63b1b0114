// reject: subset
package main

import "fmt"

func main() {
	var p struct{ X, Y int }
	p.X = 1
	fmt.Println(p)
}
