package main

import "fmt"

func main() {
	s := "hello"
	b := []byte(s)
	b[0] = 'H'
	fmt.Println(s, string(b), b)
	b = append(b, " world"...)
	fmt.Println(string(b), len(b))
	c := b[6:]
	for i := range c {
		c[i] = c[i] - 'a' + 'A'
	}
	fmt.Println(string(b))
	var out []byte
	for i := len(s) - 1; i >= 0; i-- {
		out = append(out, s[i])
	}
	fmt.Println(string(out))
	num := []byte{}
	n := 90210
	for n > 0 {
		num = append([]byte{byte('0' + n%10)}, num...)
		n /= 10
	}
	fmt.Println(string(num))
	e := []byte("")
	fmt.Println(len(e), string(e) == "")
	fmt.Printf("%s %x %X %v\n", b[:5], b[:5], b[:5], b[:2])
	fmt.Printf("%q\n", []byte("a\"b"))
	t := string(b[:5])
	b[0] = 'J'
	fmt.Println(t, string(b[:5]))
}
