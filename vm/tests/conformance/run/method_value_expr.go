package main

import (
	"fmt"
	"strings"
)

type Counter struct{ n int }

func (c *Counter) Inc()          { c.n++ }
func (c Counter) Get() int       { return c.n }
func (c Counter) Add(k int) int  { return c.n + k }

type Celsius float64

func (c Celsius) F() float64   { return float64(c)*9/5 + 32 }
func (c *Celsius) Warm(d float64) { *c += Celsius(d) }

type Shape interface {
	Area() float64
	Name() string
}

type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }
func (q Sq) Name() string  { return "square" }

type Words []string

func (w Words) Join(sep string) string { return strings.Join(w, sep) }

func apply(f func(int) int, x int) int { return f(x) }

func main() {
	c := &Counter{}
	inc := c.Inc
	inc()
	inc()
	fmt.Println(c.n)
	var v Counter
	v.n = 10
	get := v.Get // copies v now
	v.n = 20
	fmt.Println(get(), v.Get())
	vinc := v.Inc // &v
	vinc()
	fmt.Println(v.n, apply(v.Add, 5))
	t := Celsius(100)
	f := t.F
	t = 0
	fmt.Println(f())
	warm := t.Warm
	warm(2.5)
	warm(1)
	fmt.Println(t)
	var s Shape = Sq{3}
	area, name := s.Area, s.Name
	s = Sq{4}
	fmt.Println(area(), name(), s.Area())
	w := Words{"a", "b"}
	j := w.Join
	fmt.Println(j("-"))
	// Method expressions.
	g := Counter.Get
	add := Counter.Add
	pinc := (*Counter).Inc
	pget := (*Counter).Get
	pinc(c)
	fmt.Println(g(*c), add(*c, 100), pget(c))
	cf := Celsius.F
	pw := (*Celsius).Warm
	pf := (*Celsius).F
	pw(&t, 10)
	fmt.Println(cf(t), pf(&t))
	fs := []func() int{v.Get, c.Get}
	for _, fn := range fs {
		fmt.Println(fn())
	}
	fmt.Printf("%T %T %T\n", g, pinc, inc)
	defer c.Inc()
	m := map[string]func(int) int{"add": v.Add}
	fmt.Println(m["add"](1))
}
