package main

import "fmt"

var chans = map[string]chan int{}

func ch(name string) chan int {
	fmt.Println("  eval channel", name)
	return chans[name]
}

func val(name string, v int) int {
	fmt.Println("  eval value", name)
	return v
}

func main() {
	chans["a"] = make(chan int, 1)
	chans["b"] = make(chan int, 1)
	chans["c"] = make(chan int, 1)
	chans["full"] = make(chan int, 1)
	chans["full"] <- 0
	chans["c"] <- 33

	// Every channel operand and send value is evaluated exactly once, in
	// source order, on entering the select, even for cases not chosen.
	fmt.Println("select 1")
	select {
	case ch("full") <- val("v1", 1):
		fmt.Println("wrong: full")
	case v := <-ch("c"):
		fmt.Println("received from c", v)
	case ch("full") <- val("v2", 2):
		fmt.Println("wrong: full again")
	}

	fmt.Println("select 2")
	select {
	case <-ch("b"):
		fmt.Println("wrong: b is empty")
	case ch("a") <- val("va", 10):
		fmt.Println("sent to a")
	}
	fmt.Println("a holds", <-chans["a"])

	// The left-hand side of a receive assignment is not evaluated when the case
	// is not chosen, and is assigned only when it is.
	fmt.Println("select 3")
	xs := []int{0, 0, 0}
	chans["b"] <- 5
	select {
	case xs[val("idx", 1)] = <-ch("b"):
		fmt.Println("assigned", xs)
	case <-ch("a"):
		fmt.Println("wrong: a is empty")
	}

	// break inside select leaves only the select; a labelled break leaves the loop.
	fmt.Println("select 4")
	chans["a"] <- 1
	count := 0
loop:
	for i := 0; i < 10; i++ {
		select {
		case v := <-chans["a"]:
			if v == 1 {
				fmt.Println("break from select at", i)
				break
			}
			fmt.Println("unreachable")
		default:
			if i == 3 {
				fmt.Println("break loop at", i)
				break loop
			}
			count++
		}
		count += 10
	}
	fmt.Println("count", count)

	// continue inside a select continues the loop
	n := 0
	for i := 0; i < 5; i++ {
		select {
		default:
			if i%2 == 0 {
				continue
			}
			n += i
		}
		n += 100
	}
	fmt.Println("n", n)

	// A select case body may itself contain a select.
	p := make(chan int, 1)
	q := make(chan int, 1)
	p <- 1
	select {
	case v := <-p:
		q <- v + 1
		select {
		case w := <-q:
			fmt.Println("nested select", v, w)
		default:
			fmt.Println("wrong")
		}
	}

	// Receiving into a struct field and a map entry.
	words := make(chan string, 2)
	words <- "field"
	words <- "entry"
	var h holder
	m := map[string]string{}
	select {
	case h.s = <-words:
	}
	select {
	case m["k"] = <-words:
	}
	fmt.Println(h.s, m)
}

type holder struct{ s string }
