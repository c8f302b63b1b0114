//! A generator of random, well-typed programs in the Go subset, seeded and reproducible:
//! the same seed gives the same program on every machine.
//!
//! Programs are built as a tree of [`Node`]s (lines and blocks) so the reducer can
//! delete statements and re-render. Every program terminates quickly: loops have small
//! constant bounds, recursion is bounded, functions only call earlier functions, list
//! walks follow freshly built acyclic lists, and goroutines exchange values through
//! channels in patterns whose output does not depend on scheduling (a producer closed
//! by its only sender; workers whose results are summed). Results flow into a global
//! checksum through `sink`, printed at the end and at random points; operations that
//! may panic (division, indexing, nil maps and pointers, explicit panics) run inside
//! `protect`, which recovers and prints Go's message.

/// A reproducible random source (SplitMix64).
pub struct Rng(vm::rng::SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(vm::rng::SplitMix64::new(seed ^ vm::rng::GAMMA))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A piece of program text: a line, or a block whose body the reducer may thin out.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Line(String),
    /// `head {`, the body, `tail` (usually `}`).
    Block {
        head: String,
        body: Vec<Node>,
        tail: String,
    },
    /// Text the reducer must keep (declarations every program relies on).
    Fixed(String),
}

/// A generated program.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub nodes: Vec<Node>,
}

impl Program {
    pub fn render(&self) -> String {
        let mut out = String::new();
        for n in &self.nodes {
            render(n, 0, &mut out);
        }
        out
    }
}

fn render(n: &Node, depth: usize, out: &mut String) {
    let indent = "\t".repeat(depth);
    match n {
        Node::Line(s) => {
            out.push_str(&indent);
            out.push_str(s);
            out.push('\n');
        }
        Node::Fixed(s) => {
            for line in s.lines() {
                out.push_str(&indent);
                out.push_str(line);
                out.push('\n');
            }
        }
        Node::Block { head, body, tail } => {
            out.push_str(&indent);
            out.push_str(head);
            out.push_str(" {\n");
            for b in body {
                render(b, depth + 1, out);
            }
            out.push_str(&indent);
            out.push_str(tail);
            out.push('\n');
        }
    }
}

/// What every program declares (never reduced away).
const PRELUDE: &str = r#"package main

import "fmt"

type S struct {
	a    int
	f    float64
	next *S
	xs   []int
}

type Shape interface {
	Area() int
}

type Sq struct {
	s int
}

func (q Sq) Area() int { return q.s * q.s }

type Rc struct {
	w, h int
}

func (r *Rc) Area() int { return r.w*r.h + 1 }

type Base struct {
	v int
}

func (b *Base) Bump(d int) int {
	b.v += d
	return b.v
}

func (b Base) Get() int { return b.v * 2 }

// Em embeds a struct with a pointer method and Sq (so Em is a Shape by promotion).
type Em struct {
	Base
	Sq
	k int
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

var acc int

func sink(x int) { acc = acc*1000003 + x }

func sinkf(f float64) {
	if f == f && f < 1e15 && f > -1e15 {
		sink(int(f * 16))
	} else {
		sink(-1)
	}
}

func protect(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "recovered:", r)
		}
	}()
	f()
}

// Opaque identities: they keep literal operands from forming constant expressions
// (whose overflow or division by zero would be compile errors).
func lit(x int) int { return x }

func litf(x float64) float64 { return x }

func rec(n int, k int) int {
	if n <= 0 {
		return k
	}
	return rec(n-1, k*3+n) + 1
}
"#;

/// Variables in scope, by kind.
#[derive(Clone, Default)]
struct Scope {
    /// Assignable ints.
    ints: Vec<String>,
    /// Read-only ints (loop counters, parameters of goroutine bodies).
    consts: Vec<String>,
    floats: Vec<String>,
    /// Non-empty `[]int` slices.
    slices: Vec<String>,
    maps: Vec<String>,
    /// Non-nil `*S`.
    ptrs: Vec<String>,
    shapes: Vec<String>,
    /// `func(int) int` closures.
    closures: Vec<String>,
}

struct Gen {
    rng: Rng,
    next_id: usize,
    /// Functions `f0..` defined so far (each `func(int, int) int`).
    funcs: usize,
    /// Nodes emitted so far into the current function (a budget).
    budget: usize,
}

/// The program of `seed`.
pub fn generate(seed: u64) -> Program {
    let mut g = Gen { rng: Rng::new(seed), next_id: 0, funcs: 0, budget: 0 };
    let mut nodes = vec![Node::Fixed(PRELUDE.to_string())];
    let nfuncs = 1 + g.rng.below(4);
    for _ in 0..nfuncs {
        nodes.push(g.function());
    }
    nodes.push(g.main());
    Program { nodes }
}

impl Gen {
    fn name(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }

    fn small(&mut self) -> usize {
        2 + self.rng.below(12)
    }

    fn function(&mut self) -> Node {
        let k = self.funcs;
        let mut scope = Scope { ints: vec!["a".into(), "b".into()], ..Default::default() };
        self.budget = 0;
        let mut body = Vec::new();
        if self.rng.chance(25) {
            body.push(Node::Line("defer func() { acc += 7 }()".into()));
        }
        let n = 2 + self.rng.below(6);
        for _ in 0..n {
            self.stmt(&mut scope, 0, true, &mut body);
        }
        let r = self.int_expr(&scope, 2, true);
        body.push(Node::Fixed(format!("return {r}")));
        self.funcs += 1;
        Node::Block { head: format!("func f{k}(a int, b int) int"), body, tail: "}\n".into() }
    }

    fn main(&mut self) -> Node {
        let mut scope = Scope::default();
        self.budget = 0;
        let mut body = Vec::new();
        let n = 6 + self.rng.below(12);
        for _ in 0..n {
            self.stmt(&mut scope, 0, true, &mut body);
        }
        body.push(Node::Fixed("fmt.Println(\"acc\", acc)".into()));
        Node::Block { head: "func main()".into(), body, tail: "}".into() }
    }

    // ------------------------------------------------------------ expressions

    fn int_lit(&mut self) -> String {
        match self.rng.below(10) {
            0 => self.rng.pick(&["9223372036854775807", "-9223372036854775808", "4611686018427387904"]).to_string(),
            1 => format!("{}", self.rng.next_u64() as i32),
            2 => format!("-{}", self.rng.below(100)),
            _ => format!("{}", self.rng.below(100)),
        }
    }

    /// An int expression. `calls`: function calls allowed (not inside goroutines, whose
    /// callees might write the checksum concurrently).
    fn int_expr(&mut self, s: &Scope, depth: usize, calls: bool) -> String {
        self.int_e(s, depth, calls).0
    }

    /// An int expression and whether it is a constant expression.
    fn int_e(&mut self, s: &Scope, depth: usize, calls: bool) -> (String, bool) {
        let leaf = depth == 0 || self.rng.chance(30);
        if leaf {
            let vars: Vec<&String> = s.ints.iter().chain(&s.consts).collect();
            if !vars.is_empty() && self.rng.chance(70) {
                return (vars[self.rng.below(vars.len())].clone(), false);
            }
            return (self.int_lit(), true);
        }
        let d = depth - 1;
        // Two operands, never both constant.
        let two = |g: &mut Gen| {
            let (x, cx) = g.int_e(s, d, calls);
            let (y, cy) = g.int_e(s, d, calls);
            (x, if cx && cy { format!("lit({y})") } else { y })
        };
        let e = match self.rng.below(18) {
            0..=5 => {
                let op = *self.rng.pick(&["+", "-", "*", "&", "|", "^", "&^"]);
                let (x, y) = two(self);
                format!("({x} {op} {y})")
            }
            6 => {
                // A constant shifted operand would take its type from the context (a
                // float64 conversion makes it a float): always a typed int.
                let op = *self.rng.pick(&["<<", ">>"]);
                let (x, cx) = self.int_e(s, d, calls);
                let y = self.int_expr(s, d, calls);
                let x = if cx { format!("lit({x})") } else { x };
                format!("({x} {op} ({y} & 63))")
            }
            7 => {
                // Never zero; -1 exercises MinInt / -1.
                let op = *self.rng.pick(&["/", "%"]);
                let (x, y) = two(self);
                format!("({x} {op} ({y} | 1))")
            }
            8 if !s.slices.is_empty() => {
                let xs = self.rng.pick(&s.slices).clone();
                if self.rng.chance(50) {
                    format!("len({xs})")
                } else {
                    let i = self.int_expr(s, d, calls);
                    format!("{xs}[(({i})%len({xs})+len({xs}))%len({xs})]")
                }
            }
            9 if !s.maps.is_empty() => {
                let m = self.rng.pick(&s.maps).clone();
                let k = self.int_expr(s, d, calls);
                format!("{m}[{k}&15]")
            }
            10 if !s.ptrs.is_empty() => {
                let p = self.rng.pick(&s.ptrs).clone();
                format!("{p}.a")
            }
            11 if calls && self.funcs > 0 => {
                let f = self.rng.below(self.funcs);
                let (x, y) = (self.int_expr(s, d, calls), self.int_expr(s, d, calls));
                format!("f{f}({x}, {y})")
            }
            12 if calls && !s.closures.is_empty() => {
                let c = self.rng.pick(&s.closures).clone();
                let x = self.int_expr(s, d, calls);
                format!("{c}({x})")
            }
            13 if calls && !s.shapes.is_empty() => {
                let sh = self.rng.pick(&s.shapes).clone();
                format!("{sh}.Area()")
            }
            14 => {
                let (f, c) = self.float_e(s, d);
                if c {
                    format!("int(litf({f}))")
                } else {
                    format!("int({f})")
                }
            }
            15 if calls => {
                let x = self.int_expr(s, d, calls);
                format!("rec(({x})&7, 1)")
            }
            16 => {
                // Arithmetic in a sized or unsigned type, back to int.
                let t =
                    *self.rng.pick(&["uint8", "uint16", "uint32", "uint64", "uint", "int8", "int16", "int32", "int64"]);
                // Constant operands go through lit: a constant conversion that does
                // not fit (uint8(-5)) is a compile error.
                let (x, cx) = self.int_e(s, d, calls);
                let (y, cy) = self.int_e(s, d, calls);
                let x = if cx { format!("lit({x})") } else { x };
                let y = if cy { format!("lit({y})") } else { y };
                match self.rng.below(5) {
                    0 | 1 => {
                        let op = *self.rng.pick(&["+", "-", "*", "&", "|", "^", "&^"]);
                        format!("int({t}({x}) {op} {t}({y}))")
                    }
                    // Never zero; -1 of a signed type wraps MinInt8 / -1.
                    2 => format!("int({t}({x}) {} ({t}({y}) | 1))", self.rng.pick(&["/", "%"])),
                    // Unsigned counts, also beyond the width (0, or the sign).
                    3 => format!("int({t}({x}) {} (uint({y}) & 127))", self.rng.pick(&["<<", ">>"])),
                    _ => format!("b2i({t}({x}) {} {t}({y}))", self.rng.pick(&["<", "<=", ">", ">="])),
                }
            }
            17 if calls => {
                // Method values, method expressions, promoted fields and methods.
                let (x, y) = (self.int_expr(s, d, calls), self.int_expr(s, d, calls));
                match self.rng.below(4) {
                    0 if !s.shapes.is_empty() => {
                        let sh = self.rng.pick(&s.shapes).clone();
                        format!("func() int {{ f := {sh}.Area; return f() }}()")
                    }
                    1 => format!("Sq.Area(Sq{{s: {x}}})"),
                    2 => format!("(*Rc).Area(&Rc{{w: {x}, h: {y}}})"),
                    _ => format!("(Em{{Base{{{x}}}, Sq{{{y}}}, 3}}.Get() + Em{{Base{{{y}}}, Sq{{{x}}}, 1}}.s)"),
                }
            }
            _ => {
                let (x, c) = self.int_e(s, d, calls);
                let op = *self.rng.pick(&["-", "^"]);
                if c {
                    format!("({op}lit({x}))")
                } else {
                    format!("({op}{x})")
                }
            }
        };
        (e, false)
    }

    fn float_expr(&mut self, s: &Scope, depth: usize) -> String {
        self.float_e(s, depth).0
    }

    /// A float expression and whether it is a constant expression.
    fn float_e(&mut self, s: &Scope, depth: usize) -> (String, bool) {
        if depth == 0 || self.rng.chance(30) {
            if !s.floats.is_empty() && self.rng.chance(60) {
                return (self.rng.pick(&s.floats).clone(), false);
            }
            return (self.rng.pick(&["1.5", "-0.25", "3.0", "1e10", "0.1", "-7.75"]).to_string(), true);
        }
        let d = depth - 1;
        match self.rng.below(4) {
            0 => {
                let (x, c) = self.int_e(s, d, false);
                let x = if c { format!("lit({x})") } else { x };
                // Through uint64 now and then: the unsigned conversion.
                if self.rng.chance(25) {
                    (format!("float64(uint64({x}))"), false)
                } else {
                    (format!("float64({x})"), false)
                }
            }
            _ => {
                let op = *self.rng.pick(&["+", "-", "*", "/"]);
                let (x, cx) = self.float_e(s, d);
                let (y, cy) = self.float_e(s, d);
                let y = if cx && cy { format!("litf({y})") } else { y };
                (format!("({x} {op} {y})"), false)
            }
        }
    }

    fn bool_expr(&mut self, s: &Scope, depth: usize, calls: bool) -> String {
        match self.rng.below(6) {
            0 if depth > 0 => {
                let op = *self.rng.pick(&["&&", "||"]);
                let (x, y) = (self.bool_expr(s, depth - 1, calls), self.bool_expr(s, depth - 1, calls));
                format!("({x} {op} {y})")
            }
            1 if depth > 0 => format!("!{}", self.bool_expr(s, depth - 1, calls)),
            2 => {
                let op = *self.rng.pick(&["<", "<=", "==", "!=", ">", ">="]);
                let (x, y) = (self.float_expr(s, 1), self.float_expr(s, 1));
                format!("({x} {op} {y})")
            }
            _ => {
                let op = *self.rng.pick(&["<", "<=", "==", "!=", ">", ">="]);
                let (x, y) = (self.int_expr(s, depth, calls), self.int_expr(s, depth, calls));
                format!("({x} {op} {y})")
            }
        }
    }

    // ------------------------------------------------------------ statements

    /// Append one statement (a few lines at most) to `out`.
    fn stmt(&mut self, s: &mut Scope, depth: usize, calls: bool, out: &mut Vec<Node>) {
        self.budget += 1;
        let nested = depth < 3 && self.budget < 60;
        let e = 2;
        let line = |out: &mut Vec<Node>, t: String| out.push(Node::Line(t));
        match self.rng.below(24) {
            0 | 1 => {
                let v = self.name("v");
                let x = self.int_expr(s, e, calls);
                line(out, format!("{v} := {x}"));
                line(out, format!("sink({v})"));
                s.ints.push(v);
            }
            2 if !s.ints.is_empty() => {
                let v = self.rng.pick(&s.ints).clone();
                let x = self.int_expr(s, e, calls);
                let op = *self.rng.pick(&["=", "+=", "-=", "*=", "^="]);
                line(out, format!("{v} {op} {x}"));
            }
            3 if nested => {
                let c = self.bool_expr(s, 2, calls);
                let mut then = Vec::new();
                let mut inner = s.clone();
                for _ in 0..1 + self.rng.below(3) {
                    self.stmt(&mut inner, depth + 1, calls, &mut then);
                }
                out.push(Node::Block { head: format!("if {c}"), body: then, tail: "}".into() });
                if self.rng.chance(40) {
                    // An else branch as its own `if !c` keeps blocks independent.
                    let mut other = Vec::new();
                    let mut inner = s.clone();
                    self.stmt(&mut inner, depth + 1, calls, &mut other);
                    out.push(Node::Block { head: format!("if !{c}"), body: other, tail: "}".into() });
                }
            }
            4 | 5 if nested => {
                let i = self.name("i");
                let n = self.small();
                let mut body = Vec::new();
                let mut inner = s.clone();
                inner.consts.push(i.clone());
                for _ in 0..1 + self.rng.below(3) {
                    self.stmt(&mut inner, depth + 1, calls, &mut body);
                }
                if self.rng.chance(30) {
                    let c = self.bool_expr(&inner, 1, calls);
                    body.push(Node::Block {
                        head: format!("if {c}"),
                        body: vec![Node::Line("break".into())],
                        tail: "}".into(),
                    });
                }
                out.push(Node::Block { head: format!("for {i} := 0; {i} < {n}; {i}++"), body, tail: "}".into() });
            }
            6 => {
                let x = self.int_expr(s, e, calls);
                line(out, format!("sink({x})"));
            }
            7 => {
                let f = self.name("g");
                let x = self.float_expr(s, 2);
                line(out, format!("{f} := {x}"));
                line(out, format!("sinkf({f})"));
                s.floats.push(f);
            }
            8 => {
                let xs = self.name("xs");
                if self.rng.chance(50) {
                    let n = self.small();
                    line(out, format!("{xs} := make([]int, {n})"));
                } else {
                    let (a, b) = (self.int_expr(s, 1, calls), self.int_expr(s, 1, calls));
                    line(out, format!("{xs} := []int{{{a}, {b}, 3}}"));
                }
                line(out, format!("sink(len({xs}))"));
                s.slices.push(xs);
            }
            9 if !s.slices.is_empty() => {
                let xs = self.rng.pick(&s.slices).clone();
                let x = self.int_expr(s, e, calls);
                if self.rng.chance(50) {
                    line(out, format!("{xs} = append({xs}, {x})"));
                } else {
                    let i = self.int_expr(s, 1, calls);
                    line(out, format!("{xs}[(({i})%len({xs})+len({xs}))%len({xs})] = {x}"));
                }
            }
            10 => {
                let m = self.name("m");
                line(out, format!("{m} := map[int]int{{}}"));
                line(out, format!("sink(len({m}))"));
                s.maps.push(m);
            }
            11 if !s.maps.is_empty() => {
                let m = self.rng.pick(&s.maps).clone();
                let (k, v) = (self.int_expr(s, 1, calls), self.int_expr(s, e, calls));
                match self.rng.below(4) {
                    0 => line(out, format!("delete({m}, {k}&15)")),
                    1 => {
                        // Summing is independent of the iteration order.
                        let (kk, vv) = (self.name("k"), self.name("w"));
                        out.push(Node::Block {
                            head: format!("for {kk}, {vv} := range {m}"),
                            body: vec![Node::Line(format!("sink({kk} * {vv} & 0xffff)"))],
                            tail: "}".into(),
                        });
                    }
                    _ => line(out, format!("{m}[{k}&15] = {v}")),
                }
            }
            12 => {
                let p = self.name("p");
                let x = self.int_expr(s, e, calls);
                line(out, format!("{p} := &S{{a: {x}}}"));
                line(out, format!("sink({p}.a)"));
                s.ptrs.push(p);
            }
            13 if !s.ptrs.is_empty() => {
                let p = self.rng.pick(&s.ptrs).clone();
                let x = self.int_expr(s, e, calls);
                match self.rng.below(3) {
                    0 => line(out, format!("{p}.a = {x}")),
                    1 => line(out, format!("{p}.next = &S{{a: {x}, next: {p}.next}}")),
                    _ => {
                        let q = self.name("q");
                        out.push(Node::Block {
                            head: format!("for {q} := {p}; {q} != nil; {q} = {q}.next"),
                            body: vec![Node::Line(format!("sink({q}.a)"))],
                            tail: "}".into(),
                        });
                    }
                }
            }
            14 if !s.ints.is_empty() && calls => {
                let c = self.name("c");
                let v = self.rng.pick(&s.ints).clone();
                let k = self.int_lit();
                if self.rng.chance(50) {
                    line(out, format!("{c} := func(x int) int {{ return x*{k} + {v} }}"));
                } else {
                    line(out, format!("{c} := func(x int) int {{ {v} += x; return {v} }}"));
                }
                line(out, format!("sink({c}(1))"));
                s.closures.push(c);
            }
            15 => {
                let sh = self.name("sh");
                let (x, y) = (self.int_expr(s, 1, calls), self.int_expr(s, 1, calls));
                if self.rng.chance(50) {
                    line(out, format!("var {sh} Shape = Sq{{s: {x}}}"));
                } else {
                    line(out, format!("var {sh} Shape = &Rc{{w: {x}, h: {y}}}"));
                }
                line(out, format!("sink({sh}.Area())"));
                s.shapes.push(sh);
            }
            16 if !s.shapes.is_empty() => {
                let sh = self.rng.pick(&s.shapes).clone();
                let t = self.name("t");
                out.push(Node::Block {
                    head: format!("switch {t} := {sh}.(type)"),
                    body: vec![
                        Node::Line("case Sq:".into()),
                        Node::Line(format!("sink({t}.s)")),
                        Node::Line("case *Rc:".into()),
                        Node::Line(format!("sink({t}.w + {t}.h)")),
                    ],
                    tail: "}".into(),
                });
            }
            17 if calls => {
                // Operations that may panic, recovered and reported.
                let name = self.name("r");
                let mut body = Vec::new();
                let (x, y) = (self.int_expr(s, 1, calls), self.int_expr(s, 1, calls));
                match self.rng.below(6) {
                    0 => body.push(Node::Line(format!("sink({x} / lit({y} & 3))"))),
                    1 if !s.slices.is_empty() => {
                        let xs = self.rng.pick(&s.slices).clone();
                        body.push(Node::Line(format!("sink({xs}[{x}&7])")));
                    }
                    2 => {
                        body.push(Node::Line("var nm map[int]int".into()));
                        body.push(Node::Line(format!("nm[{x}] = {y}")));
                    }
                    3 => {
                        body.push(Node::Line("var np *S".into()));
                        body.push(Node::Line("sink(np.a)".into()));
                    }
                    4 => body.push(Node::Line(format!("panic({x})"))),
                    _ => body.push(Node::Line(format!("sink(({x}) % lit(({y}) & 1))"))),
                }
                out.push(Node::Block { head: format!("protect(\"{name}\", func()"), body, tail: "})".into() });
            }
            18 if calls && nested && depth <= 1 => {
                // A producer goroutine closed by its only sender.
                let ch = self.name("ch");
                let (i, v) = (self.name("i"), self.name("v"));
                let n = self.small();
                let cap = *self.rng.pick(&[0usize, 1, 3]);
                let mut inner = s.clone();
                inner.consts.push(i.clone());
                let x = self.int_expr(&inner, 2, false);
                line(out, format!("{ch} := make(chan int, {cap})"));
                out.push(Node::Block {
                    head: "go func()".into(),
                    body: vec![
                        Node::Block {
                            head: format!("for {i} := 0; {i} < {n}; {i}++"),
                            body: vec![Node::Line(format!("{ch} <- {x}"))],
                            tail: "}".into(),
                        },
                        Node::Line(format!("close({ch})")),
                    ],
                    tail: "}()".into(),
                });
                out.push(Node::Block {
                    head: format!("for {v} := range {ch}"),
                    body: vec![Node::Line(format!("sink({v})"))],
                    tail: "}".into(),
                });
            }
            19 if calls && nested && depth <= 1 => {
                // Workers whose results are summed (independent of their order).
                let res = self.name("res");
                let (w, t, j) = (self.name("w"), self.name("t"), self.name("j"));
                let n = 2 + self.rng.below(4);
                let mut inner = s.clone();
                inner.consts.push(w.clone());
                let x = self.int_expr(&inner, 2, false);
                line(out, format!("{res} := make(chan int)"));
                out.push(Node::Block {
                    head: format!("for {w} := 0; {w} < {n}; {w}++"),
                    body: vec![Node::Line(format!("go func({w} int) {{ {res} <- {x} }}({w})"))],
                    tail: "}".into(),
                });
                line(out, format!("{t} := 0"));
                out.push(Node::Block {
                    head: format!("for {j} := 0; {j} < {n}; {j}++"),
                    body: vec![Node::Line(format!("{t} += <-{res}"))],
                    tail: "}".into(),
                });
                line(out, format!("sink({t})"));
            }
            20 if nested && depth == 0 => {
                // Allocation pressure: short-lived lists and slices.
                let (i, h) = (self.name("i"), self.name("h"));
                let n = 50 * self.small();
                line(out, format!("var {h} *S"));
                out.push(Node::Block {
                    head: format!("for {i} := 0; {i} < {n}; {i}++"),
                    body: vec![
                        Node::Line(format!("{h} = &S{{a: {i}, next: {h}, xs: make([]int, {i}%5+1)}}")),
                        Node::Block {
                            head: format!("if {i}%7 == 0"),
                            body: vec![Node::Line(format!("{h}.next = nil"))],
                            tail: "}".into(),
                        },
                    ],
                    tail: "}".into(),
                });
                line(out, format!("sink({h}.a + len({h}.xs))"));
            }
            21 => {
                // No calls in x: Go leaves unspecified whether `acc` is read before or
                // after a call that changes it.
                let x = self.int_expr(s, 1, false);
                line(out, format!("fmt.Println(\"at\", acc, {x})"));
            }
            22 => {
                // An embedding struct: promoted fields, a promoted pointer method, and
                // a promoted method making it a Shape.
                let em = self.name("em");
                let sh = self.name("sh");
                let (x, y, z) = (self.int_expr(s, 1, calls), self.int_expr(s, 1, calls), self.int_expr(s, 1, calls));
                if self.rng.chance(50) {
                    line(out, format!("{em} := Em{{Base{{{x}}}, Sq{{{y}}}, 7}}"));
                } else {
                    line(out, format!("{em} := &Em{{Base: Base{{v: {x}}}, Sq: Sq{{s: {y}}}}}"));
                }
                line(out, format!("{em}.v += {z}"));
                line(out, format!("sink({em}.Bump(3) + {em}.Get() + {em}.s + {em}.k + {em}.Area())"));
                line(out, format!("var {sh} Shape = {em}"));
                line(out, format!("sink({sh}.Area())"));
                s.shapes.push(sh);
            }
            23 if calls => {
                // A method value bound now, called later (the receiver was copied).
                let (b, f) = (self.name("b"), self.name("mv"));
                let x = self.int_expr(s, 1, calls);
                line(out, format!("{b} := Base{{{x}}}"));
                if self.rng.chance(50) {
                    line(out, format!("{f} := {b}.Get"));
                    line(out, format!("{b}.v++"));
                    line(out, format!("sink({f}() + {b}.v)"));
                } else {
                    line(out, format!("{f} := {b}.Bump"));
                    line(out, format!("sink({f}(1))"));
                    line(out, format!("{b}.v++"));
                    line(out, format!("sink({f}(2) + {b}.v)"));
                }
            }
            _ => {
                let x = self.int_expr(s, e, calls);
                line(out, format!("sink({x})"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_program() {
        assert_eq!(generate(7).render(), generate(7).render());
        assert_ne!(generate(7).render(), generate(8).render());
    }

    #[test]
    fn programs_use_sized_integers_method_values_and_embedding() {
        // Over a range of seeds, each feature appears in several programs.
        let srcs: Vec<String> = (0..200).map(|seed| generate(seed).render()).collect();
        let count = |needle: &str| srcs.iter().filter(|s| s.contains(needle)).count();
        for needle in [
            "int(uint64(",
            "int(int8(",
            "(uint(",
            "float64(uint64(",
            ".Bump",
            ".Get\n",
            "Sq.Area(",
            "(*Rc).Area(",
            " := Em{",
            " := &Em{",
            "Em{Base{",
        ] {
            assert!(count(needle) >= 3, "only {} of 200 programs contain {needle:?}", count(needle));
        }
    }

    #[test]
    fn generated_programs_compile_and_run() {
        // Every one of a range of seeds is well-typed in the subset and terminates.
        for seed in 0..200 {
            let src = generate(seed).render();
            let p = vm::compile_source(src.as_bytes(), "gen.go").unwrap_or_else(|e| panic!("seed {seed}: {e}\n{src}"));
            let mut machine = vm::Vm::new(std::sync::Arc::new(p), vm::VmOptions::default()).expect("verifies");
            machine.set_stdout(Box::new(std::io::sink()));
            machine.run_main().unwrap_or_else(|e| panic!("seed {seed}: {}\n{src}", e.stderr_text()));
        }
    }
}
