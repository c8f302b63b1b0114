package main

import "fmt"

func main() {
	m := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4}
	sum := 0
	klen := 0
	for k, v := range m {
		sum += v
		klen += len(k)
	}
	fmt.Println(sum, klen)

	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	for _, k := range keys {
		fmt.Println(k, m[k])
	}

	im := map[int]int{}
	for i := 0; i < 100; i++ {
		im[i%7] += i
	}
	tot := 0
	for _, v := range im {
		tot += v
	}
	fmt.Println(len(im), tot, im)

	var nilMap map[string]bool
	for k := range nilMap {
		fmt.Println("never", k)
	}
	// deleting during iteration is allowed
	for k := range m {
		delete(m, k)
	}
	fmt.Println(len(m), m)
}
