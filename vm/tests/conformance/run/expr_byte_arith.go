package main

import "fmt"

func main() {
	var a byte = 250
	var b byte = 10
	fmt.Println(a+b, a-b, b-a, a*b, a/b, a%b)
	fmt.Println(a<<1, a>>1, ^a, a&b, a|b, a^b)
	c := byte(300 % 256)
	fmt.Println(c)
	s := "Hello"
	var up []byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'a' && ch <= 'z' {
			ch -= 'a' - 'A'
		}
		up = append(up, ch)
	}
	fmt.Println(string(up), up)
	var sum byte
	for i := 0; i < 100; i++ {
		sum += byte(i)
	}
	fmt.Println(sum)
	d := '7' - '0'
	fmt.Println(d, s[0]-'A', int(s[1])-int('a'))
	var x byte = 'x'
	fmt.Printf("%c %d %v %q\n", x, x, x, x)
	digits := []byte("0123456789")
	fmt.Println(digits[3]-'0', string(digits[2:5]))
}
