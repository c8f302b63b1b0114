package main

import "fmt"

func sortStrings(a []string) {
	for i := 0; i < len(a); i++ {
		for j := i + 1; j < len(a); j++ {
			if a[j] < a[i] {
				a[i], a[j] = a[j], a[i]
			}
		}
	}
}

func main() {
	words := []string{"banana", "Apple", "cherry", "apple", "", "b", "Banana", "app", "日本", "zebra", "10", "9"}
	sortStrings(words)
	fmt.Printf("%q\n", words)
	fmt.Println("a" < "b", "a" < "B", "abc" < "abd", "ab" < "abc", "abc" > "ab")
	fmt.Println("x" <= "x", "x" >= "y", "" == "", "é" > "z")
	a, b := "hello", "hel"
	b += "lo"
	fmt.Println(a == b, a != b)
	cmp := func(x, y string) int {
		if x < y {
			return -1
		}
		if x > y {
			return 1
		}
		return 0
	}
	fmt.Println(cmp("a", "b"), cmp("b", "a"), cmp("c", "c"))
}
