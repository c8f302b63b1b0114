package main

import "fmt"

func main() {
	a := make([]int, 0, 4)
	b := append(a, 1)
	c := append(a, 2) // shares the same backing array as b
	fmt.Println(b, c, b[0] == c[0])
	d := append(a[:0:0], 3) // cap 0 forces a new array
	d[0] = 30
	fmt.Println(b, d)
	s := []int{1, 2, 3, 4, 5}
	n := copy(s, s[1:])
	fmt.Println(n, s)
	s = []int{1, 2, 3, 4, 5}
	n = copy(s[2:], s)
	fmt.Println(n, s)
	e := append([]byte{}, "abc"...)
	e = append(e, e...)
	fmt.Println(string(e))
	var strs []string
	strs = append(strs, []string{}...)
	fmt.Println(strs == nil, len(strs))
	x := []int{0}
	for i := 1; i < 20; i++ {
		x = append(x[:i], i)
	}
	fmt.Println(len(x), x[19])
	z := append([]int(nil), 1, 2, 3)
	z2 := append(z[:1], z[2:]...)
	fmt.Println(z, z2)
}
