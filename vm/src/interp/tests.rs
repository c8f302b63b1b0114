//! Interpreter tests over hand-assembled programs (see `asm` for the syntax).
//!
//! Expected outputs and panic texts were checked against Go 1.19 with equivalent Go
//! programs (quoted next to the tests where it helps).

use super::asm::{basic_types, func_id, Asm, SharedOut};
use crate::bytecode::{Program, RKind};
use crate::interp::{Vm, VmError, VmOptions};
use std::sync::Arc;

fn small_vm(p: Program) -> (Vm, SharedOut) {
    let mut vm = Vm::new(Arc::new(p), VmOptions { stack_slots: 1 << 16, ..Default::default() })
        .unwrap_or_else(|e| panic!("verify: {e}"));
    let out = SharedOut::default();
    vm.set_stdout(Box::new(out.clone()));
    (vm, out)
}

fn asm(text: &str) -> Asm {
    let mut a = Asm::new();
    basic_types(&mut a);
    a.source(text);
    a
}

/// Run `main.main`; the program's stdout and the error, if any.
fn run_main(a: Asm) -> (String, Option<VmError>) {
    run_program(a.build())
}

fn run_program(p: Program) -> (String, Option<VmError>) {
    let (mut vm, out) = small_vm(p);
    let r = vm.run_main();
    let text = String::from_utf8(out.bytes()).unwrap();
    (text, r.err())
}

fn call(p: &Program, name: &str, args: &[u64]) -> Result<Vec<u64>, VmError> {
    let (mut vm, _) = small_vm(p.clone());
    vm.call(func_id(p, name), args)
}

fn ints(v: &[i64]) -> Vec<u64> {
    v.iter().map(|&x| x as u64).collect()
}

// ---------------------------------------------------------------- arithmetic

#[test]
fn int_arithmetic_matches_go() {
    let p = asm("func main.arith params=2 results=14 slots=16
            AddI r2 r0 r1
            SubI r3 r0 r1
            MulI r4 r0 r1
            DivI r5 r0 r1
            RemI r6 r0 r1
            ShlIK r7 r0 3
            ShrIK r8 r0 1
            AndNotI r9 r0 r1
            XorI r10 r0 r1
            DivIK r11 r0 -2
            RemIK r12 r0 4
            NegI r13 r0
            WrapU8 r14 r0
            WrapI32 r15 r0
            Ret r2 14")
    .build();
    let r = call(&p, "main.arith", &ints(&[-7, 2])).unwrap();
    assert_eq!(r, ints(&[-5, -9, -14, -3, -1, -56, -4, -7 & !2, -7 ^ 2, 3, -3, 7, 249, -7]));
    // MinInt / -1 wraps; MinInt % -1 is 0.
    let r = call(&p, "main.arith", &ints(&[i64::MIN, -1])).unwrap();
    assert_eq!(r[3] as i64, i64::MIN);
    assert_eq!(r[4], 0);
}

#[test]
fn shifts_and_floats() {
    let p = asm("func main.f params=2 results=10 slots=12
            ShlI r2 r0 r1
            ShrI r3 r0 r1
            IntToFloat r4 r0
            LoadConst r5 kf:2.5
            MulF r4 r4 r5
            SqrtF r6 r4
            FloorF r7 r5
            FloatToInt r8 r4
            LoadConst r9 kf:1e300
            FloatToInt r9 r9
            LtF r10 r5 r4
            NeF r11 r5 r5
            Ret r2 10")
    .build();
    let r = call(&p, "main.f", &ints(&[-16, 2])).unwrap();
    assert_eq!(r[0] as i64, -64);
    assert_eq!(r[1] as i64, -4);
    assert_eq!(f64::from_bits(r[2]), -40.0);
    assert_eq!(f64::from_bits(r[3]), 2.5);
    assert!(f64::from_bits(r[4]).is_nan());
    assert_eq!(f64::from_bits(r[5]), 2.0);
    assert_eq!(r[6] as i64, -40);
    assert_eq!(r[7] as i64, i64::MIN);
    assert_eq!(r[8], 0);
    assert_eq!(r[9], 0);
    // Counts >= 64: 0 for <<, sign for >>.
    let r = call(&p, "main.f", &ints(&[-16, 70])).unwrap();
    assert_eq!((r[0], r[1] as i64), (0, -1));
}

#[test]
fn compares_branches_and_misc_ops() {
    // Each result slot checks one opcode; the expected values are Go's.
    let p = asm("func main.f params=2 results=16 slots=20
            OrI r2 r0 r1
            NotI r3 r0
            Not r4 r1
            EqI r5 r0 r1
            NeI r6 r0 r1
            LtI r7 r0 r1
            LeI r8 r1 r1
            IntToFloat r18 r0
            IntToFloat r19 r1
            EqF r9 r18 r19
            LeF r10 r18 r19
            MulIK r11 r0 -3
            AndIK r12 r0 6
            LoadInt r13 0
            JmpTrue r5 @t1
            AddIK r13 r13 1
        t1:
            JmpFalse r5 @t2
            AddIK r13 r13 10
        t2:
            JmpLeI r0 r1 @t3
            AddIK r13 r13 100
        t3:
            JmpEqI r0 r0 @t4
            AddIK r13 r13 1000
        t4:
            JmpGtIK r0 100 @t5
            AddIK r13 r13 10000
        t5:
            JmpGeIK r0 5 @t6
            AddIK r13 r13 100000
        t6:
            JmpNeI r0 r1 @t7
            AddIK r13 r13 2
        t7:
            LoadInt r14 0
        loop:
            AddIK r14 r14 0
            IncJmpLeI r15 r1 @loop
            LoadInt r16 -1
            LoadStr r17 \"ab\"
            LoadStr r18 \"ab\"
            LeStr r16 r17 r18
            LoadStr r18 \"b\"
            EqStr r17 r17 r18
            Ret r2 16")
    .build();
    let r = call(&p, "main.f", &ints(&[5, 9])).unwrap();
    let want = ints(&[
        5 | 9,
        !5,
        0,
        0,
        1,
        1,
        1,
        0,
        1,
        -15,
        4,
        // JmpTrue not taken (+1), JmpFalse taken, JmpLeI taken, JmpEqI taken,
        // JmpGtIK not taken (+10000), JmpGeIK taken, JmpNeI taken.
        1 + 10000,
        0,
        // IncJmpLeI from 0 while <= 9: ends at 10.
        10,
        1,
        0,
    ]);
    assert_eq!(r, want);
}

#[test]
fn arrays_boxes_and_interface_checks() {
    // a := [3]string{}; a[1] = "x"; p := new(string); *p = a[1]; var e interface{} = 7
    // _, isInt := e.(int); _, isStr := e.(string); e.(I) comma-ok; IfaceIs; IfaceData
    let mut a = Asm::new();
    basic_types(&mut a);
    let s = a.type_id("string").unwrap();
    a.ty("[3]string", RKind::Array(s, 3), 48);
    a.ty("*string", RKind::Pointer(s), 8);
    let m = a.method_id("M");
    a.ty("main.I", RKind::Interface(vec![m]), 16);
    a.source(
        "func main.f results=8 slots=14 refs=0,1,2,3,4
            New r0 t:[3]string
            LoadStr r1 \"x\"
            LoadInt r5 1
            ArraySetR r0 r5 r1
            ArrayGet r2 r0 r5
            New r3 t:*string
            BoxSetR r3 r2
            BoxGet r2 r3
            StrLen r6 r2
            LoadInt r5 7
            ToIface r4 r5 t:int
            Assert2 r7 r4 t:int
            Assert2 r9 r4 t:string
            Move r9 r10
            Assert2 r10 r4 t:main.I
            Move r10 r11
            IfaceIs r11 r4 t:int
            IfaceData r12 r4
            LoadInt r5 3
            LoadInt r13 0
            ArrayGet r13 r0 r13
            StrLen r13 r13
            Ret r6 8",
    );
    let p = a.build();
    let r = call(&p, "main.f", &[]).unwrap();
    assert_eq!(r, vec![1, 7, 1, 0, 0, 1, 7, 0]);
    // Out-of-range array index.
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    a.ty("[2]int", RKind::Array(int, 2), 16);
    a.source("func main.g slots=3 refs=0\n New r0 t:[2]int\n LoadInt r1 2\n ArrayGet r2 r0 r1\n Ret r0 0");
    let err = call(&a.build(), "main.g", &[]).unwrap_err();
    assert!(err.stderr_text().starts_with("panic: runtime error: index out of range [2] with length 2\n"), "{err}");
}

#[test]
fn fmt_recovers_panicking_string_methods() {
    // type T struct{ n int }; func (t *T) String() string { return strconv.Itoa(t.n) }
    // var p *T; fmt.Println(p, &T{4}) -> "<nil> 4" (Go's catchPanic on a nil receiver)
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    let t = a.ty("main.T", RKind::Struct(vec![("n".into(), int)]), 8);
    let pt = a.ty("*main.T", RKind::Pointer(t), 8);
    a.source(
        "func main.T.String params=1 results=1 slots=2 refs=0
            GetField r1 r0 0
            Itoa r0 r1
            Ret r0 1
        func main.main slots=2 window=2 refs=0,1
            LoadNil r0
            ToIface w0 r0 t:*main.T
            New r1 t:main.T
            LoadInt r0 4
            SetField r1 0 r0
            ToIface w1 r1 t:*main.T
            CallNative Println 2
            Ret r0 0",
    );
    a.method(pt, "String", "main.T.String");
    let (out, err) = run_main(a);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "<nil> 4\n");
}

// ---------------------------------------------------------------- calls

const FIB: &str = "
func main.fib params=1 results=1 slots=2 window=1
    JmpGeIK r0 2 @rec
    Ret r0 1
rec:
    AddIK w0 r0 -1
    Call main.fib
    Move r1 w0
    AddIK w0 r0 -2
    Call main.fib
    AddI r1 r1 w0
    Ret r1 1
";

#[test]
fn recursion_through_the_window() {
    let p = asm(FIB).build();
    assert_eq!(call(&p, "main.fib", &[25]).unwrap(), vec![75025]);
}

#[test]
fn multiple_results_and_entry_reuse() {
    let p = asm("func main.divmod params=2 results=2 slots=4
            DivI r2 r0 r1
            RemI r3 r0 r1
            Ret r2 2
        func main.main slots=2 window=2
            LoadInt w0 17
            LoadInt w1 5
            Call main.divmod
            Move r0 w0
            Move r1 w1
            ToIface w0 r0 t:int
            ToIface w1 r1 t:int
            CallNative Println 2
            Ret r0 0");
    let prog = p.build();
    let (out, err) = run_program(prog.clone());
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "3 2\n");
    let (mut vm, _) = small_vm(prog.clone());
    for _ in 0..3 {
        assert_eq!(vm.call(func_id(&prog, "main.divmod"), &[100, 7]).unwrap(), vec![14, 2]);
    }
}

#[test]
fn closures_share_captured_boxes() {
    // c := 0; inc := func() { c++ }; inc(); inc(); inc(); fmt.Println(c)
    let (out, err) = run_main(asm("func main.main slots=3 window=1 refs=0,1
            New r0 t:int
            MakeClosure r1 main.main.func1 r0
            CallClosure r1
            CallClosure r1
            CallClosure r1
            BoxGet r2 r0
            ToIface w0 r2 t:int
            CallNative Println 1
            Ret r0 0
        func main.main.func1 captures=1 slots=2 refs=0
            LoadCapture r0 0
            BoxGet r1 r0
            AddIK r1 r1 1
            BoxSet r0 r1
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "3\n");
}

#[test]
fn interface_method_calls() {
    // type Rect struct{ W, H int }; func (r Rect) Area() int; var s Shape = Rect{3, 4}
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    let rect = a.ty("main.Rect", RKind::Struct(vec![("W".into(), int), ("H".into(), int)]), 16);
    let area = a.method_id("Area");
    a.ty("main.Shape", RKind::Interface(vec![area]), 16);
    a.source(
        "func main.Rect.Area params=1 results=1 slots=3 refs=0
            GetField r1 r0 0
            GetField r2 r0 1
            MulI r1 r1 r2
            Ret r1 1
        func main.main slots=3 window=1 refs=0,1
            New r0 t:main.Rect
            LoadInt r2 3
            SetField r0 0 r2
            LoadInt r2 4
            SetField r0 1 r2
            ToIface r1 r0 t:main.Rect
            CallIface .Area r1
            ToIface w0 w0 t:int
            CallNative Println 1
            Ret r0 0",
    );
    a.method(rect, "Area", "main.Rect.Area");
    let (out, err) = run_main(a);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "12\n");
}

// ---------------------------------------------------------------- defer, panic, recover

#[test]
fn defers_run_last_first_with_arguments_saved() {
    // for i := 1; i <= 3; i++ { defer show(i) }
    let text = "
        func main.main slots=1 window=1
            LoadInt r0 1
        loop:
            Move w0 r0
            DeferCall main.show
            AddIK r0 r0 1
            JmpLeIK r0 3 @loop
            LoadInt r0 100
            RETURN
        func main.show params=1 slots=1 window=1
            ToIface w0 r0 t:int
            CallNative Println 1
            Ret r0 0";
    // Once with RunDefers before Ret (what the code generator emits), once relying on
    // Ret running pending defers.
    for ret in ["RunDefers\n Ret r0 0", "Ret r0 0"] {
        let (out, err) = run_main(asm(&text.replace("RETURN", ret)));
        assert!(err.is_none(), "{err:?}");
        assert_eq!(out, "3\n2\n1\n");
    }
}

const SAFE_DIV: &str = "
func main.safediv params=1 results=1 slots=4 window=1 refs=1,2 recover=@rec
    New r1 t:int
    MakeClosure r2 main.safediv.func1 r1
    DeferClosure r2
    LoadInt r3 10
    DivI r3 r3 r0
    BoxSet r1 r3
    RunDefers
    BoxGet r3 r1
    Ret r3 1
rec:
    RunDefers
    BoxGet r3 r1
    Ret r3 1
func main.safediv.func1 captures=1 slots=2 window=1 refs=0,1
    Recover r1
    JmpEqIK r1 0 @done
    Move w0 r1
    CallNative Println 1
    LoadCapture r0 0
    LoadInt r1 -1
    BoxSet r0 r1
done:
    Ret r0 0
";

#[test]
fn recover_resumes_at_recover_pc() {
    // func safediv(x int) (r int) { defer func() { if e := recover(); e != nil {
    //     fmt.Println(e); r = -1 } }(); r = 10 / x; return }
    let p = asm(SAFE_DIV).build();
    let (mut vm, out) = small_vm(p.clone());
    let f = func_id(&p, "main.safediv");
    assert_eq!(vm.call(f, &[2]).unwrap(), vec![5]);
    assert_eq!(vm.call(f, &[0]).unwrap(), ints(&[-1]));
    assert_eq!(vm.call(f, &[5]).unwrap(), vec![2]);
    assert_eq!(String::from_utf8(out.bytes()).unwrap(), "runtime error: integer divide by zero\n");
}

#[test]
fn recover_only_in_the_deferred_call_itself() {
    // defer func() { helper() }() where helper calls recover(): nil, the panic goes on.
    let (out, err) = run_main(asm("func main.main slots=2 window=0 refs=0,1 recover=@rec
            LoadFunc r0 main.main.func1
            DeferClosure r0
            LoadStr r1 \"boom\"
            ToIface r1 r1 t:string
            Panic r1
        rec:
            RunDefers
            Ret r0 0
        func main.main.func1 slots=0 window=0
            Call main.helper
            Ret 0 0
        func main.helper slots=1 window=1 refs=0
            Recover r0
            LoadStr w0 \"helper recovered:\"
            ToIface w0 w0 t:string
            CallNative Print 1
            Ret r0 0"));
    assert_eq!(out, "helper recovered:");
    let err = err.expect("panic escapes");
    assert!(err.stderr_text().starts_with("panic: boom\n\ngoroutine 1 [running]:\n"), "{err:?}");
    assert_eq!(err.exit_status(), 2);
}

fn panic_program(main_body: &str, extra: &str) -> Asm {
    asm(&format!(
        "func main.main slots=4 window=1 refs=0,1,2,3 recover=@rec
            {main_body}
        rec:
            RunDefers
            Ret r0 0
        {extra}"
    ))
}

fn string_panic(reg: &str, text: &str) -> String {
    format!("LoadStr {reg} \"{text}\"\n ToIface {reg} {reg} t:string\n Panic {reg}")
}

#[test]
fn panic_chains_print_like_go() {
    // defer func() { panic("second") }(); panic("first")
    let (_, err) = run_main(panic_program(
        &format!("LoadFunc r0 main.second\n DeferClosure r0\n {}", string_panic("r1", "first")),
        &format!("func main.second slots=1 refs=0\n {}", string_panic("r0", "second")),
    ));
    let text = err.unwrap().stderr_text().to_string();
    assert!(text.starts_with("panic: first\n\tpanic: second\n\ngoroutine 1 [running]:\n"), "{text}");

    // defer func() { r := recover(); panic(r) }(); panic("first")
    let (_, err) = run_main(panic_program(
        &format!("LoadFunc r0 main.repanic\n DeferClosure r0\n {}", string_panic("r1", "first")),
        "func main.repanic slots=1 refs=0\n Recover r0\n Panic r0",
    ));
    let text = err.unwrap().stderr_text().to_string();
    assert!(text.starts_with("panic: first [recovered]\n\tpanic: first\n\n"), "{text}");

    // defer func() { recover(); panic("second") }(); defer func() { panic("mid") }(); panic("first")
    let (_, err) = run_main(panic_program(
        &format!(
            "LoadFunc r0 main.d1\n DeferClosure r0\n LoadFunc r0 main.d2\n DeferClosure r0\n {}",
            string_panic("r1", "first")
        ),
        &format!(
            "func main.d1 slots=1 refs=0\n Recover r0\n {}\n func main.d2 slots=1 refs=0\n {}",
            string_panic("r0", "second"),
            string_panic("r0", "mid")
        ),
    ));
    let text = err.unwrap().stderr_text().to_string();
    assert!(text.starts_with("panic: first\n\tpanic: mid [recovered]\n\tpanic: second\n\n"), "{text}");
}

#[test]
fn recovered_nested_panic_keeps_going() {
    // A deferred call that panics and recovers internally does not disturb the outer
    // recovery: prints "inner", then main recovers "outer" and returns normally.
    let (out, err) = run_main(panic_program(
        &format!("LoadFunc r0 main.outerdefer\n DeferClosure r0\n {}", string_panic("r1", "outer")),
        &format!(
            "func main.outerdefer slots=1 window=1 refs=0
                Call main.inner
                Recover r0
                Move w0 r0
                CallNative Println 1
                Ret r0 0
            func main.inner slots=1 window=1 refs=0 recover=@r
                LoadFunc r0 main.innerdefer
                DeferClosure r0
                {}
            r:
                RunDefers
                Ret r0 0
            func main.innerdefer slots=1 window=1 refs=0
                Recover r0
                Move w0 r0
                CallNative Println 1
                Ret r0 0",
            string_panic("r0", "inner")
        ),
    ));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "inner\nouter\n");
}

/// The first line(s) of the stderr text of running `body` (a main that must panic).
fn panic_text(a: Asm) -> String {
    let (_, err) = run_main(a);
    let err = err.expect("expected a panic");
    let text = err.stderr_text();
    text[..text.find("\n\n").expect("blank line before the trace")].to_string()
}

#[test]
fn runtime_error_messages_match_go() {
    let cases: &[(&str, &str)] = &[
        (
            "LoadInt r1 3\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n LoadInt r3 5\n SliceGet r3 r0 r3",
            "panic: runtime error: index out of range [5] with length 3",
        ),
        (
            "LoadInt r1 3\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n LoadInt r3 -1\n SliceGet r3 r0 r3",
            "panic: runtime error: index out of range [-1]",
        ),
        ("LoadNil r0\n LoadInt r1 1\n MapSet r0 r1 r1", "panic: assignment to entry in nil map"),
        ("LoadInt r1 1\n LoadInt r2 0\n DivI r1 r1 r2", "panic: runtime error: integer divide by zero"),
        (
            "LoadNil r0\n GetField r1 r0 0",
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]",
        ),
        (
            "LoadNil r0\n CallClosure r0",
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]",
        ),
        ("LoadInt r1 1\n LoadInt r2 -1\n ShlI r1 r1 r2", "panic: runtime error: negative shift amount"),
        ("LoadInt r1 1\n LoadInt r2 -5\n ShrI r1 r1 r2", "panic: runtime error: negative shift amount"),
        ("LoadInt r1 1\n LoadInt r2 0\n RemI r1 r1 r2", "panic: runtime error: integer divide by zero"),
        ("LoadInt r1 -1\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1", "panic: runtime error: makeslice: len out of range"),
        ("LoadInt r1 3\n LoadInt r2 2\n MakeSlice r0 t:[]int r1", "panic: runtime error: makeslice: cap out of range"),
        (
            "LoadInt r1 3\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n LoadInt r1 0\n LoadInt r2 5\n LoadInt r3 -1\n SliceSlice r0 r0 r1\n Ext 0 0 0",
            "panic: runtime error: slice bounds out of range [:5] with capacity 3",
        ),
        (
            "LoadInt r1 3\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n LoadInt r1 5\n LoadInt r2 -1\n LoadInt r3 -1\n SliceSlice r0 r0 r1\n Ext 0 0 0",
            "panic: runtime error: slice bounds out of range [5:3]",
        ),
        (
            "LoadInt r1 3\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n LoadInt r1 1\n LoadInt r2 2\n LoadInt r3 5\n SliceSlice r0 r0 r1\n Ext 0 0 0",
            "panic: runtime error: slice bounds out of range [::5] with capacity 3",
        ),
        (
            "LoadStr r0 \"abc\"\n LoadInt r1 0\n LoadInt r2 5\n SliceStr r0 r0 r1",
            "panic: runtime error: slice bounds out of range [:5] with length 3",
        ),
        (
            "LoadStr r0 \"abc\"\n LoadInt r1 3\n LoadInt r2 2\n SliceStr r0 r0 r1",
            "panic: runtime error: slice bounds out of range [3:2]",
        ),
        ("LoadStr r0 \"abc\"\n LoadInt r1 3\n StrIndex r1 r0 r1", "panic: runtime error: index out of range [3] with length 3"),
        (
            "LoadStr r0 \"s\"\n ToIface r0 r0 t:string\n Assert r1 r0 t:int\n Ext 7 0 0",
            "panic: interface conversion: interface {} is string, not int",
        ),
        (
            "LoadInt r1 2\n LoadInt r2 -1\n MakeSlice r0 t:[]int r1\n ToIface r0 r0 t:[]int\n Move r1 r0\n EqIface r2 r0 r1",
            "panic: runtime error: comparing uncomparable type []int",
        ),
        ("LoadInt r0 42\n ToIface r0 r0 t:int\n Panic r0", "panic: 42"),
        ("LoadConst r0 kf:1.5\n ToIface r0 r0 t:float64\n Panic r0", "panic: +1.500000e+000"),
        ("LoadNil r0\n Panic r0", "panic: nil"),
        ("LoadInt r0 1\n ToIface r0 r0 t:bool\n Panic r0", "panic: true"),
        (
            "LoadNil r0\n DeferClosure r0\n RunDefers",
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]",
        ),
    ];
    for (body, want) in cases {
        assert_eq!(panic_text(panic_program(body, "")), *want, "for {body}");
    }
}

#[test]
fn interface_conversion_messages() {
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    let m = a.method_id("M");
    let area = a.method_id("Area");
    a.ty("main.I", RKind::Interface(vec![m]), 16);
    a.ty("main.Shape", RKind::Interface(vec![area]), 16);
    let circle = a.ty("main.Circle", RKind::Struct(vec![("r".into(), int)]), 8);
    a.ty("*main.Circle", RKind::Pointer(circle), 8);
    a.ty("main.T", RKind::Struct(vec![]), 0);
    a.ty("main.MyInt", RKind::Int, 8);
    let shape = a.type_id("main.Shape").unwrap().0;
    let base = a.program.clone();
    let check = |body: &str, want: &str| {
        let mut a = Asm::new();
        a.program = base.clone();
        a.source(&format!(
            "func main.main slots=3 window=1 refs=0,1,2
                {body}
                Ret r0 0"
        ));
        assert_eq!(panic_text(a), want, "for {body}");
    };
    check(
        &format!("LoadNil r0\n Assert r1 r0 t:*main.Circle\n Ext {shape} 0 0"),
        "panic: interface conversion: main.Shape is nil, not *main.Circle",
    );
    check(
        "New r0 t:main.T\n ToIface r0 r0 t:main.T\n Assert r1 r0 t:main.I\n Ext 7 0 0",
        "panic: interface conversion: main.T is not main.I: missing method M",
    );
    check(
        "LoadNil r0\n Assert r1 r0 t:main.I\n Ext 7 0 0",
        "panic: interface conversion: interface is nil, not main.I",
    );
    check("LoadInt r0 5\n ToIface r0 r0 t:main.MyInt\n Panic r0", "panic: main.MyInt(5)");
}

#[test]
fn panic_values_use_error_and_string_methods() {
    // Go 1.19's preprintpanics calls Error() and String() on panic values.
    let mut a = Asm::new();
    basic_types(&mut a);
    let e = a.ty("main.E", RKind::Struct(vec![]), 0);
    let t = a.ty("main.T", RKind::Int, 8);
    a.source(
        "func main.E.Error params=1 results=1 slots=1 refs=0
            LoadStr r0 \"E-error\"
            Ret r0 1
        func main.T.String params=1 results=1 slots=1 refs=0
            LoadStr r0 \"T-string\"
            Ret r0 1
        func main.perr slots=1 refs=0
            New r0 t:main.E
            ToIface r0 r0 t:main.E
            Panic r0
        func main.pstr slots=1 refs=0
            LoadInt r0 3
            ToIface r0 r0 t:main.T
            Panic r0",
    );
    a.method(e, "Error", "main.E.Error");
    a.method(t, "String", "main.T.String");
    let p = a.build();
    let err = call(&p, "main.perr", &[]).unwrap_err();
    assert!(err.stderr_text().starts_with("panic: E-error\n\ngoroutine 1"), "{err}");
    let err = call(&p, "main.pstr", &[]).unwrap_err();
    assert!(err.stderr_text().starts_with("panic: T-string\n\n"), "{err}");
}

#[test]
fn stack_overflow_is_fatal() {
    let p = asm("func main.inf params=1 results=1 slots=1 window=1
            AddIK w0 r0 1
            Call main.inf
            Ret w0 1")
    .build();
    let err = call(&p, "main.inf", &[0]).unwrap_err();
    assert!(matches!(err, VmError::Fatal(_)));
    assert!(
        err.stderr_text()
            .starts_with("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n"),
        "{err}"
    );
    assert!(err.stderr_text().contains("main.inf(...)\n\ttest.go:2\n"), "{err}");
    assert_eq!(err.exit_status(), 2);
    // Frames with no slots still overflow (the control stack is bounded too).
    let p = asm("func main.zero slots=0\n Call main.zero\n Ret 0 0").build();
    assert!(call(&p, "main.zero", &[]).unwrap_err().stderr_text().contains("fatal error: stack overflow"));
}

// ---------------------------------------------------------------- slices, maps, strings

#[test]
fn append_capacities_match_go() {
    // for i := 0; i < n; i++ { s = append(s, x) }; return cap(s)
    let p = asm("func main.caps params=1 results=3 slots=8 refs=1,2,3,7
            LoadNil r1
            LoadNil r2
            LoadNil r3
            LoadInt r4 0
            LoadStr r7 \"x\"
            JmpLeIK r0 0 @done
        loop:
            Append r1 r4 t:int
            Append r2 r4 t:uint8
            Append r3 r7 t:string
            IncJmpLtI r4 r0 @loop
        done:
            SliceCap r5 r1
            SliceCap r6 r2
            SliceCap r7 r3
            Ret r5 3")
    .build();
    // Go 1.19: []int 1..2000 -> caps 1 2 4 .. 512 848 1280 1792 2560;
    // []byte -> 8 16 .. 512 896 1408 2048; []string as []int.
    for (n, want) in
        [(1, [1, 8, 1]), (5, [8, 8, 8]), (600, [848, 896, 848]), (1300, [1792, 1408, 1792]), (2000, [2560, 2048, 2560])]
    {
        assert_eq!(call(&p, "main.caps", &[n]).unwrap(), want.map(|c| c as u64).to_vec(), "n = {n}");
    }
}

#[test]
fn append_slice_copy_and_reslice() {
    // a := []int{0,1,2}; b := append(a[:1], a[2:]...); c := make([]int, 7); d := append(a, c...)
    // fmt.Println(a, b, len(d), cap(d), copy(c, a))  -> [0 2 2] [0 2] 10 10 3
    let (out, err) = run_main(asm("func main.main slots=10 window=5 refs=0,1,2,3
            LoadInt r4 3
            LoadInt r5 -1
            MakeSlice r0 t:[]int r4
            LoadInt r4 1
            SliceSet r0 r4 r4
            LoadInt r4 2
            SliceSet r0 r4 r4
            LoadInt r4 0
            LoadInt r5 1
            LoadInt r6 -1
            SliceSlice r1 r0 r4
            Ext 0 0 0
            LoadInt r4 2
            LoadInt r5 -1
            SliceSlice r2 r0 r4
            Ext 0 0 0
            AppendSlice r1 r2 t:int
            LoadInt r4 7
            LoadInt r5 -1
            MakeSlice r2 t:[]int r4
            Move r3 r0
            AppendSlice r3 r2 t:int
            ToIface w0 r0 t:[]int
            ToIface w1 r1 t:[]int
            SliceLen r4 r3
            ToIface w2 r4 t:int
            SliceCap r4 r3
            ToIface w3 r4 t:int
            CopySlice r4 r2 r0
            ToIface w4 r4 t:int
            CallNative Println 5
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "[0 2 2] [0 2] 10 10 3\n");
}

#[test]
fn map_iteration_tolerates_deletes() {
    // m := map[int]int{}; for i := 0; i < 10; i++ { m[i] = i*i }
    // for k, v := range m { if k == 2 { delete(m, 5); delete(m, 7) }; sum += v }
    let p = asm("func main.m results=3 slots=10 refs=0,5
            MakeMap r0 t:map[int]int
            LoadInt r1 0
        fill:
            MulI r2 r1 r1
            MapSet r0 r1 r2
            AddIK r1 r1 1
            JmpLtIK r1 10 @fill
            LoadInt r3 0
            MapIterInit r5 r0
        loop:
            MapNext r5 r7 r8
            Jmp @end
            JmpNeIK r7 2 @skip
            LoadInt r9 5
            MapDelete r0 r9
            LoadInt r9 7
            MapDelete r0 r9
        skip:
            AddI r3 r3 r8
            Jmp @loop
        end:
            MapLen r4 r0
            LoadInt r9 7
            MapGet2 r5 r0 r9
            Move r5 r6
            Ret r3 3")
    .build();
    assert_eq!(call(&p, "main.m", &[]).unwrap(), vec![285 - 25 - 49, 8, 0]);
}

#[test]
fn string_keyed_maps_and_printing() {
    // m := map[string]int{"b": 2, "a": 1}; s := "a" + "x"; m[s[:1]] += 10; m[s[1:]] = 10
    // fmt.Println(m, len(m)): keys hashed by content, printed sorted.
    let (out, err) = run_main(asm("func main.main slots=5 window=2 refs=0,1,2
            MakeMap r0 t:map[string]int
            LoadStr r1 \"b\"
            LoadInt r3 2
            MapSet r0 r1 r3
            LoadStr r1 \"a\"
            LoadInt r3 1
            MapSet r0 r1 r3
            LoadStr r2 \"x\"
            LoadStr r4 \"a\"
            Concat r2 r4 r2
            LoadInt r3 0
            LoadInt r4 1
            SliceStr r1 r2 r3
            MapGet r3 r0 r1
            AddIK r3 r3 10
            MapSet r0 r1 r3
            LoadInt r3 1
            LoadInt r4 -1
            SliceStr r1 r2 r3
            LoadInt r3 10
            MapSet r0 r1 r3
            ToIface w0 r0 t:map[string]int
            MapLen r3 r0
            ToIface w1 r3 t:int
            CallNative Println 2
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "map[a:11 b:2 x:10] 3\n");
}

#[test]
fn strings_and_conversions() {
    // s := "héllo" + strconv.Itoa(-42); r, w := decode(s, 1); string(rune(0x4e16));
    // b := append([]byte(s[:2]), "!"...); fmt.Println(s, len(s), s[1], r, w, ..., string(b))
    let (out, err) = run_main(asm("func main.main slots=8 window=8 refs=0,1,2
            LoadStr r0 \"héllo\"
            LoadInt r3 -42
            Itoa r1 r3
            Concat r0 r0 r1
            StrLen r3 r0
            LoadInt r4 1
            StrDecodeRune r5 r0 r4
            ToIface w0 r0 t:string
            ToIface w1 r3 t:int
            StrIndex r3 r0 r4
            ToIface w2 r3 t:uint8
            ToIface w3 r5 t:int32
            ToIface w4 r6 t:int
            LoadInt r3 19990
            StrFromRune r1 r3
            ToIface w5 r1 t:string
            LoadInt r3 0
            LoadInt r4 3
            SliceStr r1 r0 r3
            BytesFromStr r2 r1
            LoadStr r1 \"!\"
            AppendStr r2 r1
            StrFromBytes r1 r2
            ToIface w6 r1 t:string
            LoadStr r3 \"abc\"
            LoadStr r4 \"abd\"
            LtStr r3 r3 r4
            ToIface w7 r3 t:bool
            CallNative Println 8
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "héllo-42 9 195 233 2 世 hé! true\n");
}

// ---------------------------------------------------------------- aggregates

#[test]
fn aggregates_copy_compare_and_print() {
    // type P struct{X, Y int}; type L struct{A, B P}
    // l := L{}; l.A.X = 1; m := l (Clone); l.A.X = 2; fmt.Println(l, m, l == m)
    // m = l (CopyInto); fmt.Println(l == m, &l)
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    let p = a.ty("main.P", RKind::Struct(vec![("X".into(), int), ("Y".into(), int)]), 16);
    a.ty("main.L", RKind::Struct(vec![("A".into(), p), ("B".into(), p)]), 32);
    let l = a.type_id("main.L").unwrap();
    a.ty("*main.L", RKind::Pointer(l), 8);
    a.source(
        "func main.main slots=6 window=5 refs=0,1,2
            New r0 t:main.L
            GetField r2 r0 0
            LoadInt r3 1
            SetField r2 0 r3
            Clone r1 r0
            LoadInt r3 2
            SetField r2 0 r3
            ToIface w0 r0 t:main.L
            ToIface w1 r1 t:main.L
            EqAgg r3 r0 r1
            ToIface w2 r3 t:bool
            CallNative Println 3
            CopyInto r1 r0
            EqAgg r3 r0 r1
            ToIface w0 r3 t:bool
            ToIface w1 r0 t:*main.L
            CallNative Println 2
            Ret r0 0",
    );
    let (out, err) = run_main(a);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "{{2 0} {0 0}} {{1 0} {0 0}} false\ntrue &{{2 0} {0 0}}\n");
}

#[test]
fn fmt_calls_string_methods_like_go() {
    // type V int; func (V) String() string { return "V!" }
    // type S struct{ A V; b V }; fmt.Println(V(1), []V{2}, S{3, 4}); fmt.Printf("%d|%v\n", V(5), V(6))
    let mut a = Asm::new();
    basic_types(&mut a);
    let v = a.ty("main.V", RKind::Int, 8);
    a.ty("[]main.V", RKind::Slice(v), 24);
    a.ty("main.S", RKind::Struct(vec![("A".into(), v), ("b".into(), v)]), 16);
    a.source(
        "func main.V.String params=1 results=1 slots=1 refs=0
            LoadStr r0 \"V!\"
            Ret r0 1
        func main.main slots=4 window=3 refs=0,1
            LoadInt r2 1
            ToIface w0 r2 t:main.V
            LoadInt r2 1
            LoadInt r3 -1
            MakeSlice r0 t:[]main.V r2
            ToIface w1 r0 t:[]main.V
            New r1 t:main.S
            LoadInt r2 3
            SetField r1 0 r2
            LoadInt r2 4
            SetField r1 1 r2
            ToIface w2 r1 t:main.S
            CallNative Println 3
            LoadStr w0 \"%d|%v\\n\"
            LoadInt r2 5
            ToIface w1 r2 t:main.V
            ToIface w2 r2 t:main.V
            CallNative Printf 3
            Ret r0 0",
    );
    a.method(v, "String", "main.V.String");
    let (out, err) = run_main(a);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "V! [V!] {V! 4}\n5|V!\n");
}

#[test]
fn natives_sprintf_and_atoi() {
    // s := fmt.Sprintf("%05.1f|%x", 3.14159, 255); n, err := strconv.Atoi("12x"); m, _ := strconv.Atoi("-77")
    // fmt.Println(s, n, err, m)
    let (out, err) = run_main(asm("func main.main slots=6 window=4 refs=0,2,4
            LoadStr w0 \"%05.1f|%x\"
            LoadConst r1 kf:3.14159
            ToIface w1 r1 t:float64
            LoadInt r1 255
            ToIface w2 r1 t:int
            CallNative Sprintf 3
            Move r0 w0
            LoadStr w0 \"12x\"
            CallNative Atoi 1
            Move r1 w0
            Move r2 w1
            LoadStr w0 \"-77\"
            CallNative Atoi 1
            Move r3 w0
            ToIface w0 r0 t:string
            ToIface w1 r1 t:int
            Move w2 r2
            ToIface w3 r3 t:int
            CallNative Println 4
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "003.1|ff 0 strconv.Atoi: parsing \"12x\": invalid syntax -77\n");
}

#[test]
fn spread_call_and_nil_operands() {
    // xs := []interface{}{1, nil}; fmt.Println(xs...)
    let (out, err) = run_main(asm("func main.main slots=4 window=1 refs=0,1
            LoadInt r2 2
            LoadInt r3 -1
            MakeSlice r0 t:[]interface_{} r2
            LoadInt r2 1
            ToIface r1 r2 t:int
            LoadInt r2 0
            SliceSetR r0 r2 r1
            Move w0 r0
            CallNativeSpread Println 1
            Ret r0 0"));
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "1 <nil>\n");
}

#[test]
fn globals_and_init() {
    let mut a = Asm::new();
    basic_types(&mut a);
    a.globals(&[false, true]);
    a.source(
        "func main.init slots=1 refs=0
            LoadInt r0 41
            SetGlobal g0 r0
            LoadStr r0 \"g\"
            SetGlobal g1 r0
            Ret r0 0
        func main.main slots=1 window=2 refs=0
            GetGlobal r0 g0
            AddIK r0 r0 1
            ToIface w0 r0 t:int
            GetGlobal r0 g1
            ToIface w1 r0 t:string
            CallNative Println 2
            Ret r0 0",
    );
    let (out, err) = run_main(a);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "42 g\n");
}

// ---------------------------------------------------------------- speed

/// The inner loop of workloads/intloop.go, hand-assembled as the code generator would
/// emit it; run(300) must give the manifest's checksum. Prints instructions/second.
#[test]
fn micro_benchmark_counted_loop() {
    let p = asm("func main.run params=1 results=1 slots=10
            LoadInt r1 0
            LoadInt r2 1
            LoadInt r3 0
            LoadConst r6 k:1103515245
            LoadConst r7 k:2147483647
            LoadInt r8 1000
            JmpLeIK r0 0 @done
        outer:
            LoadInt r4 0
        inner:
            MulI r5 r2 r6
            AddIK r5 r5 12345
            AndI r2 r5 r7
            AndIK r5 r2 1
            JmpNeIK r5 0 @odd
            ShrIK r5 r2 3
            AddI r1 r1 r5
            Jmp @join
        odd:
            SubI r1 r1 r4
        join:
            XorI r1 r1 r3
            IncJmpLtI r4 r8 @inner
            IncJmpLtI r3 r0 @outer
        done:
            Ret r1 1")
    .build();
    let (mut vm, _) = small_vm(p.clone());
    let run = func_id(&p, "main.run");
    assert_eq!(vm.call(run, &[300]).unwrap(), vec![20156709035792]);
    let n = if cfg!(debug_assertions) { 3000 } else { 10000 };
    let before = vm.instructions_executed();
    let t = std::time::Instant::now();
    let r = vm.call(run, &[n]).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let count = vm.instructions_executed() - before;
    if n == 10000 {
        assert_eq!(r, vec![670809139735840]);
    }
    println!("counted loop: {count} instructions in {:.3} s = {:.0} M instructions/s", secs, count as f64 / secs / 1e6);
}

#[test]
fn micro_benchmark_calls() {
    let p = asm(FIB).build();
    let (mut vm, _) = small_vm(p.clone());
    let fib = func_id(&p, "main.fib");
    let t = std::time::Instant::now();
    let before = vm.instructions_executed();
    assert_eq!(vm.call(fib, &[27]).unwrap(), vec![196418]);
    let secs = t.elapsed().as_secs_f64();
    let count = vm.instructions_executed() - before;
    println!("fib(27): {count} instructions in {secs:.3} s = {:.0} M instructions/s", count as f64 / secs / 1e6);
}

// ---------------------------------------------------------------- inline op semantics

/// The `runtime` functions behind the dispatch loop's inline ops with a check (shared
/// with `Vm::exec_op`), on objects made directly: a normal case and each fault, and the
/// write barrier of the reference stores.
mod op_semantics {
    use super::*;
    use crate::bytecode::TypeId;
    use crate::heap::{self, layout, GcRef, KeyKind, ObjKind};
    use crate::runtime::chans::{chan_cap, chan_len};
    use crate::runtime::ifaces::iface_data;
    use crate::runtime::maps::map_len;
    use crate::runtime::slices::{array_get, array_set, slice_cap, slice_get, slice_len, slice_set, Fault};
    use crate::runtime::strings::{str_index, str_le, str_lt};
    use crate::runtime::values::{box_get, box_set, get_field, set_field};

    /// A VM whose program has a `main.P` struct of two strings.
    fn vm() -> (Vm, TypeId, TypeId) {
        let mut a = asm("func main.main slots=1\n Ret r0 0");
        let string = a.type_id("string").unwrap();
        let p = a.ty("main.P", RKind::Struct(vec![("a".into(), string), ("b".into(), string)]), 32);
        (small_vm(a.build()).0, string, p)
    }

    fn array(vm: &mut Vm, elem: TypeId, n: usize) -> GcRef {
        vm.alloc_array(elem, n).unwrap()
    }

    /// `obj` after a minor collection promoted it to the old generation (not yet
    /// remembered), and a young string.
    fn promote(vm: &mut Vm, obj: GcRef) -> (GcRef, GcRef) {
        let h = vm.heap.push_root(obj);
        vm.collect_garbage(false).unwrap();
        let young = vm.alloc_str(b"young").unwrap();
        let obj = vm.heap.root(h);
        assert!(!vm.heap.is_young(obj) && vm.heap.is_young(young));
        assert!(!remembered(obj));
        (obj, young)
    }

    fn remembered(obj: GcRef) -> bool {
        // SAFETY: a live object.
        unsafe { heap::header(obj) & layout::REMEMBERED_BIT != 0 }
    }

    #[test]
    fn string_compare_and_index() {
        let (mut vm, ..) = vm();
        let ab = vm.alloc_str(b"ab").unwrap();
        let h = vm.heap.push_root(ab);
        let abc = vm.alloc_str(b"abc").unwrap();
        let ab = vm.heap.root(h);
        // SAFETY: live strings (nothing allocates below).
        unsafe {
            assert!(str_lt(ab, abc) && !str_lt(abc, ab) && !str_lt(ab, ab));
            assert!(str_le(ab, ab) && str_le(0, ab) && !str_le(ab, 0));
            assert_eq!(str_index(abc, 2), Ok(b'c' as u64));
            assert_eq!(str_index(abc, 3), Err(Fault::Index(3, 3)));
            assert_eq!(str_index(abc, -1i64 as u64), Err(Fault::Index(-1, 3)));
            assert_eq!(str_index(0, 0), Err(Fault::Index(0, 0)));
        }
    }

    #[test]
    fn array_get_and_set() {
        let (mut vm, string, _) = vm();
        let a = array(&mut vm, TypeId(layout::AUX_SCALAR_ELEMS), 3);
        // SAFETY: a live array (nothing allocates below).
        unsafe {
            assert_eq!(array_set(&mut vm.heap, a, 1, 42, false), Ok(()));
            assert_eq!(array_get(a, 1), Ok(42));
            assert_eq!(array_get(a, 3), Err(Fault::Index(3, 3)));
            assert_eq!(array_get(a, -1i64 as u64), Err(Fault::Index(-1, 3)));
            assert_eq!(array_set(&mut vm.heap, a, 7, 1, false), Err(Fault::Index(7, 3)));
            assert_eq!(array_get(0, 0), Err(Fault::Nil));
            assert_eq!(array_set(&mut vm.heap, 0, 0, 1, true), Err(Fault::Nil));
        }
        let a = array(&mut vm, string, 2);
        let (old, young) = promote(&mut vm, a);
        // SAFETY: live objects (nothing allocates below).
        unsafe {
            array_set(&mut vm.heap, old, 0, young, false).unwrap();
            assert!(!remembered(old), "no barrier without R");
            array_set(&mut vm.heap, old, 1, young, true).unwrap();
            assert!(remembered(old));
            assert_eq!(array_get(old, 1), Ok(young));
        }
    }

    #[test]
    fn slice_get_set_len_cap() {
        let (mut vm, string, _) = vm();
        let arr = array(&mut vm, string, 5);
        let (arr, young) = promote(&mut vm, arr);
        let (ha, hy) = (vm.heap.push_root(arr), vm.heap.push_root(young));
        let s = vm.alloc_slice(string).unwrap();
        let (arr, young) = (vm.heap.root(ha), vm.heap.root(hy));
        // SAFETY: live objects (nothing allocates below).
        unsafe {
            heap::init_slice(s, arr, 1, 2, 4); // s = arr[1:3:5]
            assert_eq!((slice_len(s), slice_cap(s), slice_len(0), slice_cap(0)), (2, 4, 0, 0));
            assert_eq!(slice_get(s, 2), Err(Fault::Index(2, 2)));
            assert_eq!(slice_set(&mut vm.heap, s, 2, 1, false), Err(Fault::Index(2, 2)));
            assert_eq!(slice_get(0, 0), Err(Fault::Index(0, 0)));
            assert_eq!(slice_set(&mut vm.heap, 0, 0, 1, true), Err(Fault::Index(0, 0)));
            assert_eq!(slice_set(&mut vm.heap, s, 1, young, true), Ok(()));
            assert_eq!(heap::word(arr, 2), young);
            assert_eq!(slice_get(s, 1), Ok(young));
            assert!(remembered(arr), "the barrier is on the backing array");
        }
    }

    #[test]
    fn fields_and_boxes() {
        let (mut vm, string, p) = vm();
        let obj = vm.alloc_object(ObjKind::Struct, p.0, 2, 2).unwrap();
        let (obj, young) = promote(&mut vm, obj);
        // SAFETY: live objects (nothing allocates below).
        unsafe {
            assert_eq!(set_field(&mut vm.heap, obj, 0, young, false), Ok(()));
            assert!(!remembered(obj), "no barrier without R");
            assert_eq!(set_field(&mut vm.heap, obj, 1, young, true), Ok(()));
            assert!(remembered(obj));
            assert_eq!(get_field(obj, 1), Ok(young));
            assert_eq!(get_field(0, 1), Err(Fault::Nil));
            assert_eq!(set_field(&mut vm.heap, 0, 1, 7, true), Err(Fault::Nil));
        }
        let b = vm.alloc_object(ObjKind::Box, string.0, 1, 1).unwrap();
        let (b, young) = promote(&mut vm, b);
        // SAFETY: live objects (nothing allocates below).
        unsafe {
            assert_eq!(box_set(&mut vm.heap, b, young, false), Ok(()));
            assert!(!remembered(b), "no barrier without R");
            assert_eq!(box_set(&mut vm.heap, b, young, true), Ok(()));
            assert!(remembered(b));
            assert_eq!(box_get(b), Ok(young));
            assert_eq!(box_get(0), Err(Fault::Nil));
            assert_eq!(box_set(&mut vm.heap, 0, 5, true), Err(Fault::Nil));
        }
    }

    #[test]
    fn lengths_of_channels_maps_and_interface_data() {
        let (mut vm, ..) = vm();
        let words = layout::CHAN_FIXED_WORDS + 3;
        let c = vm.alloc_object(ObjKind::Chan, layout::AUX_SCALAR_ELEMS, words as u32, words).unwrap();
        // SAFETY: a live channel.
        unsafe {
            heap::store(c, layout::CHAN_COUNT, 2);
            assert_eq!((chan_len(c), chan_cap(c), chan_len(0), chan_cap(0)), (2, 3, 0, 0));
        }
        let i = vm.alloc_iface(TypeId(0)).unwrap();
        // SAFETY: a live interface.
        unsafe {
            heap::store(i, layout::IFACE_DATA, 42);
            assert_eq!((iface_data(i), iface_data(0)), (42, 0));
        }
        let m = vm.alloc_map(TypeId(0), KeyKind::Scalar, false).unwrap();
        // SAFETY: a live map.
        unsafe { assert_eq!((map_len(m), map_len(0)), (0, 0)) };
    }
}
