// pingpong: two goroutines bounce a counter back and forth over a pair of
// unbuffered channels.
//
// Stresses: unbuffered channel rendezvous and goroutine switching; every
// message blocks one side and wakes the other, so nearly all the time goes to
// the send/receive handoff and the scheduler. Each side transforms the value
// (a different LCG step) so the checksum depends on every hop in order.
//
// run(n) does n round trips (2n channel messages) and returns the sum of the
// values the ping side received back.
package main

import "fmt"

func ping(n int, out chan<- int, in <-chan int, result chan<- int) {
	v := 1
	sum := 0
	for i := 0; i < n; i++ {
		out <- v
		v = <-in
		sum += v
		v = (v*1103515245 + 12345) & 0x7fffffff
	}
	close(out)
	result <- sum
}

func pong(in <-chan int, out chan<- int) {
	for v := range in {
		out <- (v*69069 + 1) & 0xffffff
	}
}

func run(n int) int {
	a := make(chan int)
	b := make(chan int)
	result := make(chan int)
	go pong(a, b)
	go ping(n, a, b, result)
	return <-result
}

func main() {
	fmt.Println(run(80000))
}
