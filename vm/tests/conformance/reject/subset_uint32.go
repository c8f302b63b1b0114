// reject: subset
package main

import "fmt"

func hash(s string) uint32 {
	return uint32(len(s))
}

func main() {
	fmt.Println(hash("abc"))
}
