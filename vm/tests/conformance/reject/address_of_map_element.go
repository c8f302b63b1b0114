// reject: go
package main

import "fmt"

type P struct{ X int }

func main() {
	m := map[string]P{"a": {1}}
	p := &m["a"]
	fmt.Println(p)
}
