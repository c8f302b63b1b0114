//! Runtime errors, defer, panic, recover, unwinding, and Go's panic printing.
//!
//! # Model
//!
//! - **Defer records** live on one VM-wide stack (`Vm::defers`), each tagged with the
//!   control-stack depth of the frame that deferred it, with its arguments copied into
//!   `Vm::defer_args` (roots: the callee's `ref_slots` say which are references).
//!   Records of a frame are always above those of the frames below it, so "this frame's
//!   pending defers" is a run at the top of the stack.
//! - **`RunDefers`** pops the top record if it belongs to the running frame and starts
//!   the call as an ordinary frame whose resume pc is the `RunDefers` itself, so it runs
//!   again when the deferred call returns, until no record of the frame is left. A `Ret`
//!   in a frame with pending defers does the same (the code generator normally emits
//!   `RunDefers` first).
//! - **A panic** pushes a `PanicRecord` on the chain (`Vm::panics`, Go's `_panic` list,
//!   oldest first) and *unwinds*: it pops the control stack down to the frame owning the
//!   top defer record and starts that deferred call as a frame marked `PANIC_DEFER`
//!   (remembering which panic started it). No Rust recursion: the dispatch loop just
//!   continues in the deferred call.
//! - **`recover()`** returns the panic value only in a `PANIC_DEFER` frame started by the
//!   newest panic, not yet recovered (Go's rule: called directly by the deferred call
//!   the panic started); it marks the panic recovered.
//! - **When a `PANIC_DEFER` frame returns**: if its panic was recovered, the panic and
//!   the aborted panics below it leave the chain and the deferring frame continues at
//!   its `recover_pc` (compiler-emitted code that runs the remaining defers and returns
//!   the named results); otherwise unwinding continues with the next defer record.
//! - **A panic while panicking**: the new panic is pushed on the chain; unwinding pops
//!   the older panic's deferred-call frame, which marks the older panic *aborted* (Go
//!   prints it first in the chain: `panic: first` / `\tpanic: second`, with
//!   ` [recovered]` after a panic that was recovered before the new one aborted it).
//! - **The boundary**: unwinding never pops frames below the dispatch loop's boundary (a
//!   re-entrant call from Rust); a panic escaping it returns `Unwind::Panic` and the
//!   caller's loop continues unwinding its own frames. At the outermost boundary the
//!   chain is printed as Go prints it and the run fails with exit status 2.

use crate::bytecode::{FuncId, Instr, RKind, ERROR_STRING_TYPE};
use crate::heap::{self, GcRef};
use crate::interp::{
    DeferRecord, Frame, PanicRecord, Unwind, Vm, MODE_ENTRY, MODE_GOROUTINE, MODE_HAS_DEFERS, MODE_KIND_MASK,
    MODE_NORMAL, MODE_PANIC_DEFER, NIL_DEFER,
};
use crate::runtime::Regs;

/// Go's first line for a stack overflow.
pub const STACK_OVERFLOW_TEXT: &str =
    "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n";

impl Vm {
    // ------------------------------------------------------------ raising

    /// Push a panic with value `value` (an interface reference) on the chain.
    #[cold]
    pub(crate) fn start_panic(&mut self, value: GcRef, sigpanic: bool) -> Unwind {
        self.panics.push(PanicRecord { value, recovered: false, aborted: false, sigpanic });
        Unwind::Panic
    }

    /// Panic with a runtime error value (type `ERROR_STRING_TYPE`, payload `msg`).
    #[cold]
    #[inline(never)]
    pub(crate) fn panic_message(&mut self, msg: &str, sigpanic: bool) -> Unwind {
        let s = match self.alloc_str(msg.as_bytes()) {
            Ok(s) => s,
            Err(e) => return e,
        };
        let mark = self.heap.roots_mark();
        let h = self.heap.push_root(s);
        let iface = match self.alloc_iface(ERROR_STRING_TYPE) {
            Ok(i) => i,
            Err(e) => return e,
        };
        let s = self.heap.root(h);
        self.heap.truncate_roots(mark);
        // SAFETY: `iface` is a fresh interface object.
        unsafe { heap::store(iface, heap::layout::IFACE_DATA, s) };
        self.start_panic(iface, sigpanic)
    }

    /// `runtime error: <msg>`.
    #[cold]
    #[inline(never)]
    pub(crate) fn panic_runtime(&mut self, msg: &str) -> Unwind {
        self.panic_message(&format!("runtime error: {msg}"), false)
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn panic_nil(&mut self) -> Unwind {
        self.panic_message("runtime error: invalid memory address or nil pointer dereference", true)
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn panic_divide(&mut self) -> Unwind {
        self.panic_runtime("integer divide by zero")
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn panic_shift(&mut self) -> Unwind {
        self.panic_runtime("negative shift amount")
    }

    /// `index out of range [i] with length n` (negative: `index out of range [i]`).
    #[cold]
    #[inline(never)]
    pub(crate) fn panic_index(&mut self, i: i64, len: usize) -> Unwind {
        if i < 0 {
            self.panic_runtime(&format!("index out of range [{i}]"))
        } else {
            self.panic_runtime(&format!("index out of range [{i}] with length {len}"))
        }
    }

    /// A fatal internal error (a code generator bug the verifier cannot see).
    #[cold]
    #[inline(never)]
    pub(crate) fn internal_error(&self, msg: String) -> Unwind {
        Unwind::Fatal(format!("fatal error: internal VM error: {msg}\n\n{}", self.traceback()))
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn stack_overflow(&self) -> Unwind {
        Unwind::Fatal(format!("{STACK_OVERFLOW_TEXT}\n{}", self.traceback()))
    }

    // ------------------------------------------------------------ defer

    /// `DeferCall` / `DeferClosure`: record the call with its arguments from the window.
    #[inline(never)]
    pub(crate) fn op_defer(&mut self, regs: Regs, window: Regs, ins: Instr) -> Result<(), Unwind> {
        let depth = self.frames.len() - 1;
        let (func, closure) = if ins.op == crate::bytecode::Op::DeferCall {
            (ins.a as u32, 0)
        } else {
            // SAFETY: `a` is a verified register.
            let clo = unsafe { regs.get(ins.a) };
            if clo == 0 {
                (NIL_DEFER, 0)
            } else {
                // SAFETY: a non-nil closure register holds a closure object.
                (unsafe { heap::obj_aux(clo) }, clo)
            }
        };
        let arg_count = if func == NIL_DEFER { 0 } else { self.funcs[func as usize].param_count as usize };
        let window_size = {
            let running = self.funcs[self.frames[depth].func as usize];
            (running.frame_size - running.slot_count) as usize
        };
        if arg_count > window_size {
            return Err(
                self.internal_error(format!("deferred call needs {arg_count} arguments, window has {window_size}"))
            );
        }
        let args_start = self.defer_args.len();
        for i in 0..arg_count {
            // SAFETY: `i < window_size`, so the window slot is inside the frame.
            self.defer_args.push(unsafe { window.get(i as u16) });
        }
        self.frames[depth].mode |= MODE_HAS_DEFERS;
        self.defers.push(DeferRecord {
            depth: depth as u32,
            func,
            closure,
            args_start: args_start as u32,
            arg_count: arg_count as u32,
        });
        Ok(())
    }

    /// Start deferred call `rec` as a new frame on top of the running one.
    pub(crate) fn push_deferred_call(&mut self, rec: DeferRecord, mode: u8, panic_index: usize) -> Result<(), Unwind> {
        if rec.func == NIL_DEFER {
            self.defer_args.truncate(rec.args_start as usize);
            return Err(self.panic_nil());
        }
        let info = self.funcs[rec.func as usize];
        let base = self.stack_top();
        if base + info.frame_size as usize > self.stack.len() || self.frames.len() >= self.max_frames {
            return Err(self.stack_overflow());
        }
        let start = rec.args_start as usize;
        let n = rec.arg_count as usize;
        // SAFETY: the frame fits the stack (checked above) and `n == param_count`.
        unsafe {
            let fp = self.stack.ptr().add(base);
            std::ptr::copy_nonoverlapping(self.defer_args.as_ptr().add(start), fp, n);
            crate::interp::zero_slots(fp, n, info.slot_count as usize);
        }
        self.defer_args.truncate(start);
        self.frames.push(Frame {
            closure: rec.closure,
            func: rec.func,
            base: base as u32,
            pc: 0,
            panic_index: panic_index as u32,
            mode,
        });
        Ok(())
    }

    // ------------------------------------------------------------ panic, recover

    /// `Panic a`: Go's `panic(v)` with `v` = `[a]` (an interface reference; 0 for
    /// `panic(nil)`).
    #[cold]
    pub(crate) fn op_panic(&mut self, value: GcRef) -> Unwind {
        self.start_panic(value, false)
    }

    /// `recover()`.
    pub(crate) fn op_recover(&mut self) -> u64 {
        let Some(top) = self.frames.last() else { return 0 };
        if top.mode & MODE_KIND_MASK != MODE_PANIC_DEFER {
            return 0;
        }
        let pi = top.panic_index as usize;
        if pi + 1 != self.panics.len() || self.panics[pi].recovered {
            return 0;
        }
        self.panics[pi].recovered = true;
        self.panics[pi].value
    }

    /// Pop control records down to `len`, marking the panics whose deferred calls are
    /// cut short as aborted.
    fn pop_frames_to(&mut self, len: usize) {
        while self.frames.len() > len {
            let f = self.frames.pop().expect("frames above len");
            if f.mode & MODE_KIND_MASK == MODE_PANIC_DEFER {
                if let Some(p) = self.panics.get_mut(f.panic_index as usize) {
                    p.aborted = true;
                }
            }
        }
    }

    /// Continue the newest panic: start the next deferred call at or above `boundary`
    /// (`Ok`: the loop reloads and runs it), or leave the loop (`Err`).
    #[cold]
    #[inline(never)]
    pub(crate) fn unwind(&mut self, boundary: usize) -> Result<(), Unwind> {
        loop {
            match self.defers.last() {
                Some(d) if d.depth as usize >= boundary => {
                    let depth = d.depth as usize;
                    self.pop_frames_to(depth + 1);
                    let rec = self.defers.pop().expect("defer record");
                    let pi = self.panics.len() - 1;
                    match self.push_deferred_call(rec, MODE_PANIC_DEFER, pi) {
                        Ok(()) => return Ok(()),
                        // A deferred nil func: its panic joins the chain; go on.
                        Err(Unwind::Panic) => continue,
                        Err(fatal) => return Err(fatal),
                    }
                }
                _ => {
                    // (A panic that escapes after its deferred calls ran comes here twice:
                    // the second time the frames are gone; keep the first trace.)
                    if boundary == 0 && !self.frames.is_empty() {
                        self.panic_trace = self.traceback();
                    }
                    self.pop_frames_to(boundary);
                    return Err(Unwind::Panic);
                }
            }
        }
    }

    /// `Ret` of a frame that is not a plain call (entry, deferred-by-panic, a
    /// goroutine's bottom frame, or with defers). `Ok(true)`: reload and continue;
    /// `Ok(false)`: leave the loop; `Err`: stop (a panic, or a switch to another fiber
    /// when a goroutine ends or must wait for its own dispatch loop).
    #[cold]
    #[inline(never)]
    pub(crate) fn ret_slow(&mut self, ins: Instr, boundary: usize) -> Result<bool, Unwind> {
        let depth = self.frames.len() - 1;
        let top = self.frames[depth];
        if top.mode & MODE_HAS_DEFERS != 0 && self.defers.last().is_some_and(|d| d.depth as usize == depth) {
            // Pending defers: run them, then execute this `Ret` again.
            self.frames[depth].pc -= 1;
            let rec = self.defers.pop().expect("defer record");
            if let Err(u) = self.push_deferred_call(rec, MODE_NORMAL, 0) {
                self.frames[depth].pc += 1;
                return Err(u);
            }
            return Ok(true);
        }
        if top.mode & MODE_KIND_MASK == MODE_ENTRY {
            if let Some(stop) = self.entry_returns_here() {
                // A call made by an outer dispatch loop than the running one: this
                // `Ret` runs again in that loop (see `runtime::sched`).
                self.frames[depth].pc -= 1;
                return Err(stop);
            }
        }
        // SAFETY: `a + b <= frame_size` was verified, and the frame fits the stack.
        unsafe {
            let fp = self.stack.ptr().add(top.base as usize);
            crate::interp::move_results(fp, ins.a as usize, ins.b as usize);
        }
        self.frames.pop();
        match top.mode & MODE_KIND_MASK {
            MODE_ENTRY => {
                debug_assert_eq!(depth, boundary, "an entry frame is its loop's boundary");
                Ok(false)
            }
            MODE_PANIC_DEFER => self.finish_panic_defer(top, boundary).map(|()| true),
            MODE_GOROUTINE => Err(self.fiber_done()),
            _ => Ok(true),
        }
    }

    /// A deferred call started by a panic returned: recover, or keep unwinding.
    fn finish_panic_defer(&mut self, frame: Frame, boundary: usize) -> Result<(), Unwind> {
        let pi = frame.panic_index as usize;
        let recovered = pi + 1 == self.panics.len() && self.panics[pi].recovered;
        if !recovered {
            return self.unwind(boundary);
        }
        self.panics.pop();
        while self.panics.last().is_some_and(|p| p.aborted) {
            self.panics.pop();
        }
        let deferring = self.frames.len() - 1;
        let func = self.frames[deferring].func;
        match self.program.funcs[func as usize].recover_pc {
            Some(pc) => {
                self.frames[deferring].pc = pc;
                Ok(())
            }
            None => Err(self.internal_error(format!(
                "{} recovered a panic but has no recover_pc",
                self.program.funcs[func as usize].name
            ))),
        }
    }

    // ------------------------------------------------------------ printing

    /// Go's goroutine traceback of the running goroutine's control stack (approximate:
    /// the exact trace is not compared; function names and lines are right).
    pub(crate) fn traceback(&self) -> String {
        self.fiber_trace(self.cur_goid(), "running", &self.frames, self.cur_created_by())
    }

    /// The stderr text of the unrecovered panic chain (consumes the chain).
    pub(crate) fn panic_text(&mut self) -> String {
        let trace = std::mem::take(&mut self.panic_trace);
        let chain = std::mem::take(&mut self.panics);
        let mark = self.heap.roots_mark();
        let handles: Vec<heap::RootHandle> = chain.iter().map(|p| self.heap.push_root(p.value)).collect();
        let mut out = String::new();
        for (i, p) in chain.iter().enumerate() {
            let value = self.heap.root(handles[i]);
            let text = self.print_panic_value(value);
            if i > 0 {
                out.push('\t');
            }
            out.push_str("panic: ");
            out.push_str(&text);
            if p.recovered {
                out.push_str(" [recovered]");
            }
            out.push('\n');
        }
        self.heap.truncate_roots(mark);
        if chain.iter().any(|p| p.sigpanic) {
            out.push_str("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n");
        }
        out.push('\n');
        out.push_str(&trace);
        out
    }

    /// Go's `printpanicval` after `preprintpanics`: errors and Stringers through their
    /// methods, builtin types as the `print` builtin shows them, other named types as
    /// `main.T(5)`, anything else as `(T) 0xADDR`.
    pub(crate) fn print_panic_value(&mut self, value: GcRef) -> String {
        if value == 0 {
            return "nil".into();
        }
        // SAFETY: a non-nil panic value is an interface object.
        let (ty, payload) = unsafe {
            (heap::load(value, heap::layout::IFACE_TYPE) as u32, heap::load(value, heap::layout::IFACE_DATA))
        };
        let program = std::sync::Arc::clone(&self.program);
        let rt = &program.types[ty as usize];
        if matches!(rt.kind, RKind::ErrorString) {
            // SAFETY: the payload of an ERROR_STRING_TYPE value is a string.
            return String::from_utf8_lossy(unsafe { heap::str_bytes(payload) }).into_owned();
        }
        for m in [self.error_method, self.string_method].into_iter().flatten() {
            if let Some(f) = self.text_method(ty, m) {
                return match self.call_text_method(f, payload) {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(Unwind::Fatal(t)) => t,
                    Err(Unwind::Exit(e)) => e.stderr_text().to_string(),
                    Err(_) => {
                        self.panics.clear();
                        "panic while printing panic value".into()
                    }
                };
            }
        }
        let name = rt.name.as_str();
        let plain = |builtin: &str, text: String| {
            if name == builtin {
                text
            } else {
                format!("{name}({text})")
            }
        };
        match rt.kind {
            RKind::Int => plain("int", (payload as i64).to_string()),
            RKind::Byte => plain("uint8", payload.to_string()),
            RKind::Rune => plain("int32", (payload as i64).to_string()),
            RKind::IntN(k) if k.signed() => plain(k.name(), (payload as i64).to_string()),
            RKind::IntN(k) => plain(k.name(), payload.to_string()),
            RKind::Float => plain("float64", go_print_float(f64::from_bits(payload))),
            RKind::Bool => plain("bool", (payload != 0).to_string()),
            RKind::String => {
                // SAFETY: the payload of a string-kinded value is a string reference.
                let s = String::from_utf8_lossy(unsafe { heap::str_bytes(payload) }).into_owned();
                if name == "string" {
                    s
                } else {
                    format!("{name}(\"{s}\")")
                }
            }
            _ => format!("({name}) {:#x}", payload),
        }
    }

    /// The method `name_id` of type `ty` if it looks like `Error() string` or
    /// `String() string` (receiver only, one result).
    pub(crate) fn text_method(&self, ty: u32, name_id: u32) -> Option<FuncId> {
        let f = crate::runtime::ifaces::find_method(&self.program, ty, name_id)?;
        let func = self.program.func(f);
        (func.param_count == 1 && func.result_count == 1 && func.capture_count == 0).then_some(f)
    }

    /// Call a `String`/`Error` method on `receiver` and return the text.
    pub(crate) fn call_text_method(&mut self, f: FuncId, receiver: u64) -> Result<Vec<u8>, Unwind> {
        let base = self.call_function(f, 0, &[receiver])?;
        // SAFETY: the result slot is inside the (returned) entry frame, and a text
        // method's result is a string.
        let s = unsafe { *self.stack.ptr().add(base) };
        // SAFETY: as above; the bytes are copied before anything allocates.
        Ok(unsafe { heap::str_bytes(s) }.to_vec())
    }
}

/// Go's `print(float64)`: `+1.500000e+000`, `NaN`, `+Inf`, `-Inf`.
pub fn go_print_float(mut v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v + v == v && v > 0.0 {
        return "+Inf".into();
    }
    if v + v == v && v < 0.0 {
        return "-Inf".into();
    }
    const N: usize = 7;
    let mut buf = [0u8; N + 7];
    buf[0] = b'+';
    let mut e: i32 = 0;
    if v == 0.0 {
        if (1.0 / v) < 0.0 {
            buf[0] = b'-';
        }
    } else {
        if v < 0.0 {
            v = -v;
            buf[0] = b'-';
        }
        while v >= 10.0 {
            e += 1;
            v /= 10.0;
        }
        while v < 1.0 {
            e -= 1;
            v *= 10.0;
        }
        let mut h = 5.0;
        for _ in 0..N {
            h /= 10.0;
        }
        v += h;
        if v >= 10.0 {
            e += 1;
            v /= 10.0;
        }
    }
    for i in 0..N {
        let s = v as i64;
        buf[i + 2] = (s as u8).wrapping_add(b'0');
        v -= s as f64;
        v *= 10.0;
    }
    buf[1] = buf[2];
    buf[2] = b'.';
    buf[N + 2] = b'e';
    buf[N + 3] = b'+';
    if e < 0 {
        e = -e;
        buf[N + 3] = b'-';
    }
    buf[N + 4] = (e / 100) as u8 + b'0';
    buf[N + 5] = (e / 10 % 10) as u8 + b'0';
    buf[N + 6] = (e % 10) as u8 + b'0';
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::go_print_float;

    #[test]
    fn print_float_matches_go() {
        assert_eq!(go_print_float(1.5), "+1.500000e+000");
        assert_eq!(go_print_float(-0.1), "-1.000000e-001");
        assert_eq!(go_print_float(0.0), "+0.000000e+000");
        assert_eq!(go_print_float(-0.0), "-0.000000e+000");
        assert_eq!(go_print_float(1e300), "+1.000000e+300");
        assert_eq!(go_print_float(f64::NAN), "NaN");
        assert_eq!(go_print_float(f64::INFINITY), "+Inf");
        assert_eq!(go_print_float(123456789.0), "+1.234568e+008");
    }
}
