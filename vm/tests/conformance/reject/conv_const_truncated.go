// reject: go
package main

import "fmt"

func main() {
	fmt.Println(int(1.5))
}
