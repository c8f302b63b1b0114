package main

import "fmt"

type Incrementer interface {
	Inc()
	Get() int
}

type C struct{ n int }

func (c *C) Inc()     { c.n++ }
func (c *C) Get() int { return c.n }

type V struct{ n int }

func (v V) Inc()     { v.n++ }
func (v V) Get() int { return v.n }

func bump(i Incrementer, times int) int {
	for k := 0; k < times; k++ {
		i.Inc()
	}
	return i.Get()
}

func main() {
	c := &C{}
	fmt.Println(bump(c, 3), c.n)
	v := V{}
	fmt.Println(bump(v, 3), v.n)
	fmt.Println(bump(&v, 3), v.n)
	var i Incrementer = c
	c.n = 100
	fmt.Println(i.Get())
	val := V{5}
	i = val
	val.n = 50
	fmt.Println(i.Get())
	list := []Incrementer{&C{1}, V{2}, &V{3}}
	for _, x := range list {
		x.Inc()
		fmt.Println(x.Get())
	}
}
