// reject: subset
package main

import "fmt"

type Base struct{ ID int }

type Derived struct {
	Base
	Name string
}

func main() {
	d := Derived{Base{1}, "x"}
	fmt.Println(d.ID, d.Name)
}
