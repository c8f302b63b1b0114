package main

import "fmt"

func main() {
	base := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	a := base[2:5]
	fmt.Println(a, len(a), cap(a))
	b := base[:3]
	fmt.Println(b, len(b), cap(b))
	c := base[7:]
	fmt.Println(c, len(c), cap(c))
	d := base[:]
	fmt.Println(len(d), cap(d))
	e := a[1:4] // extends past len(a) within cap
	fmt.Println(e, len(e), cap(e))
	f := base[2:4:6]
	fmt.Println(f, len(f), cap(f))
	g := f[:cap(f)]
	fmt.Println(g)
	h := base[5:5]
	fmt.Println(h, len(h), cap(h))
	i := base[10:]
	fmt.Println(i, len(i), cap(i))
	arr := [5]string{"a", "b", "c", "d", "e"}
	as := arr[1:3]
	as[0] = "B"
	fmt.Println(arr, as, cap(as))
	full := arr[:2:2]
	full = append(full, "X") // cap exhausted: must copy
	fmt.Println(arr, full)
	s := "hello, world"
	fmt.Println(s[7:], s[:5], s[3:8], s[len(s):] == "")
	lo, hi := 1, 3
	fmt.Println(base[lo:hi], base[lo:hi:hi+1])
	var nilS []int
	fmt.Println(nilS[:], nilS[0:0] == nil, len(nilS[:0]))
}
