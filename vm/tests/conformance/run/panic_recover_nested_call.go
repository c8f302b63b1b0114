package main

import "fmt"

func helper() {
	// recover only works when called directly by the deferred function
	r := recover()
	fmt.Println("helper recover returned", r)
}

func main() {
	defer func() {
		helper()
	}()
	fmt.Println("panicking")
	panic("not recovered by nested call")
}
