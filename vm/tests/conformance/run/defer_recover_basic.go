package main

import "fmt"

type recoveredErr string

func (e recoveredErr) Error() string { return string(e) }

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recoveredErr(fmt.Sprint("recovered: ", r))
		}
	}()
	return a / b, nil
}

func protect(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: recovered %v\n", name, r)
	}()
	f()
	fmt.Println(name, "completed normally")
}

func main() {
	fmt.Println(safeDiv(10, 2))
	q, err := safeDiv(1, 0)
	fmt.Println(q, err)
	protect("ok", func() {})
	protect("string", func() { panic("boom") })
	protect("int", func() { panic(42) })
	protect("index", func() {
		s := []int{1}
		i := 5
		_ = s[i]
	})
	protect("nil map", func() {
		var m map[string]int
		m["x"] = 1
	})
	fmt.Println("main continues")
}
