package main

import "fmt"

func main() {
	n := 42
	fmt.Printf("%d|%5d|%-5d|%05d|%+d|%+5d|%-+5d|\n", n, n, n, n, n, n, n)
	m := -42
	fmt.Printf("%d|%5d|%-5d|%05d|%+d|\n", m, m, m, m, m)
	fmt.Printf("%x|%X|%5x|%-5X|%05x|\n", 255, 255, 255, 255, 255)
	fmt.Printf("%x|%X|%x\n", -255, -255, 0)
	fmt.Printf("%d %d\n", 9223372036854775807, -9223372036854775808)
	fmt.Printf("%x %X\n", 9223372036854775807, -9223372036854775808)
	fmt.Printf("%v|%6v|%-6v|\n", n, n, n)
	fmt.Printf("%3d|%3d|%3d\n", 1, 12345, -1)
	fmt.Printf("%d %d\n", byte(200), 'A')
	fmt.Printf("%x %X\n", byte(171), byte(171))
	fmt.Printf("%08d|%-08d|%+08d\n", -123, -123, 123)
	fmt.Printf("%.3d|%6.3d|%-6.3d|\n", 7, 7, -7)
	for i := 0; i < 3; i++ {
		fmt.Printf("row %2d: %4d\n", i, i*i*100)
	}
}
