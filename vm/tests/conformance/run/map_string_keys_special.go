package main

import "fmt"

func main() {
	m := map[string]int{"": 0, " ": 1, "a": 2, "A": 3, "aa": 4, "é": 5, "Z": 6, "10": 7, "9": 8}
	fmt.Println(m)
	fmt.Println(m[""], m["é"])
	k := []byte("key")
	m[string(k)] = 9
	k[0] = 'K'
	fmt.Println(m["key"], m["Key"])
	s := "prefix-suffix"
	m[s[:6]] = 10
	fmt.Println(m["prefix"])
	fmt.Printf("%v\n", map[string]bool{"y": true, "x": false})
	fmt.Printf("%q\n", map[string]string{"b": "2", "a": "1"})
}
