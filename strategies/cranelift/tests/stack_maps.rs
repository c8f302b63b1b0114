//! Each Cranelift mode's rule for references across safepoints, at work under moving
//! collections: `cranelift-regmap`'s stack maps (with a test that fails when the
//! collector ignores them) and `cranelift-reload`'s store-before, reload-after. (The
//! contract tests every strategy shares are `conformance/tests/jit_contract.rs`.)

use std::io::Write;
use std::sync::{Arc, Mutex};
use vm::jit::{JitOptions, JitStats};
use vm::{Vm, VmError, VmOptions};

#[derive(Clone, Default)]
struct Out(Arc<Mutex<Vec<u8>>>);

impl Write for Out {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Run a Go program's main: stdout, the error, the JIT's statistics, instructions.
fn run_with(src: &str, options: VmOptions, ignore_maps: bool) -> (String, Option<VmError>, JitStats, u64) {
    let p = vm::compile_source(src.as_bytes(), "jit_test.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let mut machine = Vm::new(Arc::new(p), options).expect("verify");
    machine.set_ignore_stack_maps(ignore_maps);
    let out = Out::default();
    machine.set_stdout(Box::new(out.clone()));
    let r = machine.run_main();
    let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    (text, r.err(), machine.jit_stats(), machine.instructions_executed())
}

fn run(src: &str, options: VmOptions) -> (String, Option<VmError>, JitStats, u64) {
    run_with(src, options, false)
}

// ---------------------------------------------------------------- cranelift-regmap

fn regmap_stress() -> VmOptions {
    strategy_cranelift::register();
    let jit = JitOptions { strategy: "cranelift-regmap", eager: true, ..Default::default() };
    VmOptions { jit, gc_stress: true, gc_verify: true, ..Default::default() }
}

/// References held in registers (variables) across collections that move their
/// objects: a loop carrying one, nested compiled frames each holding some while the
/// innermost allocates, and one live across a helper that panics and is recovered.
const REGMAP_SRC: &str = r#"package main
import "fmt"
type Node struct {
	v    int
	next *Node
}
func loop(n int) int {
	head := &Node{v: 7}
	s := 0
	for i := 0; i < n; i++ {
		t := &Node{v: i}
		t.next = head
		s += head.v + t.next.v
	}
	return s
}
func inner(a *Node) int {
	b := &Node{v: 2, next: a}
	return a.v + b.v + b.next.v
}
func middle(a *Node) int {
	c := &Node{v: 3}
	r := inner(a)
	return r + c.v + a.v
}
func outer() int {
	a := &Node{v: 1}
	d := &Node{v: 4}
	r := middle(a)
	return r + a.v + d.v
}
func risky(a *Node, i int) (r int) {
	defer func() {
		if recover() != nil {
			r = -1
		}
	}()
	xs := []int{1, 2}
	return a.v + xs[i]
}
func recovering() int {
	a := &Node{v: 5}
	x := risky(a, 9)
	b := &Node{v: 6, next: a}
	return x + a.v + b.next.v
}
func main() {
	fmt.Println(loop(50), outer(), recovering())
}
"#;

#[test]
fn regmap_references_in_registers_survive_moving_collections() {
    // The interpreter is the reference.
    let (want, none, _, _) = run(REGMAP_SRC, VmOptions::default());
    assert_eq!((want.as_str(), none), ("700 13 9\n", None));
    let (out, err, jit, _) = run(REGMAP_SRC, regmap_stress());
    assert_eq!((out, err), (want, None));
    assert_eq!(jit.compile_failures, 0);
}

#[test]
fn regmap_without_stack_maps_leaves_stale_references_the_verifier_finds() {
    // The same program with the collector told to ignore the native stack maps: the
    // register copies of references go stale when their objects move, and the first
    // one stored back into the heap is caught by the heap verifier (or, failing that,
    // the output is wrong). This is what the maps are for.
    let (text, r, _, _) = run_with(REGMAP_SRC, regmap_stress(), true);
    match r {
        Some(e) => assert!(e.stderr_text().contains("gc_verify"), "{}", e.stderr_text()),
        None => assert_ne!(text, "700 13 9\n", "stale references went unnoticed"),
    }
}

// ---------------------------------------------------------------- cranelift-reload

fn eager_stress(strategy: &'static str) -> VmOptions {
    strategy_cranelift::register();
    let jit = JitOptions { strategy, eager: true, ..Default::default() };
    VmOptions { jit, gc_stress: true, gc_verify: true, ..Default::default() }
}

/// References in variables live across allocating helpers and calls in loops (each a
/// collection under `--gc-stress`), slots reused for references of different lives,
/// and a map whose buckets are rebuilt while its keys and values are held. A reference
/// that `cranelift-reload` keeps in a register across a safepoint without storing and
/// reloading it, or that it stores after it died (a stale root), is caught by
/// `--gc-verify` or gives wrong output.
const RELOAD_SRC: &str = r#"package main
import "fmt"
type node struct {
	val  int
	next *node
	name string
}
func mk(v int) *node {
	return &node{val: v, name: fmt.Sprint("n", v)}
}
func chain(n int) int {
	a, b, c := mk(1), mk(2), mk(3)
	s := make([]*node, 0)
	total := 0
	for i := 0; i < n; i++ {
		d := mk(i)
		s = append(s, d)
		total += a.val + b.val + c.val + d.val + len(a.name) + len(s)
		if i%7 == 3 {
			a, b, c = b, c, a
		}
		b.next = d
		total += b.next.val
	}
	for _, x := range s {
		total += x.val
	}
	return total + len(a.name) + len(c.name)
}
func main() {
	fmt.Println(chain(200))
	m := map[string]*node{}
	for i := 0; i < 50; i++ {
		k := fmt.Sprint("k", i%13)
		p := m[k]
		q := mk(i)
		if p != nil {
			q.next = p
		}
		m[k] = q
	}
	sum := 0
	for i := 0; i < 13; i++ {
		for p := m[fmt.Sprint("k", i)]; p != nil; p = p.next {
			sum += p.val * len(p.name)
		}
	}
	fmt.Println(sum)
}
"#;

#[test]
fn reload_keeps_references_current_across_moving_collections() {
    for src in [RELOAD_SRC, REGMAP_SRC] {
        let (want, none, _, _) = run(src, VmOptions::default());
        assert_eq!(none, None);
        for strategy in ["cranelift-reload", "cranelift-regmap"] {
            let (out, err, jit, _) = run(src, eager_stress(strategy));
            assert_eq!((&out, err.map(|e| e.stderr_text().to_string())), (&want, None), "{}", strategy);
            assert_eq!(jit.compile_failures, 0);
        }
    }
}
