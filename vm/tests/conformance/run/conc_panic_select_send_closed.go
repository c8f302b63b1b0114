package main

import "fmt"

func main() {
	c := make(chan int, 1)
	close(c)
	// A send case on a closed channel panics when it is selected; a select
	// with a ready closed send case never picks the default.
	defer fmt.Println("deferred before the crash")
	select {
	case c <- 1:
		fmt.Println("unreachable")
	default:
		fmt.Println("unreachable default")
	}
}
