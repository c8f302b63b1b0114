package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	fmt.Fprintf(os.Stdout, "%d-%s\n", 42, "x")
	fmt.Fprintln(os.Stderr, "err", 1)
	n, err := fmt.Fprint(os.Stdout, "a", 1, 2, "b\n")
	fmt.Println(n, err)
	e := fmt.Errorf("bad %d", 7)
	fmt.Println(e, errors.New("x") == errors.New("x"))
	fmt.Printf("%T %v\n", e, e)
}
