// reject: go
package main

import (
	"fmt"
	"island"
)

func main() {
	p := island.NewPort(1)
	p.Send(1)
	v := p.Recv()
	fmt.Println(v)
}
