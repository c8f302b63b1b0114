package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"0", "00", "0x1f", "0b101", "0o17", "017", "1_000", "0x_ff", "1__0", "_1", "1_", "-0x10", "+42", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "0x", "0b2", "abc", "", "-", "z"} {
		a, e1 := strconv.ParseInt(s, 0, 64)
		b, e2 := strconv.ParseInt(s, 10, 8)
		c, e3 := strconv.ParseUint(s, 0, 64)
		d, e4 := strconv.ParseInt(s, 36, 32)
		fmt.Println(s, a, e1 != nil, b, e2 != nil, c, e3 != nil, d, e4 != nil)
	}
	fmt.Println(strconv.ParseUint("18446744073709551616", 10, 64))
	fmt.Println(strconv.ParseUint("256", 10, 8))
}
