package main

import "fmt"

func main() {
	zero := 0
	fmt.Println(7 % 3)
	fmt.Println(7 % zero)
}
