package main

import "fmt"

func double() (r int) {
	defer func() { r *= 2 }()
	return 21
}

func tripleAfterAssign() (r int) {
	defer func() { r = r * 3 }()
	r = 5
	return
}

func unnamed() int {
	x := 10
	defer func() { x = 99 }()
	return x // value already copied
}

func multi() (a int, s string) {
	defer func() {
		a++
		s += "!"
	}()
	return 1, "hi"
}

func order() (r int) {
	defer func() { r += 1 }()
	defer func() { r *= 10 }()
	return 5 // 5*10+1
}

func errWrap() (err error) {
	defer func() {
		if err != nil {
			err = wrapped{err}
		}
	}()
	return simple("inner")
}

type simple string

func (s simple) Error() string { return string(s) }

type wrapped struct{ e error }

func (w wrapped) Error() string { return "wrapped: " + w.e.Error() }

func main() {
	fmt.Println(double())
	fmt.Println(tripleAfterAssign())
	fmt.Println(unnamed())
	fmt.Println(multi())
	fmt.Println(order())
	fmt.Println(errWrap())
}
