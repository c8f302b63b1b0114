// reject: subset
package main

import "fmt"

func main() {
	a := []int{1, 2, 3}
	p := &a[1]
	*p = 20
	fmt.Println(a)
}
