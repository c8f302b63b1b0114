//! Valgrind client requests: how a program running under Valgrind talks to it.
//!
//! The counting pass (`count.rs`) runs cell processes under Callgrind; the child
//! (`cell.rs`) zeroes the counts before each call of `run(n)` and asks for a dump after
//! it, so each call's instructions land in a dump of their own.
//!
//! A client request is a fixed instruction sequence that does nothing on a real CPU
//! (four rotations of `rdi` by 3+13+61+51 = 128 bits, then `xchg rbx, rbx`) and that
//! Valgrind's decoder recognises: it then reads the request's code and arguments from
//! the six-word block `rax` points to and leaves its answer in `rdx` (which holds the
//! default answer when no Valgrind is there). The codes below are those of Valgrind's
//! public headers (`valgrind.h`, `callgrind.h`), the ABI of 3.x on x86-64.
//!
//! Off x86-64 Linux every request returns its default and does nothing, so counting is
//! unavailable there (`running_on_valgrind` is 0) but nothing breaks.

use std::ffi::CStr;

/// `VG_USERREQ__RUNNING_ON_VALGRIND`: how many Valgrinds the program runs under.
const RUNNING_ON_VALGRIND: u64 = 0x1001;

/// Callgrind's requests start at `VG_USERREQ_TOOL_BASE('C', 'T')`.
const CALLGRIND_BASE: u64 = (b'C' as u64) << 24 | (b'T' as u64) << 16;
/// `VG_USERREQ__ZERO_STATS`: zero the counts. Without `--separate-threads=yes` all
/// threads share one set of counters, so this zeroes every thread's.
const ZERO_STATS: u64 = CALLGRIND_BASE + 1;
/// `VG_USERREQ__START_INSTRUMENTATION`: start instrumenting code (after
/// `--instr-atstart=no`); Valgrind drops the translations made so far.
const START_INSTRUMENTATION: u64 = CALLGRIND_BASE + 4;
/// `VG_USERREQ__DUMP_STATS_AT`: write the counts since the last dump to a new part
/// file (its "Trigger" line names the given C string) and reset them.
const DUMP_STATS_AT: u64 = CALLGRIND_BASE + 3;

/// Issue one client request; `default` without Valgrind.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn request(code: u64, arg: u64, default: u64) -> u64 {
    let block: [u64; 6] = [code, arg, 0, 0, 0, 0];
    let result;
    // SAFETY: natively the sequence only rotates `rdi` by a whole 128 bits (unchanged)
    // and exchanges `rbx` with itself; the flags it changes are not preserved by
    // contract (no `preserves_flags`). Under Valgrind the request reads `block`, which
    // lives until the asm is done, and `arg` (a C string pointer for DUMP_STATS_AT,
    // which the callers keep alive), and writes only `rdx`.
    unsafe {
        std::arch::asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            in("rax") block.as_ptr(),
            inout("rdx") default => result,
            options(nostack),
        );
    }
    result
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
fn request(_code: u64, _arg: u64, default: u64) -> u64 {
    default
}

/// How many Valgrinds this process runs under (0 natively).
pub fn running_on_valgrind() -> u64 {
    request(RUNNING_ON_VALGRIND, 0, 0)
}

/// Callgrind: zero the counts (of every thread; see `ZERO_STATS`).
///
/// Not `TOGGLE_COLLECT`: whether events are collected is a per-thread state, so
/// toggling it in the thread that calls `run(n)` would leave out the island threads the
/// call starts; zeroing before the call and dumping after it counts them.
pub fn zero_stats() {
    request(ZERO_STATS, 0, 0);
}

/// Callgrind: start instrumenting (the process started with `--instr-atstart=no`, so
/// loading ran at Valgrind's uninstrumented speed, about four times faster).
pub fn start_instrumentation() {
    request(START_INSTRUMENTATION, 0, 0);
}

/// Callgrind: dump the counts since the last dump, labelled `label`, and zero them.
pub fn dump_stats_at(label: &CStr) {
    request(DUMP_STATS_AT, label.as_ptr() as u64, 0);
}

#[cfg(test)]
mod tests {
    #[test]
    fn requests_are_harmless_natively() {
        // The test binary runs natively (under Valgrind the answer would be 1).
        if super::running_on_valgrind() == 0 {
            super::start_instrumentation();
            super::zero_stats();
            super::dump_stats_at(c"ignored");
        }
    }
}
