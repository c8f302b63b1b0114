package main

import "fmt"

type P struct{ X int }
type I interface{ M() }

func main() {
	var p *P
	var s []int
	var m map[string]bool
	var e error
	var i I
	var any interface{}
	var ss []string
	fmt.Println(p, s, m, e, i, any, ss)
	fmt.Print(p, s, m, e, i, any, "\n")
	fmt.Printf("%v %v %v %v %v %v\n", p, s, m, e, i, any)
	fmt.Printf("%d %s\n", s, ss)
	fmt.Println(fmt.Sprint(nil), fmt.Sprintf("%v", nil))
	fmt.Println([]*P{nil, nil}, map[string]*P{"k": nil}, []interface{}{nil})
	fmt.Println([]error{nil}, [2]I{})
	x := struct0()
	fmt.Println(x)
	fmt.Printf("%+v\n", x)
}

type Holder struct {
	P *P
	S []int
	M map[int]int
	E error
	A interface{}
}

func struct0() Holder { return Holder{} }
