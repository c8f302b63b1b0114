package main

import "fmt"

func worker(id int, log chan<- string, done chan<- int) {
	defer func() { done <- id }()
	defer func() { log <- fmt.Sprint("worker ", id, " deferred 2") }()
	defer func() { log <- fmt.Sprint("worker ", id, " deferred 1") }()
	log <- fmt.Sprint("worker ", id, " body")
}

type Resource struct {
	name   string
	closed bool
}

func (r *Resource) Close(log chan<- string) {
	r.closed = true
	log <- "closed " + r.name
}

func useResources(log chan<- string, finished chan<- bool) {
	a := &Resource{name: "A"}
	defer a.Close(log)
	b := &Resource{name: "B"}
	defer b.Close(log)
	for i := 0; i < 3; i++ {
		defer func(k int) { log <- fmt.Sprint("loop defer ", k) }(i)
	}
	log <- "using resources"
	finished <- true
}

func main() {
	log := make(chan string)
	done := make(chan int)

	// Defers in a goroutine run in LIFO order when it returns. Printing happens
	// in main only, in the order the single goroutine sends.
	go worker(1, log, done)
	for i := 0; i < 3; i++ {
		fmt.Println(<-log)
	}
	fmt.Println("done", <-done)

	// Deferred method calls and loop defers, with args evaluated at defer time.
	fin := make(chan bool, 1)
	go func() {
		useResources(log, fin)
		close(log)
	}()
	for s := range log {
		fmt.Println(s)
	}
	<-fin

	// Deferred calls run when a goroutine ends by returning from a nested call,
	// and a deferred close signals completion.
	results := make(chan int, 10)
	go func() {
		defer close(results)
		for i := 1; i <= 4; i++ {
			results <- i * 10
		}
	}()
	sum := 0
	for v := range results {
		sum += v
	}
	fmt.Println("sum", sum)

	// Defers run during a recovered panic in a goroutine.
	out := make(chan string, 10)
	go func() {
		defer close(out)
		defer func() {
			out <- fmt.Sprint("recovered: ", recover())
		}()
		defer func() { out <- "deferred before panic" }()
		out <- "about to panic"
		panic("goroutine panic")
	}()
	for s := range out {
		fmt.Println(s)
	}
}
