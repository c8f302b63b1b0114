package main

import "fmt"

type Inner struct {
	A int
	B string
}

type Outer struct {
	I     Inner
	P     *Inner
	S     []Inner
	M     map[string]int
	F     float64
	Ok    bool
	E     error
	Any   interface{}
	Bytes []byte
}

type T struct{ x, y int }

func main() {
	o := Outer{I: Inner{1, "one"}, S: []Inner{{2, "two"}}, M: map[string]int{"z": 1, "a": 2}, F: 2.5, Any: 7}
	fmt.Println(o)
	fmt.Printf("%v\n", o)
	fmt.Printf("%+v\n", o)
	ip := &Inner{3, "three"}
	fmt.Println(ip)
	fmt.Printf("%v %+v\n", ip, ip)
	fmt.Println([]*Inner{nil}, []Inner{})
	t := T{1, 2}
	fmt.Println(t, &t)
	fmt.Printf("%+v %+v\n", t, &t)
	fmt.Printf("%d\n", t)
	fmt.Printf("[%v]\n", Inner{4, "four"})
	var np *Inner
	fmt.Println(np)
	fmt.Printf("%v %+v\n", np, np)
	nested := [][]T{{{1, 2}}, {{3, 4}, {5, 6}}}
	fmt.Println(nested)
	fmt.Printf("%+v\n", nested)
	m := map[string]T{"k": {7, 8}}
	fmt.Println(m)
	fmt.Printf("%+v\n", m)
}
