package main

import "fmt"

var romanVals = []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
var romanSyms = []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}

func toRoman(n int) string {
	s := ""
	for i, v := range romanVals {
		for n >= v {
			s += romanSyms[i]
			n -= v
		}
	}
	return s
}

func fromRoman(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	_ = vals
	val := func(c byte) int {
		switch c {
		case 'I':
			return 1
		case 'V':
			return 5
		case 'X':
			return 10
		case 'L':
			return 50
		case 'C':
			return 100
		case 'D':
			return 500
		case 'M':
			return 1000
		}
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val(s[i])
		if i+1 < len(s) && v < val(s[i+1]) {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

func caesar(s string, shift int) string {
	shift = (shift%26 + 26) % 26
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = 'a' + (c-'a'+byte(shift))%26
		case c >= 'A' && c <= 'Z':
			b[i] = 'A' + (c-'A'+byte(shift))%26
		}
	}
	return string(b)
}

func main() {
	for _, n := range []int{1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999} {
		r := toRoman(n)
		fmt.Println(n, r, fromRoman(r) == n)
	}
	msg := "Hello, World! xyz"
	enc := caesar(msg, 3)
	fmt.Println(enc)
	fmt.Println(caesar(enc, -3))
	fmt.Println(caesar(msg, 13), caesar(caesar(msg, 13), 13) == msg)
	fmt.Println(caesar("abc", -27), caesar("abc", 52))
}
