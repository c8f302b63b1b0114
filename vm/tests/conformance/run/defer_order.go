package main

import "fmt"

func three() {
	defer fmt.Println("first deferred, runs last")
	defer fmt.Println("second deferred")
	defer fmt.Println("third deferred, runs first")
	fmt.Println("body")
}

func loop() {
	for i := 0; i < 4; i++ {
		defer fmt.Print(i, " ")
	}
	fmt.Print("loop body: ")
}

func nested() {
	defer fmt.Println("outer defer")
	func() {
		defer fmt.Println("inner defer")
		fmt.Println("inner body")
	}()
	fmt.Println("outer body")
}

func earlyReturn(x int) string {
	defer fmt.Println("defer runs on every return path", x)
	if x > 0 {
		return "positive"
	}
	return "non-positive"
}

func main() {
	three()
	loop()
	fmt.Println()
	nested()
	fmt.Println(earlyReturn(1))
	fmt.Println(earlyReturn(-1))
	defer fmt.Println("main's defer")
	fmt.Println("main ends")
}
