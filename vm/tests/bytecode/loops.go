package main

import "fmt"

// Counted loops become IncJmpLtI back edges; conditions become fused compare-branches.
func sum(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		if i%3 == 0 || i > 100 {
			continue
		}
		s += i * 2
	}
	return s
}

func main() {
	xs := []int{3, 1, 2}
	t := 0
	for _, x := range xs {
		t += x
	}
	fmt.Println(sum(10), t)
}
