package main

import "fmt"

func replaced() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
	}()
	defer func() {
		panic("second (replaces first)")
	}()
	panic("first")
}

func deferredPanicNormalReturn() {
	defer func() {
		fmt.Println("caught:", recover())
	}()
	defer func() {
		panic("panic during normal return")
	}()
	fmt.Println("returning normally")
}

func repanic() (msg string) {
	defer func() {
		msg = fmt.Sprint("outer got: ", recover())
	}()
	func() {
		defer func() {
			r := recover()
			panic(fmt.Sprint("re-panic of [", r, "]"))
		}()
		panic("original")
	}()
	return "unreachable"
}

func main() {
	replaced()
	deferredPanicNormalReturn()
	fmt.Println(repanic())
}
