// reject: subset
package main

import "fmt"

func main() {
	const c = 1 << 511
	fmt.Println(c >> 500)
}
