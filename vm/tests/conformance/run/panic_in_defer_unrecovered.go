package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("deferred function panics")
		panic("panic in defer")
	}()
	fmt.Println("normal body")
}
