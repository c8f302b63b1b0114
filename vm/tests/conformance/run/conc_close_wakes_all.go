package main

import "fmt"

func waiter(id int, gate chan int, ready chan bool, report chan int) {
	ready <- true
	v, ok := <-gate
	if ok {
		report <- -1
		return
	}
	report <- id*100 + v
}

func main() {
	gate := make(chan int)
	ready := make(chan bool)
	report := make(chan int)
	const n = 5
	for i := 1; i <= n; i++ {
		go waiter(i, gate, ready, report)
	}
	for i := 0; i < n; i++ {
		<-ready
	}
	close(gate) // wakes every waiter
	sum := 0
	seen := make([]bool, n+1)
	for i := 0; i < n; i++ {
		r := <-report
		sum += r
		if r > 0 {
			seen[r/100] = true
		}
	}
	fmt.Println("sum", sum)
	fmt.Println(seen[1:])

	// close as a broadcast to range loops in several goroutines
	jobs := make(chan int)
	counts := make(chan int)
	for w := 0; w < 3; w++ {
		go func() {
			c := 0
			for range jobs {
				c++
			}
			counts <- c
		}()
	}
	for j := 0; j < 30; j++ {
		jobs <- j
	}
	close(jobs)
	total := 0
	for w := 0; w < 3; w++ {
		total += <-counts
	}
	fmt.Println("jobs handled", total)

	// a done channel closed to stop several goroutines blocked in select
	quit := make(chan bool)
	stopped := make(chan string)
	for _, name := range []string{"a", "b", "c", "d"} {
		go func(nm string) {
			tick := make(chan int) // never ready
			select {
			case <-tick:
				stopped <- "impossible"
			case <-quit:
				stopped <- nm
			}
		}(name)
	}
	close(quit)
	got := map[string]bool{}
	for i := 0; i < 4; i++ {
		got[<-stopped] = true
	}
	fmt.Println(got)
}
