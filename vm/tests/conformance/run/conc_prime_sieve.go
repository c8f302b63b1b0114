package main

import "fmt"

// The classic concurrent prime sieve (from the Go distribution's examples).

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	primes := []int{}
	for i := 0; i < 50; i++ {
		prime := <-ch
		primes = append(primes, prime)
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println(primes)
	fmt.Println("the 50th prime is", primes[49])

	// A terminating variant: the generator stops at a limit and every filter
	// closes its output, so the whole chain shuts down.
	src := make(chan int)
	go func() {
		for i := 2; i <= 200; i++ {
			src <- i
		}
		close(src)
	}()
	var in <-chan int = src
	count, sum := 0, 0
	for {
		p, ok := <-in
		if !ok {
			break
		}
		count++
		sum += p
		out := make(chan int)
		go func(in <-chan int, out chan<- int, p int) {
			for v := range in {
				if v%p != 0 {
					out <- v
				}
			}
			close(out)
		}(in, out, p)
		in = out
	}
	fmt.Println("primes up to 200:", count, "sum", sum)
}
