package main

import "fmt"

type Msg struct {
	ID   int
	Body string
}

func main() {
	ch := make(chan int, 5)
	for i := 1; i <= 4; i++ {
		ch <- i * 10
	}
	close(ch)
	fmt.Println("len after close", len(ch), "cap", cap(ch))
	for i := 0; i < 6; i++ {
		v, ok := <-ch
		fmt.Println(v, ok, len(ch))
	}

	// close by a goroutine while values are still buffered
	m := make(chan Msg, 3)
	done := make(chan bool)
	go func() {
		m <- Msg{1, "one"}
		m <- Msg{2, "two"}
		m <- Msg{3, "three"}
		close(m)
		done <- true
	}()
	<-done
	for msg := range m {
		fmt.Println(msg.ID, msg.Body)
	}
	last, ok := <-m
	fmt.Println(last, ok)

	// a blocked sender's value is still delivered before the close is seen
	s := make(chan string, 1)
	go func() {
		s <- "first"
		s <- "second" // blocks until main receives "first"
		close(s)
	}()
	for w := range s {
		fmt.Println("word", w)
	}
}
