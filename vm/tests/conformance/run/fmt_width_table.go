package main

import "fmt"

func main() {
	names := []string{"alpha", "b", "gamma-delta", ""}
	vals := []int{1, -22, 333, 4444}
	fmt.Printf("|%-12s|%6s|%8s|\n", "name", "val", "hex")
	for i, n := range names {
		fmt.Printf("|%-12s|%6d|%8x|\n", n, vals[i], vals[i])
	}
	for i, n := range names {
		fmt.Printf("|%12s|%-6d|%-8X|\n", n, vals[i], vals[i])
	}
	fmt.Printf("|%6.2f|%-6.1f|%6.0f|\n", 3.14159, 2.71828, 1.5)
	fmt.Printf("|%1d|%1s|%0d|\n", 12345, "long", 5)
	fmt.Printf("%3d%%|%-4d%%\n", 50, 7)
	fmt.Printf("%d %s %v %t %c %q %x %f %e %g\n", 1, "s", 2, true, 'c', "q", 16, 1.5, 1.5, 1.5)
}
