//! The runtime: everything an instruction needs beyond a few machine operations.
//!
//! Each submodule adds `impl Vm` helpers for one concern; the dispatch loop calls them
//! out of line (they are `#[inline(never)]` or small). A helper that may raise a Go
//! panic returns `Result<(), Unwind>`: it has already pushed the panic record
//! (`Vm::start_panic`), and the loop continues the unwinding.
//!
//! The operations the dispatch loop runs inline but that have a semantic check (a nil
//! or bounds check, a zero divisor, a negative shift) or a layout detail (lengths,
//! fields, boxes) are small `#[inline(always)]` functions of the module that owns the
//! concern (`arith::div_i`, `slices::slice_get`, `values::set_field`, `chans::chan_len`
//! ...), called by both the loop and `Vm::exec_op` (the JIT's out-of-line path), so the
//! two cannot drift. They return a `slices::Fault` instead of raising: the caller
//! stores its resume pc (on that path only), then raises it with `Vm::raise`.
//!
//! Helpers read their operands from the frame through [`Regs`] and re-read them after
//! every allocation (the GC rule of `heap`): a reference is never kept in a Rust local
//! across an allocation unless it was pushed as a root.
//!
//! - `arith`: integer division and shifts (their zero-divisor and negative-amount
//!   panics).
//! - `strings`: concatenation, slicing, conversions, UTF-8 decoding.
//! - `slices`: make, reslice, append (Go 1.19's growslice), copy.
//! - `maps`: map operations over `heap::MapTable`.
//! - `ifaces`: interface values, assertions, method lookup, equality.
//! - `values`: zero values (`New`), struct fields, boxes, deep copy, closures.
//! - `panics`: runtime errors, defer, panic, recover, unwinding, Go's panic printing.
//! - `sched`: goroutines as fibers, the scheduler (run queue, preemption, parking,
//!   deadlock), the blocking contract.
//! - `chans`: channel operations and `select`.
//! - `islands`: islands (VMs on their own threads) and the ports between them.
//! - `natives`: fmt and strconv entry points (`CallNative`).
//! - `math`: the float64 functions of package math that are natives, computed with Go's
//!   own algorithms (its amd64 assembly for Exp, Log, Hypot) so results agree to the bit.
//! - `os`: the process as the program sees it: stdout, stderr, stdin, arguments, exit
//!   status, and the builtins `print`/`println`.
//! - `fmt_bridge`: VM values to `format::FmtArg`, calling `Error`/`String` methods.
//! - `gc`: allocation entry points (`Vm::alloc_object` and typed helpers) and the VM's
//!   root set for the collector.

pub mod arith;
pub mod chans;
pub mod fmt_bridge;
pub mod gc;
pub mod ifaces;
pub mod islands;
pub mod maps;
pub mod math;
pub mod method_table;
pub mod natives;
pub mod os;
pub mod panics;
pub mod sched;
pub mod slices;
pub mod strings;
pub mod values;

/// The runtime's own recursion on the machine stack (re-entrant calls: a `String`
/// method called by `fmt`, which prints a value whose `String` method calls `fmt` ...;
/// printing and comparing values nested through interfaces) is unbounded in Go, which
/// grows its stacks. The VM runs on its caller's thread, whose stack may be as small as
/// 2 MiB (Rust's default for spawned threads, so every test thread): such recursion
/// ends with Go's stack-overflow fatal error when the machine stack pointer comes within
/// this margin of the thread's stack end, instead of overflowing it. The margin holds
/// what runs between two checks (a dispatch loop and a runtime helper), printing a
/// converted value (shallower than its conversion) and a JIT compilation.
pub(crate) const MACHINE_STACK_MARGIN: usize = 512 << 10;

/// When the thread's stack bounds are unknown: the budget below the outermost call.
pub(crate) const MACHINE_STACK_FALLBACK_BUDGET: usize = 1 << 20;

/// An address near the current machine stack pointer.
#[inline(always)]
pub(crate) fn approx_sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The lowest address the runtime's recursion may reach on this thread: the stack's
/// end plus [`MACHINE_STACK_MARGIN`], or [`MACHINE_STACK_FALLBACK_BUDGET`] below the
/// current position if the bounds are unknown. Computed once per thread.
pub(crate) fn machine_stack_limit() -> usize {
    thread_local! {
        static LOW_END: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    }
    let low = LOW_END.with(|c| {
        if c.get().is_none() {
            c.set(Some(stack_low_end().unwrap_or(0)));
        }
        c.get().unwrap_or(0)
    });
    let here = approx_sp();
    if low == 0 || low >= here {
        here.saturating_sub(MACHINE_STACK_FALLBACK_BUDGET)
    } else {
        (low + MACHINE_STACK_MARGIN).min(here)
    }
}

/// The lowest address of the current thread's stack (its guard page excluded), if the
/// system tells.
fn stack_low_end() -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `attr` is initialised by pthread_getattr_np before it is read and
        // destroyed once; the out-pointers are valid locals.
        unsafe {
            let mut attr: libc::pthread_attr_t = std::mem::zeroed();
            if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
                return None;
            }
            let mut addr: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            let mut guard: libc::size_t = 0;
            let g = libc::pthread_attr_getguardsize(&attr, &mut guard);
            libc::pthread_attr_destroy(&mut attr);
            if r != 0 || addr.is_null() {
                return None;
            }
            Some(addr as usize + if g == 0 { guard } else { 4096 })
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// The register file of the running frame (or, offset, its call window).
#[derive(Clone, Copy)]
pub(crate) struct Regs(pub *mut u64);

impl Regs {
    /// Read register `i`.
    ///
    /// # Safety
    /// `i` must be a verified operand of the running instruction, so below the running
    /// frame's `frame_size` (relative to the frame base this `Regs` was made from).
    #[inline(always)]
    pub unsafe fn get(self, i: u16) -> u64 {
        // SAFETY: forwarded to the caller.
        unsafe { *self.0.add(i as usize) }
    }

    /// Write register `i`.
    ///
    /// # Safety
    /// As for [`Regs::get`].
    #[inline(always)]
    pub unsafe fn set(self, i: u16, v: u64) {
        // SAFETY: forwarded to the caller.
        unsafe { *self.0.add(i as usize) = v }
    }
}

/// Go's message for an allocation that cannot be satisfied.
pub(crate) const OUT_OF_MEMORY_TEXT: &str = "fatal error: runtime: out of memory\n";
