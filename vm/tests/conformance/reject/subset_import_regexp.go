// reject: subset
package main

import (
	"fmt"
	"regexp"
)

func main() {
	fmt.Println(regexp.MustCompile("a+").MatchString("aa"))
}
