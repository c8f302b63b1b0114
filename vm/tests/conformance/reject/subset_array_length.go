// reject: subset
package main

import "fmt"

func main() {
	var a [1 << 40]int
	fmt.Println(len(a))
}
