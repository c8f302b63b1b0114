package main

import "fmt"

func main() {
	for i, r := range "héllo, 世界" {
		fmt.Printf("%d:%c(%d) ", i, r, r)
	}
	fmt.Println()
	n := 0
	for range "日本語" {
		n++
	}
	fmt.Println("runes", n, "bytes", len("日本語"))
	for i := range "abc" {
		fmt.Print(i)
	}
	fmt.Println()
	bad := "a\xffb"
	for i, r := range bad {
		fmt.Println(i, r, r == 0xFFFD)
	}
	s := "hello"
	for i := 0; i < len(s); i++ {
		fmt.Print(s[i], " ")
	}
	fmt.Println()
	vowels := 0
	for _, r := range "programming language" {
		switch r {
		case 'a', 'e', 'i', 'o', 'u':
			vowels++
		}
	}
	fmt.Println("vowels", vowels)
	out := ""
	for _, r := range "abc" {
		out = string(r) + out
	}
	fmt.Println(out)
}
