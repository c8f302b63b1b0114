// intmap: int-keyed maps: a memo table and a sparse histogram.
//
// Stresses: map[int]int insert, update (m[k]++ and m[k] += v), lookups that
// hit and miss (comma-ok), delete, len, and range (folded in an
// order-independent way); the map runtime helpers and int hashing. Written
// for jitlab (memoized Collatz chain lengths are a common map benchmark).
//
// run(n) computes Collatz chain lengths of 1..n with a memo map, keeps a
// histogram of the lengths in a second map, deletes the lengths seen fewer
// than three times, and returns the memo's size plus a fold of both maps.
package main

import "fmt"

func collatz(x int, memo map[int]int) int {
	if x == 1 {
		return 1
	}
	if v, ok := memo[x]; ok {
		return v
	}
	var next int
	if x%2 == 0 {
		next = x / 2
	} else {
		next = 3*x + 1
	}
	v := 1 + collatz(next, memo)
	memo[x] = v
	return v
}

func run(n int) int {
	memo := make(map[int]int)
	hist := make(map[int]int)
	best, bestLen := 1, 1
	for i := 1; i <= n; i++ {
		l := collatz(i, memo)
		hist[l]++
		if l > bestLen {
			best, bestLen = i, l
		}
	}
	for k, v := range hist {
		if v < 3 {
			delete(hist, k)
		}
	}
	fold := 0
	for k, v := range hist {
		fold += k * v
	}
	misses := 0
	for i := n + 1; i <= n+1000; i++ {
		if _, ok := memo[i]; !ok {
			misses++
		}
	}
	memoFold := 0
	for k, v := range memo {
		memoFold ^= k*31 + v
	}
	return len(memo) + fold*1000 + len(hist) + best + bestLen + misses + memoFold&0xFFFF
}

func main() {
	fmt.Println(run(80000))
}
