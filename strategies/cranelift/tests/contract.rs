//! The JIT contract in action with both Cranelift modes: OSR entry, native calls, deep
//! recursion, panics crossing native frames, blocking inside native code; and for
//! `cranelift-regmap`, references held in registers across moving collections, with a
//! test that fails when the stack maps are ignored.

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

/// Both modes: the contract tests run under each.
fn modes() -> [StrategyKind; 2] {
    strategy_cranelift::register();
    [StrategyKind::CraneliftReload, StrategyKind::CraneliftRegmap]
}

fn options(strategy: StrategyKind, eager: bool, threshold: u32) -> VmOptions {
    let jit = JitOptions { strategy, eager, call_threshold: threshold, loop_threshold: threshold };
    VmOptions { jit, ..Default::default() }
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

#[test]
fn a_hot_loop_is_entered_at_its_header() {
    for mode in modes() {
        // main is called once: only its back edges can make it hot (OSR).
        let src = "package main\nimport \"fmt\"\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100000; i++ {\n\t\ts += i & 7\n\t}\n\tfmt.Println(s)\n}\n";
        let (out, err, jit, total) = run(src, options(mode, false, 50));
        assert_eq!((out.as_str(), err), ("350000\n", None));
        assert_eq!(jit.functions_compiled, 1);
        assert!(jit.native_instructions * 100 > total * 95, "{} of {total} native", jit.native_instructions);
    }
}

#[test]
fn native_code_calls_native_code_and_recursion_goes_deep() {
    for mode in modes() {
        let fib = r#"package main
    import "fmt"
    func fib(n int) int {
    	if n < 2 {
    		return n
    	}
    	return fib(n-1) + fib(n-2)
    }
    func main() {
    	fmt.Println(fib(22))
    }
    "#;
        let (out, err, jit, total) = run(fib, options(mode, true, 100));
        assert_eq!((out.as_str(), err), ("17711\n", None));
        assert_eq!(jit.compile_failures, 0);
        assert!(jit.native_instructions * 100 > total * 99, "{} of {total} native", jit.native_instructions);
        // Deeper than the native call limit: the chain falls back to the interpreter, which
        // makes the next call and re-enters native code (the machine stack stays bounded).
        let deep = r#"package main
    import "fmt"
    func depth(n int) int {
    	if n == 0 {
    		return 0
    	}
    	return depth(n-1) + 1
    }
    func main() {
    	fmt.Println(depth(300000))
    }
    "#;
        let (out, err, jit, _) = run(deep, options(mode, true, 100));
        assert_eq!((out.as_str(), err), ("300000\n", None));
        assert!(jit.native_instructions > 0);
    }
}

#[test]
fn unbounded_recursion_is_gos_stack_overflow_not_a_crash() {
    for mode in modes() {
        let src = "package main\nfunc f(n int) int { return f(n+1) + 1 }\nfunc main() { f(0) }\n";
        let (_, err, _, _) = run(src, options(mode, true, 100));
        let text = err.expect("a fatal error").stderr_text().to_string();
        assert!(text.starts_with("runtime: goroutine stack exceeds"), "{text}");
    }
}

#[test]
fn a_panic_crosses_native_frames_and_is_recovered() {
    for mode in modes() {
        let src = r#"package main
    import "fmt"
    func f(n int) int {
    	if n == 0 {
    		var a []int
    		return a[n+1]
    	}
    	return f(n-1) + 1
    }
    func g() (r string) {
    	defer func() {
    		r = fmt.Sprint("recovered: ", recover())
    	}()
    	return fmt.Sprint(f(40))
    }
    func main() {
    	fmt.Println(g())
    	fmt.Println(g())
    }
    "#;
        for opts in [options(mode, true, 100), options(mode, false, 2)] {
            let (out, err, _, _) = run(src, opts);
            let want = "recovered: runtime error: index out of range [1] with length 0\n";
            assert_eq!((out, err), (format!("{want}{want}"), None));
        }
    }
}

#[test]
fn a_channel_operation_blocks_inside_native_code_and_resumes() {
    for mode in modes() {
        let src = r#"package main
    import "fmt"
    func producer(c chan int, n int) {
    	for i := 0; i < n; i++ {
    		c <- i
    	}
    	close(c)
    }
    func main() {
    	c := make(chan int)
    	go producer(c, 5000)
    	s := 0
    	for v := range c {
    		s += v
    	}
    	fmt.Println(s)
    }
    "#;
        let (out, err, jit, total) = run(src, options(mode, true, 100));
        assert_eq!((out.as_str(), err), ("12497500\n", None));
        // Every send and receive blocks (unbuffered): native code stops, the fiber parks,
        // and the rest of the loop runs in the interpreter until the next back edge re-enters.
        assert!(jit.native_instructions * 2 > total, "{} of {total} native", jit.native_instructions);
    }
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
