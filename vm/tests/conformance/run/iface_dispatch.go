package main

import "fmt"

type Expr interface {
	Eval() int
	String() string
}

type Num int
type Add struct{ L, R Expr }
type Mul struct{ L, R Expr }
type Neg struct{ E Expr }

func (n Num) Eval() int      { return int(n) }
func (n Num) String() string { return fmt.Sprint(int(n)) }
func (a Add) Eval() int      { return a.L.Eval() + a.R.Eval() }
func (a Add) String() string { return "(" + a.L.String() + " + " + a.R.String() + ")" }
func (m Mul) Eval() int      { return m.L.Eval() * m.R.Eval() }
func (m Mul) String() string { return m.L.String() + " * " + m.R.String() }
func (n Neg) Eval() int      { return -n.E.Eval() }
func (n Neg) String() string { return "-" + n.E.String() }

func main() {
	e := Mul{Add{Num(2), Num(3)}, Neg{Add{Num(4), Mul{Num(5), Num(6)}}}}
	fmt.Println(e.String(), "=", e.Eval())
	fmt.Println(e)
	exprs := []Expr{Num(1), Add{Num(1), Num(2)}, Neg{Num(9)}}
	for _, x := range exprs {
		fmt.Printf("%v = %d\n", x, x.Eval())
	}
	var sum Expr = Num(0)
	for i := 1; i <= 5; i++ {
		sum = Add{sum, Num(i)}
	}
	fmt.Println(sum, sum.Eval())
}
