//! The program's view of its process: standard output, error and input, the
//! command-line arguments, the exit status, and the builtins `print`/`println`.
//!
//! These are the natives under the library packages written in Go (`os.write`,
//! `os.read`, `os.argCount`, `os.arg`, `os.exit`; see `crate::stdlib`), so `os.Stdout`,
//! `bufio`, `fmt.Fprintf` and `flag` all reach the process through here. Standard output
//! is the VM's buffered writer (`Vm::out`, shared with `fmt.Println`, so their output
//! interleaves as in Go); standard error is unbuffered, as Go's is.
//!
//! This module never formats values for `fmt` (that is `format` and `fmt_bridge`); the
//! builtins' own format is Go's runtime `print`, which differs from `fmt`'s.

use crate::heap::{self, GcRef};
use crate::interp::{Unwind, Vm, VmError};
use crate::runtime::ifaces::iface_parts;
use crate::runtime::panics::go_print_float;
use std::io::{Read as _, Write as _};

use crate::bytecode::RKind;

impl Vm {
    /// `os.write(fd, b)`: write the byte slice `b` to stdout (fd 1) or stderr (fd 2).
    /// Returns the bytes written (all of them; a failed write, a closed pipe, counts as
    /// written, as the callers of Go's fmt.Println ignore it too).
    pub(crate) fn os_write(&mut self, fd: u64, b: GcRef) -> u64 {
        let bytes = byte_slice_bytes(b);
        let _ = match fd {
            1 => self.out.write_all(&bytes),
            _ => {
                let _ = self.out.flush();
                self.err_out.write_all(&bytes)
            }
        };
        bytes.len() as u64
    }

    /// `os.read(fd, b)`: read at most `len(b)` bytes of stdin into `b`; 0 at the end.
    pub(crate) fn os_read(&mut self, b: GcRef) -> u64 {
        // SAFETY: `b` is 0 or a byte slice (the `os.read` native's parameter type).
        let (arr, off, len, _) = unsafe { heap::slice_parts(b) };
        if len == 0 {
            return 0;
        }
        // Input a program reads may follow output it wrote (a prompt).
        let _ = self.out.flush();
        let mut buf = vec![0u8; len];
        let n = loop {
            match self.stdin.read(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break 0,
            }
        };
        // SAFETY: `off + n <= off + len`, inside the slice's array of byte words.
        unsafe {
            let dst = heap::payload_ptr(arr).add(off);
            for (i, &c) in buf[..n].iter().enumerate() {
                *dst.add(i) = c as u64;
            }
        }
        n as u64
    }

    /// `os.argCount()`.
    pub(crate) fn os_arg_count(&self) -> u64 {
        self.options.args.len().max(1) as u64
    }

    /// `os.arg(i)`: argument `i` (0: the program), a new string.
    pub(crate) fn os_arg(&mut self, i: u64) -> Result<GcRef, Unwind> {
        let text = match self.options.args.get(i as usize) {
            Some(a) => a.clone().into_bytes(),
            None if i == 0 => b"main".to_vec(),
            None => return Err(self.internal_error(format!("os.arg({i}) out of range"))),
        };
        self.alloc_str(&text)
    }

    /// `os.exit(code)`: flush stdout and end the run with exit status `code`.
    pub(crate) fn os_exit(&mut self, code: u64) -> Unwind {
        let _ = self.out.flush();
        Unwind::Exit(VmError::Exit(code as i64 as i32))
    }

    /// The builtins `print` and `println` over interface operands (the checker admits
    /// only booleans, numbers and strings): Go's runtime format, to stderr.
    pub(crate) fn builtin_print(&mut self, operands: &[GcRef], newline: bool) {
        let prog = self.prog();
        let mut text = Vec::new();
        for (i, &v) in operands.iter().enumerate() {
            if newline && i > 0 {
                text.push(b' ');
            }
            if v == 0 {
                text.extend_from_slice(b"nil");
                continue;
            }
            // SAFETY: a non-nil interface value.
            let (ty, payload) = unsafe { iface_parts(v) };
            match &prog.types[ty as usize].kind {
                RKind::Bool => text.extend_from_slice(if payload != 0 { b"true" } else { b"false" }),
                RKind::Float => text.extend_from_slice(go_print_float(f64::from_bits(payload)).as_bytes()),
                // SAFETY: the payload of a string is a string reference (or 0).
                RKind::String => text.extend_from_slice(unsafe { heap::str_bytes(payload) }),
                RKind::Byte => text.extend_from_slice(payload.to_string().as_bytes()),
                RKind::IntN(k) if !k.signed() => text.extend_from_slice(payload.to_string().as_bytes()),
                _ => text.extend_from_slice((payload as i64).to_string().as_bytes()),
            }
        }
        if newline {
            text.push(b'\n');
        }
        let _ = self.out.flush();
        let _ = self.err_out.write_all(&text);
    }
}

/// The bytes of a byte slice (one payload word per byte).
fn byte_slice_bytes(b: GcRef) -> Vec<u8> {
    // SAFETY: `b` is 0 or a byte slice; its words `off..off + len` are its bytes.
    unsafe {
        let (arr, off, len, _) = heap::slice_parts(b);
        if len == 0 {
            return Vec::new();
        }
        let src = heap::payload_ptr(arr).add(off);
        (0..len).map(|i| *src.add(i) as u8).collect()
    }
}
