package main

import "fmt"

func main() {
	ch := make(chan int, 4)
	fmt.Println("empty:", len(ch), cap(ch))
	ch <- 1
	ch <- 2
	fmt.Println("two:", len(ch), cap(ch))
	ch <- 3
	ch <- 4
	fmt.Println("full:", len(ch), cap(ch))
	fmt.Println(<-ch, <-ch)
	fmt.Println("after two receives:", len(ch))
	ch <- 5
	ch <- 6
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()

	// A buffered channel does not block the sender until it is full.
	strs := make(chan string, 3)
	strs <- "a"
	strs <- "b"
	strs <- "c"
	fmt.Println(<-strs + <-strs + <-strs)

	// A producer fills the buffer then blocks; FIFO order is kept through it.
	big := make(chan int, 3)
	done := make(chan bool)
	go func() {
		for i := 0; i < 10; i++ {
			big <- i
		}
		done <- true
	}()
	got := []int{}
	for i := 0; i < 10; i++ {
		got = append(got, <-big)
	}
	<-done
	fmt.Println(got)

	// len reflects values put there by another goroutine after synchronising.
	buf := make(chan int, 10)
	go func() {
		buf <- 1
		buf <- 2
		buf <- 3
		done <- true
	}()
	<-done
	fmt.Println("len after producer:", len(buf), "cap:", cap(buf))

	// unbuffered and nil channels
	u := make(chan int)
	var n chan int
	fmt.Println("unbuffered:", len(u), cap(u), "nil:", len(n), cap(n), n == nil)
	z := make(chan int, 0)
	fmt.Println("make with 0:", cap(z))

	// capacity 1 used alternately
	one := make(chan string, 1)
	for _, w := range []string{"x", "y", "z"} {
		one <- w
		fmt.Print(len(one), <-one, len(one), " ")
	}
	fmt.Println()
}
