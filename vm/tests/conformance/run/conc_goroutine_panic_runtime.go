package main

import "fmt"

type Table struct {
	rows []int
}

func (t *Table) get(i int) int {
	return t.rows[i]
}

func main() {
	t := &Table{rows: []int{10, 20, 30}}
	req := make(chan int)
	resp := make(chan int)
	go func() {
		for i := range req {
			resp <- t.get(i)
		}
	}()
	for _, i := range []int{0, 2, 1, 5} {
		fmt.Println("asking for row", i)
		req <- i
		fmt.Println("row", i, "=", <-resp)
	}
	fmt.Println("unreachable")
}
