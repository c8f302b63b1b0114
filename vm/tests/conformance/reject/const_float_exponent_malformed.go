// reject: go
package main

import "fmt"

func main() {
	fmt.Println(1e-9223372036854775808 > 0)
}
