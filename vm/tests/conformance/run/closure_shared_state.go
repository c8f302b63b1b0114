package main

import "fmt"

type Stack struct {
	push func(int)
	pop  func() int
	size func() int
}

func newStack() Stack {
	var items []int
	return Stack{
		push: func(v int) { items = append(items, v) },
		pop: func() int {
			v := items[len(items)-1]
			items = items[:len(items)-1]
			return v
		},
		size: func() int { return len(items) },
	}
}

func makeAccumulators() []func(int) int {
	sum := 0
	return []func(int) int{
		func(x int) int { sum += x; return sum },
		func(x int) int { sum -= x; return sum },
	}
}

func main() {
	s := newStack()
	s.push(1)
	s.push(2)
	s.push(3)
	fmt.Println(s.size(), s.pop(), s.pop(), s.size())
	s2 := s
	s2.push(9)
	fmt.Println(s.size(), s.pop())
	acc := makeAccumulators()
	fmt.Println(acc[0](10), acc[1](3), acc[0](1))
	x := 0
	incr := func() func() {
		return func() { x++ }
	}()
	incr()
	incr()
	fmt.Println(x)
	outer := func() func() int {
		y := 5
		return func() int {
			y *= 2
			return y
		}
	}
	h1, h2 := outer(), outer()
	fmt.Println(h1(), h1(), h2())
	nested := func() func() func() int {
		a := 1
		return func() func() int {
			b := 10
			return func() int {
				a++
				b++
				return a*100 + b
			}
		}
	}()
	n1 := nested()
	n2 := nested()
	fmt.Println(n1(), n1(), n2())
}
