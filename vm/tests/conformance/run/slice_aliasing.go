package main

import "fmt"

func main() {
	s := make([]int, 3, 10)
	t := s[:2]
	t[0] = 100
	fmt.Println(s, t)
	t = append(t, 5) // within capacity: overwrites s[2]
	fmt.Println(s, t)
	u := append(s, 6) // within capacity: shares backing array
	u[0] = -1
	fmt.Println(s, u, len(s), len(u), cap(u) == cap(s))
	v := append(s[:1], 7, 8)
	fmt.Println(s, v)

	full := []int{1, 2, 3}
	grown := append(full, 4) // len == cap: new array
	grown[0] = 99
	fmt.Println(full, grown)

	x := []int{1, 2, 3, 4, 5}
	y := x[1:3]
	y = append(y, 30)
	fmt.Println(x, y)
	z := x[1:3:3]
	z = append(z, 40)
	z[0] = 20
	fmt.Println(x, z)

	a := []int{1, 2, 3}
	b := a
	b[0] = 10
	fmt.Println(a, b)
	c := make([]int, len(a))
	copy(c, a)
	c[1] = 20
	fmt.Println(a, c)
}
