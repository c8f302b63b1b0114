package main

import "fmt"

type Code int

func (c Code) Error() string { return fmt.Sprintf("error code %d", int(c)) }

func main() {
	var err error = Code(7)
	fmt.Println(err)
	panic(err)
}
