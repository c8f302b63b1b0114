// linkedlist: pointer chasing and pointer surgery on a doubly linked list.
//
// Stresses: loads of reference fields in a dependent chain (node.next.next...),
// int field updates through pointers, and reference field stores that unlink
// and relink nodes (move-to-front, in-place reversal): the case where keeping
// references in registers across a loop matters, and where every store is a
// write barrier. The list's nodes live long (they are promoted early), so the
// stores are mostly old-to-old. Written for jitlab.
//
// run(n) builds a list of 1000 nodes with pseudo-random values, then does n
// rounds; each round walks the list forward updating every value and moving
// every seventh node to the front, walks it backward summing the values, and
// every 16th round reverses the list in place. It returns the sum of the
// backward sums plus the final head-to-tail hash.
package main

import "fmt"

type Node struct {
	value int
	prev  *Node
	next  *Node
}

type List struct {
	head   *Node
	tail   *Node
	length int
}

func (l *List) pushBack(n *Node) {
	n.next = nil
	n.prev = l.tail
	if l.tail == nil {
		l.head = n
	} else {
		l.tail.next = n
	}
	l.tail = n
	l.length++
}

func (l *List) unlink(n *Node) {
	if n.prev == nil {
		l.head = n.next
	} else {
		n.prev.next = n.next
	}
	if n.next == nil {
		l.tail = n.prev
	} else {
		n.next.prev = n.prev
	}
	n.prev = nil
	n.next = nil
	l.length--
}

func (l *List) pushFront(n *Node) {
	n.prev = nil
	n.next = l.head
	if l.head == nil {
		l.tail = n
	} else {
		l.head.prev = n
	}
	l.head = n
	l.length++
}

func (l *List) reverse() {
	n := l.head
	for n != nil {
		next := n.next
		n.next = n.prev
		n.prev = next
		n = next
	}
	l.head, l.tail = l.tail, l.head
}

// updateAndMove rewrites every value and moves every seventh node to the
// front of the list.
func (l *List) updateAndMove(round int) {
	i := 0
	n := l.head
	for n != nil {
		next := n.next
		n.value = (n.value*31 + round + i) & 0xFFFF
		if i%7 == 3 {
			l.unlink(n)
			l.pushFront(n)
		}
		i++
		n = next
	}
}

func (l *List) sumBackward() int {
	sum := 0
	pos := 0
	for n := l.tail; n != nil; n = n.prev {
		sum += n.value ^ pos
		pos++
	}
	return sum
}

func (l *List) hash() int {
	h := 0
	for n := l.head; n != nil; n = n.next {
		h = (h*131 + n.value) & 0xFFFFFFFFFF
	}
	return h
}

func run(n int) int {
	l := &List{}
	seed := 42
	for i := 0; i < 1000; i++ {
		seed = (seed*1103515245 + 12345) & 0x7FFFFFFF
		l.pushBack(&Node{value: seed & 0xFFFF})
	}
	total := 0
	for round := 0; round < n; round++ {
		l.updateAndMove(round)
		total += l.sumBackward()
		if round%16 == 15 {
			l.reverse()
		}
	}
	if l.length != 1000 {
		return -1
	}
	return total + l.hash()
}

func main() {
	fmt.Println(run(5000))
}
