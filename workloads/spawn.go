// spawn: a goroutine spawn storm. Goroutines are started in waves of up to
// 1000; each computes a small value from its argument and sends it on a shared
// channel, and the spawner collects the wave before starting the next.
//
// Stresses: goroutine creation and teardown (stack allocation, closure
// capture of the argument, scheduling a fresh goroutine), and many senders
// contending on one unbuffered channel. The checksum is a sum, so the order in
// which the goroutines report does not matter.
//
// run(n) spawns n goroutines in total and returns the sum of their results.
package main

import "fmt"

func work(k int) int {
	x := k
	for i := 0; i < 8; i++ {
		x = (x*31 + i) % 1000003
	}
	return x
}

func run(n int) int {
	results := make(chan int)
	sum := 0
	for start := 0; start < n; start += 1000 {
		end := start + 1000
		if end > n {
			end = n
		}
		for k := start; k < end; k++ {
			go func(k int) {
				results <- work(k)
			}(k)
		}
		for k := start; k < end; k++ {
			sum += <-results
		}
	}
	return sum
}

func main() {
	fmt.Println(run(50000))
}
