// sieve: the Sieve of Eratosthenes from the Are-We-Fast-Yet suite (Sieve).
//
// Stresses: bool slice allocation, indexed loads and stores with bounds checks,
// tight integer loops. As in AWFY, each iteration allocates a fresh 5000-flag
// slice and counts the primes up to 5000 (669 of them).
//
// run(n) repeats the AWFY benchmark n times and returns the sum of the prime
// counts (669 * n), or -1 if a count fails AWFY's verification.
package main

import "fmt"

func sieve(flags []bool, size int) int {
	primeCount := 0
	for i := 2; i <= size; i++ {
		if flags[i-1] {
			primeCount++
			k := i + i
			for k <= size {
				flags[k-1] = false
				k += i
			}
		}
	}
	return primeCount
}

func benchmark() int {
	flags := make([]bool, 5000)
	for i := range flags {
		flags[i] = true
	}
	return sieve(flags, 5000)
}

func run(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		count := benchmark()
		if count != 669 {
			return -1
		}
		sum += count
	}
	return sum
}

func main() {
	fmt.Println(run(1000))
}
