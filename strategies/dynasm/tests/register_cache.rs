//! The register cache under the conditions that break a wrong one: values computed in
//! registers within a block must reach the frame before every helper that reads it
//! (calls of natives, allocation, map and string helpers, a panic and its recovery, a
//! deferred call), before every exit from native code (a preemption yield, a blocking
//! channel operation, a return through the interpreter), and must be reloaded after
//! every safepoint (collections move the objects cached references point to: here at
//! every allocation, `--gc-stress --gc-verify`). Each program's output under `dynasm`
//! must equal the interpreter's, with every function compiled and running natively.

use std::io::Write;
use std::sync::{Arc, Mutex};
use vm::jit::JitOptions;
use vm::{Vm, VmOptions};

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

/// Output, error text and (functions compiled, native instructions) of `src`.
fn run(src: &str, options: VmOptions) -> (String, String, usize, u64) {
    let p = vm::compile_source(src.as_bytes(), "cache_test.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let mut machine = Vm::new(Arc::new(p), options).expect("verify");
    let out = Out::default();
    machine.set_stdout(Box::new(out.clone()));
    let err = machine.run_main().err().map(|e| e.stderr_text().to_string()).unwrap_or_default();
    let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    let jit = machine.jit_stats();
    (text, err, jit.functions_compiled, jit.native_instructions)
}

/// `src` under dynasm (eager; then eager with a collection at every allocation) must
/// print what the interpreter prints.
fn same_as_interp(src: &str) {
    strategy_dynasm::register();
    let (want, want_err, _, _) = run(src, VmOptions::default());
    assert!(!want.is_empty(), "the program prints something");
    for stress in [false, true] {
        // Counting code: the test checks that the code ran natively.
        let jit = JitOptions { strategy: "dynasm", eager: true, count_native: true, ..Default::default() };
        let options = VmOptions { jit, gc_stress: stress, gc_verify: stress, ..Default::default() };
        let (out, err, compiled, native) = run(src, options);
        assert_eq!((&out, &err), (&want, &want_err), "dynasm (gc stress: {stress}) differs from the interpreter");
        assert!(compiled > 0 && native > 0, "the code ran natively");
    }
}

#[test]
fn values_computed_in_a_block_reach_helpers_that_read_the_frame() {
    // Each line computes into slots (cached, dirty) and hands them straight to a helper:
    // a native call (fmt), string conversion and concatenation, a map store, an append
    // that allocates, a closure creation capturing them.
    same_as_interp(
        r#"package main
import (
	"fmt"
	"strconv"
)
func main() {
	m := map[int]int{}
	var xs []int
	s := ""
	for i := 1; i < 40; i++ {
		a := i * 7
		b := a + i*i - 3
		c := b ^ (a << 2)
		m[a] = c
		xs = append(xs, b, c)
		s = s + strconv.Itoa(c%97) + ","
		f := func() int { return a + b + c }
		if i%13 == 0 {
			fmt.Println(a, b, c, f(), len(m), len(xs))
		}
	}
	x := 1.5
	y := x*2.25 - 0.125
	z := y / 3
	fmt.Println(x, y, z, m[91], xs[7], len(s))
}
"#,
    );
}

#[test]
fn a_slow_path_that_continues_leaves_the_cached_values_intact() {
    // Division by -1 takes the helper and continues in the same block: the values the
    // block holds in registers must be the same afterwards (the helper call clobbered
    // the registers; the slow path reloads them).
    same_as_interp(
        r#"package main
import "fmt"
func main() {
	t := 0
	for i := 1; i < 200; i++ {
		a := i * 3
		b := a + 11
		c := b * a
		d := i%2*2 - 1
		q := c / d
		r := c % d
		t = t + a + b + c + q + r
		e := q * a
		t = t ^ e
	}
	fmt.Println(t)
}
"#,
    );
}

#[test]
fn values_computed_before_a_panic_are_seen_by_the_deferred_call() {
    same_as_interp(
        r#"package main
import "fmt"
func work(xs []int, k int) (sum int, last int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered with", sum, last, r)
		}
	}()
	for i := 0; i < 10; i++ {
		sum += i * k
		last = sum - i
		_ = xs[i]
	}
	return sum, last
}
func main() {
	fmt.Println(work(make([]int, 4), 3))
	fmt.Println(work(make([]int, 10), 5))
}
"#,
    );
}

#[test]
fn values_live_across_exits_from_native_code() {
    // Preemption at back edges (two goroutines in long loops), blocking sends and
    // receives mid-block, and returns through the interpreter (a frame with defers):
    // native code stops and the interpreter resumes from the frame.
    same_as_interp(
        r#"package main
import "fmt"
func spin(id int, n int, out chan int) {
	acc := id
	t := 0
	for i := 0; i < n; i++ {
		acc = acc*31 + i
		t += acc & 1023
	}
	out <- t
}
func relay(in, out chan int) {
	for v := range in {
		w := v*3 + 1
		out <- w
		w = w - v
		out <- w
	}
	close(out)
}
func deferred(n int) (r int) {
	defer func() { r += 1000 }()
	a := n * 2
	b := a + 7
	return a * b
}
func main() {
	out := make(chan int)
	go spin(1, 300000, out)
	go spin(2, 300000, out)
	fmt.Println(<-out + <-out)
	in := make(chan int)
	res := make(chan int)
	go relay(in, res)
	go func() {
		for i := 0; i < 50; i++ {
			in <- i
		}
		close(in)
	}()
	s := 0
	for v := range res {
		s = s*7 + v
		s %= 1000003
	}
	fmt.Println(s, deferred(5), deferred(9))
}
"#,
    );
}

#[test]
fn cached_references_are_reloaded_after_collections() {
    // References computed in a block (field loads, slice elements) used after an
    // allocation in the same loop: under gc-stress every allocation moves them.
    same_as_interp(
        r#"package main
import "fmt"
type Node struct {
	v    int
	next *Node
	tags []string
}
func main() {
	var head *Node
	for i := 0; i < 300; i++ {
		n := &Node{v: i, next: head}
		n.tags = append(n.tags, fmt.Sprint(i%7))
		if head != nil && head.next != nil {
			p := head.next
			q := &Node{v: p.v + n.v}
			p.v = q.v + len(p.tags)
		}
		head = n
	}
	s := 0
	for p := head; p != nil; p = p.next {
		s = (s*17 + p.v) % 1000007
	}
	fmt.Println(s, head.tags[0], head.next.next.v)
}
"#,
    );
}
