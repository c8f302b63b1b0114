package main

import (
	"fmt"
	"strconv"
)

func words(out chan<- string) {
	for _, w := range []string{"alpha", "beta", "gamma", "delta"} {
		out <- w
	}
	close(out)
}

func chunks(data []int, size int, out chan []int) {
	for i := 0; i < len(data); i += size {
		end := i + size
		if end > len(data) {
			end = len(data)
		}
		out <- data[i:end]
	}
	close(out)
}

func main() {
	sc := make(chan string)
	go words(sc)
	joined := ""
	for w := range sc {
		joined += w + ","
	}
	fmt.Println(joined)

	// string building across goroutines
	req := make(chan int)
	resp := make(chan string)
	go func() {
		for n := range req {
			resp <- strconv.Itoa(n) + "!"
		}
		close(resp)
	}()
	for i := 8; i < 12; i++ {
		req <- i
		fmt.Print(<-resp, " ")
	}
	close(req)
	_, ok := <-resp
	fmt.Println(ok)

	// slices share the backing array with the sender
	data := []int{1, 2, 3, 4, 5, 6, 7}
	cc := make(chan []int)
	go chunks(data, 3, cc)
	for c := range cc {
		fmt.Println(c, len(c), cap(c))
		c[0] = -c[0]
	}
	fmt.Println(data)

	// a goroutine appends and sends back a grown slice
	gs := make(chan []string)
	go func() {
		s := <-gs
		s = append(s, "c", "d", "e")
		gs <- s
	}()
	base := []string{"a", "b"}
	gs <- base
	grown := <-gs
	fmt.Println(base, grown, len(grown))

	// bytes
	bc := make(chan byte, 5)
	for i := 0; i < 5; i++ {
		bc <- byte('a' + i)
	}
	close(bc)
	bs := []byte{}
	for b := range bc {
		bs = append(bs, b)
	}
	fmt.Println(string(bs))

	// maps through a channel are references
	mc := make(chan map[string]int)
	done := make(chan bool)
	go func() {
		m := <-mc
		m["added"] = 1
		done <- true
	}()
	mm := map[string]int{"x": 5}
	mc <- mm
	<-done
	fmt.Println(mm)
}
