//! Inputs that abort the process. A stack overflow is not a panic: Rust's guard-page
//! handler prints "has overflowed its stack" and calls `abort()`. A `SIGABRT` handler
//! writes the input being executed to `CRASHES/abort-current.go` (with async-signal-safe
//! calls only) and then lets the default action end the process.

use std::ffi::CString;
use std::path::Path;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::OnceLock;

static CURRENT: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static CURRENT_LEN: AtomicUsize = AtomicUsize::new(0);
static PATH: OnceLock<CString> = OnceLock::new();

/// The input about to run (it must stay alive until [`clear_current`]).
pub fn set_current(input: &[u8]) {
    CURRENT_LEN.store(input.len(), Ordering::SeqCst);
    CURRENT.store(input.as_ptr() as *mut u8, Ordering::SeqCst);
}

pub fn clear_current() {
    CURRENT.store(std::ptr::null_mut(), Ordering::SeqCst);
}

extern "C" fn on_abort(_sig: libc::c_int) {
    const MSG: &[u8] = b"fuzz-frontend: the process aborted; the input is in the crash directory (abort-current.go)\n";
    let p = CURRENT.load(Ordering::SeqCst);
    if let (false, Some(path)) = (p.is_null(), PATH.get()) {
        let len = CURRENT_LEN.load(Ordering::SeqCst);
        // SAFETY: open/write/close are async-signal-safe; `p..p+len` is the input that
        // `set_current` registered, alive while it runs; the path is a valid C string.
        unsafe {
            let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC, 0o644);
            if fd >= 0 {
                let mut off = 0;
                while off < len {
                    let n = libc::write(fd, p.add(off) as *const libc::c_void, len - off);
                    if n <= 0 {
                        break;
                    }
                    off += n as usize;
                }
                libc::close(fd);
            }
            libc::write(2, MSG.as_ptr() as *const libc::c_void, MSG.len());
        }
    }
    // SAFETY: restoring the default action and re-raising ends the process as abort would.
    unsafe {
        libc::signal(libc::SIGABRT, libc::SIG_DFL);
        libc::raise(libc::SIGABRT);
    }
}

/// Install the handler; the crash file goes to `crashes`.
pub fn install(crashes: &Path) {
    let _ = std::fs::create_dir_all(crashes);
    let path = crashes.join("abort-current.go");
    let Ok(c) = CString::new(path.to_string_lossy().as_bytes()) else { return };
    if PATH.set(c).is_err() {
        return; // already installed
    }
    // SAFETY: `on_abort` has the signature of a signal handler; installing it is sound.
    unsafe {
        libc::signal(libc::SIGABRT, on_abort as *const () as libc::sighandler_t);
    }
}
