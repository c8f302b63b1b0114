package main

import "fmt"

var x = "package"

func show() { fmt.Println("show", x) }

func main() {
	fmt.Println(x)
	x := "main"
	fmt.Println(x)
	show()
	{
		x := "block"
		fmt.Println(x)
		{
			x = "modified block"
			fmt.Println(x)
		}
	}
	fmt.Println(x)
	for x := 0; x < 2; x++ {
		fmt.Println("loop", x)
	}
	if x := 42; x > 0 {
		fmt.Println("if", x)
	} else {
		fmt.Println("else", x)
	}
	switch x := 3.5; {
	case x > 3:
		fmt.Println("switch", x)
	}
	fmt.Println(x)
	y := 1
	{
		y := y + 1
		y++
		fmt.Println("inner y", y)
	}
	fmt.Println("outer y", y)
	err := 1
	if err, ok := 2, true; ok {
		fmt.Println("shadow err", err)
	}
	fmt.Println("err", err)
	len := 3
	fmt.Println("shadowed builtin", len)
}
