package main

import "fmt"

func trySend(c chan int, v int) bool {
	select {
	case c <- v:
		return true
	default:
		return false
	}
}

func tryRecv(c chan int) (int, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		return 0, false
	}
}

func main() {
	c := make(chan int, 2)
	for i := 1; i <= 4; i++ {
		fmt.Println("send", i, trySend(c, i))
	}
	for i := 0; i < 3; i++ {
		v, ok := tryRecv(c)
		fmt.Println("recv", v, ok)
	}

	// non-blocking operations on an unbuffered channel with nobody waiting
	u := make(chan int)
	fmt.Println("unbuffered send", trySend(u, 1))
	v, ok := tryRecv(u)
	fmt.Println("unbuffered recv", v, ok)

	// nil channels are never ready
	var n chan int
	fmt.Println("nil send", trySend(n, 1))
	_, ok = tryRecv(n)
	fmt.Println("nil recv", ok)

	// a closed channel is always ready for receiving
	cl := make(chan int)
	close(cl)
	v, ok = tryRecv(cl)
	fmt.Println("closed recv", v, ok)

	// a select with only a default
	count := 0
	select {
	default:
		count++
	}
	fmt.Println("default only", count)

	// default placed first still only runs when nothing else is ready
	r := make(chan string, 1)
	r <- "ready"
	select {
	default:
		fmt.Println("wrong")
	case s := <-r:
		fmt.Println("got", s)
	}

	// dropping values when a buffer is full (a lossy queue)
	q := make(chan int, 3)
	dropped := 0
	for i := 0; i < 10; i++ {
		select {
		case q <- i:
		default:
			dropped++
		}
	}
	fmt.Println("dropped", dropped, "kept", len(q), <-q, <-q, <-q)
}
