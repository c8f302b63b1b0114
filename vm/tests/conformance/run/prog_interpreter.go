package main

import "fmt"

type Env map[string]int

type Expr interface{ Eval(env Env) int }
type Stmt interface{ Exec(env Env, out *[]string) }

type Lit int
type Var string
type Bin struct {
	Op   byte
	L, R Expr
}

func (l Lit) Eval(Env) int   { return int(l) }
func (v Var) Eval(e Env) int { return e[string(v)] }
func (b Bin) Eval(e Env) int {
	l, r := b.L.Eval(e), b.R.Eval(e)
	switch b.Op {
	case '+':
		return l + r
	case '-':
		return l - r
	case '*':
		return l * r
	case '/':
		return l / r
	case '%':
		return l % r
	case '<':
		if l < r {
			return 1
		}
		return 0
	case '=':
		if l == r {
			return 1
		}
		return 0
	}
	panic("bad op " + string(b.Op))
}

type Assign struct {
	Name string
	E    Expr
}
type Print struct{ E Expr }
type Block []Stmt
type If struct {
	Cond       Expr
	Then, Else Stmt
}
type While struct {
	Cond Expr
	Body Stmt
}

func (a Assign) Exec(env Env, out *[]string) { env[a.Name] = a.E.Eval(env) }
func (p Print) Exec(env Env, out *[]string)  { *out = append(*out, fmt.Sprint(p.E.Eval(env))) }
func (b Block) Exec(env Env, out *[]string) {
	for _, s := range b {
		s.Exec(env, out)
	}
}
func (i If) Exec(env Env, out *[]string) {
	if i.Cond.Eval(env) != 0 {
		i.Then.Exec(env, out)
	} else if i.Else != nil {
		i.Else.Exec(env, out)
	}
}
func (w While) Exec(env Env, out *[]string) {
	for w.Cond.Eval(env) != 0 {
		w.Body.Exec(env, out)
	}
}

func run(prog Stmt) (out []string, err interface{}) {
	defer func() { err = recover() }()
	env := Env{}
	prog.Exec(env, &out)
	return out, nil
}

func main() {
	// collatz steps for 27, and gcd(1071, 462)
	prog := Block{
		Assign{"n", Lit(27)},
		Assign{"steps", Lit(0)},
		While{Bin{'<', Lit(1), Var("n")}, Block{
			If{Bin{'=', Bin{'%', Var("n"), Lit(2)}, Lit(0)},
				Assign{"n", Bin{'/', Var("n"), Lit(2)}},
				Assign{"n", Bin{'+', Bin{'*', Var("n"), Lit(3)}, Lit(1)}}},
			Assign{"steps", Bin{'+', Var("steps"), Lit(1)}},
		}},
		Print{Var("steps")},
		Assign{"a", Lit(1071)},
		Assign{"b", Lit(462)},
		While{Bin{'<', Lit(0), Var("b")}, Block{
			Assign{"t", Bin{'%', Var("a"), Var("b")}},
			Assign{"a", Var("b")},
			Assign{"b", Var("t")},
		}},
		Print{Var("a")},
		Assign{"i", Lit(0)},
		While{Bin{'<', Var("i"), Lit(5)}, Block{
			Print{Bin{'*', Var("i"), Var("i")}},
			Assign{"i", Bin{'+', Var("i"), Lit(1)}},
		}},
		Print{Var("undefined")},
	}
	out, err := run(prog)
	fmt.Println(out, err)
	out, err = run(Block{Print{Lit(1)}, Print{Bin{'/', Lit(1), Lit(0)}}, Print{Lit(2)}})
	fmt.Println(out, err)
	out, err = run(Print{Bin{'^', Lit(1), Lit(2)}})
	fmt.Println(out, err)
}
