// queens: the eight queens problem by backtracking, from the Are-We-Fast-Yet
// suite (Queens).
//
// Stresses: recursion, bool and int slices reached through a struct pointer
// (AWFY's instance fields), short-circuit && over indexed loads.
//
// run(n) solves the problem n times (AWFY's benchmark() is 10 solves) and returns
// the sum over solves of the first solution found, encoded as the base-8 number
// whose digit r is the column of the queen in row r, or -1 if a solve fails
// (AWFY's verification).
package main

import "fmt"

type Queens struct {
	freeRows  []bool
	freeMaxs  []bool
	freeMins  []bool
	queenRows []int
}

func newQueens() *Queens {
	q := &Queens{
		freeRows:  make([]bool, 8),
		freeMaxs:  make([]bool, 16),
		freeMins:  make([]bool, 16),
		queenRows: make([]int, 8),
	}
	for i := 0; i < 8; i++ {
		q.freeRows[i] = true
		q.queenRows[i] = -1
	}
	for i := 0; i < 16; i++ {
		q.freeMaxs[i] = true
		q.freeMins[i] = true
	}
	return q
}

func (q *Queens) placeQueen(c int) bool {
	for r := 0; r < 8; r++ {
		if q.getRowColumn(r, c) {
			q.queenRows[r] = c
			q.setRowColumn(r, c, false)
			if c == 7 {
				return true
			}
			if q.placeQueen(c + 1) {
				return true
			}
			q.setRowColumn(r, c, true)
		}
	}
	return false
}

func (q *Queens) getRowColumn(r int, c int) bool {
	return q.freeRows[r] && q.freeMaxs[c+r] && q.freeMins[c-r+7]
}

func (q *Queens) setRowColumn(r int, c int, v bool) {
	q.freeRows[r] = v
	q.freeMaxs[c+r] = v
	q.freeMins[c-r+7] = v
}

// solve runs one AWFY queens() and returns the encoded solution, or 0.
func solve() int {
	q := newQueens()
	if !q.placeQueen(0) {
		return 0
	}
	code := 0
	for r := 7; r >= 0; r-- {
		code = code*8 + q.queenRows[r]
	}
	return code
}

func run(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		code := solve()
		if code == 0 {
			return -1
		}
		sum += code
	}
	return sum
}

func main() {
	fmt.Println(run(20000))
}
