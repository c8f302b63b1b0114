package main

import "fmt"

func producer(id int, n int, out chan int) {
	for i := 1; i <= n; i++ {
		out <- id*1000 + i
	}
	close(out)
}

func main() {
	a := make(chan int)
	b := make(chan int, 3)
	c := make(chan int)
	go producer(1, 20, a)
	go producer(2, 30, b)
	go producer(3, 25, c)

	// Collect from all three until each is closed. The interleaving varies;
	// the per-producer order, counts and sums do not.
	sums := make([]int, 4)
	counts := make([]int, 4)
	last := make([]int, 4)
	inOrder := true
	open := 3
	record := func(v int) {
		id := v / 1000
		seq := v % 1000
		if seq != last[id]+1 {
			inOrder = false
		}
		last[id] = seq
		sums[id] += seq
		counts[id]++
	}
	for open > 0 {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				open--
				continue
			}
			record(v)
		case v, ok := <-b:
			if !ok {
				b = nil
				open--
				continue
			}
			record(v)
		case v, ok := <-c:
			if !ok {
				c = nil
				open--
				continue
			}
			record(v)
		}
	}
	fmt.Println("counts", counts[1:])
	fmt.Println("sums", sums[1:])
	fmt.Println("in order", inOrder)

	// Several producers on one shared channel, with a quit channel.
	shared := make(chan int)
	quit := make(chan bool)
	stopped := make(chan int)
	for p := 0; p < 4; p++ {
		go func(id int) {
			sent := 0
			for i := 0; ; i++ {
				select {
				case shared <- id:
					sent++
				case <-quit:
					stopped <- sent
					return
				}
			}
		}(p)
	}
	total := 0
	for i := 0; i < 100; i++ {
		total += <-shared
	}
	close(quit)
	sentSum := 0
	for p := 0; p < 4; p++ {
		sentSum += <-stopped
	}
	fmt.Println("received 100 values, total sent", sentSum)
	_ = total
}
