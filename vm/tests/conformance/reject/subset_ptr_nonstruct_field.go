// reject: subset
package main

import "fmt"

type Stats struct{ count int }

func bump(p *int) { *p++ }

func main() {
	s := Stats{}
	bump(&s.count)
	fmt.Println(s.count)
}
