//! Tests of `parser`, kept beside the module so the module file holds one idea.

use super::*;

/// A realistic program touching every construct (valid Go 1.19: `go build` accepts it).
const PROG: &str = r#####"// A program touching every construct the parser handles.
package main

import (
	"fmt"
	m "math"
	_ "strconv"
)

import "strings"

const Pi = 2.5e-3

const (
	A = iota * 10
	B
	C
	_
	E
)

const (
	KB int64 = 1 << (10 * (iota + 1))
	MB
)

type (
	Shape interface {
		Area() float64
		fmt.Stringer
	}
	Point struct {
		X, Y float64
		Tag  string `json:"tag"`
	}
	Named struct {
		*Point
		fmt.Stringer
		Name string
	}
	Alias = Point
	Op    func(a, b int) (int, error)
	Grid  [3][4]int
	Pipe  chan<- int
	Src   <-chan []byte
	Table map[string][]*Point
)

var counter int

var (
	x, y   = 1, 2
	names  []string
	lookup = map[string]int{"a": 1, "b": 2}
)

func (p *Point) Move(dx, dy float64) {
	p.X += dx
	p.Y -= dy
}

func (p Point) Area() float64 { return p.X * p.Y }

func (Point) String() string { return "point" }

func divmod(a, b int) (q, r int) {
	q, r = a/b, a%b
	return
}

func sum(xs ...int) (total int) {
	for _, v := range xs {
		total += v
	}
	return total
}

func classify(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("int ", t)
	case *Point, []byte, map[string]int, func(int) bool:
		return "composite"
	default:
		return "other"
	}
}

func worker(id int, jobs <-chan int, results chan<- int, done chan struct{}) {
	defer close(results)
	for j := range jobs {
		select {
		case results <- j * 2:
		case v, ok := <-jobs:
			_, _ = v, ok
		case <-done:
			return
		default:
		}
	}
	_ = id
}

func main() {
	var grid [3][4]int
	pts := []Point{{1, 2, ""}, {X: 3, Y: 4}}
	ptrs := []*Point{{5, 6, ""}, &Point{X: 7, Y: 8}}
	arr := [...]string{2: "c", 0: "a"}
	mp := map[Point]string{{1, 2, "t"}: "p"}
	bs := []byte("hello")
	s := string(bs[1:3]) + string(bs[:2:4])
	pp := (*Point)(nil)
	fn := func(a, b int) int { return a &^ b | a<<2 ^ b>>1 }
	ch := make(chan int, 10)
	go func(c chan<- int) { c <- 1 }(ch)
	v := <-ch
	i := 0
outer:
	for i = 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			} else if i == 2 && j > 0 || !(i < 1) {
				break outer
			} else {
				grid[i][j] = i*j + -v
			}
		}
	}
	for k := range arr {
		_ = k
	}
	for range pts {
		counter++
	}
	for i < 10 {
		i++
	}
	for {
		break
	}
	switch x := counter % 3; x {
	case 0, 1:
		fallthrough
	case 2:
		counter--
	}
	switch {
	case counter > 1:
	}
	if p := &pts[0]; p != nil {
		p.Move(1, 2)
	}
	var sh Shape = pts[0]
	if n, ok := sh.(Point); ok {
		fmt.Println(n.Area(), m.Sqrt(2))
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%v\n", r)
		}
	}()
	goto end
end:
	fmt.Println(grid, ptrs, mp, s, pp, fn(1, 2), classify(v), sum([]int{1, 2}...), strings.ToUpper("x"), 'x', 0x1F, 1e3, `raw`)
}
"#####;

fn p(line: u32, col: u32) -> Pos {
    Pos { line, col }
}

fn parse_ok(src: &str) -> File {
    match parse_file(src.as_bytes()) {
        Ok(f) => f,
        Err(e) => panic!("{}:{}: {}\n{}", e.pos.line, e.pos.col, e.message, src),
    }
}

fn func<'f>(f: &'f File, name: &str) -> &'f FuncDecl {
    f.decls
        .iter()
        .find_map(|d| match d {
            Decl::Func(fd) if fd.name.name == name => Some(fd),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no func {}", name))
}

fn body<'f>(f: &'f File, name: &str) -> &'f [Stmt] {
    &func(f, name).body.as_ref().expect("body").stmts
}

fn ident(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Ident(n) => n,
        k => panic!("not an ident: {:?}", k),
    }
}

#[test]
fn program_header_and_declarations() {
    let f = parse_ok(PROG);
    assert_eq!(f.package.name, "main");
    assert_eq!(f.package.pos, p(2, 9));
    let imps: Vec<(Option<&str>, &str)> =
        f.imports.iter().map(|i| (i.alias.as_ref().map(|a| a.name.as_str()), i.path.as_str())).collect();
    assert_eq!(imps, vec![(None, "fmt"), (Some("m"), "math"), (Some("_"), "strconv"), (None, "strings")]);
    assert_eq!(f.imports[0].pos, p(5, 2));

    let consts: Vec<&ConstSpec> = f
        .decls
        .iter()
        .filter_map(|d| match d {
            Decl::Const(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(consts.len(), 8);
    assert_eq!(consts[0].names[0].name, "Pi");
    assert!(matches!(consts[0].values[0].kind, ExprKind::FloatLit(v, _) if v == 2.5e-3));
    // implicit repetition: B, C, _, E copy A's `iota * 10`, with their own iota
    for (i, c) in consts[1..6].iter().enumerate() {
        assert_eq!(c.iota, i as i64);
        assert_eq!(c.values, consts[1].values);
        assert!(matches!(&c.values[0].kind, ExprKind::Binary { op: BinOp::Mul, .. }));
    }
    assert_eq!(consts[3].names[0].name, "C");
    // typed repetition: MB gets `int64` and the shift
    assert_eq!(consts[7].names[0].name, "MB");
    assert_eq!(consts[7].iota, 1);
    assert!(matches!(&consts[7].ty, Some(TypeExpr { kind: TypeExprKind::Name(n), .. }) if n.name == "int64"));
    assert_eq!(consts[7].values, consts[6].values);

    let types: Vec<&TypeSpec> = f
        .decls
        .iter()
        .filter_map(|d| match d {
            Decl::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = types.iter().map(|t| t.name.name.as_str()).collect();
    assert_eq!(names, ["Shape", "Point", "Named", "Alias", "Op", "Grid", "Pipe", "Src", "Table"]);
    match &types[0].ty.kind {
        TypeExprKind::Interface(elems) => {
            assert!(
                matches!(&elems[0], InterfaceElem::Method { name, sig } if name.name == "Area" && sig.results.len() == 1)
            );
            assert!(
                matches!(&elems[1], InterfaceElem::Embedded(TypeExpr { kind: TypeExprKind::Qualified(a, b), .. }) if a.name == "fmt" && b.name == "Stringer")
            );
        }
        k => panic!("{:?}", k),
    }
    match &types[1].ty.kind {
        TypeExprKind::Struct(fields) => {
            let fs: Vec<(&str, bool)> = fields.iter().map(|f| (f.name.name.as_str(), f.embedded)).collect();
            assert_eq!(fs, [("X", false), ("Y", false), ("Tag", false)]);
        }
        k => panic!("{:?}", k),
    }
    match &types[2].ty.kind {
        TypeExprKind::Struct(fields) => {
            let fs: Vec<(&str, bool)> = fields.iter().map(|f| (f.name.name.as_str(), f.embedded)).collect();
            assert_eq!(fs, [("Point", true), ("Stringer", true), ("Name", false)]);
            assert!(matches!(fields[0].ty.kind, TypeExprKind::Pointer(_)));
        }
        k => panic!("{:?}", k),
    }
    assert!(types[3].alias && !types[2].alias);
    match &types[4].ty.kind {
        TypeExprKind::Func(sig) => {
            let ps: Vec<&str> = sig.params.iter().map(|p| p.name.as_ref().map_or("", |n| n.name.as_str())).collect();
            assert_eq!(ps, ["a", "b"]);
            assert_eq!(sig.results.len(), 2);
            assert!(sig.results.iter().all(|r| r.name.is_none()));
        }
        k => panic!("{:?}", k),
    }
    assert!(
        matches!(&types[5].ty.kind, TypeExprKind::Array(Some(_), inner) if matches!(inner.kind, TypeExprKind::Array(..)))
    );
    assert!(matches!(&types[6].ty.kind, TypeExprKind::Chan(ChanDir::Send, _)));
    assert!(
        matches!(&types[7].ty.kind, TypeExprKind::Chan(ChanDir::Recv, e) if matches!(e.kind, TypeExprKind::Slice(_)))
    );
    assert!(matches!(&types[8].ty.kind, TypeExprKind::Map(..)));

    let vars: Vec<&VarSpec> = f
        .decls
        .iter()
        .filter_map(|d| match d {
            Decl::Var(v) => Some(v),
            _ => None,
        })
        .collect();
    assert_eq!(vars.len(), 4);
    assert_eq!(vars[1].names.len(), 2);
    assert_eq!(vars[1].values.len(), 2);
    assert!(vars[2].ty.is_some() && vars[2].values.is_empty());
    assert!(
        matches!(&vars[3].values[0].kind, ExprKind::Composite { ty: Some(_), elems, .. } if elems.len() == 2 && elems[0].key.is_some())
    );
}

#[test]
fn program_functions_and_methods() {
    let f = parse_ok(PROG);
    let mv = func(&f, "Move");
    let r = mv.recv.as_ref().expect("receiver");
    assert_eq!(
        (r.name.as_ref().map(|n| n.name.as_str()), r.type_name.name.as_str(), r.pointer),
        (Some("p"), "Point", true)
    );
    assert_eq!(mv.pos, p(57, 1));
    assert_eq!(mv.body.as_ref().map(|b| (b.pos, b.end)), Some((p(57, 38), p(60, 1))));
    assert!(
        matches!(&body(&f, "Move")[0].kind, StmtKind::OpAssign { op: BinOp::Add, op_pos, .. } if *op_pos == p(58, 6))
    );
    let st = func(&f, "String").recv.as_ref().expect("receiver");
    assert!(st.name.is_none() && !st.pointer && st.type_name.name == "Point");
    let sum = func(&f, "sum");
    assert!(sum.sig.params[0].variadic);
    assert_eq!(sum.sig.results[0].name.as_ref().map(|n| n.name.as_str()), Some("total"));
    assert!(matches!(&body(&f, "sum")[0].kind, StmtKind::ForRange { key: Some(_), value: Some(_), define: true, .. }));
    let dm = func(&f, "divmod");
    assert_eq!(dm.sig.params.len(), 2);
    assert_eq!(dm.sig.results.len(), 2);
    assert!(
        matches!(&body(&f, "divmod")[0].kind, StmtKind::Assign { lhs, rhs, .. } if lhs.len() == 2 && rhs.len() == 2)
    );
    assert!(matches!(&body(&f, "divmod")[1].kind, StmtKind::Return(v) if v.is_empty()));

    match &body(&f, "classify")[0].kind {
        StmtKind::TypeSwitch { init: None, bind: Some(b), expr, cases } => {
            assert_eq!(b.name, "t");
            assert_eq!(ident(expr), "v");
            assert_eq!(cases.len(), 4);
            assert_eq!(cases[0].types, vec![None]);
            assert_eq!(cases[1].types.len(), 2);
            let kinds: Vec<bool> = vec![
                matches!(&cases[2].types[0], Some(TypeExpr { kind: TypeExprKind::Pointer(_), .. })),
                matches!(&cases[2].types[1], Some(TypeExpr { kind: TypeExprKind::Slice(_), .. })),
                matches!(&cases[2].types[2], Some(TypeExpr { kind: TypeExprKind::Map(..), .. })),
                matches!(&cases[2].types[3], Some(TypeExpr { kind: TypeExprKind::Func(_), .. })),
            ];
            assert_eq!(kinds, [true; 4]);
            assert!(cases[3].is_default);
        }
        k => panic!("{:?}", k),
    }

    let w = body(&f, "worker");
    assert!(matches!(&w[0].kind, StmtKind::Defer(Expr { kind: ExprKind::Call { .. }, .. })));
    match &w[1].kind {
        StmtKind::ForRange { key: Some(_), value: None, body, .. } => match &body.stmts[0].kind {
            StmtKind::Select { cases } => {
                assert_eq!(cases.len(), 4);
                assert!(matches!(cases[0].comm.as_deref(), Some(Stmt { kind: StmtKind::Send { .. }, .. })));
                assert!(
                    matches!(cases[1].comm.as_deref(), Some(Stmt { kind: StmtKind::ShortVar { lhs, .. }, .. }) if lhs.len() == 2)
                );
                assert!(matches!(
                    cases[2].comm.as_deref(),
                    Some(Stmt { kind: StmtKind::Expr(Expr { kind: ExprKind::Unary { op: UnOp::Recv, .. }, .. }), .. })
                ));
                assert!(cases[3].comm.is_none());
            }
            k => panic!("{:?}", k),
        },
        k => panic!("{:?}", k),
    }
}

#[test]
fn program_main_body() {
    let f = parse_ok(PROG);
    let m = body(&f, "main");
    let find = |name: &str| -> &Expr {
        m.iter()
            .find_map(|s| match &s.kind {
                StmtKind::ShortVar { lhs, rhs, .. } if lhs[0].name == name => Some(&rhs[0]),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {}", name))
    };
    // elided element types
    match &find("pts").kind {
        ExprKind::Composite { ty: Some(_), elems, lbrace } => {
            assert_eq!(*lbrace, p(108, 16));
            assert!(matches!(&elems[0].value.kind, ExprKind::Composite { ty: None, .. }));
            assert!(
                matches!(&elems[1].value.kind, ExprKind::Composite { ty: None, elems, .. } if elems[0].key.is_some())
            );
        }
        k => panic!("{:?}", k),
    }
    assert!(
        matches!(&find("ptrs").kind, ExprKind::Composite { elems, .. } if matches!(elems[1].value.kind, ExprKind::Unary { op: UnOp::Addr, .. }))
    );
    assert!(
        matches!(&find("arr").kind, ExprKind::Composite { ty: Some(t), .. } if matches!(t.kind, TypeExprKind::Array(None, _)))
    );
    assert!(
        matches!(&find("mp").kind, ExprKind::Composite { elems, .. } if matches!(&elems[0].key, Some(Expr { kind: ExprKind::Composite { ty: None, .. }, .. })))
    );
    // conversions
    assert!(matches!(&find("bs").kind, ExprKind::Call { func, .. } if matches!(func.kind, ExprKind::Type(_))));
    match &find("s").kind {
        ExprKind::Binary { op: BinOp::Add, lhs, rhs, op_pos } => {
            assert_eq!(*op_pos, p(113, 23));
            assert!(
                matches!(&lhs.kind, ExprKind::Call { args, lparen, .. } if *lparen == p(113, 13) && matches!(args[0].kind, ExprKind::Slice { max: None, .. }))
            );
            assert!(
                matches!(&rhs.kind, ExprKind::Call { args, .. } if matches!(&args[0].kind, ExprKind::Slice { lo: None, hi: Some(_), max: Some(_), lbrack, .. } if *lbrack == p(113, 34)))
            );
        }
        k => panic!("{:?}", k),
    }
    assert!(
        matches!(&find("pp").kind, ExprKind::Call { func, .. } if matches!(&func.kind, ExprKind::Paren(x) if matches!(x.kind, ExprKind::Unary { op: UnOp::Deref, .. })))
    );
    // precedence: a &^ b | a<<2 ^ b>>1 == ((a &^ b) | (a<<2)) ^ (b>>1)
    match &find("fn").kind {
        ExprKind::FuncLit { body, .. } => match &body.stmts[0].kind {
            StmtKind::Return(v) => match &v[0].kind {
                ExprKind::Binary { op: BinOp::Xor, lhs, rhs, .. } => {
                    assert!(
                        matches!(&lhs.kind, ExprKind::Binary { op: BinOp::Or, lhs, .. } if matches!(lhs.kind, ExprKind::Binary { op: BinOp::AndNot, .. }))
                    );
                    assert!(matches!(rhs.kind, ExprKind::Binary { op: BinOp::Shr, .. }));
                }
                k => panic!("{:?}", k),
            },
            k => panic!("{:?}", k),
        },
        k => panic!("{:?}", k),
    }
    assert!(
        matches!(&find("ch").kind, ExprKind::Call { args, .. } if matches!(&args[0].kind, ExprKind::Type(t) if matches!(t.kind, TypeExprKind::Chan(ChanDir::Both, _))))
    );
    assert!(matches!(&find("v").kind, ExprKind::Unary { op: UnOp::Recv, .. }));
    assert!(m.iter().any(|s| matches!(&s.kind, StmtKind::Go(Expr { kind: ExprKind::Call { func, .. }, .. }) if matches!(func.kind, ExprKind::FuncLit { .. }))));
    // labeled loop with if/else-if/else chain and labeled branches
    let lab = m
        .iter()
        .find_map(|s| match &s.kind {
            StmtKind::Labeled { label, stmt } if label.name == "outer" => Some(stmt),
            _ => None,
        })
        .expect("outer");
    match &lab.kind {
        StmtKind::For { init: Some(_), cond: Some(_), post: Some(post), body } => {
            assert!(matches!(post.kind, StmtKind::IncDec { inc: true, .. }));
            match &body.stmts[0].kind {
                StmtKind::For { body, .. } => match &body.stmts[0].kind {
                    StmtKind::If { then, els: Some(els), .. } => {
                        assert!(matches!(&then.stmts[0].kind, StmtKind::Continue(Some(l)) if l.name == "outer"));
                        match &els.kind {
                            StmtKind::If { cond, then, els: Some(last), .. } => {
                                assert!(matches!(cond.kind, ExprKind::Binary { op: BinOp::LogOr, .. }));
                                assert!(matches!(&then.stmts[0].kind, StmtKind::Break(Some(_))));
                                assert!(matches!(last.kind, StmtKind::Block(_)));
                            }
                            k => panic!("{:?}", k),
                        }
                    }
                    k => panic!("{:?}", k),
                },
                k => panic!("{:?}", k),
            }
        }
        k => panic!("{:?}", k),
    }
    let fors: Vec<&StmtKind> =
        m.iter().map(|s| &s.kind).filter(|k| matches!(k, StmtKind::For { .. } | StmtKind::ForRange { .. })).collect();
    assert!(matches!(fors[0], StmtKind::ForRange { key: Some(_), value: None, define: true, .. }));
    assert!(matches!(fors[1], StmtKind::ForRange { key: None, value: None, .. }));
    assert!(matches!(fors[2], StmtKind::For { init: None, cond: Some(_), post: None, .. }));
    assert!(matches!(fors[3], StmtKind::For { init: None, cond: None, post: None, .. }));
    let sw: Vec<&StmtKind> = m.iter().map(|s| &s.kind).filter(|k| matches!(k, StmtKind::Switch { .. })).collect();
    match sw[0] {
        StmtKind::Switch { init: Some(_), tag: Some(_), cases } => {
            assert_eq!(cases[0].exprs.len(), 2);
            assert!(matches!(cases[0].body[0].kind, StmtKind::Fallthrough));
        }
        k => panic!("{:?}", k),
    }
    assert!(matches!(sw[1], StmtKind::Switch { init: None, tag: None, .. }));
    assert!(m.iter().any(|s| matches!(&s.kind, StmtKind::If { init: Some(i), .. } if matches!(i.kind, StmtKind::ShortVar { ref lhs, .. } if lhs.len() == 2))));
    assert!(m.iter().any(|s| matches!(&s.kind, StmtKind::Var(v) if v.ty.is_some() && v.values.len() == 1)));
    assert!(m.iter().any(|s| matches!(&s.kind, StmtKind::Goto(l) if l.name == "end")));
    match &m.last().map(|s| &s.kind) {
        Some(StmtKind::Labeled { stmt, .. }) => match &stmt.kind {
            StmtKind::Expr(Expr { kind: ExprKind::Call { args, ellipsis: false, .. }, .. }) => {
                assert!(matches!(&args[7].kind, ExprKind::Call { ellipsis: true, .. }));
                assert!(matches!(args[9].kind, ExprKind::CharLit(120)));
                assert!(matches!(args[10].kind, ExprKind::IntLit(31)));
                assert!(matches!(args[11].kind, ExprKind::FloatLit(v, _) if v == 1000.0));
                assert!(matches!(&args[12].kind, ExprKind::StringLit(s) if s == b"raw"));
            }
            k => panic!("{:?}", k),
        },
        k => panic!("{:?}", k),
    }
}

fn err_of(src: &str) -> String {
    match parse_file(src.as_bytes()) {
        Ok(_) => "ok".into(),
        Err(e) => format!("{}:{}: {}", e.pos.line, e.pos.col, e.message),
    }
}

/// `body` inside `func main() {` on line 4, as in the checked cases.
fn in_main(body: &str) -> String {
    format!("package main\n\nfunc main() {{\n{}\n}}\n", body)
}

/// Every expected line was produced by `go build` (Go 1.19) on the same source.
#[test]
fn syntax_errors_match_go() {
    let body_cases: &[(&str, &str)] = &[
        (
            "x := []int{1, 2\n}",
            "4:16: syntax error: unexpected newline in composite literal; possibly missing comma or }",
        ),
        ("x := ", "5:1: syntax error: unexpected }, expecting expression"),
        ("if x := 1; x > 0 {\n}\nelse {}", "6:1: syntax error: unexpected else, expecting }"),
        ("for i := 0; i < 10; i++\n{}", "4:24: syntax error: unexpected newline, expecting { after for clause"),
        ("if true {} else x", "4:17: syntax error: else must be followed by if or statement block"),
        ("fmt.Println(\"a\"", "4:16: syntax error: unexpected newline in argument list; possibly missing comma or )"),
        (
            "x := map[string]int{\"a\": 1 \"b\": 2}",
            "4:28: syntax error: unexpected literal \"b\" in composite literal; possibly missing comma or }",
        ),
        ("for {", "6:1: syntax error: unexpected EOF, expecting }"),
        ("switch x {\ncase 1\n}", "5:7: syntax error: unexpected newline, expecting :"),
        ("x = = 1", "4:5: syntax error: unexpected =, expecting expression"),
        ("go func() {}", "4:4: expression in go must be function call"),
        ("defer x", "4:7: expression in defer must be function call"),
        ("go (f())", "4:4: expression in go must not be parenthesized"),
        ("if x == 1 {\n} else if {\n}", "5:11: syntax error: missing condition in if statement"),
        ("x := y[]", "4:8: syntax error: unexpected ], expecting operand"),
        ("func f() {}", "4:6: syntax error: unexpected f, expecting ("),
        ("for x := 0 {}", "4:7: syntax error: cannot use x := 0 as value"),
        ("var x int\nif x = 5 {}", "5:6: syntax error: cannot use assignment (x) = (5) as value"),
        ("var c chan int\nif c <- 1 {}", "5:6: syntax error: cannot use c <- 1 as value"),
        ("for i := 0; i < 3; j := 1 {}", "4:22: syntax error: cannot declare in post statement of for loop"),
        ("for i := 0; {}", "4:13: syntax error: unexpected {, expecting for loop condition"),
        ("if x := 1; x > 0\n{}", "4:17: syntax error: unexpected newline, expecting { after if clause"),
        ("x++ ++", "4:5: syntax error: unexpected ++ at end of statement"),
        ("if x {} else if y {} else {} else {}", "4:30: syntax error: unexpected else at end of statement"),
        ("x := func(a, b int, c) {}", "4:21: syntax error: mixed named and unnamed parameters"),
        ("var f func(a int, ...int)", "4:19: syntax error: mixed named and unnamed parameters"),
        ("type T struct { a, b }", "4:22: syntax error: unexpected }, expecting type"),
        ("type I interface { M( }", "4:23: syntax error: unexpected }, expecting )"),
        ("var c <-chan <-int", "4:16: syntax error: unexpected int, expecting chan"),
        ("select x {}", "4:8: syntax error: missing { after select clause"),
        ("select {\ncase <-c, 1:\n}", "5:12: syntax error: unexpected :, expecting := or = or comma"),
        ("var a []int\n_ = a[1:2:]", "5:11: final index required in 3-index slice"),
        ("var a []int\n_ = a[1::2]", "5:9: middle index required in 3-index slice"),
        ("var x = struct{a int}{1}.b.", "5:1: syntax error: unexpected }, expecting name or ("),
        ("var x struct{y int}\nx.y := 1", "5:1: non-name x.y on left side of :="),
        ("x := [2]int{1,2}; x[0,[] = 1", "4:26: syntax error: unexpected =, expecting type"),
    ];
    for (body, want) in body_cases {
        assert_eq!(err_of(&in_main(body)), *want, "for {:?}", body);
    }
    let file_cases: &[(&str, &str)] = &[
        (
            "package main\nfunc main() {\n}\nx := 1\n",
            "4:1: syntax error: non-declaration statement outside function body",
        ),
        ("package main\nfunc main()\n{\n}\n", "3:1: syntax error: unexpected semicolon or newline before {"),
        ("package main\nfunc main() {}\nfunc (t T) {}\n", "3:12: syntax error: unexpected {, expecting name or ("),
        ("package main\nfunc () m() {}\nfunc main(){}\n", "2:9: method has no receiver"),
        (
            "package main\ntype T struct {\n a int,\n b int\n}\n",
            "3:7: syntax error: unexpected comma in struct type; possibly missing semicolon or newline or }",
        ),
        ("package main\ntype T struct { *(U) }\n", "2:18: syntax error: cannot parenthesize embedded type"),
        ("package main\nvar x := 1\n", "2:7: syntax error: unexpected :=, expecting ="),
        ("package main\nconst (\n a = iota\n b\n c,\n)\n", "6:1: syntax error: unexpected ), expecting name"),
        ("package main\nfunc main() {} x\n", "2:16: syntax error: unexpected x after top level declaration"),
        (
            "package main\nvar (\n a int\n b int c\n)\n",
            "4:8: syntax error: unexpected c in grouped declaration; possibly missing semicolon or newline or )",
        ),
        (
            "package main\nfunc f() (int, string {\n}\n",
            "2:23: syntax error: unexpected { in parameter list; possibly missing comma or )",
        ),
        ("package main\nfunc f(...) {}\n", "2:11: syntax error: ... is missing type"),
        (
            "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"hi\") }}\n",
            "3:34: syntax error: unexpected } after top level declaration",
        ),
        ("package main\nvar x chan\n", "3:1: syntax error: missing channel element type"),
        ("package main\ntype T [2,]int\n", "2:10: syntax error: unexpected comma; expecting ]"),
        (
            "package main\nfunc main() { a, b += 1, 2 }\n",
            "2:20: syntax error: unexpected +=, expecting := or = or comma",
        ),
        (
            "package main\nfunc main() { for i := 0; i < 3 {} }\n",
            "2:33: syntax error: unexpected {, expecting semicolon or newline",
        ),
        (
            "package main\nfunc main() { switch var x = 1; x {} }\n",
            "2:26: syntax error: var declaration not allowed in switch initializer",
        ),
        (
            "package main\nfunc main() { x := T{}; if x == T{} {} }\n",
            "2:37: syntax error: unexpected { at end of statement",
        ),
        ("package main\nfunc main() { var x = 1 x++ }\n", "2:25: syntax error: unexpected x at end of statement"),
        ("package main\nfunc main() { x := 08 }\n", "2:21: invalid digit '8' in octal literal"),
        ("package main\nfunc main() { x := 1 # 2 }\n", "2:22: invalid character U+0023 '#'"),
        ("package main\nfunc main() { x := \"abc }\n", "2:26: newline in string"),
        ("package main\ntype T int\nfunc (t []int) m() {}\nfunc main(){}\n", "3:7: invalid receiver type []int"),
        ("package main\ntype T int\nfunc (t **T) m() {}\nfunc main(){}\n", "3:7: invalid receiver type **T"),
        (
            "package main\ntype Point struct{}\nfunc (p Point[ Area() float64 { return 1 }\n",
            "3:23: syntax error: unexpected float64, expecting ]",
        ),
        ("package main\nvar x T[]\n", "2:9: syntax error: unexpected ], expecting type"),
        (
            "package main\nfunc main() {\n\tdefer func() {\n\t\tif r := recover() r != nil {\n\t\t}\n\t}()\n}\n",
            "4:21: syntax error: unexpected r, expecting {",
        ),
        ("package main\nfunc main() {\n\tif (x > 1 {\n\t}\n}\n", "3:12: syntax error: unexpected {, expecting )"),
        (
            "package main\nfunc main() {\n\tvar m map[string]int = {}\n}\n",
            "3:25: syntax error: unexpected {, expecting expression",
        ),
        (
            "package main\ntype T struct {\n\ta int\n\tfunc f()\n}\n",
            "4:2: syntax error: unexpected func, expecting field name or embedded type",
        ),
        ("package main\nfunc main() {\n\ti++\n\t++i\n}\n", "4:2: syntax error: unexpected ++, expecting }"),
        (
            "package main\nfunc main() {\n\ti, j := 1, 2\n\tif i == 2 := j > 0 || !(i < 1) {}\n}\n",
            "4:12: syntax error: cannot use i == 2 := j > 0 || !(i < 1) as value",
        ),
        // the header is checked by `go/parser` first, with its wording
        ("package 5\n", "1:9: expected 'IDENT', found 5"),
        ("package main; import fmt\n", "1:25: expected 'STRING', found newline"),
        ("package main\nimport fmt\nimport os\n", "2:11: expected 'STRING', found newline"),
        ("package main\nimport (\n\"fmt\"\nos\n)\n", "4:3: expected 'STRING', found newline"),
        ("package main\nimport (\n\"fmt\",\n)\n", "3:6: expected ';', found ','"),
        ("package main\nimport \"a b\"\nfunc main(){}\n", "2:8: invalid import path: \"a b\""),
        ("package main\nimport \"fmt\n", "2:8: string literal not terminated"),
        ("package main\nimport @\"fmt\"\n", "2:8: illegal character U+0040 '@'"),
        ("package main /* abc\n", "1:14: comment not terminated"),
        ("", "1:1: expected 'package', found 'EOF'"),
        ("\n\n  // hi\n", "3:9: expected 'package', found 'EOF'"),
        ("func main(){}\n", "1:1: expected 'package', found 'func'"),
        (
            "package main\nimport \"fmt\" \"os\"\n",
            "2:14: syntax error: unexpected literal \"os\", expecting semicolon or newline",
        ),
        ("package main\nimports \"fmt\"\n", "2:1: syntax error: non-declaration statement outside function body"),
        ("package main.x\n", "1:13: syntax error: unexpected ., expecting semicolon or newline"),
        // outside the subset (Go accepts these)
        ("package main\ntype L[T any] struct{}\n", "2:7: unsupported: generic type parameters"),
        ("package main\nfunc f[T any]() {}\n", "2:7: unsupported: generic type parameters"),
    ];
    for (src, want) in file_cases {
        assert_eq!(err_of(src), *want, "for {:?}", src);
    }
}

#[test]
fn accepted_corner_cases() {
    for body in [
        "x := [2]int{1, 2}\nx[0,] = 1\nf(x...,)",
        "for ;; {}\nfor i := 0; i < 3; {}\nif ; true {}\nswitch ; {}",
        "type T struct{ a int }\nif (T{}) == (T{a: 1}) {}\nfor _, c := range []T{{1}} { _ = c }",
        "var _ = interface{ M() }(nil)\nvar _ = func() int { return 1 }()\nvar _ = <-chan int(nil)",
        "L:\n",
        "var (\n)\nconst ()\ntype ()",
        "x := struct{ a, b int; c []string }{}\n_ = x",
        "var x interface{}\nswitch y := x.(type) { case int, nil: _ = y }",
    ] {
        assert_eq!(err_of(&in_main(body)), "ok", "for {:?}", body);
    }
    // grouped `var` in a body becomes several statements, in order
    let f = parse_ok(&in_main("var (\n\ta int\n\tb, c = 1, 2\n)\nL: var (d int; e int)"));
    let names: Vec<String> = body(&f, "main")
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Var(v) => v.names.iter().map(|n| n.name.clone()).collect::<Vec<_>>().join(","),
            StmtKind::Labeled { stmt, .. } => match &stmt.kind {
                StmtKind::Var(v) => format!("L:{}", v.names[0].name),
                k => panic!("{:?}", k),
            },
            k => panic!("{:?}", k),
        })
        .collect();
    assert_eq!(names, ["a", "b,c", "L:d", "e"]);
    // `<-chan` in an expression is re-associated with the channel type
    let f = parse_ok(&in_main("var x = (<-chan <-chan int)(nil)"));
    match &body(&f, "main")[0].kind {
        StmtKind::Var(v) => match &v.values[0].kind {
            ExprKind::Call { func, .. } => match &unparen(func).kind {
                ExprKind::Type(t) => {
                    assert_eq!(type_string(t), "<-chan <-chan int");
                    assert_eq!(t.pos, p(4, 10));
                }
                k => panic!("{:?}", k),
            },
            k => panic!("{:?}", k),
        },
        k => panic!("{:?}", k),
    }
}

#[test]
fn nesting_is_bounded() {
    let cases = [
        format!("package main\nvar x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
        format!("package main\nfunc main() {{{}{}}}\n", "{".repeat(5000), "}".repeat(5000)),
        format!("package main\nvar x {}int\n", "[]".repeat(5000)),
        format!("package main\nvar x = {}1\n", "- ".repeat(5000)),
        format!("package main\nvar x = []int{}{}\n", "{".repeat(5000), "}".repeat(5000)),
        format!("package main\nvar x = {}1{}\n", "func() int { return ".repeat(2000), "}".repeat(2000)),
        format!("package main\nfunc main() {{{}{}}}\n", "if x {".repeat(2000), "}".repeat(2000)),
        format!("package main\nvar x = 1{}\n", "+1".repeat(100_000)),
        format!("package main\nvar x = a{}\n", ".b".repeat(100_000)),
        format!("package main\nfunc main() {{ if x {{}}{} }}\n", " else if x {}".repeat(5000)),
    ];
    for src in &cases {
        let e = parse_file(src.as_bytes()).expect_err("too deep");
        assert_eq!(e.message, "syntax error: nesting too deep");
    }
    // just under the bound is fine
    let ok = format!("package main\nvar x = {}1{}\n", "(".repeat(990), ")".repeat(990));
    assert!(parse_file(ok.as_bytes()).is_ok());
    let big = format!("package main\nconst (\na = {}\n{})\n", "1+".repeat(500) + "1", "b\n".repeat(100_000));
    assert_eq!(
        parse_file(big.as_bytes()).map(|_| ()).unwrap_err().message,
        "syntax error: constant declaration too large"
    );
}

/// xorshift64*: a small deterministic generator for the robustness tests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}

/// Byte ranges of the tokens of `src` (each range runs to the next token).
fn token_ranges(src: &str) -> Vec<std::ops::Range<usize>> {
    let mut line_starts = vec![0];
    line_starts.extend(src.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
    let (toks, _) = super::super::lexer::tokenize(src.as_bytes());
    let offs: Vec<usize> = toks
        .iter()
        .filter_map(|t| {
            let ls = *line_starts.get(t.pos.line as usize - 1)?;
            Some((ls + t.pos.col as usize - 1).min(src.len()))
        })
        .collect();
    let mut v: Vec<std::ops::Range<usize>> = offs.windows(2).filter(|w| w[0] < w[1]).map(|w| w[0]..w[1]).collect();
    v.dedup();
    v
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet: &[u8] = b"package main import func var const type struct interface map chan go defer select case default if else for range switch return break continue goto fallthrough (){}[];:,.=+-*/%&|^<>!~\"'`\\\n\t 0123456789xyz_\xc3\xa9\x00\xff";
    for i in 0..3000 {
        let len = rng.below(200);
        let mut s = Vec::with_capacity(len + 16);
        if i % 2 == 0 {
            s.extend_from_slice(b"package main\n");
        }
        for _ in 0..len {
            let b = if rng.below(4) == 0 { (rng.next() & 0xff) as u8 } else { alphabet[rng.below(alphabet.len())] };
            s.push(b);
        }
        let _ = parse_file(&s);
    }
}

#[test]
fn token_mutations_never_panic() {
    let ranges = token_ranges(PROG);
    assert!(ranges.len() > 500);
    let pool = [
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        ":",
        "=",
        ":=",
        ".",
        "...",
        "*",
        "&",
        "<-",
        "func",
        "var",
        "if",
        "else",
        "for",
        "range",
        "return",
        "x",
        "1",
        "\"s\"",
        "chan",
        "map",
        "struct",
        "interface",
        "type",
        "case",
        "default",
        "go",
        "defer",
        "\n",
        "++",
        "+",
        "!",
        "~",
        "[]",
        "import",
        "package",
        "switch",
        "select",
        "`",
        "'",
        "\"",
    ];
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..2500 {
        let mut parts: Vec<&str> = ranges.iter().map(|r| &PROG[r.clone()]).collect();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(parts.len());
            match rng.below(4) {
                0 => parts[i] = "",
                1 => parts[i] = pool[rng.below(pool.len())],
                2 => parts.insert(i, pool[rng.below(pool.len())]),
                _ => {
                    let j = rng.below(parts.len());
                    parts.swap(i, j);
                }
            }
        }
        let src = format!("{}{}", &PROG[..ranges[0].start], parts.concat());
        let _ = parse_file(src.as_bytes());
    }
}
