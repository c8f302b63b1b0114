package main

import "fmt"

func main() {
	var p *int
	x := 5
	q := &x
	fmt.Println(*q)
	fmt.Println(*p)
}
