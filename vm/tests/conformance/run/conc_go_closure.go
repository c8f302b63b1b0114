package main

import "fmt"

func main() {
	done := make(chan bool)

	// A closure goroutine sees the variables it captures; the write it makes is
	// visible to main after the receive.
	x := 10
	go func() {
		x = x * 3
		done <- true
	}()
	<-done
	fmt.Println("x =", x)

	// A closure with parameters: each goroutine gets its own copy of i.
	results := make(chan int, 5)
	for i := 0; i < 5; i++ {
		go func(k int) {
			results <- k * k
		}(i)
	}
	total := 0
	for i := 0; i < 5; i++ {
		total += <-results
	}
	fmt.Println("total", total)

	// Captured slice: each goroutine writes its own element.
	squares := make([]int, 8)
	for i := 0; i < 8; i++ {
		go func(k int) {
			squares[k] = k * k
			done <- true
		}(i)
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	fmt.Println(squares)

	// A closure returned by a function, started as a goroutine.
	counter := makeCounter()
	for i := 0; i < 3; i++ {
		go func() {
			fmt.Println("count", counter())
			done <- true
		}()
		<-done
	}

	// Captured map, updated by goroutines one after another (token passing).
	m := map[string]int{}
	token := make(chan bool, 1)
	token <- true
	names := []string{"a", "b", "c", "a", "b", "a"}
	for _, n := range names {
		go func(name string) {
			<-token
			m[name]++
			token <- true
			done <- true
		}(n)
	}
	for range names {
		<-done
	}
	fmt.Println(m)

	// Nested closures in a goroutine.
	go func() {
		add := func(a int) func(int) int {
			return func(b int) int { return a + b }
		}
		fmt.Println("nested", add(4)(5))
		done <- true
	}()
	<-done
}

func makeCounter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}
