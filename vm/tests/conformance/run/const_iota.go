package main

import "fmt"

const (
	A = iota
	B
	C
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
)

const (
	X, Y = iota, iota * 10
	Z, W
)

const (
	first  = "s"
	second = iota
	third
)

const (
	p = iota * iota
	q
	_
	r
)

const single = iota

func main() {
	fmt.Println(A, B, C)
	fmt.Println(KB, MB, GB)
	fmt.Println(X, Y, Z, W)
	fmt.Println(first, second, third)
	fmt.Println(p, q, r)
	fmt.Println(single)
	const (
		lo = iota + 100
		mid
		hi
	)
	fmt.Println(lo, mid, hi)
}
