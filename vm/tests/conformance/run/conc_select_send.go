package main

import "fmt"

// The Go tour's Fibonacci generator: send cases until quit is closed.
func fibonacci(c chan int, quit chan bool, done chan string) {
	x, y := 0, 1
	for {
		select {
		case c <- x:
			x, y = y, x+y
		case <-quit:
			done <- "generator quit"
			return
		}
	}
}

func main() {
	c := make(chan int)
	quit := make(chan bool)
	done := make(chan string)
	go fibonacci(c, quit, done)
	for i := 0; i < 12; i++ {
		fmt.Print(<-c, " ")
	}
	fmt.Println()
	close(quit)
	fmt.Println(<-done)

	// A send case into a buffered channel with room is ready at once.
	b := make(chan int, 2)
	for i := 0; i < 2; i++ {
		select {
		case b <- i + 40:
			fmt.Println("sent", i+40, "len", len(b))
		}
	}
	fmt.Println(<-b, <-b)

	// Send and receive cases in one select: only one is ready each time
	// (out is kept full while in holds a value, and in is empty while out has room).
	in := make(chan int, 1)
	out := make(chan int, 1)
	out <- -1
	pending := 0
	for step := 0; step < 4; step++ {
		if step%2 == 0 {
			in <- step
		} else {
			fmt.Println("step", step, "drained", <-out)
		}
		select {
		case v := <-in:
			pending = v
			fmt.Println("step", step, "received", v)
		case out <- pending*10 + 1:
			fmt.Println("step", step, "sent", pending*10+1)
		}
	}
	fmt.Println("out holds", <-out)

	// A select sending to whichever consumer is ready, then the consumer
	// reports. Only one consumer listens at a time.
	x := make(chan string)
	y := make(chan string)
	ack := make(chan string)
	go func() {
		ack <- "x got " + <-x
		ack <- "y got " + <-y
	}()
	for _, word := range []string{"first", "second"} {
		select {
		case x <- word:
		case y <- word:
		}
		fmt.Println(<-ack)
	}
}
