package main

import "fmt"

type Tree struct {
	Key         string
	Count       int
	Left, Right *Tree
}

func insert(t *Tree, k string) *Tree {
	if t == nil {
		return &Tree{Key: k, Count: 1}
	}
	switch {
	case k < t.Key:
		t.Left = insert(t.Left, k)
	case k > t.Key:
		t.Right = insert(t.Right, k)
	default:
		t.Count++
	}
	return t
}

func (t *Tree) InOrder(visit func(*Tree)) {
	if t == nil {
		return
	}
	t.Left.InOrder(visit)
	visit(t)
	t.Right.InOrder(visit)
}

func (t *Tree) Find(k string) *Tree {
	for t != nil {
		if k < t.Key {
			t = t.Left
		} else if k > t.Key {
			t = t.Right
		} else {
			return t
		}
	}
	return nil
}

func (t *Tree) Height() int {
	if t == nil {
		return 0
	}
	l, r := t.Left.Height(), t.Right.Height()
	if l > r {
		return l + 1
	}
	return r + 1
}

func deleteMin(t *Tree) (*Tree, *Tree) {
	if t.Left == nil {
		return t.Right, t
	}
	var m *Tree
	t.Left, m = deleteMin(t.Left)
	return t, m
}

func remove(t *Tree, k string) *Tree {
	if t == nil {
		return nil
	}
	if k < t.Key {
		t.Left = remove(t.Left, k)
	} else if k > t.Key {
		t.Right = remove(t.Right, k)
	} else {
		if t.Left == nil {
			return t.Right
		}
		if t.Right == nil {
			return t.Left
		}
		var m *Tree
		t.Right, m = deleteMin(t.Right)
		m.Left, m.Right = t.Left, t.Right
		return m
	}
	return t
}

func main() {
	var root *Tree
	for _, w := range []string{"m", "f", "t", "b", "h", "p", "x", "a", "h", "m", "z", "g"} {
		root = insert(root, w)
	}
	root.InOrder(func(t *Tree) { fmt.Printf("%s:%d ", t.Key, t.Count) })
	fmt.Println()
	fmt.Println("height", root.Height())
	if n := root.Find("h"); n != nil {
		fmt.Println("found h", n.Count)
	}
	fmt.Println(root.Find("q") == nil)
	for _, k := range []string{"m", "a", "t", "nope"} {
		root = remove(root, k)
		keys := ""
		root.InOrder(func(t *Tree) { keys += t.Key })
		fmt.Println("after removing", k, keys, root.Key)
	}
}
