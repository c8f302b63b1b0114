package main

import "fmt"

type IntList []int
type Set map[string]bool
type Matrix [2][2]int
type Op func(int, int) int

func (l IntList) Sum() int {
	s := 0
	for _, v := range l {
		s += v
	}
	return s
}

func (l *IntList) Push(v int) { *l = append(*l, v) }

func (s Set) Add(k string)      { s[k] = true }
func (s Set) Has(k string) bool { return s[k] }
func (m Matrix) Det() int       { return m[0][0]*m[1][1] - m[0][1]*m[1][0] }
func (o Op) Apply(a, b int) int { return o(a, b) }
func (m *Matrix) Scale(k int) {
	for i := range *m {
		for j := range (*m)[i] {
			(*m)[i][j] *= k
		}
	}
}

func main() {
	l := IntList{1, 2, 3}
	l.Push(4)
	fmt.Println(l, l.Sum(), len(l))
	plain := []int(l)
	fmt.Println(plain)
	s := Set{}
	s.Add("a")
	s.Add("b")
	fmt.Println(s.Has("a"), s.Has("z"), len(s), s)
	m := Matrix{{1, 2}, {3, 4}}
	fmt.Println(m.Det())
	m.Scale(2)
	fmt.Println(m, m.Det())
	var add Op = func(a, b int) int { return a + b }
	fmt.Println(add.Apply(2, 3), add(4, 5))
	var ls IntList
	ls.Push(9)
	fmt.Println(ls)
}
