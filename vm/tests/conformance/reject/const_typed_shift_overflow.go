// reject: go
package main

import "fmt"

func main() {
	x := int(1) << 100
	fmt.Println(x)
}
