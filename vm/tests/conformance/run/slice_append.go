package main

import "fmt"

func main() {
	var s []int
	for i := 0; i < 10; i++ {
		s = append(s, i)
	}
	fmt.Println(s, len(s), cap(s) >= len(s))
	s = append(s, 10, 11, 12)
	fmt.Println(s)
	t := []int{100, 200}
	s = append(s, t...)
	fmt.Println(s, len(s))
	s = append(s)
	fmt.Println(len(s))
	s = append(s[:2], s[5:]...)
	fmt.Println(s)
	b := []byte("go")
	b = append(b, "pher"...)
	b = append(b, '!')
	fmt.Println(string(b), len(b))
	strs := append([]string(nil), "a", "b")
	strs = append(strs, strs...)
	fmt.Println(strs)
	var ss [][]int
	ss = append(ss, []int{1}, nil, []int{2, 3})
	fmt.Println(ss, len(ss), ss[1] == nil)
	big := make([]int, 0)
	for i := 0; i < 1000; i++ {
		big = append(big, i*2)
	}
	sum := 0
	for _, v := range big {
		sum += v
	}
	fmt.Println(len(big), sum, big[999])
	self := []int{1, 2, 3}
	self = append(self, self[0], self[1])
	fmt.Println(self)
	var empty []int
	empty = append(empty, empty...)
	fmt.Println(empty == nil, len(empty))
}
