//! Limits: hostile or extreme programs end with a clear message (Go's where Go has
//! one), never a Rust panic, an abort or a stack overflow of the thread running them.
//!
//! Every program runs through `common::run_program_with`, i.e. on a thread with Rust's
//! default stack for spawned threads (2 MiB, never enlarged here) with a time limit, as
//! the conformance tests do; a Rust panic shows up as status 101, an abort or a stack
//! overflow kills this test binary. Status 1 is a compile error (`file:line:col:
//! message`), 2 a Go panic or fatal error.
//!
//! Decisions where jitlab differs from Go 1.19 (each documented at its test):
//! - nesting deeper than the parser's bound (1000 levels of expressions, types,
//!   statements) is `syntax error: nesting too deep`; Go has no bound;
//! - integer constants are 128-bit (Go: 512): beyond, `unsupported: integer constant
//!   exceeds 128 bits` / `unsupported: integer literal exceeds 128 bits`; float literals
//!   with a decimal exponent beyond ±10000 are `unsupported` too (beyond Go's own
//!   exponent range they are Go's `malformed constant`);
//! - an array type longer than 2^32 elements is `unsupported: array length ...` (an
//!   array is one heap object with a 32-bit length; Go accepts it and runs out of
//!   memory at run time, or says "larger than address space" beyond 2^50 bytes);
//! - an allocation beyond what the heap can hold (`max_heap`, the system, or the 2^32
//!   element limit of one object) ends the run with Go's `fatal error: runtime: out of
//!   memory`;
//! - the runtime's own recursion (printing or comparing values nested through
//!   interfaces, `String` methods that call `fmt` re-entrantly) ends with Go's
//!   stack-overflow fatal error when the machine stack is nearly used up
//!   (`runtime::MACHINE_STACK_MARGIN`); Go grows its stacks instead.

mod common;

use common::*;

fn run_src(name: &str, src: &str, options: vm::VmOptions) -> Outcome {
    run_source_with(name, src, options)
}

fn run(name: &str, src: &str) -> Outcome {
    run_src(name, src, vm::VmOptions::default())
}

fn first_line(o: &Outcome) -> &str {
    o.stderr.lines().next().unwrap_or("")
}

/// A compile error: status 1 and `name:LINE:COL: message` (returns `LINE:COL: message`).
fn compile_error<'a>(name: &str, o: &'a Outcome) -> &'a str {
    assert_eq!(o.status, 1, "{name}: want a compile error, got status {} {:?}", o.status, o.stderr);
    let line = first_line(o);
    line.strip_prefix(&format!("{name}:")).unwrap_or_else(|| panic!("{name}: not `file:line:col: msg`: {line}"))
}

fn stdout(o: &Outcome) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn main_with(body: &str) -> String {
    format!("package main\n\nimport \"fmt\"\n\nfunc main() {{\n{body}\n}}\n")
}

const STACK_OVERFLOW: &str = "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n";
const OUT_OF_MEMORY: &str = "fatal error: runtime: out of memory";

// ---- deep recursion ----

/// Go's text for unbounded recursion. Under the JIT strategies this is
/// `jit_contract::unbounded_recursion_is_gos_stack_overflow_not_a_crash`; here: the
/// interpreter, in the main goroutine and in another one, and mutual recursion through
/// a closure.
#[test]
fn unbounded_recursion_is_gos_stack_overflow() {
    let progs = [
        "package main\n\nfunc f(n int) int { return f(n+1) + 1 }\n\nfunc main() { f(0) }\n",
        "package main\n\nfunc f(n int) int { return f(n+1) + 1 }\n\nfunc main() {\n\tdone := make(chan int)\n\t\
         go func() { done <- f(0) }()\n\t<-done\n}\n",
        "package main\n\nvar g func(int) int\n\nfunc h(n int) int { return g(n) }\n\nfunc main() {\n\t\
         g = func(n int) int { return h(n+1) + 1 }\n\th(0)\n}\n",
    ];
    for (i, src) in progs.iter().enumerate() {
        let o = run(&format!("rec{i}.go"), src);
        assert_eq!(o.status, 2, "{o:?}");
        assert!(o.stderr.starts_with(STACK_OVERFLOW), "{}", o.stderr);
    }
}

/// Recursion that goes through the runtime's own Rust code (a `String` method that
/// calls `fmt`, which calls the next `String` method re-entrantly; printing or
/// comparing values nested through interfaces) used to overflow the 2 MiB thread
/// stack and abort the process. Go prints these (its stacks grow); the VM stops with
/// Go's stack-overflow error when its machine stack is nearly used up, and moderate
/// depths still work.
#[test]
fn recursion_inside_the_runtime_is_bounded() {
    let string_method = |n: usize| {
        format!(
            "package main\n\nimport \"fmt\"\n\ntype T struct{{ n int }}\n\nfunc (t T) String() string {{\n\t\
             if t.n == 0 {{\n\t\treturn \"0\"\n\t}}\n\treturn fmt.Sprint(T{{t.n - 1}}) + \".\"\n}}\n\n\
             func main() {{\n\tfmt.Println(len(fmt.Sprint(T{{{n}}})))\n}}\n"
        )
    };
    let nested_print = |n: usize| {
        main_with(&format!(
            "\tvar x interface{{}} = 1\n\tfor i := 0; i < {n}; i++ {{\n\t\tx = []interface{{}}{{x}}\n\t}}\n\t\
             fmt.Println(len(fmt.Sprint(x)))"
        ))
    };
    let nested_equal = |n: usize| {
        main_with(&format!(
            "\tvar x, y interface{{}} = 1, 1\n\tfor i := 0; i < {n}; i++ {{\n\t\tx = [1]interface{{}}{{x}}\n\t\t\
             y = [1]interface{{}}{{y}}\n\t}}\n\tfmt.Println(x == y)"
        ))
    };
    assert_eq!(stdout(&run("str_ok.go", &string_method(100))), "101\n");
    assert_eq!(stdout(&run("print_ok.go", &nested_print(100))), "201\n");
    assert_eq!(stdout(&run("eq_ok.go", &nested_equal(1000))), "true\n");
    for (name, src) in [
        ("str_deep.go", string_method(100_000)),
        ("print_deep.go", nested_print(100_000)),
        ("eq_deep.go", nested_equal(100_000)),
    ] {
        let o = run(name, &src);
        assert_eq!(o.status, 2, "{name}: {o:?}");
        assert!(o.stderr.starts_with(STACK_OVERFLOW), "{name}: {}", o.stderr);
    }
}

// ---- allocation ----

/// `VmOptions::max_heap` ends a program that keeps allocating with Go's out-of-memory
/// fatal error (the output before it is kept).
#[test]
fn runaway_allocation_hits_max_heap_with_gos_message() {
    let src = main_with(
        "\tvar keep [][]int\n\tfor i := 0; ; i++ {\n\t\tkeep = append(keep, make([]int, 1<<14))\n\t\t\
         if i == 10 {\n\t\t\tfmt.Println(\"allocating\")\n\t\t}\n\t}",
    );
    let o = run_src("oom.go", &src, vm::VmOptions { max_heap: Some(64 << 20), ..Default::default() });
    assert_eq!((o.status, first_line(&o)), (2, OUT_OF_MEMORY), "{o:?}");
    assert_eq!(stdout(&o), "allocating\n");
    // One huge string built by doubling.
    let src = main_with("\ts := \"x\"\n\tfor {\n\t\ts += s\n\t}\n\tfmt.Println(len(s))");
    let o = run_src("oom_str.go", &src, vm::VmOptions { max_heap: Some(32 << 20), ..Default::default() });
    assert_eq!((o.status, first_line(&o)), (2, OUT_OF_MEMORY), "{o:?}");
}

/// `make` with a huge length. Real Go 1.19 on amd64 panics with `makeslice: len out of
/// range` only when the size exceeds its address-space limit (2^48 bytes) or the length
/// is negative; `make([]int, 1<<40)` (8 TiB) is `fatal error: runtime: out of memory`
/// there, and so it is here (without a `max_heap` too). The VM's own object limit
/// (2^32 elements) is reported the same way.
#[test]
fn huge_make_is_gos_panic_or_out_of_memory() {
    let cases = [
        ("n := 1 << 40\n\ts := make([]int, n)", OUT_OF_MEMORY.to_string()),
        ("s := make([]int, 1<<40)", OUT_OF_MEMORY.to_string()),
        ("n := 1 << 33\n\ts := make([]byte, n)", OUT_OF_MEMORY.to_string()),
        ("n := 1 << 46\n\ts := make([]int, n)", "panic: runtime error: makeslice: len out of range".to_string()),
        ("n := -1\n\ts := make([]int, n)", "panic: runtime error: makeslice: len out of range".to_string()),
        ("n := 1 << 62\n\ts := make([]byte, 0, n)", "panic: runtime error: makeslice: cap out of range".to_string()),
        ("n := 1 << 40\n\ts := make(map[int]int, n)", String::new()),
    ];
    for (i, (body, want)) in cases.iter().enumerate() {
        let src = main_with(&format!("\t{body}\n\tfmt.Println(len(s))"));
        let o = run(&format!("make{i}.go"), &src);
        if want.is_empty() {
            // a map size hint is only a hint
            assert_eq!((o.status, stdout(&o).as_str()), (0, "0\n"), "{body}: {o:?}");
        } else {
            assert_eq!((o.status, first_line(&o)), (2, want.as_str()), "{body}: {o:?}");
        }
    }
}

// ---- huge literals and constants ----

/// Constants beyond every limit, with Go 1.19's messages (checked against `go build`;
/// the reject corpus has one program per message) or the subset's `unsupported:`.
#[test]
fn huge_constants_have_gos_messages() {
    let cases: &[(&str, &str)] = &[
        (
            "\tx := 100000000000000000000000\n\tfmt.Println(x)",
            "7:7: cannot use 100000000000000000000000 (untyped int constant) as int value in assignment (overflows)",
        ),
        (
            "\tx := 1e400\n\tfmt.Println(x)",
            "7:7: cannot use 1e400 (untyped float constant 1e+400) as float64 value in assignment (overflows)",
        ),
        (
            "\tfmt.Println(1 << 100)",
            "7:14: cannot use 1 << 100 (untyped int constant 1267650600228229401496703205376) as int value in \
             argument to fmt.Println (overflows)",
        ),
        ("\tfmt.Println(1 << 100000)", "7:19: invalid operation: invalid shift count 100000 (untyped int constant)"),
        (
            "\tfmt.Println(1 << 1000000000)",
            "7:19: invalid operation: invalid shift count 1000000000 (untyped int constant)",
        ),
        ("\tconst c = 1 << 512\n\tfmt.Println(c > 0)", "7:14: constant shift overflow"),
        // Found by fuzz-frontend: the exponent's magnitude overflowed and the compiler
        // tried to compute 10^(2^63).
        ("\tfmt.Println(1e-9223372036854775808 > 0)", "7:14: malformed constant: 1e-9223372036854775808"),
        ("\tfmt.Println(1e1000000000 > 0)", "7:14: malformed constant: 1e1000000000"),
        ("\tfmt.Println(1 << -1.0)", "7:19: invalid operation: negative shift count -1.0 (untyped float constant -1)"),
        (
            "\tx := int(1) << 100\n\tfmt.Println(x)",
            "7:7: int(1) << 100 (constant 1267650600228229401496703205376 of type int) overflows int",
        ),
        ("\tvar a [-1]int\n\tfmt.Println(len(a))", "7:9: invalid array length -1 (untyped int constant)"),
        // The subset's limits (Go accepts these).
        ("\tconst c = 1 << 511\n\tfmt.Println(c >> 500)", "7:14: unsupported: integer constant exceeds 128 bits"),
        (
            "\tfmt.Println(0x1000000000000000000000000000000000000000000000000000000 > 0)",
            "7:14: unsupported: integer literal exceeds 128 bits",
        ),
        ("\tfmt.Println(1e100000 > 0)", "7:14: unsupported: float constant 1e100000 (exponent beyond ±10000)"),
        ("\tvar a [1 << 40]int\n\tfmt.Println(len(a))", "7:9: unsupported: array length 1 << 40 (more than 1 << 32)"),
        (
            "\tvar p *[1 << 62]int\n\tfmt.Println(p == nil)",
            "7:10: unsupported: array length 1 << 62 (more than 1 << 32)",
        ),
    ];
    for (i, (body, want)) in cases.iter().enumerate() {
        let name = format!("const{i}.go");
        let src = format!("// limits\n{}", main_with(body));
        let o = run(&name, &src);
        assert_eq!(compile_error(&name, &o), *want, "{body}");
    }
    // Exact untyped constants beyond float64 in between are fine (Go prints these).
    let src = main_with(
        "\tx := 1e400 / 1e300\n\tconst huge = 1e4000\n\tfmt.Println(x, huge/1e3990, 0x1p1024/2, 1e-400*1e390)\n\t\
         var p *[1 << 31]int\n\tfmt.Println(p == nil, len(p))",
    );
    let o = run("consts_ok.go", &src);
    assert_eq!(stdout(&o), "1e+100 1e+10 8.98846567431158e+307 1e-10\ntrue 2147483648\n", "{o:?}");
}

/// 1 MiB string literals (interpreted and raw), a 1 MiB constant doubled a few times,
/// and a string constant chain beyond the subset's 16 MiB constant limit.
#[test]
fn megabyte_string_literals() {
    let mib = 1 << 20;
    let src = format!(
        "package main\n\nimport \"fmt\"\n\nconst s = \"{}\"\n\nfunc main() {{\n\tr := `{}`\n\t\
         fmt.Println(len(s), len(r), len(s+s+s+s), s[mib-1], r[0])\n}}\n\nconst mib = {mib}\n",
        "a".repeat(mib),
        "b".repeat(mib)
    );
    let o = run("bigstr.go", &src);
    assert_eq!(stdout(&o), format!("{mib} {mib} {} 97 98\n", 4 * mib), "{}", o.stderr);
    let chain = vec!["s"; 20].join(" + ");
    let src = format!(
        "package main\n\nimport \"fmt\"\n\nconst s = \"{}\"\n\nfunc main() {{\n\tfmt.Println(len({chain}))\n}}\n",
        "a".repeat(mib)
    );
    let o = run("bigconst.go", &src);
    let msg = compile_error("bigconst.go", &o);
    assert!(msg.ends_with("unsupported: string constant longer than 16777216 bytes"), "{msg}");
}

// ---- deep nesting and long inputs ----

/// Programs nesting one construct `n` deep (`0` marks where the count goes).
fn nested(kind: &str, n: usize) -> String {
    let h = "package main\n\nimport \"fmt\"\n\n";
    let r = |s: &str| s.repeat(n);
    match kind {
        "parens" => format!("{h}func main() {{\n\ta := 1\n\tfmt.Println({}a{})\n}}\n", r("("), r(")")),
        "unary" => format!("{h}func main() {{\n\ta := 1\n\tfmt.Println({}a)\n}}\n", r("- ")),
        "chain" => format!("{h}func main() {{\n\ta := 1\n\tfmt.Println(a{})\n}}\n", r("+a")),
        "chain_str" => format!("{h}func main() {{\n\ta := \"x\"\n\tfmt.Println(len(a{}))\n}}\n", r("+a")),
        "const_chain" => format!("{h}const c = 1{}\n\nfunc main() {{\n\tfmt.Println(c)\n}}\n", r("+1")),
        "calls" => format!(
            "{h}func f(x int) int {{ return x + 1 }}\n\nfunc main() {{\n\tfmt.Println({}0{})\n}}\n",
            r("f("),
            r(")")
        ),
        "index" => format!("{h}func main() {{\n\ta := []int{{0}}\n\tfmt.Println({}0{})\n}}\n", r("a["), r("]")),
        "ifs" => format!("{h}func main() {{\n\tx := 0\n{}x++\n{}\tfmt.Println(x)\n}}\n", r("if x >= 0 {\n"), r("}\n")),
        "blocks" => format!("{h}func main() {{\n\tx := 0\n{}x++\n{}\tfmt.Println(x)\n}}\n", r("{\n"), r("}\n")),
        "fors" => format!(
            "{h}func main() {{\n\tx := 0\n{}x++\n{}\tfmt.Println(x)\n}}\n",
            r("for i := 0; i < 1; i++ {\n"),
            r("}\n")
        ),
        "switches" => format!(
            "{h}func main() {{\n\tx := 0\n{}x++\n{}\tfmt.Println(x)\n}}\n",
            r("switch {\ncase x >= 0:\n"),
            r("}\n")
        ),
        "elseif" => {
            format!(
                "{h}func main() {{\n\tx := 0\n\t{}{{\n\t\tx++\n\t}}\n\tfmt.Println(x)\n}}\n",
                r("if x < 0 {\n\t} else ")
            )
        }
        "closures" => {
            format!("{h}func main() {{\n\tx := 0\n{}x++\n{}\tfmt.Println(x)\n}}\n", r("func() {\n"), r("}()\n"))
        }
        "arrays" => format!("{h}func main() {{\n\tvar x {}int\n\tfmt.Println(len(x))\n}}\n", r("[1]")),
        "slice_lits" => {
            format!("{h}func main() {{\n\tx := {}int{}1{}\n\tfmt.Println(len(x))\n}}\n", r("[]"), r("{"), r("}"))
        }
        "maps" => format!("{h}func main() {{\n\tvar x {}int\n\tfmt.Println(len(x))\n}}\n", r("map[int]")),
        "functypes" => format!("{h}func main() {{\n\tvar x {}int\n\tfmt.Println(x == nil)\n}}\n", r("func() ")),
        "selectors" => format!(
            "{h}type T struct {{\n\tf *T\n\tv int\n}}\n\nfunc main() {{\n\tt := &T{{v: 7}}\n\tt.f = t\n\t\
             fmt.Println(t{}.v)\n}}\n",
            r(".f")
        ),
        _ => unreachable!("{kind}"),
    }
}

/// Nesting near the parser's bound compiles and runs (the checker and code generator
/// recurse as deep as the parser, on the front end's own thread: they used to run on
/// the caller's thread and overflowed a 2 MiB stack at about 900 levels of `a+a+...`);
/// 10000 and 100000 levels are `syntax error: nesting too deep` (jitlab's bound: Go has
/// none).
#[test]
fn deep_nesting_is_a_clear_error_or_compiles() {
    // (construct, the deepest that passes the parser's bound of 1000 levels, output)
    let cases = [
        ("parens", 990, "1\n"),
        ("unary", 990, "1\n"),
        ("chain", 990, "991\n"),
        ("chain_str", 990, "991\n"),
        ("const_chain", 990, "991\n"),
        ("calls", 490, "490\n"),
        ("index", 490, "0\n"),
        ("ifs", 330, "1\n"),
        ("blocks", 490, "1\n"),
        ("fors", 490, "1\n"),
        ("switches", 990, "1\n"),
        ("elseif", 990, "1\n"),
        ("closures", 330, "1\n"),
        ("arrays", 990, "1\n"),
        ("slice_lits", 990, "1\n"),
        ("maps", 990, "0\n"),
        ("functypes", 990, "true\n"),
        ("selectors", 990, "7\n"),
    ];
    for (kind, n, want) in cases {
        let name = format!("{kind}.go");
        let o = run(&name, &nested(kind, n));
        assert_eq!((o.status, stdout(&o).as_str()), (0, want), "{kind} x{n}: {}", o.stderr);
        for deep in [10_000, 100_000] {
            let o = run(&name, &nested(kind, deep));
            let msg = compile_error(&name, &o);
            assert!(msg.ends_with(": syntax error: nesting too deep"), "{kind} x{deep}: {msg}");
        }
    }
    // Bare brackets at the top level and inside a body.
    for open in ["(", "[", "{", "*", "<-", "!", "func() "] {
        for src in [open.repeat(100_000), format!("package main\n\nfunc main() {{\n\tx := {}", open.repeat(100_000))] {
            let o = run("brackets.go", &src);
            assert_eq!(o.status, 1, "{open}: {o:?}");
        }
    }
}

/// Long inputs: 100000 statements, a 1 MB line, a 1 MB identifier, 20000 functions.
#[test]
fn long_inputs_compile_or_fail_cleanly() {
    let src = main_with(&format!("\tx := 0\n{}\tfmt.Println(x)", "\tx++\n".repeat(100_000)));
    assert_eq!(stdout(&run("stmts.go", &src)), "100000\n");
    let src = main_with(&format!("\tx := 0{}\n\tfmt.Println(x)", "; x++".repeat(200_000)));
    assert_eq!(stdout(&run("line.go", &src)), "200000\n");
    let id = "v".repeat(1 << 20);
    let src = main_with(&format!("\t{id} := 3\n\tfmt.Println({id})"));
    assert_eq!(stdout(&run("ident.go", &src)), "3\n");
    let funcs: String = (0..20_000).map(|i| format!("func f{i}() int {{ return {i} }}\n")).collect();
    let src = format!("package main\n\nimport \"fmt\"\n\n{funcs}\nfunc main() {{\n\tfmt.Println(f19999())\n}}\n");
    assert_eq!(stdout(&run("funcs.go", &src)), "19999\n");
    // Found by fuzz-frontend: a file starting with a string of 60000 bad escapes took
    // seconds (the package-clause check ordered its errors by recomputing each one's
    // line and column from the file start at every comparison).
    let src = format!("\"{}", "\\q".repeat(60_000));
    let t = std::time::Instant::now();
    let o = run("escapes.go", &src);
    assert_eq!(compile_error("escapes.go", &o), "1:1: string literal not terminated");
    assert!(t.elapsed() < std::time::Duration::from_secs(5), "{:?}", t.elapsed());
    // A long unterminated comment and string.
    for src in
        [format!("package main\n/*{}", "x".repeat(1 << 20)), format!("package main\nvar s = \"{}", "x".repeat(1 << 20))]
    {
        assert_eq!(run("unterminated.go", &src).status, 1);
    }
}
