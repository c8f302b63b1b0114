// reject: go
package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println("hi")
}
