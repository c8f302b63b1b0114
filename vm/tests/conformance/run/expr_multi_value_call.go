package main

import "fmt"

func pair() (int, int)         { return 3, 4 }
func add(a, b int) int         { return a + b }
func swap(a, b int) (int, int) { return b, a }
func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
func divmod(a, b int) (int, int) { return a / b, a % b }
func three() (string, int, bool) { return "s", 1, true }

func describe(s string, n int, b bool) string { return fmt.Sprint(s, n, b) }

func main() {
	fmt.Println(add(pair()))
	fmt.Println(swap(pair()))
	fmt.Println(add(swap(swap(pair()))))
	fmt.Println(sum(pair()))
	fmt.Println(pair())
	fmt.Println(divmod(17, 5))
	fmt.Println(describe(three()))
	q, r := divmod(-17, 5)
	fmt.Println(q, r)
	var a, b int
	a, b = swap(1, 2)
	fmt.Println(a, b)
	s := fmt.Sprint(three())
	fmt.Println(s)
}
