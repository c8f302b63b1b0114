// reject: subset
package main

import "fmt"

func main() {
	var c complex128 = 1
	fmt.Println(c)
}
