package main

import "fmt"

func main() {
	// Go 1.19: a for-clause variable is shared by all iterations.
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	// explicit per-iteration copy
	fs = nil
	for i := 0; i < 3; i++ {
		i := i
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	// range variables are shared too in Go 1.19
	var gs []func() string
	for _, s := range []string{"a", "b", "c"} {
		gs = append(gs, func() string { return s })
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()

	// passing as argument captures the current value
	var hs []func() int
	for i := 0; i < 3; i++ {
		hs = append(hs, func(v int) func() int { return func() int { return v * 10 } }(i))
	}
	for _, h := range hs {
		fmt.Print(h(), " ")
	}
	fmt.Println()

	// closure modifying the loop variable
	for i := 0; i < 10; i++ {
		skip := func() { i += 3 }
		skip()
		fmt.Print(i, " ")
	}
	fmt.Println()
}
