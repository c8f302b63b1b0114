package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(string(rune(65)), string(rune(0x263A)), string(byte(97)))
	bs := []byte("abc")
	s := string(bs)
	bs[0] = 'X'
	fmt.Println(s, string(bs))
	s2 := "copy"
	b2 := []byte(s2)
	b2[0] = 'C'
	fmt.Println(s2, string(b2))
	n := 123
	fmt.Println(strconv.Itoa(n)+"4", fmt.Sprint(n)+"5")
	v, _ := strconv.Atoi("77")
	fmt.Println(v + 1)
	digits := ""
	for i := 0; i < 10; i++ {
		digits += strconv.Itoa(i)
	}
	fmt.Println(digits)
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[i] - '0')
	}
	fmt.Println(sum)
	for _, r := range "Go!" {
		fmt.Print(string(r), int(r), " ")
	}
	fmt.Println()
	fmt.Println(string([]byte{104, 105}), []byte("hi"), len(string([]byte{})))
	type Name string
	nm := Name("bob")
	fmt.Println(string(nm) == "bob", []byte(nm))
	f := 2.5
	fmt.Println(fmt.Sprint(f), fmt.Sprintf("%.3f", f))
}
