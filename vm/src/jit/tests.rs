//! The JIT helpers on their own, with a minimal strategy whose native code falls back
//! to the interpreter at once (a correct, if useless, strategy): the helpers need a VM
//! with a JIT and a running frame, not real generated code. The contract in action with
//! real code is tested in the strategy crates and by the differential tests.

use crate::interp::{Frame, Unwind, Vm, VmOptions, MODE_ENTRY};
use crate::jit::{helpers, Compiled, Jit, JitContext, JitOptions, JitResult, Strategy};
use std::sync::Arc;

/// Native code that continues in the interpreter at its entry pc.
unsafe extern "C" fn fall_back_at_entry(ctx: *mut JitContext, _frame: *mut u64, entry: u32) -> u32 {
    // SAFETY: called as native code of the running frame (the contract).
    unsafe { helpers::jit_fallback(ctx, entry & crate::jit::ENTRY_PC_MASK) }
}

struct FallBackStrategy;

impl Strategy for FallBackStrategy {
    fn name(&self) -> &'static str {
        "fall-back"
    }
    fn compile(
        &mut self,
        _: &crate::bytecode::Program,
        _: crate::bytecode::FuncId,
        _: &crate::jit::CompileEnv,
    ) -> Result<Compiled, String> {
        Ok(Compiled {
            entry: fall_back_at_entry,
            code_bytes: 0,
            call_entry: std::ptr::null(),
            pc_map: Default::default(),
            ir: Vec::new(),
        })
    }
}

/// A VM with a (fall-back) JIT and a running entry frame of `func`, and the frame's slot 0.
fn vm_in_frame(src: &str, func: &str) -> (Vm, *mut u64) {
    let p = crate::compile_source(src.as_bytes(), "helpers.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let f = p.func_by_name(func).expect("function");
    let mut vm = Vm::new(Arc::new(p), VmOptions::default()).expect("verify");
    let options = JitOptions { call_threshold: 1000, loop_threshold: 1000, ..Default::default() };
    let mut jit = Jit::new(Box::new(FallBackStrategy), options, vm.funcs.len());
    jit.ctx.budget = vm.sched.quantum as i64;
    vm.jit = Some(jit);
    vm.frames.push(Frame { closure: 0, func: f.0, base: 0, pc: 0, panic_index: 0, mode: MODE_ENTRY });
    let fp = vm.stack.ptr();
    (vm, fp)
}

#[test]
fn a_strategy_that_always_falls_back_runs_programs_correctly() {
    // The interpreter must resume wherever native code leaves: here, at once.
    let src = "package main\nimport \"fmt\"\nfunc f(n int) int { s := 0; for i := 0; i < n; i++ { s += i }; return s }\nfunc main() { fmt.Println(f(1000), f(10)) }\n";
    let p = crate::compile_source(src.as_bytes(), "t.go").expect("compile");
    let mut vm = Vm::new(Arc::new(p), VmOptions::default()).expect("verify");
    let options = JitOptions { call_threshold: 1, loop_threshold: 1, ..Default::default() };
    vm.jit = Some(Jit::new(Box::new(FallBackStrategy), options, vm.funcs.len()));
    let out = crate::interp::asm::SharedOut::default();
    vm.set_stdout(Box::new(out.clone()));
    vm.run_main().expect("runs");
    assert_eq!(String::from_utf8(out.bytes()).unwrap(), "499500 45\n");
    assert!(vm.jit_stats().functions_compiled >= 1);
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

/// Call the direct helper of instruction `pc` of `func` with the words `direct_call`
/// gives for it.
///
/// # Safety
/// `func`'s frame is the running one at `fp`.
unsafe fn direct(vm: &mut Vm, ctx: *mut crate::jit::JitContext, fp: *mut u64, func: &str, pc: u32) -> u32 {
    let f = vm.program.func(vm.program.func_by_name(func).unwrap());
    let d = helpers::direct_call(f, pc as usize).expect("a direct helper");
    type Direct = unsafe extern "C" fn(*mut crate::jit::JitContext, *mut u64, u64, u64, u64) -> u32;
    // SAFETY: a direct helper's address has this signature; forwarded to the caller.
    unsafe { std::mem::transmute::<usize, Direct>(d.helper)(ctx, fp, d.operands, d.ext, d.pc_slots) }
}

#[test]
fn direct_helpers_run_the_runtime_and_raise_go_panics() {
    let src = "package main\nfunc put(m map[string]int, k string) { m[k] = 1 }\n\
        func get(m map[string]int, k string) int { return m[k] }\n\
        func as(x interface{}) int { return x.(int) }\nfunc main() {}\n";
    use crate::bytecode::Op;
    // Only the hot runtime operations have one.
    let (vm, _) = vm_in_frame(src, "main.put");
    let put = vm.program.func(vm.program.func_by_name("main.put").unwrap());
    assert!(helpers::direct_call(put, pc_of(&vm, "main.put", Op::MapSet) as usize).is_some());
    assert!(helpers::direct_call(put, put.code.iter().position(|i| i.op == Op::Ret).unwrap()).is_none());

    // MapSet on a nil map: Go's panic, the resume pc stored, as jit_op does.
    let (mut vm, fp) = vm_in_frame(src, "main.put");
    let ctx = ctx_of(&mut vm);
    let pc = pc_of(&vm, "main.put", Op::MapSet);
    let k = vm.alloc_str(b"k").unwrap();
    // SAFETY: main.put's frame is the running one; slots 0 and 1 are its params.
    let r = unsafe {
        *fp = 0;
        *fp.add(1) = k;
        direct(&mut vm, ctx, fp, "main.put", pc)
    };
    assert_eq!(r, JitResult::Panicked as u32);
    assert!(matches!(vm.jit_pending.take(), Some(Unwind::Panic)));
    assert_eq!(vm.frames.last().unwrap().pc, pc + 1, "resume pc stored");

    // MapGet on a nil map: the zero value, no panic.
    let (mut vm, fp) = vm_in_frame(src, "main.get");
    let ctx = ctx_of(&mut vm);
    let pc = pc_of(&vm, "main.get", Op::MapGet);
    let dst = vm.program.func(vm.program.func_by_name("main.get").unwrap()).code[pc as usize].a;
    // SAFETY: as above.
    unsafe {
        *fp = 0;
        *fp.add(1) = 0;
        *fp.add(dst as usize) = 99;
        assert_eq!(direct(&mut vm, ctx, fp, "main.get", pc), 0);
        assert_eq!(*fp.add(dst as usize), 0);
    }

    // A failed assertion (an EXT op: its word travels as an immediate too).
    let (mut vm, fp) = vm_in_frame(src, "main.as");
    let ctx = ctx_of(&mut vm);
    let pc = pc_of(&vm, "main.as", Op::Assert);
    // SAFETY: as above; a nil interface fails the assertion.
    let r = unsafe {
        *fp = 0;
        direct(&mut vm, ctx, fp, "main.as", pc)
    };
    assert_eq!(r, JitResult::Panicked as u32);
    assert_eq!(vm.frames.last().unwrap().pc, pc + 2, "resume pc after the Ext word");
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
