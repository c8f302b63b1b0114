//! The JIT contract in action under every registered JIT strategy: OSR entry at a loop
//! header, native-to-native calls, deep recursion beyond the native call limit, Go's
//! stack overflow, a panic crossing native frames and recovered, a channel operation
//! that blocks inside native code and resumes; and W^X: while a strategy's code is
//! installed, no mapping of the process is writable and executable at once.

use std::sync::Arc;
use vm::jit::{JitOptions, JitStats, NATIVE_STACK_BYTES};
use vm::{Vm, VmError, VmOptions};

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use common::SharedBuf;

/// Every JIT strategy of the strategy crates.
fn modes() -> Vec<&'static str> {
    conformance::jit_strategies()
}

/// Options of a run whose code counts the instructions it executes natively (the tests
/// check coverage; see "Coverage" in `vm::jit`).
fn options(strategy: &'static str, eager: bool, threshold: u32) -> VmOptions {
    let jit = JitOptions {
        strategy,
        eager,
        call_threshold: threshold,
        loop_threshold: threshold,
        count_native: true,
        ..Default::default()
    };
    VmOptions { jit, ..Default::default() }
}

/// Run a Go program's main: stdout, the error, the JIT's statistics, instructions.
fn run(src: &str, options: VmOptions) -> (String, Option<VmError>, JitStats, u64) {
    let p = vm::compile_source(src.as_bytes(), "jit_test.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let mut machine = Vm::new(Arc::new(p), options).expect("verify");
    let out = SharedBuf::default();
    machine.set_stdout(Box::new(out.clone()));
    let r = machine.run_main();
    let text = out.text();
    (text, r.err(), machine.jit_stats(), machine.instructions_executed())
}

#[test]
fn timed_code_counts_nothing() {
    // The same hot loop and calls, compiled for timing and for counting: the timed code
    // never touches the executed-instruction counter (it stays zero), the counting code
    // accounts for nearly every instruction, and both compute the same thing.
    let src = "package main\nimport \"fmt\"\nfunc f(x int) int {\n\treturn x & 7\n}\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100000; i++ {\n\t\ts += f(i)\n\t}\n\tfmt.Println(s)\n}\n";
    for mode in modes() {
        let timed =
            VmOptions { jit: JitOptions { count_native: false, ..options(mode, false, 50).jit }, ..Default::default() };
        let (out, err, jit, total) = run(src, timed);
        assert_eq!((out.as_str(), err), ("350000\n", None), "{mode:?}");
        assert!(jit.functions_compiled >= 2, "{mode:?}: main and f compiled");
        assert_eq!(jit.native_instructions, 0, "{mode:?}: timed code updated the counter");
        let (counted_out, _, counted, counted_total) = run(src, options(mode, false, 50));
        assert_eq!(counted_out, out, "{mode:?}");
        assert!(
            counted.native_instructions * 100 > counted_total * 99,
            "{mode:?}: {} of {counted_total}",
            counted.native_instructions
        );
        // The interpreter's share is the same in both runs (same compile moments).
        assert_eq!(total, counted_total - counted.native_instructions, "{mode:?}");
    }
}

#[test]
fn a_fiber_that_blocks_in_native_code_resumes_in_native_code() {
    // Two goroutines hand a value back and forth over unbuffered channels: every send
    // and receive parks one side. A parked fiber continues at the resume point after
    // its blocking op in native code, so nearly every instruction runs natively (if
    // it resumed in the interpreter, a third of each loop iteration would not).
    let src = "package main\nimport \"fmt\"\nfunc pong(in <-chan int, out chan<- int) {\n\tfor v := range in {\n\t\tout <- v + 1\n\t}\n}\nfunc main() {\n\ta, b := make(chan int), make(chan int)\n\tgo pong(a, b)\n\tv, s := 0, 0\n\tfor i := 0; i < 20000; i++ {\n\t\ta <- v\n\t\tv = <-b\n\t\ts += v & 3\n\t}\n\tclose(a)\n\tfmt.Println(v, s)\n}\n";
    for mode in modes() {
        let (out, err, jit, total) = run(src, options(mode, true, 50));
        assert_eq!((out.as_str(), err), ("20000 30000\n", None), "{mode:?}");
        assert!(jit.native_instructions * 100 > total * 97, "{mode:?}: {} of {total} native", jit.native_instructions);
    }
    // A slice indexed in a loop that blocks in `select` (output from Go 1.19): whatever
    // a strategy keeps for the loop (Cranelift reads slice headers once per loop) must
    // be there when the fiber resumes mid-loop, or iterations fall back to the
    // interpreter (82% native when Cranelift's resume entries missed the headers).
    let src = "package main\n\nimport \"fmt\"\n\nfunc feed(a chan int) {\n\tfor i := 0; i < 20000; i++ {\n\t\ta <- i\n\t}\n\tclose(a)\n}\n\nfunc main() {\n\ta := make(chan int)\n\tgo feed(a)\n\thash := make([]int, 4)\n\topen := true\n\tfor open {\n\t\tselect {\n\t\tcase v, ok := <-a:\n\t\t\tif !ok {\n\t\t\t\topen = false\n\t\t\t} else {\n\t\t\t\thash[v&3] = (hash[v&3]*31 + v) & 0xffffff\n\t\t\t}\n\t\t}\n\t}\n\tfmt.Println(hash)\n}\n";
    for mode in modes() {
        let (out, err, jit, total) = run(src, options(mode, true, 50));
        assert_eq!((out.as_str(), err), ("[9602832 6131600 2660368 15966352]\n", None), "{mode:?}");
        assert!(jit.native_instructions * 100 > total * 97, "{mode:?}: {} of {total} native", jit.native_instructions);
    }
}

#[test]
fn each_check_of_the_call_recipe_sends_the_call_to_the_slow_path() {
    // The recipe in `vm::jit` ("Native calls"): with every check passing, native calls
    // never reach `jit_push_frame`; breaking each check in turn sends calls there (and
    // the program still runs as Go says). `g` branches, so no strategy inlines it: every
    // call of it is a real call.
    let calls = "package main\nimport \"fmt\"\nfunc g(x int) int {\n\tif x < 0 {\n\t\treturn 0\n\t}\n\treturn x & 3\n}\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 10000; i++ {\n\t\ts += g(i)\n\t}\n\tfmt.Println(s)\n}\n";
    // `d(depth)` recursion, `times` times over.
    let deep_times = |depth: u32, times: u32| {
        format!("package main\nimport \"fmt\"\nfunc d(n int) int {{\n\tif n == 0 {{\n\t\treturn 0\n\t}}\n\treturn d(n-1) + 1\n}}\nfunc main() {{\n\tfor i := 0; i < {times}; i++ {{\n\t\tfmt.Println(d({depth}))\n\t}}\n}}\n")
    };
    let deep = |depth: u32| deep_times(depth, 1);
    // No preemption tick fails a check unless a test asks for it.
    let quiet = |mode, eager| VmOptions { preempt_quantum: 1 << 30, ..options(mode, eager, 50) };
    for mode in modes() {
        // Every check passes: no slow call.
        let (out, err, jit, _) = run(calls, quiet(mode, true));
        assert_eq!((out.as_str(), err, jit.slow_calls), ("15000\n", None, 0), "{mode:?}: all checks pass");
        let (out, _, jit, _) = run(&deep(900), quiet(mode, true));
        assert_eq!((out.as_str(), jit.slow_calls), ("900\n", 0), "{mode:?}: 900 frames fit");
        // 1. The callee is not compiled (never hot): every call goes to the helper.
        let cold = VmOptions {
            jit: JitOptions { call_threshold: u32::MAX, loop_threshold: 1, ..quiet(mode, false).jit },
            ..quiet(mode, false)
        };
        let (out, _, jit, _) = run(calls, cold);
        assert_eq!(out, "15000\n", "{mode:?}");
        assert!(jit.slow_calls >= 9000, "{mode:?}: cold callee, {} slow calls", jit.slow_calls);
        // 2. Machine stack: a call at the bound (`native_stack_bytes` below the
        // outermost native entry) goes to the helper, which falls back (the native
        // chain unwinds; the interpreter makes the call). The second of two equal
        // recursions finds the control stack grown already, so what it adds is the
        // stack check's alone: nothing with the default bound, something with a
        // bound of 16 KiB.
        let second = |depth, bytes| {
            let opts = || VmOptions {
                jit: JitOptions { native_stack_bytes: bytes, ..quiet(mode, true).jit },
                ..quiet(mode, true)
            };
            let once = run(&deep_times(depth, 1), opts()).2.slow_calls;
            let twice = run(&deep_times(depth, 2), opts());
            assert_eq!(twice.0, format!("{depth}\n{depth}\n"), "{mode:?}");
            twice.2.slow_calls - once
        };
        assert_eq!(second(3000, NATIVE_STACK_BYTES), 0, "{mode:?}: 3000 native frames fit the default bound");
        assert!(second(3000, 16 * 1024) >= 1, "{mode:?}: 3000 native frames do not fit in 16 KiB");
        // 3. Control-stack room: the control stack starts with room for 1024 records;
        // the call that finds it full goes to the helper, which grows it.
        let (out, _, jit, _) = run(&deep(2000), quiet(mode, true));
        assert_eq!(out, "2000\n", "{mode:?}");
        assert!((1..100).contains(&jit.slow_calls), "{mode:?}: full control stack, {} slow calls", jit.slow_calls);
        // 4. VM-stack room: a small stack overflows in the helper, with Go's error.
        let small = VmOptions { stack_slots: 4096, ..quiet(mode, true) };
        let (_, err, jit, _) = run(&deep(3000), small);
        let text = err.map(|e| e.stderr_text().to_string()).unwrap_or_default();
        assert!(text.contains("stack overflow"), "{mode:?}: {text}");
        assert!(jit.slow_calls >= 1, "{mode:?}: the overflow is found by the helper");
        // 5. Budget: with a quantum of 3 ticks, the budget check fails every few calls.
        let ticking = VmOptions { preempt_quantum: 3, ..quiet(mode, true) };
        let (out, _, jit, _) = run(calls, ticking);
        assert_eq!(out, "15000\n", "{mode:?}");
        assert!(jit.slow_calls >= 2000, "{mode:?}: budget spent, {} slow calls", jit.slow_calls);
    }
}

#[test]
fn a_hot_loop_is_entered_at_its_header() {
    for mode in modes() {
        // main is called once: only its back edges can make it hot (OSR).
        let src = "package main\nimport \"fmt\"\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100000; i++ {\n\t\ts += i & 7\n\t}\n\tfmt.Println(s)\n}\n";
        let (out, err, jit, total) = run(src, options(mode, false, 50));
        assert_eq!((out.as_str(), err), ("350000\n", None));
        // Compiled once by the first tier (`tiered` recompiles it later: tests/tiered.rs).
        assert_eq!(jit.events.iter().filter(|e| e.tier == 1).count(), 1);
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

#[test]
fn code_memory_is_never_writable_and_executable() {
    let src = "package main\nimport \"fmt\"\nfunc sq(x int) int { return x * x }\nfunc main() { fmt.Println(sq(7)) }\n";
    for mode in modes() {
        let p = vm::compile_source(src.as_bytes(), "wx.go").expect("compile");
        // Eager: every function is compiled (its code installed) when the VM is made.
        let mut machine = Vm::new(Arc::new(p), options(mode, true, 100)).expect("verify");
        machine.set_stdout(Box::new(SharedBuf::default()));
        machine.run_main().expect("runs");
        assert!(machine.jit_stats().functions_compiled >= 2, "{}: code installed", mode);
        let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps");
        let rwx: Vec<&str> =
            maps.lines().filter(|l| l.split_whitespace().nth(1).is_some_and(|p| p.starts_with("rwx"))).collect();
        assert!(rwx.is_empty(), "{}: writable and executable mappings:\n{}", mode, rwx.join("\n"));
        drop(machine);
    }
}

#[test]
fn inline_allocation_agrees_with_the_collector() {
    // Small structs and boxes allocated inline by native code (bumping the nursery)
    // across many minor collections, with every reference verified around each one.
    let src = r#"package main
import "fmt"
type Node struct {
	v    int
	next *Node
}
func main() {
	var keep []*Node
	var head *Node
	total := 0
	for i := 0; i < 600000; i++ {
		head = &Node{v: i, next: head}
		if i%3000 == 0 {
			keep = append(keep, head)
			head = nil
		}
		k := i
		f := func() int { k++; return k }
		total += f() & 7
	}
	s := 0
	for _, n := range keep {
		for p := n; p != nil; p = p.next {
			s += p.v & 15
		}
	}
	fmt.Println(total, s, len(keep))
}
"#;
    let (want, none, _, _) = run(src, VmOptions::default());
    assert_eq!(none, None);
    for mode in modes() {
        let mut opts = options(mode, true, 100);
        opts.gc_verify = true;
        let p = vm::compile_source(src.as_bytes(), "alloc.go").expect("compile");
        let mut machine = Vm::new(Arc::new(p), opts).expect("verify");
        let out = SharedBuf::default();
        machine.set_stdout(Box::new(out.clone()));
        let r = machine.run_main();
        let text = out.text();
        assert_eq!((text.as_str(), r.err()), (want.as_str(), None), "{}", mode);
        assert!(machine.gc_stats().minor_collections > 2, "{}: collections happened", mode);
    }
}
