package main

import (
	"fmt"
	"island"
)

func quiet(p island.Port) {
	v, _ := p.Recv()
	fmt.Println("island received", v, "and returns without answering")
}

func main() {
	p := island.NewPort(0)
	island.Go(quiet, p)
	p.Send(42)
	v, ok := p.Recv() // nobody will ever send: every goroutine is asleep
	fmt.Println(v, ok)
}
