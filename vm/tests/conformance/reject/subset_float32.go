// reject: subset
package main

import "fmt"

func main() {
	var x float32 = 1.5
	fmt.Println(x)
}
