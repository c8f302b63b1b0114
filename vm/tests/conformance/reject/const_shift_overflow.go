// reject: go
package main

import "fmt"

func main() {
	const c = 1 << 512
	fmt.Println(c > 0)
}
