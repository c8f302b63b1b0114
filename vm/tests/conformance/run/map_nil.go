package main

import "fmt"

func lookup(m map[string]int, k string) (int, bool) {
	v, ok := m[k]
	return v, ok
}

func main() {
	var m map[string]int
	fmt.Println(m == nil, len(m), m["x"])
	v, ok := lookup(m, "y")
	fmt.Println(v, ok)
	delete(m, "x")
	for k, v := range m {
		fmt.Println(k, v)
	}
	fmt.Println(m)
	fmt.Printf("%v %d\n", m, len(m))
	m = map[string]int{}
	m["now"] = 1
	fmt.Println(m, m == nil)
	var ms map[int][]string
	fmt.Println(ms[5] == nil, len(ms[5]))
}
