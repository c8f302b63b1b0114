package main

import "fmt"

// The producer forgets to close the channel: the range loop in main consumes
// every value and then blocks forever.

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			ch <- i * i
		}
	}()
	for v := range ch {
		fmt.Println("got", v)
	}
	fmt.Println("unreachable")
}
