package main

import "fmt"

func t(name string) bool {
	fmt.Println("eval", name)
	return true
}

func f(name string) bool {
	fmt.Println("eval", name)
	return false
}

func main() {
	fmt.Println(true && false, true || false, !true, !false)
	fmt.Println("--- and short-circuit")
	if f("a") && t("b") {
		fmt.Println("no")
	}
	fmt.Println("--- or short-circuit")
	if t("c") || t("d") {
		fmt.Println("yes")
	}
	fmt.Println("--- full")
	r := t("e") && f("f") || t("g")
	fmt.Println(r)
	fmt.Println("--- precedence")
	fmt.Println(true || false && false, (true || false) && false)
	var s []int
	if s != nil && s[0] == 1 {
		fmt.Println("no")
	}
	if s == nil || s[0] == 1 {
		fmt.Println("guarded")
	}
	x := 5
	ok := x > 0 && x < 10 && x != 7
	fmt.Println(ok, !ok, !!ok)
}
