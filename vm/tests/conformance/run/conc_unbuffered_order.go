package main

import "fmt"

func main() {
	ping := make(chan int)
	pong := make(chan int)

	// Strict alternation: each side prints only while the other waits.
	go func() {
		for {
			v := <-ping
			if v < 0 {
				pong <- -1
				return
			}
			fmt.Println("  pong got", v)
			pong <- v + 1
		}
	}()
	v := 0
	for i := 0; i < 4; i++ {
		fmt.Println("ping sends", v)
		ping <- v
		v = <-pong
		fmt.Println("ping got back", v)
	}
	ping <- -1
	fmt.Println("stopped", <-pong)

	// Values from a single sender arrive in the order sent.
	ch := make(chan int)
	go func() {
		for i := 1; i <= 6; i++ {
			ch <- i * 11
		}
		close(ch)
	}()
	for x := range ch {
		fmt.Print(x, " ")
	}
	fmt.Println()

	// An unbuffered receive completes only after a sender arrives: the sender's
	// writes before the send are visible after the receive.
	shared := 0
	ready := make(chan bool)
	go func() {
		shared = 42
		ready <- true
	}()
	<-ready
	fmt.Println("shared", shared)

	// The receive happens before the send completes: the receiver's writes made
	// before its receive are visible to the sender after the send.
	shared2 := 0
	sync := make(chan int)
	go func() {
		shared2 = 7
		<-sync
	}()
	sync <- 1
	fmt.Println("shared2", shared2)

	fmt.Println("len", len(ch), "cap", cap(ch))
}
