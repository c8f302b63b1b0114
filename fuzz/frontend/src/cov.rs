//! Edge coverage from LLVM's SanitizerCoverage on stable Rust.
//!
//! Built with
//!
//! ```text
//! RUSTFLAGS="-C passes=sancov-module -C llvm-args=-sanitizer-coverage-level=3 \
//!            -C llvm-args=-sanitizer-coverage-trace-pc-guard"
//! ```
//!
//! (all stable codegen options: `-C passes` runs LLVM's `sancov-module` pass, the
//! `-C llvm-args` configure it), every function of every crate cargo compiles (the `vm`
//! crate, its dependencies, this crate; not the precompiled standard library) calls
//! `__sanitizer_cov_trace_pc_guard(&guard)` on each edge, and every object file
//! registers its guards once at start-up through `__sanitizer_cov_trace_pc_guard_init`.
//! libFuzzer normally provides these two callbacks; here the fuzzer binary defines them
//! (`main.rs`) and forwards to [`init_guards`] and [`hit`].
//!
//! Each guard gets a number (1-based, wrapped into the map); [`hit`] bumps its 8-bit
//! counter in [`MAP`] while an execution is being recorded ([`begin`]..[`end`]), from
//! any thread (the parser runs on its own). After an execution the counters are bucketed
//! as AFL does (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), so "this edge ran more often"
//! is new coverage too.
//!
//! Without those flags no guard is ever registered: [`guards`] is 0 and the fuzzer
//! falls back to what it can observe from the outside (see `Features` in the crate root).

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// Counters, one per guard number (index 0 is never used: guard value 0 means "off").
pub const MAP_SIZE: usize = 1 << 20;

/// The hit counters of the current execution.
pub static MAP: [AtomicU8; MAP_SIZE] = [const { AtomicU8::new(0) }; MAP_SIZE];

static GUARDS: AtomicUsize = AtomicUsize::new(0);
static RECORDING: AtomicBool = AtomicBool::new(false);

/// Guards registered by instrumented code (0: the binary is not instrumented).
pub fn guards() -> usize {
    GUARDS.load(Ordering::Relaxed)
}

/// Highest map index in use.
pub fn used_len() -> usize {
    guards().min(MAP_SIZE - 1) + 1
}

/// Number the guards of one module. Called by the runtime start-up code of every
/// instrumented object file (before `main`), possibly twice for the same range.
///
/// # Safety
/// `start..stop` must be the module's guard array, writable, as SanitizerCoverage passes it.
pub unsafe fn init_guards(start: *mut u32, stop: *mut u32) {
    if start == stop {
        return;
    }
    // SAFETY: the caller passes one valid, non-empty guard array.
    if unsafe { *start } != 0 {
        return; // already numbered
    }
    let mut g = start;
    while g < stop {
        let n = GUARDS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: `g` is inside `start..stop`.
        unsafe { *g = (n % (MAP_SIZE - 1)) as u32 + 1 };
        // SAFETY: at most one past the end of the array.
        g = unsafe { g.add(1) };
    }
}

/// One edge ran.
///
/// # Safety
/// `guard` must point to a guard numbered by [`init_guards`].
#[inline(always)]
pub unsafe fn hit(guard: *const u32) {
    if !RECORDING.load(Ordering::Relaxed) {
        return;
    }
    // SAFETY: the caller passes a registered guard.
    let i = unsafe { *guard } as usize;
    if let Some(c) = MAP.get(i) {
        // A racy increment is fine: a lost count only blurs a bucket.
        let v = c.load(Ordering::Relaxed);
        c.store(v.saturating_add(1), Ordering::Relaxed);
    }
}

/// Start recording an execution (the map must be clear: see [`end`]).
pub fn begin() {
    RECORDING.store(true, Ordering::SeqCst);
}

/// Stop recording.
pub fn end() {
    RECORDING.store(false, Ordering::SeqCst);
}

/// AFL's hit-count classes as one bit each.
pub fn bucket(count: u8) -> u8 {
    match count {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        4..=7 => 8,
        8..=15 => 16,
        16..=31 => 32,
        32..=127 => 64,
        _ => 128,
    }
}

/// Visit every counter that ran (index, bucket bit) and clear the map.
pub fn drain(mut f: impl FnMut(usize, u8)) {
    for (i, c) in MAP[..used_len()].iter().enumerate() {
        let v = c.load(Ordering::Relaxed);
        if v != 0 {
            c.store(0, Ordering::Relaxed);
            f(i, bucket(v));
        }
    }
}
