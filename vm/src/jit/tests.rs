//! The JIT contract in action (with the first strategy compiled in): OSR entry, native
//! calls, deep recursion, panics crossing native frames, blocking inside native code,
//! and the helpers on their own.

use crate::interp::{Frame, Unwind, Vm, VmError, VmOptions, MODE_ENTRY};
use crate::jit::{helpers, JitOptions, JitResult, JitStats, StrategyKind};
use std::sync::Arc;

fn jit_options(eager: bool, threshold: u32) -> VmOptions {
    let jit = JitOptions {
        strategy: StrategyKind::CraneliftReload,
        eager,
        call_threshold: threshold,
        loop_threshold: threshold,
    };
    VmOptions { jit, ..Default::default() }
}

/// Run a Go program's main: stdout, the error, and the JIT's statistics.
fn run(src: &str, options: VmOptions) -> (String, Option<VmError>, JitStats, u64) {
    let p = crate::compile_source(src.as_bytes(), "jit_test.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let mut vm = Vm::new(Arc::new(p), options).expect("verify");
    let out = crate::interp::asm::SharedOut::default();
    vm.set_stdout(Box::new(out.clone()));
    let r = vm.run_main();
    (String::from_utf8(out.bytes()).unwrap(), r.err(), vm.jit_stats(), vm.instructions_executed())
}

#[test]
fn a_hot_loop_is_entered_at_its_header() {
    // main is called once: only its back edges can make it hot (OSR).
    let src = "package main\nimport \"fmt\"\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100000; i++ {\n\t\ts += i & 7\n\t}\n\tfmt.Println(s)\n}\n";
    let (out, err, jit, total) = run(src, jit_options(false, 50));
    assert_eq!((out.as_str(), err), ("350000\n", None));
    assert_eq!(jit.functions_compiled, 1);
    assert!(jit.native_instructions * 100 > total * 95, "{} of {total} native", jit.native_instructions);
}

#[test]
fn native_code_calls_native_code_and_recursion_goes_deep() {
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
    let (out, err, jit, total) = run(fib, jit_options(true, 100));
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
    let (out, err, jit, _) = run(deep, jit_options(true, 100));
    assert_eq!((out.as_str(), err), ("300000\n", None));
    assert!(jit.native_instructions > 0);
}

#[test]
fn unbounded_recursion_is_gos_stack_overflow_not_a_crash() {
    let src = "package main\nfunc f(n int) int { return f(n+1) + 1 }\nfunc main() { f(0) }\n";
    let (_, err, _, _) = run(src, jit_options(true, 100));
    let text = err.expect("a fatal error").stderr_text().to_string();
    assert!(text.starts_with("runtime: goroutine stack exceeds"), "{text}");
}

#[test]
fn a_panic_crosses_native_frames_and_is_recovered() {
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
    for opts in [jit_options(true, 100), jit_options(false, 2)] {
        let (out, err, _, _) = run(src, opts);
        let want = "recovered: runtime error: index out of range [1] with length 0\n";
        assert_eq!((out, err), (format!("{want}{want}"), None));
    }
}

#[test]
fn a_channel_operation_blocks_inside_native_code_and_resumes() {
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
    let (out, err, jit, total) = run(src, jit_options(true, 100));
    assert_eq!((out.as_str(), err), ("12497500\n", None));
    // Every send and receive blocks (unbuffered): native code stops, the fiber parks,
    // and the rest of the loop runs in the interpreter until the next back edge re-enters.
    assert!(jit.native_instructions * 2 > total, "{} of {total} native", jit.native_instructions);
}

/// A VM with the JIT and a running entry frame of `func`, and the frame's slot 0.
fn vm_in_frame(src: &str, func: &str) -> (Vm, *mut u64) {
    let p = crate::compile_source(src.as_bytes(), "helpers.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let f = p.func_by_name(func).expect("function");
    let mut vm = Vm::new(Arc::new(p), jit_options(false, 1000)).expect("verify");
    vm.frames.push(Frame { closure: 0, func: f.0, base: 0, pc: 0, panic_index: 0, mode: MODE_ENTRY });
    let fp = vm.stack.ptr();
    (vm, fp)
}

/// The context of `vm`, pointing at `vm` where it now lives (as `run_native_code` does).
fn ctx_of(vm: &mut Vm) -> *mut crate::jit::JitContext {
    let vmp: *mut Vm = vm;
    let jit = vm.jit.as_mut().expect("a JIT");
    jit.ctx.vm = vmp;
    &mut jit.ctx
}

fn pc_of(vm: &Vm, func: &str, op: crate::bytecode::Op) -> u32 {
    let f = vm.program.func(vm.program.func_by_name(func).unwrap());
    f.code.iter().position(|i| i.op == op).expect("the op") as u32
}

const HELPER_SRC: &str = r#"package main
type T struct{ x int }
func (t T) M() int { return t.x }
type I interface{ M() int }
func div(a, b int) int { return a / b }
func cat(a, b string) string { return a + b }
func call(i I) int { return i.M() }
func leaf() int { return 1 }
func caller() int { return leaf() }
func main() {}
"#;

#[test]
fn helper_jit_op_runs_the_runtime_and_raises_go_panics() {
    let (mut vm, fp) = vm_in_frame(HELPER_SRC, "main.div");
    let ctx = ctx_of(&mut vm);
    let pc = pc_of(&vm, "main.div", crate::bytecode::Op::DivI);
    // SAFETY: the frame of main.div is the running one; slots 0 and 1 are its params.
    unsafe {
        *fp = 7;
        *fp.add(1) = 2;
        assert_eq!(helpers::jit_op(ctx, fp, pc), 0);
        *fp.add(1) = 0;
        assert_eq!(helpers::jit_op(ctx, fp, pc), JitResult::Panicked as u32);
    }
    assert!(matches!(vm.jit_pending.take(), Some(Unwind::Panic)));
    assert_eq!(vm.frames.last().unwrap().pc, pc + 1, "resume pc stored");

    let (mut vm, fp) = vm_in_frame(HELPER_SRC, "main.cat");
    let ctx = ctx_of(&mut vm);
    let pc = pc_of(&vm, "main.cat", crate::bytecode::Op::Concat);
    let (a, b) = (vm.alloc_str(b"ab").unwrap(), vm.alloc_str(b"cd").unwrap());
    // SAFETY: as above; the two strings are live (no collection since).
    unsafe {
        *fp = a;
        *fp.add(1) = b;
        assert_eq!(helpers::jit_op(ctx, fp, pc), 0);
        let d = vm.program.func(vm.program.func_by_name("main.cat").unwrap()).code[pc as usize].a;
        assert_eq!(crate::heap::str_bytes(*fp.add(d as usize)), b"abcd");
    }
}

#[test]
fn helper_push_frame_falls_back_for_cold_callees_and_pushes_hot_ones() {
    let (mut vm, fp) = vm_in_frame(HELPER_SRC, "main.caller");
    let ctx = ctx_of(&mut vm);
    let leaf = vm.program.func_by_name("main.leaf").unwrap().0;
    let pc = pc_of(&vm, "main.caller", crate::bytecode::Op::Call);
    // SAFETY: main.caller's frame is the running one.
    let entry = unsafe { helpers::jit_push_frame(ctx, leaf, 0, pc) };
    assert!(entry.is_null(), "a cold callee is not compiled");
    assert!(vm.jit_pending.is_none(), "a fall-back, not a stop");
    assert_eq!((vm.frames.len(), vm.frames[0].pc), (1, pc), "the interpreter makes the call");
    assert!(!vm.jit_compile(leaf).is_null());
    // SAFETY: as above.
    let entry = unsafe { helpers::jit_push_frame(ctx, leaf, 0, pc) };
    assert!(!entry.is_null());
    assert_eq!((vm.frames.len(), vm.frames[0].pc, vm.frames[1].func), (2, pc + 1, leaf));
    // SAFETY: the callee frame was pushed by jit_push_frame.
    unsafe { helpers::jit_pop_frame(ctx) };
    assert_eq!(vm.frames.len(), 1);
    let _ = fp;
}

#[test]
fn helper_tick_fallback_and_iface_target() {
    let (mut vm, fp) = vm_in_frame(HELPER_SRC, "main.call");
    let ctx = ctx_of(&mut vm);
    // SAFETY: main.call's frame is the running one; its parameter slot holds nil.
    unsafe {
        assert_eq!(helpers::jit_tick(ctx, 0), 0, "nobody else wants to run");
        assert_eq!((*ctx).budget, vm.sched.quantum as i64);
        assert_eq!(helpers::jit_fallback(ctx, 1), JitResult::FallBack as u32);
        assert_eq!(vm.frames[0].pc, 1);
        let pc = pc_of(&vm, "main.call", crate::bytecode::Op::CallIface);
        *fp = 0;
        assert_eq!(helpers::jit_iface_target(ctx, fp, pc), u64::MAX);
        assert!(matches!(vm.jit_pending.take(), Some(Unwind::Panic)));
    }
}
