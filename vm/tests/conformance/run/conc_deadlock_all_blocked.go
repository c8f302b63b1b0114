package main

import "fmt"

// Every goroutine ends up blocked: a worker waits on a channel nobody sends on,
// another waits to send to nobody, and main waits for them to finish.

func main() {
	done := make(chan bool)
	never := make(chan int)
	unread := make(chan string)
	started := make(chan string)

	go func() {
		started <- "receiver"
		<-never
		done <- true
	}()
	go func() {
		started <- "sender"
		unread <- "nobody reads this"
		done <- true
	}()
	names := map[string]bool{}
	names[<-started] = true
	names[<-started] = true
	fmt.Println("started:", names)
	<-done
	fmt.Println("unreachable")
}
