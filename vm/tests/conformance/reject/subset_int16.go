// reject: subset
package main

import "fmt"

func main() {
	var small int16 = 300
	fmt.Println(small)
}
