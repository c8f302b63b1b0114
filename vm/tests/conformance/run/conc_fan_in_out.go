package main

import "fmt"

func source(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

// fan-out: several workers read from the same channel
func work(id int, in <-chan int) <-chan [2]int {
	out := make(chan [2]int)
	go func() {
		for v := range in {
			out <- [2]int{v, v * v * v}
		}
		close(out)
	}()
	return out
}

// fan-in: merge several channels into one, closing it when all are done
func merge(cs ...<-chan [2]int) <-chan [2]int {
	out := make(chan [2]int)
	done := make(chan bool)
	for _, c := range cs {
		go func(c <-chan [2]int) {
			for v := range c {
				out <- v
			}
			done <- true
		}(c)
	}
	go func() {
		for range cs {
			<-done
		}
		close(out)
	}()
	return out
}

func insertionSort(a [][2]int) {
	for i := 1; i < len(a); i++ {
		x := a[i]
		j := i - 1
		for j >= 0 && a[j][0] > x[0] {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = x
	}
}

func main() {
	in := source(24)
	workers := []<-chan [2]int{}
	for i := 0; i < 5; i++ {
		workers = append(workers, work(i, in))
	}
	results := [][2]int{}
	for r := range merge(workers...) {
		results = append(results, r)
	}
	insertionSort(results)
	for i, r := range results {
		if i%6 == 5 {
			fmt.Println(r)
		} else {
			fmt.Print(r, " ")
		}
	}

	// Fan-in of text from several talkers; sorted for a stable print.
	talk := func(name string, times int) <-chan string {
		c := make(chan string)
		go func() {
			for i := 0; i < times; i++ {
				c <- fmt.Sprintf("%s-%d", name, i)
			}
			close(c)
		}()
		return c
	}
	msgs := []string{}
	a, b := talk("ann", 3), talk("bob", 2)
	for a != nil || b != nil {
		select {
		case s, ok := <-a:
			if !ok {
				a = nil
			} else {
				msgs = append(msgs, s)
			}
		case s, ok := <-b:
			if !ok {
				b = nil
			} else {
				msgs = append(msgs, s)
			}
		}
	}
	for i := 1; i < len(msgs); i++ {
		for j := i; j > 0 && msgs[j] < msgs[j-1]; j-- {
			msgs[j], msgs[j-1] = msgs[j-1], msgs[j]
		}
	}
	fmt.Println(msgs)
}
