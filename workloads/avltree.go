// avltree: an AVL tree under a stream of inserts and deletes.
//
// Stresses: recursion that returns and re-stores subtree pointers on the way
// up (every insert and delete rewrites the child fields along its path),
// single and double rotations (several reference field stores each), height
// bookkeeping through pointers, and allocation of nodes that live for a while
// and then die. Written for jitlab (the textbook AVL algorithms).
//
// run(n) applies n operations with keys from a linear congruential generator
// in [0, 8192): a key already in the tree is deleted, any other is inserted.
// It returns a hash of the in-order key sequence, the tree's size and its
// height, or -1 if the tree ever violates the AVL invariant at the end.
package main

import "fmt"

type Node struct {
	key    int
	height int
	left   *Node
	right  *Node
}

func height(n *Node) int {
	if n == nil {
		return 0
	}
	return n.height
}

func maxInt(a int, b int) int {
	if a > b {
		return a
	}
	return b
}

func (n *Node) fix() {
	n.height = 1 + maxInt(height(n.left), height(n.right))
}

func rotateRight(y *Node) *Node {
	x := y.left
	y.left = x.right
	x.right = y
	y.fix()
	x.fix()
	return x
}

func rotateLeft(x *Node) *Node {
	y := x.right
	x.right = y.left
	y.left = x
	x.fix()
	y.fix()
	return y
}

func balance(n *Node) *Node {
	n.fix()
	bf := height(n.left) - height(n.right)
	if bf > 1 {
		if height(n.left.left) < height(n.left.right) {
			n.left = rotateLeft(n.left)
		}
		return rotateRight(n)
	}
	if bf < -1 {
		if height(n.right.right) < height(n.right.left) {
			n.right = rotateRight(n.right)
		}
		return rotateLeft(n)
	}
	return n
}

func insert(n *Node, key int) *Node {
	if n == nil {
		return &Node{key: key, height: 1}
	}
	if key < n.key {
		n.left = insert(n.left, key)
	} else {
		n.right = insert(n.right, key)
	}
	return balance(n)
}

func removeMin(n *Node) (*Node, *Node) {
	if n.left == nil {
		return n.right, n
	}
	var min *Node
	n.left, min = removeMin(n.left)
	return balance(n), min
}

func remove(n *Node, key int) *Node {
	if n == nil {
		return nil
	}
	if key < n.key {
		n.left = remove(n.left, key)
	} else if key > n.key {
		n.right = remove(n.right, key)
	} else {
		if n.left == nil {
			return n.right
		}
		if n.right == nil {
			return n.left
		}
		right, min := removeMin(n.right)
		min.right = right
		min.left = n.left
		return balance(min)
	}
	return balance(n)
}

func contains(n *Node, key int) bool {
	for n != nil {
		if key == n.key {
			return true
		}
		if key < n.key {
			n = n.left
		} else {
			n = n.right
		}
	}
	return false
}

// check returns the subtree's height, or -1 if it is not a valid AVL tree
// with keys in (lo, hi).
func check(n *Node, lo int, hi int) int {
	if n == nil {
		return 0
	}
	if n.key <= lo || n.key >= hi {
		return -1
	}
	l := check(n.left, lo, n.key)
	r := check(n.right, n.key, hi)
	if l < 0 || r < 0 || l-r > 1 || r-l > 1 || n.height != 1+maxInt(l, r) {
		return -1
	}
	return n.height
}

type walker struct {
	hash  int
	count int
}

func (w *walker) walk(n *Node) {
	if n == nil {
		return
	}
	w.walk(n.left)
	w.count++
	w.hash = (w.hash*1000003 + n.key) & 0xFFFFFFFFFFFF
	w.walk(n.right)
}

func run(n int) int {
	var root *Node
	seed := 7
	for i := 0; i < n; i++ {
		seed = (seed*1103515245 + 12345) & 0x7FFFFFFF
		key := (seed >> 8) & 8191
		if contains(root, key) {
			root = remove(root, key)
		} else {
			root = insert(root, key)
		}
	}
	if check(root, -1, 8192) < 0 {
		return -1
	}
	w := &walker{}
	w.walk(root)
	return w.hash + w.count*1000 + height(root)
}

func main() {
	fmt.Println(run(100000))
}
