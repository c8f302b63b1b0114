package main

import "fmt"

const MaxInt = 1<<63 - 1
const MinInt = -1 << 63

func main() {
	max := MaxInt
	min := MinInt
	fmt.Println(max, min)
	fmt.Println(max+1 == min, max+1)
	fmt.Println(min-1 == max, min-1)
	fmt.Println(max * 2)
	fmt.Println(-min == min, -min)
	m1 := -1
	fmt.Println(min / m1) // wraps, no panic
	fmt.Println(min % m1)
	fmt.Println(min * m1)
	n := 1
	for i := 1; i <= 25; i++ {
		n *= i
	}
	fmt.Println("25! wrapped", n)
	h := 1469598103934665603
	for _, c := range []byte("hello") {
		h ^= int(c)
		h *= 1099511628211
	}
	fmt.Println("fnv", h)
	var b byte = 255
	b++
	fmt.Println("byte wrap", b)
	b = 0
	b--
	fmt.Println("byte wrap down", b)
	var c byte = 200
	fmt.Println(c+c, c*2, c*c)
	big := 3037000500
	fmt.Println(big * big)
}
