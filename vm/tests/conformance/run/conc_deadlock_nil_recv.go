package main

import "fmt"

type Service struct {
	name    string
	replies chan int
}

func main() {
	s := &Service{name: "svc"} // replies never made
	fmt.Println("receiving from", s.name, "with nil channel:", s.replies == nil)
	n := <-s.replies
	fmt.Println("unreachable", n)
}
