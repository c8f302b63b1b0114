//! `cranelift-regmap`'s stack maps at work: references held in registers across moving
//! collections, and a test that fails when the collector ignores the maps. (The
//! contract tests every strategy shares are `vm/tests/jit_contract.rs`.)

use std::io::Write;
use std::sync::{Arc, Mutex};
use vm::jit::{JitOptions, JitStats, StrategyKind};
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
    let jit = JitOptions { strategy: StrategyKind::CraneliftRegmap, eager: true, ..Default::default() };
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
