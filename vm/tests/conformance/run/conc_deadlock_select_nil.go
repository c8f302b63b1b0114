package main

import "fmt"

// A select whose every case is on a nil channel (and no default) can never proceed.

func main() {
	var in chan int
	var out chan string
	worker := make(chan bool)
	go func() {
		select {
		case <-in:
		case out <- "x":
		}
		worker <- true
	}()
	fmt.Println("main waits for a worker stuck in a nil select")
	<-worker
}
