package main

import "fmt"

type Endpoint struct {
	name string
	in   chan int
}

func pick(which int, a, b chan int) chan int {
	if which == 0 {
		return a
	}
	return b
}

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	c := a
	fmt.Println(a == c, a == b, a != b)
	var n1, n2 chan int
	fmt.Println(n1 == n2, n1 == nil, a == nil, a != nil)

	fmt.Println(pick(0, a, b) == a, pick(1, a, b) == a)

	// a channel passed around keeps its identity
	e1 := Endpoint{"x", a}
	e2 := e1
	fmt.Println(e1.in == e2.in, e1 == e2)
	e2.in = b
	fmt.Println(e1 == e2)
	e2.in <- 5
	fmt.Println(<-b)

	// zero-valued struct field and array element channels are nil
	var ep Endpoint
	var arr [3]chan string
	fmt.Println(ep.in == nil, arr[1] == nil)
	arr[1] = make(chan string, 1)
	arr[1] <- "in array"
	copyArr := arr
	fmt.Println(<-copyArr[1], copyArr[1] == arr[1])

	// channels as interface values compare by identity
	var i1, i2 interface{} = a, a
	var i3 interface{} = b
	fmt.Println(i1 == i2, i1 == i3)

	// channels of different element types in interface values are not equal
	s := make(chan string)
	var i4 interface{} = s
	fmt.Println(i1 == i4)

	// use a channel through a function value stored in a map
	ops := map[string]func(chan int){
		"put": func(ch chan int) { ch <- 42 },
		"len": func(ch chan int) { fmt.Println("len", len(ch)) },
	}
	ops["put"](a)
	ops["len"](a)
	fmt.Println(<-a)
}
