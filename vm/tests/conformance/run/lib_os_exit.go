package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(len(os.Args), os.Args[0] != "")
	os.Stdout.Write([]byte("to stdout\n"))
	os.Stderr.WriteString("to stderr\n")
	fmt.Println("exiting")
	defer fmt.Println("deferred: not run")
	os.Exit(3)
}
