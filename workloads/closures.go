// closures: higher-order functions over int slices: map, filter, fold and
// function composition with closures.
//
// Stresses: calls through func values (indirect calls that a JIT cannot
// resolve statically), closure creation (allocation of the captured
// environment), captured variables read and written by reference (a counter
// shared by several closures), closures returning closures. Written for
// jitlab.
//
// run(n) does n rounds over a 256-element slice; each round builds adder and
// scaler closures from the round number, composes them, maps, filters and
// folds the slice with them, and counts calls through a shared captured
// counter. It returns the folded results and the call count, masked.
package main

import "fmt"

func mapInts(xs []int, out []int, f func(int) int) []int {
	out = out[:0]
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func filterInts(xs []int, out []int, pred func(int) bool) []int {
	out = out[:0]
	for _, x := range xs {
		if pred(x) {
			out = append(out, x)
		}
	}
	return out
}

func fold(xs []int, acc int, f func(int, int) int) int {
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func compose(f func(int) int, g func(int) int) func(int) int {
	return func(x int) int { return g(f(x)) }
}

func adder(k int) func(int) int {
	return func(x int) int { return x + k }
}

func scaler(k int) func(int) int {
	return func(x int) int { return (x * k) & 0xFFFFF }
}

func run(n int) int {
	xs := make([]int, 256)
	for i := range xs {
		xs[i] = (i*37 + 11) % 1000
	}
	buf1 := make([]int, 0, 256)
	buf2 := make([]int, 0, 256)

	calls := 0
	counted := func(f func(int) int) func(int) int {
		return func(x int) int {
			calls++
			return f(x)
		}
	}

	total := 0
	for r := 0; r < n; r++ {
		f := counted(compose(adder(r&15), scaler(3+r%5)))
		mapped := mapInts(xs, buf1, f)
		threshold := 500 + r%200
		kept := filterInts(mapped, buf2, func(x int) bool { return x&1 == 0 || x > threshold })
		sum := fold(kept, r, func(acc int, x int) int { return (acc*31 + x) & 0xFFFFFFF })
		total = (total + sum + len(kept)) & 0xFFFFFFFFFF
	}
	return total + calls
}

func main() {
	fmt.Println(run(12000))
}
