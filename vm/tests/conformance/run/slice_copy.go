package main

import "fmt"

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	fmt.Println(n, dst)
	big := make([]int, 8)
	n = copy(big, src)
	fmt.Println(n, big)
	n = copy(src[1:], src) // overlapping: memmove semantics
	fmt.Println(n, src)
	s2 := []int{1, 2, 3, 4, 5}
	n = copy(s2, s2[2:])
	fmt.Println(n, s2)
	bs := make([]byte, 5)
	n = copy(bs, "hello world")
	fmt.Println(n, string(bs))
	n = copy(bs[3:], "XY")
	fmt.Println(n, string(bs))
	var nilS []int
	n = copy(nilS, src)
	fmt.Println(n)
	n = copy(dst, nilS)
	fmt.Println(n, dst)
	words := []string{"a", "b"}
	w2 := make([]string, 2)
	copy(w2, words)
	w2[0] = "z"
	fmt.Println(words, w2)
}
