package main

import "fmt"

func counter(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i
	}
	close(out)
}

func squarer(out chan<- int, in <-chan int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func printer(in <-chan int) int {
	sum := 0
	for v := range in {
		fmt.Print(v, " ")
		sum += v
	}
	fmt.Println()
	return sum
}

// A generator returns a receive-only channel.
func gen(vals ...int) <-chan int {
	out := make(chan int, len(vals))
	for _, v := range vals {
		out <- v
	}
	close(out)
	return out
}

// A function that takes a send-only channel and returns it unchanged.
func sink(c chan<- string) chan<- string {
	return c
}

type Pipe struct {
	in  chan<- int
	out <-chan int
}

func newPipe() Pipe {
	c := make(chan int, 2)
	return Pipe{in: c, out: c}
}

func main() {
	naturals := make(chan int)
	squares := make(chan int)
	go counter(naturals, 6)
	go squarer(squares, naturals)
	fmt.Println("sum", printer(squares))

	fmt.Println("gen sum", printer(gen(3, 1, 4, 1, 5)))

	// bidirectional converts implicitly to either direction
	c := make(chan string, 1)
	var sendOnly chan<- string = c
	var recvOnly <-chan string = c
	sink(sendOnly) <- "through send-only"
	fmt.Println(<-recvOnly)
	fmt.Println("len via directions", len(sendOnly), cap(recvOnly))

	p := newPipe()
	p.in <- 8
	p.in <- 9
	close(p.in)
	for v := range p.out {
		fmt.Println("pipe", v)
	}

	// v, ok on a receive-only channel
	r := gen()
	v, ok := <-r
	fmt.Println(v, ok)

	// a slice of send-only channels
	targets := make([]chan int, 3)
	outs := []chan<- int{}
	for i := range targets {
		targets[i] = make(chan int, 1)
		outs = append(outs, targets[i])
	}
	for i, o := range outs {
		o <- 10 * (i + 1)
	}
	for _, t := range targets {
		fmt.Print(<-t, " ")
	}
	fmt.Println()
}
