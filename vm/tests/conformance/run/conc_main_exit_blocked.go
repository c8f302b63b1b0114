package main

import "fmt"

// main returns while other goroutines are still blocked (on receive, send,
// select and a nil channel) or runnable: this is a normal exit, not a deadlock.

func main() {
	never := make(chan int)
	unread := make(chan int)
	started := make(chan bool)
	var nilc chan bool

	go func() {
		started <- true
		<-never
		fmt.Println("unreachable 1")
	}()
	go func() {
		started <- true
		unread <- 1
		fmt.Println("unreachable 2")
	}()
	go func() {
		started <- true
		select {
		case <-never:
		case unread <- 2:
		}
		fmt.Println("unreachable 3")
	}()
	go func() {
		started <- true
		<-nilc
		fmt.Println("unreachable 4")
	}()
	for i := 0; i < 4; i++ {
		<-started
	}
	// goroutines that have not started running yet
	for i := 0; i < 10; i++ {
		go func() {
			<-never
		}()
	}
	fmt.Println("main returns with blocked goroutines")
}
