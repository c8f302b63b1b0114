// primesieve: the classic concurrent prime sieve (Go's doc/play/sieve.go): a
// generator goroutine feeds 2, 3, 4, ... into a daisy chain of filter
// goroutines, one per prime found so far.
//
// Stresses: a long chain of goroutines talking over unbuffered channels (the
// k-th prime passes through k-1 filters), goroutine creation, and the modulo
// in every filter. Unlike the original it shuts down cleanly: once n primes
// are found, main closes quit; the generator (the only goroutine that selects,
// with a non-blocking check before each send) stops and closes its output,
// every filter ranges to the end of its input and closes its own output, and
// main drains the last channel, so no goroutine outlives run.
//
// run(n) returns the sum of the first n primes.
package main

import "fmt"

func generate(ch chan<- int, quit <-chan bool) {
	for i := 2; ; i++ {
		// Non-blocking check first, so shutdown does not depend on which
		// ready case a select picks.
		select {
		case <-quit:
			close(ch)
			return
		default:
		}
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for i := range in {
		if i%prime != 0 {
			out <- i
		}
	}
	close(out)
}

func run(n int) int {
	quit := make(chan bool)
	ch := make(chan int)
	go generate(ch, quit)
	sum := 0
	for i := 0; i < n; i++ {
		prime := <-ch
		sum += prime
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	close(quit)
	for range ch {
	}
	return sum
}

func main() {
	fmt.Println(run(500))
}
