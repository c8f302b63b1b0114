package main

import "fmt"

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 70:
		return "C"
	default:
		return "F"
	}
}

func main() {
	for _, s := range []int{95, 85, 72, 10, 90, 80} {
		fmt.Println(s, grade(s))
	}
	switch x := 15; {
	case x%15 == 0:
		fmt.Println("FizzBuzz")
	case x%3 == 0:
		fmt.Println("Fizz")
	}
	for i := 1; i <= 15; i++ {
		switch {
		case i%15 == 0:
			fmt.Print("FizzBuzz")
		case i%3 == 0:
			fmt.Print("Fizz")
		case i%5 == 0:
			fmt.Print("Buzz")
		default:
			fmt.Print(i)
		}
		fmt.Print(" ")
	}
	fmt.Println()
	switch {
	}
	fmt.Println("empty switch ok")
}
