package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("waiting for a value nobody sends")
	defer fmt.Println("deferred: never printed on deadlock")
	v := <-ch
	fmt.Println("unreachable", v)
}
