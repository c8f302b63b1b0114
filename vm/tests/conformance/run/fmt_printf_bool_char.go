package main

import "fmt"

func main() {
	fmt.Printf("%t|%t|%6t|%-6t|%v\n", true, false, true, false, true)
	fmt.Printf("%c|%c|%c|%c\n", 'A', 97, 0x4e16, 'é')
	fmt.Printf("%3c|%-3c|\n", 'x', 'y')
	fmt.Printf("%q|%q|%q|%q|%q\n", 'a', '\t', '\x00', '世', '\'')
	fmt.Printf("%d|%v|%x|%X\n", 'a', 'a', 'a', '世')
	var b byte = 'z'
	fmt.Printf("%c|%q|%d|%v|%x\n", b, b, b, b, b)
	for _, r := range "héy" {
		fmt.Printf("[%c %d %q]", r, r, r)
	}
	fmt.Println()
	var ok bool
	fmt.Printf("%v %t\n", ok, !ok)
	fmt.Printf("%5q|%-5q|\n", 'a', 'b')
}
