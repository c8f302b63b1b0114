package main

import "fmt"

type MyErr struct{ msg string }

func (e *MyErr) Error() string {
	if e == nil {
		return "nil MyErr"
	}
	return e.msg
}

func mayFail(fail bool) error {
	var p *MyErr
	if fail {
		p = &MyErr{"failed"}
	}
	return p // non-nil interface even when p is nil
}

func correct(fail bool) error {
	if fail {
		return &MyErr{"failed"}
	}
	return nil
}

type Thing interface{ Name() string }
type T struct{}

func (t *T) Name() string { return "T" }

func main() {
	e1 := mayFail(false)
	fmt.Println(e1 == nil, e1)
	e2 := correct(false)
	fmt.Println(e2 == nil, e2)
	e3 := mayFail(true)
	fmt.Println(e3 == nil, e3)
	var tp *T
	var th Thing = tp
	fmt.Println(th == nil, th.Name(), th)
	var th2 Thing
	fmt.Println(th2 == nil, th2)
	var x interface{} = (*T)(nil)
	fmt.Println(x == nil, x)
	if p, ok := x.(*T); ok {
		fmt.Println("holds *T", p == nil)
	}
}
