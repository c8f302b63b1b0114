// selectmux: a multiplexer goroutine that selects over several receive
// cases and a send case at once.
//
// Stresses: select with both receive and send cases, disabling cases with
// nil channels (a closed input, or nothing to send), receive with v, ok on
// closing channels, a mix of unbuffered and buffered channels, and four
// goroutines handing values around. The choice among ready cases is up to
// the scheduler, so the checksum only combines what does not depend on it:
// per source, an order-sensitive hash of its values as the consumer sees
// them (the multiplexer keeps a FIFO queue, so each source's order
// survives), and the counts. Written for jitlab.
//
// run(n) starts producers of n values each on an unbuffered and a buffered
// channel; the multiplexer forwards everything through a FIFO to an output
// channel with buffer 4, which main drains.
package main

import "fmt"

func produce(out chan int, n int, tag int) {
	for i := 0; i < n; i++ {
		out <- (i*7+tag)*2 + tag
	}
	close(out)
}

func mux(a chan int, b chan int, out chan int) {
	queue := make([]int, 0, 64)
	head := 0
	for a != nil || b != nil || head < len(queue) {
		var send chan int
		next := 0
		if head < len(queue) {
			send = out
			next = queue[head]
		}
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
			} else {
				queue = append(queue, v)
			}
		case v, ok := <-b:
			if !ok {
				b = nil
			} else {
				queue = append(queue, v)
			}
		case send <- next:
			head++
			if head == len(queue) {
				queue = queue[:0]
				head = 0
			}
		}
	}
	close(out)
}

func run(n int) int {
	a := make(chan int)
	b := make(chan int, 16)
	out := make(chan int, 4)
	go produce(a, n, 0)
	go produce(b, n, 1)
	go mux(a, b, out)

	hashA, hashB := 0, 0
	countA, countB := 0, 0
	for v := range out {
		if v&1 == 0 {
			hashA = (hashA*31 + v) & 0xFFFFFFFFF
			countA++
		} else {
			hashB = (hashB*37 + v) & 0xFFFFFFFFF
			countB++
		}
	}
	return hashA + hashB + countA*1000 + countB
}

func main() {
	fmt.Println(run(60000))
}
