package main

import "fmt"

func noPanic() {
	defer func() {
		r := recover()
		fmt.Println("recover without panic:", r, r == nil)
	}()
	fmt.Println("working")
}

func direct() {
	r := recover() // not called from a deferred function: nil
	fmt.Println("direct recover:", r)
}

func twice() {
	defer func() {
		fmt.Println("second recover:", recover())
	}()
	defer func() {
		fmt.Println("first recover:", recover())
	}()
	panic("once")
}

func main() {
	noPanic()
	direct()
	twice()
	fmt.Println("after twice")
	func() {
		defer func() {
			recover()
		}()
		panic("silenced")
	}()
	fmt.Println("end")
}
