package main

import (
	"fmt"
	"island"
)

func try(name string, f func()) {
	defer func() {
		fmt.Println(name+":", recover())
	}()
	f()
}

func main() {
	try("send on closed", func() {
		p := island.NewPort(1)
		p.Close()
		p.Send(1)
	})
	try("close closed", func() {
		p := island.NewPort(0)
		p.Close()
		p.Close()
	})
	try("close nil", func() {
		var p island.Port
		p.Close()
	})
	try("negative size", func() {
		n := -1
		island.NewPort(n)
	})
	try("channel", func() {
		p := island.NewPort(1)
		p.Send(make(chan int))
	})
	try("buffered then closed", func() {
		p := island.NewPort(2)
		p.Send("a")
		p.Send("b")
		p.Close()
		for {
			v, ok := p.Recv()
			fmt.Println(v, ok)
			if !ok {
				break
			}
		}
	})
}
