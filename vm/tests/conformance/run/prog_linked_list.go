package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

type List struct {
	head *Node
	size int
}

func (l *List) PushFront(v int) {
	l.head = &Node{v, l.head}
	l.size++
}

func (l *List) PushBack(v int) {
	n := &Node{Val: v}
	l.size++
	if l.head == nil {
		l.head = n
		return
	}
	cur := l.head
	for cur.Next != nil {
		cur = cur.Next
	}
	cur.Next = n
}

func (l *List) Remove(v int) bool {
	if l.head == nil {
		return false
	}
	if l.head.Val == v {
		l.head = l.head.Next
		l.size--
		return true
	}
	for cur := l.head; cur.Next != nil; cur = cur.Next {
		if cur.Next.Val == v {
			cur.Next = cur.Next.Next
			l.size--
			return true
		}
	}
	return false
}

func (l *List) Reverse() {
	var prev *Node
	cur := l.head
	for cur != nil {
		next := cur.Next
		cur.Next = prev
		prev = cur
		cur = next
	}
	l.head = prev
}

func (l List) String() string {
	s := "["
	for n := l.head; n != nil; n = n.Next {
		if n != l.head {
			s += " -> "
		}
		s += fmt.Sprint(n.Val)
	}
	return s + "]"
}

func (l *List) Each(f func(int)) {
	for n := l.head; n != nil; n = n.Next {
		f(n.Val)
	}
}

type DNode struct {
	Key        string
	Prev, Next *DNode
}

func main() {
	var l List
	for i := 1; i <= 5; i++ {
		l.PushBack(i * 10)
	}
	l.PushFront(0)
	fmt.Println(l, l.size)
	fmt.Println(l.Remove(30), l.Remove(99), l.Remove(0))
	fmt.Println(l, l.size)
	l.Reverse()
	fmt.Println(l)
	sum := 0
	l.Each(func(v int) { sum += v })
	fmt.Println("sum", sum)
	var empty List
	empty.Reverse()
	fmt.Println(empty, empty.Remove(1))
	// doubly linked ring
	a := &DNode{Key: "a"}
	b := &DNode{Key: "b"}
	c := &DNode{Key: "c"}
	a.Next, b.Next, c.Next = b, c, a
	a.Prev, b.Prev, c.Prev = c, a, b
	n := a
	for i := 0; i < 7; i++ {
		fmt.Print(n.Key)
		n = n.Next
	}
	fmt.Println()
	for i := 0; i < 4; i++ {
		fmt.Print(n.Key)
		n = n.Prev
	}
	fmt.Println()
}
