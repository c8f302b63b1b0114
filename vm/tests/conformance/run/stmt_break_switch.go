package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		switch i {
		case 1:
			fmt.Println("break in switch at", i)
			break
			fmt.Println("unreachable")
		default:
			fmt.Println("case", i)
		}
	}
	var x interface{} = 5
	for i := 0; i < 2; i++ {
		switch x.(type) {
		case int:
			if i == 0 {
				break
			}
			fmt.Println("int", i)
		}
	}
	for i := 0; i < 5; i++ {
		if i == 1 {
			continue
		}
		switch {
		case i == 3:
			continue
		}
		fmt.Println("loop", i)
	}
}
