package main

import "fmt"

func counter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}

func counterPair() (func(), func() int) {
	n := 0
	return func() { n += 10 }, func() int { return n }
}

func main() {
	a := counter()
	b := counter()
	fmt.Println(a(), a(), a(), b(), a(), b())
	inc, get := counterPair()
	inc()
	inc()
	fmt.Println(get())
	x := 1
	f := func() { x *= 2 }
	f()
	f()
	fmt.Println(x)
	g := func() int { return x + 1 }
	x = 100
	fmt.Println(g())
}
