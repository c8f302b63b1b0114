package main

import "fmt"

type Counter struct {
	name string
	n    int
}

func (c Counter) Value() int { return c.n }
func (c Counter) IncValue()  { c.n++ }
func (c *Counter) Inc()      { c.n++ }
func (c *Counter) Add(k int) *Counter {
	c.n += k
	return c
}
func (c Counter) Describe() string { return fmt.Sprintf("%s=%d", c.name, c.n) }

func main() {
	c := Counter{name: "c"}
	c.IncValue()
	fmt.Println(c.Value())
	c.Inc() // (&c).Inc()
	c.Inc()
	fmt.Println(c.Value())
	p := &c
	p.Inc()
	fmt.Println(p.Value(), c.n) // (*p).Value()
	p.IncValue()
	fmt.Println(p.Describe())
	c.Add(10).Add(100).Inc()
	fmt.Println(c.Describe())
	cs := []Counter{{name: "a"}, {name: "b"}}
	cs[0].Inc()
	cs[1].Add(5)
	for _, x := range cs {
		x.Inc()
	}
	fmt.Println(cs[0].Describe(), cs[1].Describe())
	m := map[string]*Counter{"k": {name: "k"}}
	m["k"].Inc()
	fmt.Println(m["k"].Describe())
	arr := [2]Counter{}
	arr[1].Add(3)
	fmt.Println(arr[1].n)
	(&Counter{name: "tmp", n: 1}).Inc()
	fmt.Println(Counter{name: "lit", n: 7}.Describe())
}
