package main

import (
	"fmt"
	"island"
)

type Task struct {
	Index, Lo, Hi int
}

type Result struct {
	Index, Count, Sum int
}

// primes counts and sums the primes in [t.Lo, t.Hi) for each task it receives, with a
// goroutine pipeline inside the island.
func primes(p island.Port) {
	for {
		v, ok := p.Recv()
		if !ok {
			return
		}
		t := v.(Task)
		nums := make(chan int, 16)
		done := make(chan Result)
		go func() {
			r := Result{Index: t.Index}
			for n := range nums {
				r.Count++
				r.Sum += n
			}
			done <- r
		}()
		for n := t.Lo; n < t.Hi; n++ {
			if isPrime(n) {
				nums <- n
			}
		}
		close(nums)
		p.Send(<-done)
	}
}

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	const islands = 3
	var ports []island.Port
	for i := 0; i < islands; i++ {
		p := island.NewPort(0)
		island.Go(primes, p)
		ports = append(ports, p)
	}
	results := make([]Result, 6)
	for round := 0; round < 2; round++ {
		for i, p := range ports {
			idx := round*islands + i
			p.Send(Task{Index: idx, Lo: idx * 5000, Hi: (idx + 1) * 5000})
		}
		for _, p := range ports {
			v, _ := p.Recv()
			r := v.(Result)
			results[r.Index] = r
		}
	}
	total := 0
	for _, r := range results {
		fmt.Println(r.Index, r.Count, r.Sum)
		total += r.Count
	}
	for _, p := range ports {
		p.Close()
	}
	fmt.Println("primes below 30000:", total)
}
