package main

import "fmt"

func check(xs []int) {
	for i, x := range xs {
		if x < 0 {
			panic(fmt.Sprintf("negative value %d at index %d", x, i))
		}
		fmt.Println("ok", x)
	}
}

func main() {
	check([]int{3, 1, -4, 1})
}
