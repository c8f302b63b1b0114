package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	delete(m, "b")
	fmt.Println(m, len(m))
	delete(m, "missing")
	fmt.Println(m, len(m))
	_, ok := m["b"]
	fmt.Println(ok)
	m["b"] = 20
	fmt.Println(m)
	var nm map[string]int
	delete(nm, "x")
	fmt.Println(nm == nil)
	im := map[int]string{1: "x", 2: "y"}
	k := 1
	delete(im, k)
	delete(im, k+1)
	fmt.Println(im, len(im))
	for i := 0; i < 10; i++ {
		im[i] = fmt.Sprint(i)
	}
	for i := 0; i < 10; i += 3 {
		delete(im, i)
	}
	fmt.Println(im)
}
