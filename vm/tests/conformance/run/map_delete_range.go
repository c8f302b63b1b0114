package main

import "fmt"

func main() {
	m := map[int]int{}
	for i := 0; i < 50; i++ {
		m[i] = i * i
	}
	for k := range m {
		if k%2 == 1 {
			delete(m, k)
		}
	}
	sum := 0
	for _, v := range m {
		sum += v
	}
	fmt.Println(len(m), sum)
	for k, v := range m {
		if v > 100 {
			delete(m, k)
		}
	}
	fmt.Println(m)
	delete(m, 0)
	delete(m, 0)
	fmt.Println(len(m))
	for k := range m {
		m[k] = -m[k]
	}
	fmt.Println(m)
	m[1000] = 1
	delete(m, 1000)
	m[1000] = 2
	fmt.Println(m[1000], len(m))
}
