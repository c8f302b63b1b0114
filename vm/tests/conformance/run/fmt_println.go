package main

import "fmt"

func main() {
	fmt.Println()
	fmt.Println(1, -2, 3)
	fmt.Println("a", "b", "c")
	fmt.Println("mixed", 1, true, 2.5, 'x', byte(7))
	fmt.Println(true, false)
	fmt.Println("")
	fmt.Println("", "")
	fmt.Println("trailing space ")
	fmt.Println(1.0, 2.50, -0.125, 100.0, 1e6, 1e20, 1e21, 1e-4, 1e-5, 123456789.0, 12345678.9)
	fmt.Println(0.1, 0.2, 0.1+0.2, 1.0/3.0, 2.0/3.0, 100.0/3.0)
	fmt.Println(3.0e10, 4.5e-7, 6.02214076e23, 1.7976931348623157e308, 4.9e-324)
	fmt.Println(-1.5, -0.0, 1e-7, 0.000123)
}
