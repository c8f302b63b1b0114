package main

import "fmt"

// An unrecovered panic in a goroutine ends the whole program with status 2.
// The goroutine's own deferred calls run first; main's do not, and main's
// recover cannot catch another goroutine's panic.

func worker(in chan int, done chan bool) {
	defer fmt.Println("worker deferred call runs")
	for v := range in {
		fmt.Println("worker got", v)
		if v == 3 {
			panic(fmt.Sprintf("worker failed on %d", v))
		}
		done <- true
	}
}

func main() {
	defer func() {
		r := recover()
		fmt.Println("main recovered (never printed)", r)
	}()
	in := make(chan int)
	done := make(chan bool)
	go worker(in, done)
	for i := 1; i <= 3; i++ {
		fmt.Println("main sends", i)
		in <- i
		if i < 3 {
			<-done
		}
	}
	<-done // blocks; the worker's panic ends the program
	fmt.Println("unreachable")
}
