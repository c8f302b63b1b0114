// reject: subset
package main

import "fmt"

func main() {
	fmt.Println(1e100000 > 0)
}
