//! Running one cell in a child process with a time limit and a memory limit.
//!
//! The child is spawned with piped stdout (the cell protocol's JSON lines, read by a
//! thread as they come) and stderr (the last few KiB kept for error messages). The
//! parent then polls: `wait4(WNOHANG)` for an exit, the clock for the time limit, and
//! the child's peak RSS (`VmHWM` in /proc) for the memory limit; a child over either
//! limit gets SIGKILL. The final `wait4` gives the exit status and the child's peak RSS
//! (`ru_maxrss`) in one call.
//!
//! Why polling RSS rather than `setrlimit`: the VM reserves address space it never
//! touches (a 128 MiB main stack, goroutine stack arenas, and the JITs' code memory),
//! and so does the Go runtime. `RLIMIT_AS` counts all of it, and `RLIMIT_DATA` counts
//! private writable mappings too (Linux >= 4.7), so a program spawning many goroutines
//! would hit either without using the memory. `VmHWM` is the high-water mark of memory
//! really resident, and as a high-water mark it also catches a spike between two polls.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::HarnessError;
use crate::sys;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    pub memory_bytes: u64,
}

/// How a child ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChildExit {
    Exited(i32),
    /// Killed by a signal the harness did not send.
    Signaled(i32),
    TimedOut {
        limit_s: f64,
    },
    MemoryExceeded {
        limit_bytes: u64,
    },
}

#[derive(Clone, Debug)]
pub struct ChildOutcome {
    pub stdout_lines: Vec<String>,
    pub stderr_tail: String,
    pub exit: ChildExit,
    pub peak_rss_bytes: u64,
    pub wall_ns: u64,
}

/// Bytes of stderr kept (the end of it: where panics and signals are reported).
const STDERR_TAIL: usize = 4096;

/// Run `command` to completion under `limits`.
pub fn run_child(command: &mut Command, limits: &Limits) -> Result<ChildOutcome, HarnessError> {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| HarnessError::software(format!("cannot start {:?}: {e}", command.get_program())))?;
    let pid = child.id() as i32;
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let lines = std::thread::spawn(move || {
        BufReader::new(stdout)
            .split(b'\n')
            .map_while(Result::ok)
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect::<Vec<String>>()
    });
    let tail = Arc::new(Mutex::new(Vec::new()));
    let tail_writer = tail.clone();
    let errors = std::thread::spawn(move || {
        let mut stderr = stderr;
        let mut chunk = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut chunk) {
            if n == 0 {
                break;
            }
            let mut kept = tail_writer.lock().expect("stderr tail lock");
            kept.extend_from_slice(&chunk[..n]);
            let excess = kept.len().saturating_sub(STDERR_TAIL);
            kept.drain(..excess);
        }
    });

    let mut poll = Duration::from_millis(1);
    let (reaped, killed_for) = loop {
        match sys::wait4(pid, false) {
            Ok(Some(reaped)) => break (reaped, None),
            Ok(None) => {}
            Err(e) => return Err(HarnessError::software(format!("wait4 on cell process {pid}: {e}"))),
        }
        let over_time = start.elapsed() > limits.timeout;
        let over_memory = sys::proc_peak_rss(pid).is_some_and(|rss| rss > limits.memory_bytes);
        if over_time || over_memory {
            sys::kill_child(pid);
            let reaped = sys::wait4(pid, true)
                .map_err(|e| HarnessError::software(format!("wait4 on killed cell process {pid}: {e}")))?
                .ok_or_else(|| HarnessError::software("blocking wait4 returned no child"))?;
            let why = if over_time {
                ChildExit::TimedOut { limit_s: limits.timeout.as_secs_f64() }
            } else {
                ChildExit::MemoryExceeded { limit_bytes: limits.memory_bytes }
            };
            break (reaped, Some(why));
        }
        std::thread::sleep(poll);
        poll = (poll * 2).min(Duration::from_millis(10));
    };
    let wall_ns = start.elapsed().as_nanos() as u64;
    // The child has been reaped by wait4; dropping `child` only closes handles.
    drop(child);
    let stdout_lines = lines.join().unwrap_or_default();
    let _ = errors.join();
    let stderr_tail = String::from_utf8_lossy(&tail.lock().expect("stderr tail lock")).into_owned();
    let exit = killed_for.unwrap_or(match reaped.status {
        Ok(code) => ChildExit::Exited(code),
        Err(signal) => ChildExit::Signaled(signal),
    });
    Ok(ChildOutcome { stdout_lines, stderr_tail, exit, peak_rss_bytes: reaped.peak_rss_bytes, wall_ns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(timeout_ms: u64) -> Limits {
        Limits { timeout: Duration::from_millis(timeout_ms), memory_bytes: 1 << 40 }
    }

    #[test]
    fn collects_lines_status_and_stderr() {
        let out =
            run_child(Command::new("sh").args(["-c", "echo one; echo two; echo oops >&2; exit 3"]), &limits(10_000))
                .unwrap();
        assert_eq!(out.stdout_lines, vec!["one", "two"]);
        assert_eq!(out.stderr_tail, "oops\n");
        assert_eq!(out.exit, ChildExit::Exited(3));
        assert!(out.peak_rss_bytes > 0);
    }

    #[test]
    fn a_hang_is_killed_at_the_time_limit() {
        let start = Instant::now();
        let out = run_child(Command::new("sleep").arg("30"), &limits(300)).unwrap();
        assert_eq!(out.exit, ChildExit::TimedOut { limit_s: 0.3 });
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_signal_is_reported() {
        let out = run_child(Command::new("sh").args(["-c", "kill -SEGV $$"]), &limits(10_000)).unwrap();
        assert_eq!(out.exit, ChildExit::Signaled(libc::SIGSEGV));
    }

    #[test]
    fn a_missing_program_is_a_harness_error() {
        let err = run_child(&mut Command::new("/nonexistent/program"), &limits(1000)).unwrap_err();
        assert!(err.message.contains("cannot start"), "{err}");
    }
}
