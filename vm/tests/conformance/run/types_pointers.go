package main

import "fmt"

func inc(p *int) { *p++ }

func newCounter() *int {
	c := 10
	return &c
}

func swap(a, b *int) { *a, *b = *b, *a }

func main() {
	x := 1
	p := &x
	*p = 5
	fmt.Println(x, *p, p == &x)
	inc(&x)
	inc(p)
	fmt.Println(x)
	c := newCounter()
	*c += 5
	fmt.Println(*c)
	d := newCounter()
	fmt.Println(*d, c != d)
	a, b := 1, 2
	swap(&a, &b)
	fmt.Println(a, b)
	n := new(int)
	fmt.Println(*n)
	*n = 42
	m := n
	*m++
	fmt.Println(*n, *m)
	s := new(string)
	*s = "hi"
	fmt.Println(*s, len(*s))
	pp := &p
	**pp = 100
	fmt.Println(x)
	var np *int
	fmt.Println(np == nil, np)
	f := new(float64)
	*f = 1.5
	*f *= 2
	fmt.Println(*f)
	bp := new(bool)
	fmt.Println(*bp, !*bp)
}
