package main

import "fmt"

type Stringer interface{ String() string }

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°", float64(t)) }

type Both struct{ v int }

func (b Both) String() string { return "string-method" }
func (b Both) Error() string  { return "error-method" }

type Err struct{ msg string }

func (e *Err) Error() string { return "E(" + e.msg + ")" }

type Reading struct {
	Where string
	T     Temp
	t     Temp
}

func main() {
	t := Temp(21.55)
	fmt.Println(t)
	fmt.Printf("%v|%s|%.2f|%6.1f|\n", t, t, t, t)
	fmt.Println([]Temp{1, 2.25})
	fmt.Println(map[string]Temp{"in": 20, "out": -3.5})
	fmt.Println(Both{1})
	fmt.Printf("%v %s\n", Both{}, Both{})
	var e error = &Err{"bad"}
	fmt.Println(e)
	fmt.Printf("%v|%s|%q|\n", e, e, e)
	fmt.Println([]error{e, nil})
	r := Reading{"lab", 30, 31}
	fmt.Println(r)
	fmt.Printf("%+v\n", r)
	fmt.Println(fmt.Sprint(t, t), fmt.Sprint(e))
	var ni Stringer
	fmt.Println(ni)
	ni = t
	fmt.Println(ni, ni.String())
	fmt.Printf("%q\n", t)
}
