package main

import "fmt"

type Stack []int

func (s *Stack) Push(v int) { *s = append(*s, v) }
func (s *Stack) Pop() int {
	old := *s
	v := old[len(old)-1]
	*s = old[:len(old)-1]
	return v
}
func (s Stack) Peek() int   { return s[len(s)-1] }
func (s Stack) Len() int    { return len(s) }
func (s Stack) Empty() bool { return len(s) == 0 }

type Counter map[string]int

func (c Counter) Add(k string) { c[k]++ }
func (c Counter) Total() int {
	t := 0
	for _, v := range c {
		t += v
	}
	return t
}

type Money int

func (m Money) String() string { return fmt.Sprintf("$%d.%02d", int(m)/100, int(m)%100) }
func (m *Money) Add(o Money)   { *m += o }

type Pred func(int) bool

func (p Pred) Not() Pred { return func(x int) bool { return !p(x) } }

func main() {
	var s Stack
	for i := 1; i <= 4; i++ {
		s.Push(i * i)
	}
	fmt.Println(s, s.Len(), s.Peek())
	fmt.Println(s.Pop(), s.Pop(), s.Len(), s.Empty())
	c := Counter{}
	for _, w := range []string{"a", "b", "a", "c", "a"} {
		c.Add(w)
	}
	fmt.Println(c, c.Total())
	var m Money = 1234
	m.Add(99)
	fmt.Println(m)
	fmt.Println([]Money{5, 100, 12345})
	even := Pred(func(x int) bool { return x%2 == 0 })
	odd := even.Not()
	fmt.Println(even(4), odd(4), odd(3))
}
