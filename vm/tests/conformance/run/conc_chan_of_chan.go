package main

import "fmt"

type Request struct {
	A, B  int
	Reply chan int
}

func server(reqs chan Request) {
	for r := range reqs {
		r.Reply <- r.A * r.B
	}
}

func main() {
	// request/response with a reply channel inside a struct
	reqs := make(chan Request)
	go server(reqs)
	for i := 1; i <= 4; i++ {
		reply := make(chan int)
		reqs <- Request{i, i + 1, reply}
		fmt.Println(i, "*", i+1, "=", <-reply)
	}
	close(reqs)

	// chan chan int: the client sends its own reply channel
	calls := make(chan chan int)
	go func() {
		n := 0
		for reply := range calls {
			n++
			reply <- n * 100
		}
	}()
	for i := 0; i < 3; i++ {
		r := make(chan int, 1)
		calls <- r
		fmt.Println("reply", <-r)
	}
	close(calls)

	// receive a channel, then receive from it: <-<-cc
	cc := make(chan chan string, 1)
	inner := make(chan string, 1)
	inner <- "nested value"
	cc <- inner
	fmt.Println(<-<-cc)

	// a goroutine hands back a fresh channel that it then feeds
	mk := make(chan chan int)
	go func() {
		c := make(chan int)
		mk <- c
		for i := 0; i < 3; i++ {
			c <- i * i
		}
		close(c)
	}()
	for v := range <-mk {
		fmt.Print(v, " ")
	}
	fmt.Println()

	// a chain of goroutines, each passing to the next (daisy chain)
	const n = 100
	leftmost := make(chan int)
	right := leftmost
	left := leftmost
	for i := 0; i < n; i++ {
		right = make(chan int)
		go func(l, r chan int) {
			l <- 1 + <-r
		}(left, right)
		left = right
	}
	go func(c chan int) { c <- 1 }(right)
	fmt.Println("daisy chain", <-leftmost)

	// a slice of channels
	chans := make([]chan int, 4)
	for i := range chans {
		chans[i] = make(chan int, 1)
		chans[i] <- i * 3
	}
	s := 0
	for _, c := range chans {
		s += <-c
	}
	fmt.Println("slice of channels", s)

	// a map of channels
	byName := map[string]chan string{}
	for _, name := range []string{"x", "y"} {
		byName[name] = make(chan string, 1)
	}
	byName["x"] <- "to x"
	byName["y"] <- "to y"
	fmt.Println(<-byName["y"], <-byName["x"])
}
