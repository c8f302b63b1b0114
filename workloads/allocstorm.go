// allocstorm: an allocation storm of small structs and slices.
//
// Stresses: the allocation fast path and the young-generation collector.
// Every iteration allocates a new cell (most die young: only 1024 are kept in
// a ring, each for about a thousand iterations, long enough to survive a
// minor collection), a temporary cell that is garbage at once, and a short
// int slice. Storing the new cell into an old one (old.next = cell) is an
// old-to-young store, the write barrier's remembered-set path. Written for
// jitlab.
//
// run(n) does n iterations and returns a sum over the values read back
// through the cells, slices and links.
package main

import "fmt"

type Cell struct {
	id    int
	tag   int
	left  *Cell
	right *Cell
}

type Pair struct {
	a int
	b int
}

func run(n int) int {
	ring := make([]*Cell, 1024)
	seed := 12345
	sum := 0
	for i := 0; i < n; i++ {
		seed = (seed*1103515245 + 12345) & 0x7FFFFFFF
		j := seed & 1023
		k := (seed >> 10) & 1023

		old := ring[j]
		cell := &Cell{id: i, tag: seed & 0xFF, left: old, right: ring[k]}
		if old != nil {
			sum += old.tag
			if old.left != nil {
				sum += old.left.id & 7
			}
			// Cut the chain so that only one generation stays reachable,
			// then point the old cell at the new one (old-to-young store).
			old.left = nil
			old.right = cell
		}
		ring[j] = cell

		tmp := &Pair{a: cell.tag, b: i & 15}
		sum += tmp.a ^ tmp.b

		if i&3 == 0 {
			s := make([]int, 4+i&7)
			for x := range s {
				s[x] = x * cell.tag
			}
			sum += s[len(s)-1] & 0xFF
		}
	}
	for _, c := range ring {
		if c != nil && c.right != nil {
			sum += c.right.tag
		}
	}
	return sum
}

func main() {
	fmt.Println(run(400000))
}
