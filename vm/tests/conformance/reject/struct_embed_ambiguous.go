// reject: go
package main

import "fmt"

type A struct{ V int }
type B struct{ V int }
type AB struct {
	A
	B
}

func main() {
	var ab AB
	fmt.Println(ab.V)
}
