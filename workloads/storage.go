// storage: build a tree of arrays of random sizes, from the Are-We-Fast-Yet
// suite (Storage).
//
// Stresses: allocation of many short-lived arrays of references (AWFY's
// Object[], here []interface{}), the collector's tracing of reference arrays,
// recursion. One AWFY benchmark() builds a 4-ary tree of depth 7 whose leaves
// are arrays of 1 to 10 empty slots (sizes from AWFY's Random), counting 5461
// calls.
//
// run(n) runs benchmark() n times, verifying each result as AWFY does, and
// returns the sum of the counts (5461 * n), or -1 if a result fails
// verification.
package main

import "fmt"

// Random is AWFY's portable pseudo-random number generator.
type Random struct {
	seed int
}

func newRandom() *Random {
	return &Random{seed: 74755}
}

func (r *Random) next() int {
	r.seed = ((r.seed * 1309) + 13849) & 65535
	return r.seed
}

type Storage struct {
	count int
}

func (s *Storage) benchmark() int {
	random := newRandom()
	s.count = 0
	s.buildTreeDepth(7, random)
	return s.count
}

func (s *Storage) buildTreeDepth(depth int, random *Random) interface{} {
	s.count++
	if depth == 1 {
		return make([]interface{}, random.next()%10+1)
	}
	arr := make([]interface{}, 4)
	for i := range arr {
		arr[i] = s.buildTreeDepth(depth-1, random)
	}
	return arr
}

func verifyResult(result int) bool {
	return result == 5461
}

func run(n int) int {
	s := &Storage{}
	total := 0
	for i := 0; i < n; i++ {
		result := s.benchmark()
		if !verifyResult(result) {
			return -1
		}
		total += result
	}
	return total
}

func main() {
	fmt.Println(run(30))
}
