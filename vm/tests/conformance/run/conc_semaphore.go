package main

import "fmt"

// A buffered channel of capacity 1 used as a mutex, and of capacity k as a
// counting semaphore.

type Counter struct {
	mu chan bool
	n  int
	m  map[string]int
}

func NewCounter() *Counter {
	return &Counter{mu: make(chan bool, 1), m: map[string]int{}}
}

func (c *Counter) Inc(key string) {
	c.mu <- true
	c.n++
	c.m[key]++
	<-c.mu
}

func main() {
	c := NewCounter()
	done := make(chan bool)
	keys := []string{"red", "green", "blue"}
	for g := 0; g < 10; g++ {
		go func(id int) {
			for i := 0; i < 100; i++ {
				c.Inc(keys[(id+i)%3])
			}
			done <- true
		}(g)
	}
	for g := 0; g < 10; g++ {
		<-done
	}
	fmt.Println("n", c.n, c.m)

	// At most 3 workers inside the critical region at once.
	sem := make(chan bool, 3)
	guard := make(chan bool, 1)
	inside, maxInside := 0, 0
	for g := 0; g < 12; g++ {
		go func() {
			sem <- true
			guard <- true
			inside++
			if inside > maxInside {
				maxInside = inside
			}
			<-guard
			x := 0
			for k := 0; k < 1000; k++ {
				x += k
			}
			guard <- true
			inside--
			<-guard
			<-sem
			done <- x == 499500
		}()
	}
	allOK := true
	for g := 0; g < 12; g++ {
		if !<-done {
			allOK = false
		}
	}
	fmt.Println("ok", allOK, "inside at end", inside, "never above 3:", maxInside <= 3 && maxInside >= 1)
}
