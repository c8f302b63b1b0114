// reject: go
package main

import "fmt"

func main() {
	fmt.Println(int8(-128) / int8(-1))
}
