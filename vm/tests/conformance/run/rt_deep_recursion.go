package main

import "fmt"

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func sumTo(n int, acc int) int {
	if n == 0 {
		return acc
	}
	return sumTo(n-1, acc+n)
}

type Node struct{ next *Node }

func length(n *Node) int {
	if n == nil {
		return 0
	}
	return 1 + length(n.next)
}

func ackermann(m, n int) int {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

func main() {
	fmt.Println(depth(10000))
	fmt.Println(depth(100000))
	fmt.Println(sumTo(100000, 0))
	var head *Node
	for i := 0; i < 50000; i++ {
		head = &Node{head}
	}
	fmt.Println(length(head))
	fmt.Println(ackermann(2, 3), ackermann(3, 3))
}
