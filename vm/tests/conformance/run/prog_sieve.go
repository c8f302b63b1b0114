package main

import "fmt"

func sieve(n int) []int {
	composite := make([]bool, n+1)
	var primes []int
	for i := 2; i <= n; i++ {
		if composite[i] {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j <= n; j += i {
			composite[j] = true
		}
	}
	return primes
}

func main() {
	p := sieve(100)
	fmt.Println(len(p), p)
	big := sieve(100000)
	fmt.Println(len(big), big[len(big)-1])
	sum := 0
	for _, v := range big {
		sum += v
	}
	fmt.Println(sum)
	twins := 0
	for i := 1; i < len(big); i++ {
		if big[i]-big[i-1] == 2 {
			twins++
		}
	}
	fmt.Println("twin pairs", twins)
	gaps := map[int]int{}
	for i := 1; i < len(p); i++ {
		gaps[p[i]-p[i-1]]++
	}
	fmt.Println(gaps)
}
