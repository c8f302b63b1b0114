package main

import "fmt"

func main() {
	sum := 0
	for i := 0; i < 10; i++ {
		sum += i
	}
	fmt.Println("three-clause", sum)

	n := 1
	for n < 100 {
		n *= 3
	}
	fmt.Println("condition", n)

	k := 0
	for {
		k++
		if k == 7 {
			break
		}
	}
	fmt.Println("infinite", k)

	for i, j := 0, 10; i < j; i, j = i+1, j-2 {
		fmt.Println("pair", i, j)
	}

	c := 0
	for ; c < 3; {
		c++
	}
	fmt.Println("empty clauses", c)

	odd := 0
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		odd += i
	}
	fmt.Println("odd sum", odd)

	var i int
	for i = 0; i < 5; i++ {
	}
	fmt.Println("after loop", i)

	for i := 3; i > 0; i-- {
		fmt.Print(i, " ")
	}
	fmt.Println()

	total := 0
	for a := 1; a <= 4; a++ {
		for b := 1; b <= a; b++ {
			total += a * b
		}
	}
	fmt.Println("nested", total)
}
