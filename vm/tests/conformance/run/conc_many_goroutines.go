package main

import "fmt"

func main() {
	// 4000 goroutines, each sending one result on a shared channel.
	const n = 4000
	results := make(chan int)
	for i := 0; i < n; i++ {
		go func(k int) {
			results <- k % 97
		}(i)
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	fmt.Println("sum", sum)

	// 1000 goroutines all blocked on one channel, then released one by one.
	gate := make(chan int)
	back := make(chan int, 1000)
	for i := 0; i < 1000; i++ {
		go func() {
			v := <-gate
			back <- v * 2
		}()
	}
	for i := 0; i < 1000; i++ {
		gate <- i
	}
	total := 0
	for i := 0; i < 1000; i++ {
		total += <-back
	}
	fmt.Println("total", total)

	// Spawning in waves: each wave's goroutines finish before the next starts.
	done := make(chan bool)
	count := 0
	for wave := 0; wave < 20; wave++ {
		for i := 0; i < 50; i++ {
			go func() { done <- true }()
		}
		for i := 0; i < 50; i++ {
			<-done
			count++
		}
	}
	fmt.Println("waves done", count)
}
