// fanin: several producer goroutines feed one consumer that multiplexes them
// with select.
//
// Stresses: select over several receive cases (with v, ok and nil-ing out
// closed channels), a mix of unbuffered and buffered channels, and the
// scheduler juggling five goroutines. The interleaving of producers is up to
// the scheduler, so the checksum only combines order-independent parts: per
// producer, an order-sensitive hash of its own values (each channel is FIFO),
// and the count of values received.
//
// run(n) starts 4 producers that send n values each (producers 0 and 1 on
// unbuffered channels, 2 and 3 on channels with buffer 16) and returns
// sum over p of (p+1) * hash_p + count.
package main

import "fmt"

func producer(id int, n int, out chan<- int) {
	x := id*7919 + 1
	for i := 0; i < n; i++ {
		x = (x*1103515245 + 12345) & 0x7fffffff
		out <- x % 100003
	}
	close(out)
}

func run(n int) int {
	const p = 4
	chans := make([]chan int, p)
	for i := 0; i < p; i++ {
		if i < 2 {
			chans[i] = make(chan int)
		} else {
			chans[i] = make(chan int, 16)
		}
		go producer(i, n, chans[i])
	}
	c0, c1, c2, c3 := chans[0], chans[1], chans[2], chans[3]
	hash := make([]int, p)
	count := 0
	open := p
	for open > 0 {
		select {
		case v, ok := <-c0:
			if !ok {
				c0 = nil
				open--
				continue
			}
			hash[0] = hash[0]*31 + v
		case v, ok := <-c1:
			if !ok {
				c1 = nil
				open--
				continue
			}
			hash[1] = hash[1]*31 + v
		case v, ok := <-c2:
			if !ok {
				c2 = nil
				open--
				continue
			}
			hash[2] = hash[2]*31 + v
		case v, ok := <-c3:
			if !ok {
				c3 = nil
				open--
				continue
			}
			hash[3] = hash[3]*31 + v
		}
		count++
	}
	sum := count
	for i := 0; i < p; i++ {
		sum += (i + 1) * (hash[i] & 0xffffffffff)
	}
	return sum
}

func main() {
	fmt.Println(run(40000))
}
