// typeswitch: an expression-tree evaluator and simplifier driven by type
// switches.
//
// Stresses: type switches over an interface (six node types, mixed so that
// every switch site sees all of them), type assertions, comma-ok assertions,
// recursion over a pointer tree, and allocation of the simplified trees. It
// complements dispatch (method calls through interfaces) with the other way
// Go code dispatches on dynamic types. Written for jitlab.
//
// run(n) builds n random expression trees of depth up to 7 over variables
// x0..x3 (shapes from an LCG), evaluates each for four environments, then
// simplifies it (constant folding, x*1, x+0, --x) and evaluates the result
// again, checking that both agree. It returns the sum of the evaluations
// masked to 40 bits, plus the number of nodes removed by simplification, or
// -1 if a simplified tree evaluates differently.
package main

import "fmt"

type Expr interface{}

type Num struct {
	value int
}

type Var struct {
	index int
}

type Add struct {
	left  Expr
	right Expr
}

type Mul struct {
	left  Expr
	right Expr
}

type Neg struct {
	operand Expr
}

type Cond struct {
	test    Expr
	ifTrue  Expr
	ifFalse Expr
}

type gen struct {
	seed int
}

func (g *gen) next() int {
	g.seed = (g.seed*1103515245 + 12345) & 0x7FFFFFFF
	return g.seed >> 8
}

func (g *gen) build(depth int) Expr {
	r := g.next() % 16
	if depth == 0 || r < 3 {
		if r&1 == 0 {
			return &Num{value: g.next()%5 - 1}
		}
		return &Var{index: g.next() % 4}
	}
	switch {
	case r < 7:
		return &Add{left: g.build(depth - 1), right: g.build(depth - 1)}
	case r < 11:
		return &Mul{left: g.build(depth - 1), right: g.build(depth - 1)}
	case r < 13:
		return &Neg{operand: g.build(depth - 1)}
	default:
		return &Cond{test: g.build(depth - 1), ifTrue: g.build(depth - 1), ifFalse: g.build(depth - 1)}
	}
}

func eval(e Expr, env []int) int {
	switch n := e.(type) {
	case *Num:
		return n.value
	case *Var:
		return env[n.index]
	case *Add:
		return eval(n.left, env) + eval(n.right, env)
	case *Mul:
		return eval(n.left, env) * eval(n.right, env)
	case *Neg:
		return -eval(n.operand, env)
	case *Cond:
		if eval(n.test, env) > 0 {
			return eval(n.ifTrue, env)
		}
		return eval(n.ifFalse, env)
	}
	panic("unknown node")
}

func isNum(e Expr, v int) bool {
	n, ok := e.(*Num)
	return ok && n.value == v
}

func simplify(e Expr) Expr {
	switch n := e.(type) {
	case *Add:
		l := simplify(n.left)
		r := simplify(n.right)
		if a, ok := l.(*Num); ok {
			if b, ok := r.(*Num); ok {
				return &Num{value: a.value + b.value}
			}
		}
		if isNum(l, 0) {
			return r
		}
		if isNum(r, 0) {
			return l
		}
		return &Add{left: l, right: r}
	case *Mul:
		l := simplify(n.left)
		r := simplify(n.right)
		if a, ok := l.(*Num); ok {
			if b, ok := r.(*Num); ok {
				return &Num{value: a.value * b.value}
			}
		}
		if isNum(l, 1) {
			return r
		}
		if isNum(r, 1) {
			return l
		}
		return &Mul{left: l, right: r}
	case *Neg:
		o := simplify(n.operand)
		switch m := o.(type) {
		case *Num:
			return &Num{value: -m.value}
		case *Neg:
			return m.operand
		}
		return &Neg{operand: o}
	case *Cond:
		t := simplify(n.test)
		if c, ok := t.(*Num); ok {
			if c.value > 0 {
				return simplify(n.ifTrue)
			}
			return simplify(n.ifFalse)
		}
		return &Cond{test: t, ifTrue: simplify(n.ifTrue), ifFalse: simplify(n.ifFalse)}
	}
	return e
}

func size(e Expr) int {
	switch n := e.(type) {
	case *Add:
		return 1 + size(n.left) + size(n.right)
	case *Mul:
		return 1 + size(n.left) + size(n.right)
	case *Neg:
		return 1 + size(n.operand)
	case *Cond:
		return 1 + size(n.test) + size(n.ifTrue) + size(n.ifFalse)
	default:
		return 1
	}
}

func run(n int) int {
	g := &gen{seed: 2024}
	envs := [][]int{{1, 2, 3, 4}, {-1, 0, 1, 2}, {5, -3, 7, 0}, {2, 2, -2, -2}}
	sum := 0
	removed := 0
	for i := 0; i < n; i++ {
		e := g.build(7)
		s := simplify(e)
		removed += size(e) - size(s)
		for _, env := range envs {
			v := eval(e, env)
			if eval(s, env) != v {
				return -1
			}
			sum = (sum*7 + v&0xFFFFFF) & 0xFFFFFFFFFF
		}
	}
	return sum + removed
}

func main() {
	fmt.Println(run(5000))
}
