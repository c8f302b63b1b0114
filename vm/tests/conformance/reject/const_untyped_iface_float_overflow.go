// reject: go
package main

import "fmt"

func main() {
	var i interface{} = 1e400
	fmt.Println(i)
}
