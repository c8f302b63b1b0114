package main

import "fmt"

type Item struct {
	Name string
	Qty  int
}

func main() {
	ch := make(chan int, 2)
	ch <- 5
	v, ok := <-ch
	fmt.Println(v, ok)
	close(ch)
	v, ok = <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	fmt.Println(<-ch)

	// zero values of several element types from a closed channel
	s := make(chan string)
	close(s)
	sv, sok := <-s
	fmt.Printf("%q %v\n", sv, sok)

	it := make(chan Item, 1)
	it <- Item{"bolt", 3}
	close(it)
	i1, ok1 := <-it
	i2, ok2 := <-it
	fmt.Println(i1, ok1, i2, ok2)

	p := make(chan *Item)
	close(p)
	pv, pok := <-p
	fmt.Println(pv == nil, pok)

	e := make(chan error)
	close(e)
	ev, eok := <-e
	fmt.Println(ev, eok)

	f := make(chan float64)
	close(f)
	fv, fok := <-f
	fmt.Println(fv, fok)

	sl := make(chan []int)
	close(sl)
	slv, slok := <-sl
	fmt.Println(slv == nil, len(slv), slok)

	// ok from a goroutine sender, then close
	c := make(chan int)
	go func() {
		c <- 0
		close(c)
	}()
	a, aok := <-c
	b, bok := <-c
	fmt.Println(a, aok, b, bok)

	// blank identifiers
	d := make(chan int, 1)
	d <- 9
	_, okOnly := <-d
	fmt.Println(okOnly)
	close(d)
	_, okOnly = <-d
	fmt.Println(okOnly)

	// receive in an if statement
	q := make(chan string, 1)
	q <- "hello"
	if msg, ok := <-q; ok {
		fmt.Println("got", msg)
	}
	close(q)
	if msg, ok := <-q; !ok {
		fmt.Printf("closed, msg=%q\n", msg)
	}
}
