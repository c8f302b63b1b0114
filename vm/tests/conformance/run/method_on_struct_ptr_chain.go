package main

import "fmt"

type Node struct {
	Val         int
	Left, Right *Node
}

func (n *Node) Insert(v int) *Node {
	if n == nil {
		return &Node{Val: v}
	}
	if v < n.Val {
		n.Left = n.Left.Insert(v)
	} else {
		n.Right = n.Right.Insert(v)
	}
	return n
}

func (n *Node) Sum() int {
	if n == nil {
		return 0
	}
	return n.Val + n.Left.Sum() + n.Right.Sum()
}

func (n *Node) Height() int {
	if n == nil {
		return 0
	}
	l, r := n.Left.Height(), n.Right.Height()
	if l > r {
		return l + 1
	}
	return r + 1
}

type Builder struct{ parts []string }

func (b *Builder) Add(s string) *Builder {
	b.parts = append(b.parts, s)
	return b
}

func (b Builder) Count() int { return len(b.parts) }

func main() {
	var root *Node
	for _, v := range []int{5, 3, 8, 1, 4, 7, 9, 2} {
		root = root.Insert(v)
	}
	fmt.Println(root.Sum(), root.Height(), root.Left.Val, root.Right.Left.Val)
	var empty *Node
	fmt.Println(empty.Sum(), empty.Height())
	b := &Builder{}
	n := b.Add("a").Add("b").Add("c").Count()
	fmt.Println(n, b.parts)
}
