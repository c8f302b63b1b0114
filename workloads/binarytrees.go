// binarytrees: allocate and walk perfect binary trees, from the Computer
// Language Benchmarks Game (binary-trees), without its goroutines.
//
// Stresses: allocation of many small objects, pointer fields, recursion. One
// long-lived tree stays reachable while many short-lived ones die, the classic
// generational-GC pattern. A tree of depth d has 2^(d+1) - 1 nodes; with
// maxDepth D the whole run allocates about (D/2 - 1) * 2^(D+5) + 3 * 2^(D+1)
// nodes (about 0.68 million for D = 12, 3.2 million for D = 14).
//
// run(n) runs the Benchmarks Game program with maxDepth = max(6, n) and returns
// the sum of every check value it would print (each check counts nodes).
package main

import "fmt"

type Node struct {
	left  *Node
	right *Node
}

func bottomUpTree(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{left: bottomUpTree(depth - 1), right: bottomUpTree(depth - 1)}
}

func (n *Node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

func run(n int) int {
	minDepth := 4
	maxDepth := n
	if minDepth+2 > maxDepth {
		maxDepth = minDepth + 2
	}
	total := 0

	stretchDepth := maxDepth + 1
	total += bottomUpTree(stretchDepth).check()

	longLivedTree := bottomUpTree(maxDepth)

	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iterations := 1 << (maxDepth - depth + minDepth)
		check := 0
		for i := 1; i <= iterations; i++ {
			check += bottomUpTree(depth).check()
		}
		total += check
	}

	total += longLivedTree.check()
	return total
}

func main() {
	fmt.Println(run(12))
}
