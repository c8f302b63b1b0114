package main

import "fmt"

func get(s []string, i int) string { return s[i] }

func main() {
	s := []string{"a", "b"}
	fmt.Println(get(s, 1))
	fmt.Println(get(s, -1))
}
