package main

import (
	"fmt"
	"island"
)

func faulty(p island.Port) {
	v, _ := p.Recv()
	xs := v.([]int)
	fmt.Println("island got", len(xs), "values")
	i := len(xs)
	fmt.Println(xs[i]) // index out of range: the program ends
}

func main() {
	p := island.NewPort(0)
	island.Go(faulty, p)
	p.Send([]int{1, 2, 3})
	p.Recv() // never answered
	fmt.Println("unreachable")
}
