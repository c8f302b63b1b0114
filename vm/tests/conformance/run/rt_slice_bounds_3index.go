package main

import "fmt"

func main() {
	s := make([]int, 2, 4)
	max := 6
	fmt.Println(s[0:2:4])
	fmt.Println(s[0:2:max])
}
