// reject: go
package main

import "fmt"

type Point struct{ X int }

func (p *Point) Move() { p.X++ }

type Named struct{ Point }

type Mover interface{ Move() }

func main() {
	var m Mover = Named{}
	fmt.Println(m)
}
