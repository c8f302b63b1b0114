package main

import "fmt"

func words(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == ',' || s[i] == '.' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func main() {
	text := "the quick brown fox jumps over the lazy dog. the dog sleeps, the fox runs."
	freq := map[string]int{}
	for _, w := range words(text) {
		freq[w]++
	}
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range freq {
		list = append(list, kv{k, v})
	}
	// sort by count desc, then key asc
	for i := 1; i < len(list); i++ {
		for j := i; j > 0; j-- {
			a, b := list[j-1], list[j]
			if a.v < b.v || (a.v == b.v && a.k > b.k) {
				list[j-1], list[j] = b, a
			}
		}
	}
	for _, e := range list {
		fmt.Printf("%-6s %d\n", e.k, e.v)
	}
	fmt.Println(len(freq), freq)
}
