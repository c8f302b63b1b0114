package main

import (
	"fmt"
	"strconv"
)

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func filter(in <-chan int, keep func(int) bool) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			if keep(n) {
				out <- n
			}
		}
		close(out)
	}()
	return out
}

func toString(in <-chan int) <-chan string {
	out := make(chan string, 2)
	go func() {
		for n := range in {
			out <- "<" + strconv.Itoa(n) + ">"
		}
		close(out)
	}()
	return out
}

type Stage func(<-chan int) <-chan int

func addN(k int) Stage {
	return func(in <-chan int) <-chan int {
		out := make(chan int)
		go func() {
			for n := range in {
				out <- n + k
			}
			close(out)
		}()
		return out
	}
}

func main() {
	// a linear pipeline: order is preserved through every stage
	for s := range toString(filter(sq(gen(1, 2, 3, 4, 5, 6, 7, 8)), func(n int) bool { return n%2 == 0 })) {
		fmt.Print(s, " ")
	}
	fmt.Println()

	// sq of sq
	for n := range sq(sq(gen(1, 2, 3))) {
		fmt.Print(n, " ")
	}
	fmt.Println()

	// a pipeline built from a slice of stages
	stages := []Stage{addN(1), sq, addN(-1), sq}
	var c <-chan int = gen(0, 1, 2, 3)
	for _, st := range stages {
		c = st(c)
	}
	for n := range c {
		fmt.Print(n, " ")
	}
	fmt.Println()

	// a long chain of 200 stages
	var d <-chan int = gen(0, 1000)
	for i := 0; i < 200; i++ {
		d = addN(1)(d)
	}
	fmt.Println(<-d, <-d)
	_, ok := <-d
	fmt.Println("closed at end:", !ok)
}
