package main

import "fmt"

func setFirst(s []int, v int) { s[0] = v }

func appendOne(s []int) { s = append(s, 1); s[0] = -5 }

func appendRet(s []int) []int { return append(s, 1) }

func grow(p *[]int) { *p = append(*p, 42) }

func sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

func joinWith(sep string, parts ...string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

func count(xs ...int) (int, bool) { return len(xs), xs == nil }

func main() {
	s := []int{1, 2, 3}
	setFirst(s, 10)
	fmt.Println(s)
	appendOne(s[:3:3]) // full: the append copies, s[0] unaffected afterward
	fmt.Println(s)
	t := make([]int, 1, 5)
	appendOne(t) // within capacity: s[0] write is visible
	fmt.Println(t, len(t))
	s = appendRet(s)
	fmt.Println(s)
	grow(&s)
	fmt.Println(s)
	fmt.Println(sum(), sum(1), sum(1, 2, 3), sum(s...))
	fmt.Println(joinWith("-", "a", "b", "c"), joinWith(","), joinWith("+", []string{"x", "y"}...))
	fmt.Println(count())
	fmt.Println(count(1, 2))
	fmt.Println(count([]int{}...))
	nums := []int{5, 6}
	func(xs ...int) { xs[0] = 99 }(nums...)
	fmt.Println(nums)
}
