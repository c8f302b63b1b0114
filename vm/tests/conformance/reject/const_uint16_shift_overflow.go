// reject: go
package main

import "fmt"

const k uint16 = 1 << 16

func main() {
	fmt.Println(k)
}
