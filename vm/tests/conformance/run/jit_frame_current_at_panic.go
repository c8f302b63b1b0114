package main

import "fmt"

// A JIT may keep a block's scalar results in registers and write them to the frame
// later; a check that fails in the same block must still leave the frame current,
// because the panic's recovery returns the named results from it.

var recovered int

func sumThenIndex(xs []int, k int) (total int, steps int) {
	defer func() {
		if r := recover(); r != nil {
			recovered++
		}
	}()
	for i := 0; i < len(xs); i++ {
		total += xs[i]
		steps = i + 1
		total += xs[i+k]
	}
	return total, steps
}

func divide(a int, b int) (q int, where int) {
	defer func() {
		recover()
	}()
	where = 1
	q = a * 3
	where = 2
	q = q / b
	where = 3
	return
}

func main() {
	xs := []int{1, 2, 3, 4, 5}
	for round := 0; round < 300; round++ {
		t, s := sumThenIndex(xs, 2)
		q, w := divide(round, round%7)
		if round%60 == 0 {
			fmt.Println(round, t, s, q, w)
		}
	}
	fmt.Println("recovered", recovered)
}
