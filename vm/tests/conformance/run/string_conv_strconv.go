package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, n := range []int{0, 7, -42, 1234567890, 9223372036854775807, -9223372036854775808} {
		s := strconv.Itoa(n)
		fmt.Println(s, len(s))
	}
	inputs := []string{"123", "-45", "+7", "0", "007", "", "abc", "12a", " 5", "1.5", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "-"}
	for _, in := range inputs {
		n, err := strconv.Atoi(in)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println("ok:", n)
	}
	n, err := strconv.Atoi("99999999999999999999")
	fmt.Println(n, err != nil)
	total := 0
	for _, f := range []string{"10", "20", "x", "30"} {
		if v, err := strconv.Atoi(f); err == nil {
			total += v
		}
	}
	fmt.Println(total)
	fmt.Println(strconv.Itoa(5) + strconv.Itoa(10))
}
