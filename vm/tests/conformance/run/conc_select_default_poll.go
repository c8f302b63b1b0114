package main

import "fmt"

// Busy polling with select/default: main never blocks, so the goroutines can
// only make progress if the scheduler preempts (or otherwise runs them while)
// main spins. The output does not depend on how many polls it takes.

func main() {
	// Poll for a result computed by a goroutine.
	res := make(chan int)
	go func() {
		s := 0
		for i := 1; i <= 1000; i++ {
			s += i
		}
		res <- s
	}()
	polls := 0
	got := 0
	for done := false; !done; {
		select {
		case v := <-res:
			got = v
			done = true
		default:
			polls++
		}
	}
	fmt.Println("result", got, polls >= 0)

	// Retry a non-blocking send until a receiver is waiting.
	w := make(chan int)
	back := make(chan int)
	go func() {
		back <- 2 * <-w
	}()
	for sent := false; !sent; {
		select {
		case w <- 21:
			sent = true
		default:
		}
	}
	fmt.Println("doubled", <-back)

	// Poll several goroutines' flags through a buffered channel.
	flags := make(chan int, 4)
	for i := 0; i < 4; i++ {
		go func(id int) {
			x := 0
			for k := 0; k < 10000; k++ {
				x += k % (id + 2)
			}
			flags <- x
		}(i)
	}
	seen := 0
	sum := 0
	for seen < 4 {
		select {
		case v := <-flags:
			seen++
			sum += v
		default:
		}
	}
	fmt.Println("flags", seen, sum)
}
