package main

import "fmt"

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

func main() {
	strs := []string{"abc", "héllo", "日本語", "🙂!", "", "a\u0301"}
	for _, s := range strs {
		fmt.Println(s, len(s), runeCount(s))
	}
	for i, r := range "a€𝄞" {
		fmt.Printf("%d %c %d %q\n", i, r, r, r)
	}
	s := "ü"
	fmt.Println(s[0], s[1], len(s))
	fmt.Println(string(rune(0x4e16)), string(rune(233)), string(rune(128578)))
	invalid := string([]byte{0xe2, 0x82})
	for i, r := range invalid {
		fmt.Println("invalid", i, r)
	}
	fmt.Printf("%q\n", invalid)
	fmt.Println(string(rune(-1)) == "\uFFFD", string(rune(0x10FFFF+1)) == "\uFFFD")
	out := ""
	for _, r := range "héllo" {
		if r == 'é' {
			out += "e"
		} else {
			out += string(r)
		}
	}
	fmt.Println(out)
}
