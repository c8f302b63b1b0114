package main

import "fmt"

type T struct{ name string }

func (t T) Show()   { fmt.Println("value receiver:", t.name) }
func (t *T) ShowP() { fmt.Println("pointer receiver:", t.name) }

func trace(s string) string {
	fmt.Println("entering", s)
	return s
}

func un(s string) { fmt.Println("leaving", s) }

func a() {
	defer un(trace("a"))
	fmt.Println("in a")
}

func main() {
	x := 1
	defer fmt.Println("deferred x (evaluated at defer):", x)
	defer func() { fmt.Println("closure x (evaluated at run):", x) }()
	x = 2
	a()
	t := T{"before"}
	defer t.Show()  // receiver copied now
	defer t.ShowP() // pointer taken now, sees later change
	t.name = "after"
	s := []int{1, 2, 3}
	defer fmt.Println("slice header copied, elements shared:", s)
	s[0] = 100
	s = append(s, 4)
	f := func(n int) { fmt.Println("func value chosen at defer", n) }
	defer f(x * 10)
	f = func(n int) { fmt.Println("replaced", n) }
	fmt.Println("main body done")
}
