// reject: go
package main

import "fmt"

func main() {
	const x byte = 200
	fmt.Println(x + x)
}
