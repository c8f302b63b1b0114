// permute: generate all permutations of a 6-element array by recursive
// swapping, from the Are-We-Fast-Yet suite (Permute).
//
// Stresses: recursion and method calls on a struct pointer, int slice loads
// and stores through a field. One AWFY benchmark() permutes 6 elements and
// counts 8660 calls of permute().
//
// run(n) runs benchmark() n times, verifying each result as AWFY does, and
// returns the sum of the counts (8660 * n), or -1 if a result fails
// verification.
package main

import "fmt"

type Permute struct {
	count int
	v     []int
}

func (p *Permute) benchmark() int {
	p.count = 0
	p.v = make([]int, 6)
	p.permute(6)
	return p.count
}

func (p *Permute) permute(n int) {
	p.count++
	if n != 0 {
		n1 := n - 1
		p.permute(n1)
		for i := n1; i >= 0; i-- {
			p.swap(n1, i)
			p.permute(n1)
			p.swap(n1, i)
		}
	}
}

func (p *Permute) swap(i int, j int) {
	tmp := p.v[i]
	p.v[i] = p.v[j]
	p.v[j] = tmp
}

func verifyResult(result int) bool {
	return result == 8660
}

func run(n int) int {
	p := &Permute{}
	total := 0
	for i := 0; i < n; i++ {
		result := p.benchmark()
		if !verifyResult(result) {
			return -1
		}
		total += result
	}
	return total
}

func main() {
	fmt.Println(run(800))
}
