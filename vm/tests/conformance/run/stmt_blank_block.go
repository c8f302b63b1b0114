package main

import "fmt"

func three() (int, int, int) { return 1, 2, 3 }

func sideEffect(n *int) int {
	*n++
	return *n
}

func main() {
	_, b, _ := three()
	fmt.Println(b)
	var _ = 5
	_ = "ignored"
	count := 0
	_ = sideEffect(&count)
	_ = sideEffect(&count)
	fmt.Println(count)
	for _, c := range []int{1, 2} {
		_ = c
	}
	{
		{
			fmt.Println("nested blocks")
		}
	}
	;
	var a [3]int
	_ = a
	fmt.Println("end")
}
