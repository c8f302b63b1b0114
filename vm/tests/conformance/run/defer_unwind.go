package main

import "fmt"

func level(n int) {
	defer fmt.Println("unwind level", n)
	if n == 3 {
		panic(fmt.Sprintf("deep panic at %d", n))
	}
	level(n + 1)
	fmt.Println("never printed", n)
}

func run() (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprint("run recovered: ", r)
		}
	}()
	level(0)
	return "normal"
}

func main() {
	fmt.Println(run())
	fmt.Println("after run")
	total := 0
	for i := 0; i < 5; i++ {
		func() {
			defer func() {
				if recover() != nil {
					total += 100
				}
			}()
			if i%2 == 0 {
				panic(i)
			}
			total += i
		}()
	}
	fmt.Println("total", total)
}
