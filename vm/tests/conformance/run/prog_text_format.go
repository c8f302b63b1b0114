package main

import "fmt"

func words(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\n' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range words(s) {
		if line == "" {
			line = w
		} else if len(line)+1+len(w) <= width {
			line += " " + w
		} else {
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func center(s string, width int) string {
	pad := width - len(s)
	if pad <= 0 {
		return s
	}
	left := pad / 2
	return spaces(left) + s + spaces(pad-left)
}

func spaces(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}

func main() {
	text := "Go is an open source programming language that makes it simple to build secure, scalable systems."
	for _, w := range []int{20, 32} {
		fmt.Println("width", w)
		for i, l := range wrap(text, w) {
			fmt.Printf("%2d |%s|\n", i+1, l+spaces(w-len(l)))
		}
	}
	for _, l := range wrap(text, 24) {
		fmt.Printf("[%s]\n", center(l, 26))
	}
	fmt.Printf("%q\n", words("  leading and   trailing  "))
}
