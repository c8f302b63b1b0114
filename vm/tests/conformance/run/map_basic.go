package main

import "fmt"

func main() {
	m := make(map[string]int)
	m["a"] = 1
	m["b"] = 2
	m["c"] = 3
	fmt.Println(m, len(m))
	fmt.Println(m["a"], m["z"])
	v, ok := m["b"]
	fmt.Println(v, ok)
	v, ok = m["zz"]
	fmt.Println(v, ok)
	if _, ok := m["c"]; ok {
		fmt.Println("has c")
	}
	delete(m, "b")
	delete(m, "nope")
	fmt.Println(m, len(m))
	m["a"] = 100
	fmt.Println(m)
	lit := map[string]string{"go": "gopher", "rust": "crab"}
	fmt.Println(lit, lit["go"])
	fmt.Printf("%v %d\n", lit, len(lit))
	empty := map[string]bool{}
	fmt.Println(empty, len(empty), empty["x"])
	hint := make(map[int]int, 100)
	fmt.Println(len(hint))
	var ok2 bool
	_, ok2 = lit["rust"]
	fmt.Println(ok2)
}
