package main

import "fmt"

func main() {
	fmt.Println(42, 0x2A, 0X2a, 052, 0o52, 0O52, 0b101010, 0B101010)
	fmt.Println(1_000_000, 0xFF_FF, 0b1111_0000)
	fmt.Println(3.14, .5, 1., 1e3, 1E-3, 2.5e+2, 1_000.5)
	fmt.Println(0x1p4, 0x1.8p1)
	fmt.Println('a', 'Z', '0', '\n', '\t', '\\', '\'', '\x41', '\u00e9', '\u4e16', '\101', '世')
	fmt.Println("tab\there", "nl\\n", "q\"q", "\a\b\f\v" == "\x07\x08\x0c\x0b")
	fmt.Println(`a\tb`, `multi
line`)
	fmt.Println(true, false)
	fmt.Println(1<<10, -0, - 5)
	fmt.Println(9223372036854775807, -9223372036854775808)
	fmt.Println(1e100, 1e-100, 123456789.0, 0.000001)
}
