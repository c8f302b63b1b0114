// reject: go
package main

import "fmt"

func main() {
	x := 9223372036854775808
	fmt.Println(x)
}
