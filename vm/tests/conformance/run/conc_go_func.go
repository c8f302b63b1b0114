package main

import "fmt"

func worker(id int, msg string, done chan bool) {
	fmt.Println("worker", id, msg)
	done <- true
}

func square(x int, out chan int) {
	out <- x * x
}

// compute's result is discarded by the go statement.
func compute(n int, out chan int) int {
	out <- n * 2
	return n
}

func noArgs(done chan bool) {
	fmt.Println("no args")
	done <- true
}

func main() {
	done := make(chan bool)
	go worker(1, "hello", done)
	<-done
	go worker(2, "world", done)
	<-done

	out := make(chan int)
	for i := 1; i <= 5; i++ {
		go square(i, out)
	}
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-out
	}
	fmt.Println("sum of squares", sum)

	f := worker
	go f(3, "via a func value", done)
	<-done

	go compute(21, out)
	fmt.Println("compute sent", <-out)

	go noArgs(done)
	<-done

	fs := []func(int, string, chan bool){worker, worker}
	for i, g := range fs {
		go g(10+i, "from a slice", done)
		<-done
	}
	fmt.Println("main done")
}
