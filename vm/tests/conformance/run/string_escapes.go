package main

import "fmt"

func main() {
	strs := []string{"plain", "tab\there", "new\nline", "quote\"d", "back\\slash", "bell\a", "nul\x00", "é", "日本", "\x7f", "\xff", "'single'"}
	for _, s := range strs {
		fmt.Printf("%q %d\n", s, len(s))
	}
	fmt.Printf("%q %q %q %q %q\n", 'a', '\n', '\'', '"', '世')
	fmt.Printf("%q %q\n", rune(0), rune(0x7f))
	fmt.Println("a\tb\\n")
	fmt.Println(`C:\path\to\file`)
}
