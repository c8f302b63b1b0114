package main

import "fmt"

type Transform func(string) string

func upper(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 32
		}
	}
	return string(b)
}

func exclaim(s string) string { return s + "!" }

func chain(fs ...Transform) Transform {
	return func(s string) string {
		for _, f := range fs {
			s = f(s)
		}
		return s
	}
}

func div(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func apply2(f func(int, int) (int, int), a, b int) string {
	x, y := f(a, b)
	return fmt.Sprint(x, ",", y)
}

func main() {
	t := chain(upper, exclaim, exclaim)
	fmt.Println(t("hello"))
	var fs []Transform
	fs = append(fs, exclaim, upper)
	fmt.Println(fs[1](fs[0]("x")))
	fmt.Println(apply2(div, 17, 5))
	f := upper
	fmt.Println(f("abc"))
	var g func(string) string
	fmt.Println(g == nil)
	g = exclaim
	fmt.Println(g != nil, g("ok"))
	table := map[string]Transform{"u": upper, "e": exclaim}
	fmt.Println(table["u"]("go"), table["e"]("go"))
	fmt.Println(div(7, 2))
}
