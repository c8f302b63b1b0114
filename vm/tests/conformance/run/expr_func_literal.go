package main

import "fmt"

func apply(f func(int) int, x int) int { return f(x) }

func main() {
	sq := func(x int) int { return x * x }
	fmt.Println(sq(5), apply(sq, 6))
	fmt.Println(func(a, b int) int { return a - b }(10, 3))
	fmt.Println(apply(func(x int) int { return x + 100 }, 1))
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	fmt.Println(ops["add"](3, 4), ops["mul"](3, 4))
	fs := []func() string{
		func() string { return "first" },
		func() string { return "second" },
	}
	for _, f := range fs {
		fmt.Println(f())
	}
	var nothing func()
	fmt.Println(nothing == nil)
	nothing = func() { fmt.Println("now set") }
	nothing()
	swap := func(a, b string) (string, string) { return b, a }
	x, y := swap("l", "r")
	fmt.Println(x, y)
	func() {
		fmt.Println("immediately invoked")
	}()
}
