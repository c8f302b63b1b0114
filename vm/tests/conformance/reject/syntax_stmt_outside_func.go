// reject: go
package main

import "fmt"

x := 1

func main() {
	fmt.Println(x)
}
