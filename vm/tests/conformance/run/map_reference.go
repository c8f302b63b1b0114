package main

import "fmt"

func addKey(m map[string]int, k string) { m[k] = len(k) }

func reset(m map[string]int) { m = map[string]int{"new": 1}; _ = m }

func main() {
	m := map[string]int{}
	addKey(m, "hello")
	addKey(m, "go")
	fmt.Println(m)
	reset(m)
	fmt.Println(m)
	alias := m
	alias["shared"] = 6
	fmt.Println(len(m), m["shared"])
	type Holder struct{ M map[string]int }
	h1 := Holder{m}
	h2 := h1
	h2.M["via copy"] = 8
	fmt.Println(len(h1.M), h1.M["via copy"])
	copyM := map[string]int{}
	for k, v := range m {
		copyM[k] = v
	}
	copyM["only copy"] = 1
	fmt.Println(len(m), len(copyM))
}
