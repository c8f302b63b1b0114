package main

import "fmt"

func remove(s []int, i int) []int { return append(s[:i], s[i+1:]...) }

func insert(s []int, i, v int) []int {
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func reverse(s []int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func filter(s []int, keep func(int) bool) []int {
	out := s[:0]
	for _, v := range s {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func main() {
	s := []int{0, 1, 2, 3, 4, 5}
	s = remove(s, 2)
	fmt.Println(s)
	s = insert(s, 1, 99)
	fmt.Println(s)
	reverse(s)
	fmt.Println(s)
	s = filter(s, func(v int) bool { return v%2 == 1 })
	fmt.Println(s)
	stack := []string{}
	stack = append(stack, "a", "b", "c")
	top := stack[len(stack)-1]
	stack = stack[:len(stack)-1]
	fmt.Println(top, stack)
	queue := []int{1, 2, 3}
	head := queue[0]
	queue = queue[1:]
	fmt.Println(head, queue)
	clone := append([]int(nil), queue...)
	clone[0] = 100
	fmt.Println(queue, clone)
	max := s[0]
	for _, v := range s[1:] {
		if v > max {
			max = v
		}
	}
	fmt.Println("max", max)
	dedup := []int{1, 1, 2, 3, 3, 3, 4}
	j := 0
	for i := 1; i < len(dedup); i++ {
		if dedup[i] != dedup[j] {
			j++
			dedup[j] = dedup[i]
		}
	}
	fmt.Println(dedup[:j+1])
}
