package main

import "fmt"

func main() {
	var a [4]int
	for i := 0; i <= 4; i++ {
		a[i] = i
		fmt.Println("set", i)
	}
}
