package main

import "fmt"

func main() {
	a, b := 0b1100, 0b1010
	fmt.Println(a&b, a|b, a^b, a&^b, b&^a)
	fmt.Println(^a, ^0, ^-1, -a^a)
	fmt.Printf("%x %x %x %x\n", 0xF0F0&0xFF00, 0xF0F0|0x0F0F, 0xFFFF^0x00FF, 0xFFFF&^0x0F0F)
	x := -1
	fmt.Println(x&0xFF, x&^0xFF == -256)
	var bt byte = 0xAA
	fmt.Println(^bt, bt&0x0F, bt|0x0F, bt^0xFF, bt&^0xA0)
	pop := 0
	v := 0x5A5A
	for v != 0 {
		v &= v - 1
		pop++
	}
	fmt.Println("popcount", pop)
	flags := 0
	const (
		read = 1 << iota
		write
		exec
	)
	flags |= read | exec
	fmt.Println(flags&write != 0, flags&exec != 0, flags)
	flags &^= exec
	fmt.Println(flags)
	n := 12345
	fmt.Println(n&1 == 1, (n>>3)&7)
}
