package main

import "fmt"

func main() {
	fmt.Print("a", "b", "\n")
	fmt.Print(1, 2, 3, "\n")
	fmt.Print("x", 1, 2, "y", 3, "\n")
	fmt.Print(1.5, true, "\n")
	fmt.Print(true, false, "\n")
	fmt.Print([]int{1}, []int{2}, "\n")
	fmt.Print("no newline")
	fmt.Print("\n")
	s := fmt.Sprint("a", 1, 2, "b", 3.5, 4, true)
	fmt.Println(s, len(s))
	fmt.Println(fmt.Sprint(), fmt.Sprint(""), fmt.Sprint(1), fmt.Sprint("s", "t"))
	fmt.Println(fmt.Sprint(1, 2), fmt.Sprint("1", "2"), fmt.Sprint(1, "2", 3))
	fmt.Println(fmt.Sprint(nil, nil), fmt.Sprint(nil, "x", nil))
	fmt.Print("a", 1, '\n')
	fmt.Print(1, 'b', "\n")
}
