package main

import "fmt"

// String equality at every length around one machine word (the JITs compare strings
// of up to 8 bytes inline), against slices, concatenations, nil and "".
func main() {
	base := "abcdefghijklmnop"
	var empty string
	count := 0
	for n := 0; n <= 10; n++ {
		a := base[:n]
		b := string([]byte(base[:n]))
		c := "" + base[:n]
		fmt.Println(n, a == b, b == c, a == c, a == empty, empty == a)
		for i := 0; i < n; i++ {
			// Differ in byte i only.
			bs := []byte(a)
			bs[i] = 'X'
			d := string(bs)
			if a == d || d == a {
				fmt.Println("wrong at", n, i)
			}
			count++
		}
		// Differ in length only.
		if n > 0 && (a == base[:n-1] || base[:n+1] == a) {
			fmt.Println("wrong length", n)
		}
	}
	s := []string{"0", "1", "9", " ", "\n", "true", "false", "null", "nul", "fals"}
	for _, x := range s {
		for _, y := range s {
			if x == y {
				fmt.Print(x, "=", y, " ")
			}
		}
	}
	fmt.Println()
	fmt.Println(count, "" == empty, empty == "", "abcdefgh" == base[:8], "abcdefgX" == base[:8])
}
