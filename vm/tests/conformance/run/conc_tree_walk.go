package main

import "fmt"

// The Go tour's "Equivalent Binary Trees": recursive walks in goroutines
// suspended mid-recursion at every send.

type Tree struct {
	Left  *Tree
	Value int
	Right *Tree
}

func insert(t *Tree, v int) *Tree {
	if t == nil {
		return &Tree{nil, v, nil}
	}
	if v < t.Value {
		t.Left = insert(t.Left, v)
	} else {
		t.Right = insert(t.Right, v)
	}
	return t
}

// build inserts k, 2k, ..., 10k in a scrambled order.
func build(k int, seed int) *Tree {
	var t *Tree
	perm := []int{3, 7, 1, 9, 5, 2, 10, 4, 8, 6}
	for i := range perm {
		j := (i*seed + 3) % len(perm)
		perm[i], perm[j] = perm[j], perm[i]
	}
	for _, p := range perm {
		t = insert(t, p*k)
	}
	return t
}

func walk(t *Tree, ch chan int) {
	if t == nil {
		return
	}
	walk(t.Left, ch)
	ch <- t.Value
	walk(t.Right, ch)
}

func walker(t *Tree) <-chan int {
	ch := make(chan int)
	go func() {
		walk(t, ch)
		close(ch)
	}()
	return ch
}

func same(t1, t2 *Tree) bool {
	c1, c2 := walker(t1), walker(t2)
	for {
		v1, ok1 := <-c1
		v2, ok2 := <-c2
		if ok1 != ok2 || v1 != v2 {
			return false
		}
		if !ok1 {
			return true
		}
	}
}

func depth(t *Tree) int {
	if t == nil {
		return 0
	}
	l, r := depth(t.Left), depth(t.Right)
	if l > r {
		return l + 1
	}
	return r + 1
}

func main() {
	a := build(1, 1)
	for v := range walker(a) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	b := build(1, 7)
	c := build(2, 1)
	fmt.Println("depths", depth(a), depth(b), depth(c))
	fmt.Println("same(a, a):", same(a, a))
	fmt.Println("same(a, b):", same(a, b))
	fmt.Println("same(a, c):", same(a, c))
	d := insert(build(1, 3), 11)
	fmt.Println("same(a, d):", same(a, d))

	// a deep, degenerate tree: the walker goroutine's stack grows to ~2000 frames
	var line *Tree
	for i := 2000; i >= 1; i-- {
		line = &Tree{line, i, nil}
	}
	sum, n := 0, 0
	for v := range walker(line) {
		sum += v
		n++
	}
	fmt.Println("deep walk", n, sum)
}
