package main

import "fmt"

func main() {
	s := "Hello, 世界!"
	fmt.Println(len(s))
	for i := 0; i < len(s); i++ {
		fmt.Print(s[i], " ")
	}
	fmt.Println()
	fmt.Println(s[7:10], s[10:13], s[:5]+s[13:])
	fmt.Printf("%q %q\n", s[7:8], s[8:10])
	b := s[0]
	fmt.Println(b, string(b), b == 'H')
	sub := s[1:4]
	fmt.Println(sub, len(sub))
	first, last := s[0], s[len(s)-1]
	fmt.Printf("%c %c\n", first, last)
	idx := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			idx = i
			break
		}
	}
	fmt.Println("comma at", idx, s[:idx])
	empty := s[3:3]
	fmt.Println(len(empty), empty == "")
}
