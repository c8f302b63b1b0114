package main

import (
	"fmt"
	"strconv"
)

type CalcError struct{ msg string }

func (e CalcError) Error() string { return "calc: " + e.msg }

func fields(s string) []string {
	var out []string
	cur := ""
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			continue
		}
		cur += string(s[i])
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func rpn(expr string) (int, error) {
	var st []int
	for _, tok := range fields(expr) {
		switch tok {
		case "+", "-", "*", "/", "max":
			if len(st) < 2 {
				return 0, CalcError{"stack underflow at " + tok}
			}
			b, a := st[len(st)-1], st[len(st)-2]
			st = st[:len(st)-2]
			var r int
			switch tok {
			case "+":
				r = a + b
			case "-":
				r = a - b
			case "*":
				r = a * b
			case "/":
				if b == 0 {
					return 0, CalcError{"division by zero"}
				}
				r = a / b
			case "max":
				r = a
				if b > a {
					r = b
				}
			}
			st = append(st, r)
		case "dup":
			if len(st) == 0 {
				return 0, CalcError{"dup on empty"}
			}
			st = append(st, st[len(st)-1])
		default:
			n, err := strconv.Atoi(tok)
			if err != nil {
				return 0, CalcError{"bad token " + strconv.Itoa(len(tok)) + ":" + tok}
			}
			st = append(st, n)
		}
	}
	if len(st) != 1 {
		return 0, CalcError{fmt.Sprintf("%d values left", len(st))}
	}
	return st[0], nil
}

func main() {
	for _, e := range []string{
		"3 4 +",
		"5 1 2 + 4 * + 3 -",
		"2 dup * dup *",
		"  10   3 /  ",
		"-7 2 /",
		"1 9 max 4 max",
		"1 +",
		"1 0 /",
		"1 2",
		"x 1 +",
		"",
	} {
		v, err := rpn(e)
		if err != nil {
			fmt.Printf("%q -> %v\n", e, err)
			continue
		}
		fmt.Printf("%q -> %d\n", e, v)
	}
}
