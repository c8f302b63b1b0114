package main

import "fmt"

// A goroutine loops forever on local state and never blocks. main must still
// be able to run and finish; the program ends when main returns. Only main prints.

func spin(seed int) {
	x := seed
	for {
		x = x*1103515245 + 12345
		if x == seed-1 {
			break // practically never
		}
	}
	fmt.Println("spinner stopped", x)
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	go spin(1)
	go spin(2)
	go func() {
		n := 0
		for {
			n++
		}
	}()
	total := 0
	for i := 0; i < 20; i++ {
		total += fib(i)
	}
	fmt.Println("main computed", total)

	// main can still use channels with other goroutines while spinners run
	c := make(chan int)
	go func() {
		c <- fib(20)
	}()
	fmt.Println("fib(20) =", <-c)
	fmt.Println("main returns")
}
