//! The few system calls the harness needs beyond `std`, each in a small function with its
//! safety argument: `wait4` (exit status and the child's own peak RSS in one call) and
//! `kill`. Everything else about child processes goes through `std::process`.

use std::io;

/// How a reaped child ended, and its peak resident set size in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reaped {
    /// `Ok(status)` for a normal exit, `Err(signal)` when a signal killed it.
    pub status: Result<i32, i32>,
    pub peak_rss_bytes: u64,
}

/// Reap `pid` if it has ended (`block`: wait until it does). `Ok(None)`: still running.
pub fn wait4(pid: i32, block: bool) -> io::Result<Option<Reaped>> {
    let mut status: libc::c_int = 0;
    // SAFETY: all-zero bytes are a valid `rusage` (a plain struct of integers).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let flags = if block { 0 } else { libc::WNOHANG };
    loop {
        // SAFETY: `status` and `usage` are valid, writable and live for the call; wait4
        // writes only into them.
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if r == -1 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if r == 0 {
            return Ok(None);
        }
        let status =
            if libc::WIFSIGNALED(status) { Err(libc::WTERMSIG(status)) } else { Ok(libc::WEXITSTATUS(status)) };
        // Linux reports ru_maxrss in KiB.
        return Ok(Some(Reaped { status, peak_rss_bytes: (usage.ru_maxrss.max(0) as u64) * 1024 }));
    }
}

/// Send SIGKILL to `pid`, which must be a child not yet reaped (so the pid cannot have
/// been reused).
pub fn kill_child(pid: i32) {
    // SAFETY: kill has no memory-safety preconditions; the caller guarantees `pid` is
    // its own unreaped child, so no unrelated process can be hit.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}

/// CPU time consumed so far, in nanoseconds: by this whole process (`process`: every
/// thread) or by the calling thread. Unlike wall time it does not grow while other
/// processes have the CPU, which is what makes it the gate's clock on shared machines.
pub fn cpu_time_ns(process: bool) -> u64 {
    let clock = if process { libc::CLOCK_PROCESS_CPUTIME_ID } else { libc::CLOCK_THREAD_CPUTIME_ID };
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec for the duration of the call; both
    // clocks exist on every Linux the harness supports (a failure leaves it zero).
    unsafe {
        libc::clock_gettime(clock, &mut now);
    }
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}

/// The peak resident set size of a running process so far (`VmHWM` of
/// /proc/PID/status), in bytes; None if it cannot be read (ended, or not Linux).
pub fn proc_peak_rss(pid: i32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
