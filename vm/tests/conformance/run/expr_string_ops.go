package main

import "fmt"

func main() {
	s := "hello"
	t := "world"
	u := s + ", " + t + "!"
	fmt.Println(u, len(u))
	fmt.Println(s[0], s[4], string(s[1]), s[1:3], s[:2], s[3:], s[:])
	fmt.Println(s == "hello", s != t, s < t, s > t, s+t == "helloworld")
	e := ""
	fmt.Println(len(e), e+e == "", e < "a")
	fmt.Println("abc" < "abcd", "abcd" < "abd", "B" < "a")
	r := ""
	for i := 0; i < 5; i++ {
		r += string(byte('a' + i))
	}
	fmt.Println(r)
	fmt.Println(s[len(s)-1] == 'o', s[0]-'a', s[1]+1)
	sub := u[7:12]
	fmt.Println(sub, len(sub))
	const c = "const" + "ant"
	fmt.Println(c, len(c))
	multi := "line1\nline2\ttab \"quoted\" \\ back"
	fmt.Println(multi)
	raw := `raw\nstring "with" quotes`
	fmt.Println(raw, len(raw))
	fmt.Println("\x41\x42\u00e9\u4e16\101")
	x := "abc"
	y := x
	x += "def"
	fmt.Println(x, y)
}
