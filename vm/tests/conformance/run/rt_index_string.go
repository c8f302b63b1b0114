package main

import "fmt"

func main() {
	s := "hello"
	n := 10
	fmt.Println(s[1])
	fmt.Println(s[n])
}
