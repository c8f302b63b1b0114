package main

import "fmt"

func send(vals []int, out chan int) {
	for _, v := range vals {
		out <- v
	}
	close(out)
}

// merge two channels, disabling each one by setting it to nil once closed
func merge(a, b chan int, out chan int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		}
	}
	close(out)
}

func main() {
	var nilc chan int
	ready := make(chan int, 1)
	ready <- 3
	// The nil receive case is never chosen.
	select {
	case v := <-nilc:
		fmt.Println("impossible", v)
	case v := <-ready:
		fmt.Println("ready", v)
	}

	// A nil send case is never chosen either; with a default it falls through.
	select {
	case nilc <- 1:
		fmt.Println("impossible")
	default:
		fmt.Println("nil send skipped")
	}

	// Toggling cases on and off with nil channels.
	in := make(chan int, 10)
	var out chan int
	buffer := make(chan int, 10)
	for i := 1; i <= 5; i++ {
		in <- i
	}
	close(in)
	pending := []int{}
	inC := in
	for inC != nil || len(pending) > 0 {
		var first int
		if len(pending) > 0 {
			out = buffer
			first = pending[0]
		} else {
			out = nil
		}
		select {
		case v, ok := <-inC:
			if !ok {
				inC = nil
				continue
			}
			pending = append(pending, v*v)
		case out <- first:
			pending = pending[1:]
		}
	}
	close(buffer)
	sum := 0
	for v := range buffer {
		sum += v
	}
	fmt.Println("sum of squares", sum)

	a := make(chan int)
	b := make(chan int)
	m := make(chan int)
	go send([]int{1, 2, 3, 4}, a)
	go send([]int{10, 20, 30}, b)
	go merge(a, b, m)
	total, n := 0, 0
	for v := range m {
		total += v
		n++
	}
	fmt.Println("merged", n, "values, total", total)

	// A select on nil channels only plus default.
	var x, y chan string
	select {
	case s := <-x:
		fmt.Println(s)
	case y <- "no":
	default:
		fmt.Println("all nil: default")
	}
}
