package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan string)
	turn := make(chan bool)

	// The sender makes exactly one channel ready at a time, so the select
	// outcome is deterministic.
	go func() {
		for i := 0; i < 6; i++ {
			<-turn
			if i%3 == 0 {
				b <- fmt.Sprint("msg", i)
			} else {
				a <- i
			}
		}
	}()
	for i := 0; i < 6; i++ {
		turn <- true
		select {
		case v := <-a:
			fmt.Println("a:", v)
		case s := <-b:
			fmt.Println("b:", s)
		}
	}

	// A single-case select behaves like a plain receive.
	c := make(chan int)
	go func() { c <- 5 }()
	select {
	case v := <-c:
		fmt.Println("single case", v)
	}

	// Receive with ok from a closed channel in a select.
	d := make(chan int)
	close(d)
	select {
	case v, ok := <-d:
		fmt.Println("closed in select", v, ok)
	}

	// A receive case whose value is ignored, and assignment to existing vars.
	e := make(chan int, 1)
	e <- 1
	select {
	case <-e:
		fmt.Println("discarded receive")
	}
	var x int
	var ok bool
	e <- 77
	select {
	case x, ok = <-e:
	}
	fmt.Println("assigned", x, ok)

	// A select blocks until the goroutine makes one case ready.
	never := make(chan int)
	late := make(chan string)
	go func() {
		late <- "late arrival"
	}()
	select {
	case <-never:
		fmt.Println("impossible")
	case s := <-late:
		fmt.Println(s)
	}
}
