// intloop: a tight nested integer loop with no calls and no memory traffic.
//
// Stresses: the interpreter's dispatch loop itself: integer multiply, add, and,
// shift, xor, compare and branch over frame slots. It is the workload used to
// measure bytecode instructions per second, so it deliberately does nothing but
// arithmetic on locals. Written for jitlab (a linear-congruential generator as in
// ANSI C's rand, mixed into a running sum).
//
// run(n) runs n outer iterations of 1000 inner steps and returns the mixed sum.
package main

import "fmt"

func run(n int) int {
	sum := 0
	x := 1
	for i := 0; i < n; i++ {
		for j := 0; j < 1000; j++ {
			x = (x*1103515245 + 12345) & 0x7fffffff
			if x&1 == 0 {
				sum += x >> 3
			} else {
				sum -= j
			}
			sum ^= i
		}
	}
	return sum
}

func main() {
	fmt.Println(run(10000))
}
