// reject: go
package main

import "fmt"

func main() {
	s := []int{1, 2, 3}
	i := 1.5
	fmt.Println(s[i])
}
