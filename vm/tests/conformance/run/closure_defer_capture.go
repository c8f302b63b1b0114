package main

import "fmt"

func run() (result int) {
	x := 1
	defer func() {
		fmt.Println("deferred sees x =", x)
		result = x * 100
	}()
	x = 5
	return x
}

func main() {
	fmt.Println(run())
	msgs := []string{}
	log := func(s string) { msgs = append(msgs, s) }
	func() {
		for i := 0; i < 3; i++ {
			defer log(fmt.Sprint("arg ", i))
		}
	}()
	fmt.Println(msgs)
	msgs = nil
	func() {
		for i := 0; i < 3; i++ {
			defer func() { log(fmt.Sprint("closure ", i)) }()
		}
	}()
	fmt.Println(msgs)
}
