//! The runtime: everything an instruction needs beyond a few machine operations.
//!
//! Each submodule adds `impl Vm` helpers for one concern; the dispatch loop calls them
//! out of line (they are `#[inline(never)]` or small). A helper that may raise a Go
//! panic returns `Result<(), Unwind>`: it has already pushed the panic record
//! (`Vm::start_panic`), and the loop continues the unwinding.
//!
//! Helpers read their operands from the frame through [`Regs`] and re-read them after
//! every allocation (the GC rule of `heap`): a reference is never kept in a Rust local
//! across an allocation unless it was pushed as a root.
//!
//! - `strings`: concatenation, slicing, conversions, UTF-8 decoding.
//! - `slices`: make, reslice, append (Go 1.19's growslice), copy.
//! - `maps`: map operations over `heap::MapTable`.
//! - `ifaces`: interface values, assertions, method lookup, equality.
//! - `values`: zero values (`New`), boxes, deep copy, closures.
//! - `panics`: runtime errors, defer, panic, recover, unwinding, Go's panic printing.
//! - `sched`: goroutines as fibers, the scheduler (run queue, preemption, parking,
//!   deadlock), the blocking contract.
//! - `chans`: channel operations and `select`.
//! - `islands`: islands (VMs on their own threads) and the ports between them.
//! - `natives`: fmt and strconv entry points (`CallNative`).
//! - `fmt_bridge`: VM values to `format::FmtArg`, calling `Error`/`String` methods.
//! - `gc`: allocation entry points (`Vm::alloc_object` and typed helpers) and the VM's
//!   root set for the collector.

pub mod chans;
pub mod fmt_bridge;
pub mod gc;
pub mod ifaces;
pub mod islands;
pub mod maps;
pub mod natives;
pub mod panics;
pub mod sched;
pub mod slices;
pub mod strings;
pub mod values;

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
