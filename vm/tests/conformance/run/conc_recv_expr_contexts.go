package main

import "fmt"

type Pair struct{ A, B int }

func add(x, y int) int { return x + y }

func main() {
	c := make(chan int, 10)
	for i := 1; i <= 10; i++ {
		c <- i
	}
	// receives in binary expressions evaluate left to right
	x := <-c - <-c
	fmt.Println("1 - 2 =", x)
	// as call arguments
	fmt.Println("3 + 4 =", add(<-c, <-c))
	// in a composite literal
	p := Pair{<-c, <-c}
	fmt.Println(p)
	// in a condition
	if <-c == 7 {
		fmt.Println("seventh value is 7")
	}
	// in an index expression
	xs := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	fmt.Println(xs[<-c])
	// as a switch tag
	switch <-c {
	case 9:
		fmt.Println("nine")
	default:
		fmt.Println("not nine")
	}
	// as a statement (value discarded)
	<-c
	fmt.Println("left", len(c))

	// <-ch in a return statement and as a multi-assignment source
	d := make(chan string, 2)
	d <- "p"
	d <- "q"
	s1, s2 := <-d, <-d
	fmt.Println(s1, s2)
	d <- "r"
	fmt.Println(recvOne(d))

	// a send whose value is a receive
	src := make(chan int, 1)
	dst := make(chan int, 1)
	src <- 99
	dst <- <-src
	fmt.Println(<-dst)

	// a send case whose value is a receive is evaluated on entering the select
	src <- 55
	select {
	case dst <- <-src + 1:
		fmt.Println("select forwarded", <-dst)
	}

	// receive assigned into a slice element, a map entry and a struct field
	e := make(chan int, 3)
	e <- 1
	e <- 2
	e <- 3
	arr := make([]int, 2)
	m := map[string]int{}
	var q Pair
	arr[1] = <-e
	m["k"] = <-e
	q.B = <-e
	fmt.Println(arr, m, q)

	// op-assign with a receive
	total := 100
	e <- 5
	total -= <-e
	fmt.Println(total)

	// receive from a channel-returning call
	fmt.Println(<-makeReady(12))
}

func recvOne(c chan string) string {
	return <-c
}

func makeReady(v int) chan int {
	c := make(chan int, 1)
	c <- v
	return c
}
