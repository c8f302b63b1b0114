package main

import "fmt"

func main() {
	s := []string{"a", "b", "c"}
	for i, v := range s {
		fmt.Println(i, v)
	}
	for i := range s {
		fmt.Print(i)
	}
	fmt.Println()
	for _, v := range s {
		fmt.Print(v)
	}
	fmt.Println()
	count := 0
	for range s {
		count++
	}
	fmt.Println("count", count)

	arr := [4]int{1, 2, 3, 4}
	sum := 0
	for _, v := range arr {
		sum += v
	}
	fmt.Println("sum", sum)

	// range over an array iterates over a copy
	for i, v := range arr {
		arr[3] = 100
		if i == 3 {
			fmt.Println("array copy value", v)
		}
	}
	fmt.Println(arr)

	// range over a slice sees element updates but not length changes
	nums := []int{1, 2, 3}
	for i, v := range nums {
		if i == 0 {
			nums[2] = 30
			nums = append(nums, 4)
		}
		fmt.Println("elem", i, v)
	}
	fmt.Println(nums)

	// value is a copy
	vals := []int{1, 2, 3}
	for _, v := range vals {
		v *= 10
		_ = v
	}
	fmt.Println(vals)
	for i := range vals {
		vals[i] *= 10
	}
	fmt.Println(vals)

	var empty []int
	for range empty {
		fmt.Println("never")
	}
	var k, val int
	for k, val = range []int{5, 6, 7} {
	}
	fmt.Println("last", k, val)
}
