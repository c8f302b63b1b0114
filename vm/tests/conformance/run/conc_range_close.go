package main

import "fmt"

func produce(n int, out chan int) {
	for i := 1; i <= n; i++ {
		out <- i
	}
	close(out)
}

func main() {
	ch := make(chan int)
	go produce(5, ch)
	sum := 0
	for v := range ch {
		fmt.Print(v, " ")
		sum += v
	}
	fmt.Println("sum", sum)

	// range over a buffered channel that was filled and closed before ranging
	b := make(chan string, 4)
	b <- "w"
	b <- "x"
	b <- "y"
	close(b)
	for s := range b {
		fmt.Print(s)
	}
	fmt.Println()

	// `for range ch` with no variable, counting
	c := make(chan int, 3)
	go produce(7, c)
	count := 0
	for range c {
		count++
	}
	fmt.Println("count", count)

	// range over an already closed, empty channel runs zero times
	e := make(chan int)
	close(e)
	n := 0
	for range e {
		n++
	}
	fmt.Println("empty", n)

	// break and continue inside a channel range
	d := make(chan int)
	go func() {
		for i := 0; i < 100; i++ {
			d <- i
		}
		close(d)
	}()
	odd := 0
	for v := range d {
		if v%2 == 0 {
			continue
		}
		if v > 15 {
			break
		}
		odd += v
	}
	fmt.Println("odd sum", odd)
	// drain the rest so the producer can finish
	rest := 0
	for range d {
		rest++
	}
	fmt.Println("rest", rest)

	// range assigning to an existing variable
	var last int
	f := make(chan int)
	go produce(3, f)
	for last = range f {
	}
	fmt.Println("last", last)
}
