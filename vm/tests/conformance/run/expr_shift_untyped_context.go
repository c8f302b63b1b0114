package main

import "fmt"

func main() {
	var m uint64
	s := uint(40)
	m |= 1 << s
	m = m | 1<<(s+1)
	x := 1<<(s+2) | m
	var y int8 = 1
	y = y + 1<<3
	var f float64 = 2
	_ = f
	fmt.Println(m, x, y, 1<<s == m>>1, m == 1<<s|1<<(s+1))
	var u32 uint32 = 1<<s>>20 + 5
	fmt.Println(u32)
}
