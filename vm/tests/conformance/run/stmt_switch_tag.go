package main

import "fmt"

func name(d int) string {
	switch d {
	case 0:
		return "sun"
	case 6:
		return "sat"
	case 1, 2, 3, 4, 5:
		return "weekday"
	default:
		return "bad"
	}
}

func f(x int) int {
	fmt.Println("f", x)
	return x
}

func main() {
	for i := -1; i < 8; i++ {
		fmt.Println(i, name(i))
	}
	s := "go"
	switch s {
	case "rust":
		fmt.Println("rust")
	case "go":
		fmt.Println("gopher")
	}
	switch s + "lang" {
	default:
		fmt.Println("default first")
	case "golang":
		fmt.Println("golang")
	}
	switch x := 5; x * 2 {
	case 10:
		fmt.Println("ten")
	}
	// cases evaluated top to bottom, left to right, stop at first match
	switch 2 {
	case f(1), f(2), f(3):
		fmt.Println("matched")
	case f(4):
		fmt.Println("no")
	}
	switch 7 {
	case 1:
		fmt.Println("one")
	}
	fmt.Println("no match ok")
	b := true
	switch b {
	case false:
		fmt.Println("f")
	case true:
		fmt.Println("t")
	}
	c := 'x'
	switch c {
	case 'a', 'x':
		fmt.Println("a or x")
	}
}
