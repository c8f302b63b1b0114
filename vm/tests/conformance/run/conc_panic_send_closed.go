package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 1
	close(ch)
	fmt.Println("closed, buffered value still there:", <-ch)
	ch <- 2
	fmt.Println("unreachable")
}
