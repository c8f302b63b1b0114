package main

import "fmt"

func main() {
	done := make(chan bool)
	stop := make(chan int)
	go func() {
		close(stop)
		done <- true
	}()
	<-done
	_, ok := <-stop
	fmt.Println("stop closed by goroutine, ok =", ok)
	defer fmt.Println("deferred in main runs")
	close(stop)
}
