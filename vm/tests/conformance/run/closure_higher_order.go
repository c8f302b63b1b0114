package main

import "fmt"

func mapInts(xs []int, f func(int) int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func filter(xs []int, pred func(int) bool) []int {
	var out []int
	for _, x := range xs {
		if pred(x) {
			out = append(out, x)
		}
	}
	return out
}

func reduce(xs []int, init int, f func(int, int) int) int {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return g(f(x)) }
}

func adder(n int) func(int) int { return func(x int) int { return x + n } }

func multiplier(n int) func(int) int { return func(x int) int { return x * n } }

func curry(f func(int, int) int) func(int) func(int) int {
	return func(a int) func(int) int {
		return func(b int) int { return f(a, b) }
	}
}

func main() {
	xs := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	sq := mapInts(xs, func(x int) int { return x * x })
	fmt.Println(sq)
	ev := filter(sq, func(x int) bool { return x%2 == 0 })
	fmt.Println(ev)
	fmt.Println(reduce(ev, 0, func(a, b int) int { return a + b }))
	fmt.Println(reduce(xs, 1, func(a, b int) int { return a * b }))
	f := compose(adder(3), multiplier(10))
	g := compose(multiplier(10), adder(3))
	fmt.Println(f(1), g(1))
	sub := curry(func(a, b int) int { return a - b })
	fmt.Println(sub(10)(3), sub(3)(10))
	pipeline := []func(int) int{adder(1), multiplier(2), adder(-5)}
	v := 10
	for _, p := range pipeline {
		v = p(v)
	}
	fmt.Println(v)
	total := 0
	each := func(xs []int, fn func(int)) {
		for _, x := range xs {
			fn(x)
		}
	}
	each(xs, func(x int) { total += x })
	fmt.Println(total)
}
