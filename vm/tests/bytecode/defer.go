package main

import "fmt"

// Functions with defer return through RunDefers; recover_pc is the landing code.
func safeDiv(a, b int) (q int, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	q = a / b
	return
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(7, 0))
}
