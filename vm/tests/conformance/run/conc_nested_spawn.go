package main

import "fmt"

// Goroutines that start goroutines: a parallel divide-and-conquer sum and a
// tree of spawns reporting their depth.

func psum(xs []int, out chan<- int) {
	if len(xs) <= 4 {
		s := 0
		for _, x := range xs {
			s += x
		}
		out <- s
		return
	}
	mid := len(xs) / 2
	left := make(chan int)
	right := make(chan int)
	go psum(xs[:mid], left)
	go psum(xs[mid:], right)
	out <- <-left + <-right
}

func spawnTree(depth int, report chan<- int) {
	if depth == 0 {
		report <- 1
		return
	}
	sub := make(chan int)
	for i := 0; i < 3; i++ {
		go spawnTree(depth-1, sub)
	}
	total := 0
	for i := 0; i < 3; i++ {
		total += <-sub
	}
	report <- total
}

func pfib(n int) int {
	if n < 12 {
		return fib(n)
	}
	c := make(chan int, 2)
	go func() { c <- pfib(n - 1) }()
	go func() { c <- pfib(n - 2) }()
	return <-c + <-c
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	xs := make([]int, 1000)
	for i := range xs {
		xs[i] = i * 3 % 17
	}
	out := make(chan int)
	go psum(xs, out)
	fmt.Println("parallel sum", <-out)
	s := 0
	for _, x := range xs {
		s += x
	}
	fmt.Println("serial sum  ", s)

	report := make(chan int)
	go spawnTree(5, report)
	fmt.Println("leaves", <-report)

	fmt.Println("pfib(18) =", pfib(18))
}
