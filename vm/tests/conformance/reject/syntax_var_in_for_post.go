// reject: go
package main

import "fmt"

func main() {
	for i := 0; i < 3; j := 1 {
		fmt.Println(i)
	}
}
