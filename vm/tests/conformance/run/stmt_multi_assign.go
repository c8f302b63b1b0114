package main

import "fmt"

func pair() (int, string) { return 5, "five" }

func trace(s string, v int) int {
	fmt.Println("eval", s)
	return v
}

func main() {
	a, b := 1, 2
	a, b = b, a
	fmt.Println(a, b)

	x, y, z := 1, 2, 3
	x, y, z = z, x, y
	fmt.Println(x, y, z)

	s := []int{10, 20, 30}
	i := 0
	i, s[i] = 1, 99 // index evaluated before assignment
	fmt.Println(i, s)

	s[0], s[2] = s[2], s[0]
	fmt.Println(s)

	n, name := pair()
	fmt.Println(n, name)
	_, name2 := pair()
	fmt.Println(name2)

	var p, q int
	p, q = trace("p", 1), trace("q", 2)
	fmt.Println(p, q)

	fib := [2]int{0, 1}
	for k := 0; k < 10; k++ {
		fib[0], fib[1] = fib[1], fib[0]+fib[1]
	}
	fmt.Println(fib)
}
