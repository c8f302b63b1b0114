//! Native library functions (`CallNative`): fmt's Print family, strconv's parsers, the
//! builtins `print`/`println`, and the system calls of the library packages written in
//! Go (`os.write`, `os.read`, `os.arg`, `os.exit`; see `crate::stdlib`).
//!
//! Arguments arrive in the caller's call window. Reference arguments are pushed as
//! roots first (a native may allocate many times: strings, and `String` methods it
//! calls); scalar ones ([`Native::arg_is_ref`]) are read from the window, which no
//! collection changes. Results are written back to the window.

use crate::bytecode::{Instr, MathFn, Native, Op, ERROR_STRING_TYPE};
use crate::format::{self, FmtArg};
use crate::heap::{self, RootHandle};
use crate::interp::{Unwind, Vm};
use crate::runtime::Regs;
use std::io::Write as _;

impl Vm {
    /// `CallNative a, b` / `CallNativeSpread a, b`; `window` is the caller's window.
    #[inline(never)]
    pub(crate) fn op_call_native(&mut self, window: Regs, ins: Instr) -> Result<(), Unwind> {
        let native = Native::from_u16(ins.a).expect("verified native id");
        let count = ins.b as usize;
        let spread = ins.op == Op::CallNativeSpread;
        let mark = self.heap.roots_mark();
        let mut args: Vec<RootHandle> = Vec::with_capacity(count);
        for i in 0..count {
            // SAFETY: the verifier checked `count <= window_size`.
            let v = unsafe { window.get(i as u16) };
            if spread && i + 1 == count {
                // SAFETY: the spread argument is 0 or a slice of references.
                let (arr, off, len, _) = unsafe { heap::slice_parts(v) };
                for j in 0..len {
                    // SAFETY: `off + j` is inside the slice's array.
                    args.push(self.heap.push_root(unsafe { heap::word(arr, off + j) }));
                }
            } else if native.arg_is_ref(i) {
                args.push(self.heap.push_root(v));
            } else {
                // A scalar stays readable in the window (`window.get(i)`); its handle
                // roots nothing but keeps the argument positions.
                args.push(self.heap.push_root(0));
            }
        }
        let result = self.run_native(native, window, &args);
        self.heap.truncate_roots(mark);
        result
    }

    fn run_native(&mut self, native: Native, window: Regs, args: &[RootHandle]) -> Result<(), Unwind> {
        match native {
            Native::Println | Native::Print | Native::Sprint | Native::Sprintln => {
                let fmt_args = self.fmt_operands(args)?;
                let text = match native {
                    Native::Println | Native::Sprintln => format::sprintln(&fmt_args),
                    _ => format::sprint(&fmt_args),
                };
                self.native_text_result(native, window, &text)
            }
            Native::Printf | Native::Sprintf => {
                let Some((&f, rest)) = args.split_first() else {
                    return Err(self.internal_error("Printf without a format".into()));
                };
                // SAFETY: the format argument is a string (rooted; read now).
                let format_bytes = unsafe { heap::str_bytes(self.heap.root(f)) }.to_vec();
                let methods = format::operands_printed_with_methods(&format_bytes, rest.len());
                let fmt_args = self.fmt_operands_with(rest, &methods)?;
                let text = format::sprintf(&format_bytes, &fmt_args);
                self.native_text_result(native, window, &text)
            }
            Native::BuiltinPrint | Native::BuiltinPrintln => {
                let operands: Vec<u64> = args.iter().map(|&h| self.heap.root(h)).collect();
                self.builtin_print(&operands, native == Native::BuiltinPrintln);
                Ok(())
            }
            Native::OsWrite | Native::OsRead => {
                // SAFETY: the verifier checked the window holds the two arguments and
                // the result; argument 0 (the descriptor) is a scalar.
                let fd = unsafe { window.get(0) };
                let b = self.heap.root(args[1]);
                let n = if native == Native::OsWrite { self.os_write(fd, b) } else { self.os_read(b) };
                // SAFETY: as above.
                unsafe { window.set(0, n) };
                Ok(())
            }
            Native::OsArgCount => {
                let n = self.os_arg_count();
                // SAFETY: the verifier checked the window holds the result.
                unsafe { window.set(0, n) };
                Ok(())
            }
            Native::OsArg => {
                // SAFETY: the verifier checked the window holds the scalar argument and
                // the result.
                let s = self.os_arg(unsafe { window.get(0) })?;
                // SAFETY: as above.
                unsafe { window.set(0, s) };
                Ok(())
            }
            // SAFETY: the verifier checked the window holds the scalar argument.
            Native::OsExit => Err(self.os_exit(unsafe { window.get(0) })),
            Native::ParseFloat => {
                let Some(&s) = args.first() else {
                    return Err(self.internal_error("parseFloat without an argument".into()));
                };
                // SAFETY: the argument is a string (rooted; read now).
                let bytes = unsafe { heap::str_bytes(self.heap.root(s)) }.to_vec();
                let (v, status) = format::parse_float(&bytes);
                // SAFETY: the verifier checked the window holds the two results.
                unsafe {
                    window.set(0, v.to_bits());
                    window.set(1, status);
                }
                Ok(())
            }
            Native::MathF1 | Native::MathF2 | Native::Float64Bits | Native::Float64FromBits => {
                // SAFETY: the verifier checked the window holds the scalar arguments and
                // the result.
                let arg = |i: u16| unsafe { window.get(i) };
                let r = match native {
                    Native::Float64Bits | Native::Float64FromBits => arg(0),
                    _ => match MathFn::ALL.get(arg(0) as usize) {
                        Some(&f) => {
                            crate::runtime::math::call(f, f64::from_bits(arg(1)), f64::from_bits(arg(2))).to_bits()
                        }
                        None => return Err(self.internal_error(format!("math function #{}", arg(0)))),
                    },
                };
                // SAFETY: as above.
                unsafe { window.set(0, r) };
                Ok(())
            }
            Native::SortSliceLen | Native::SortSliceSwap => {
                let x = self.heap.root(args[0]);
                let Some((slice, refs)) = self.slice_in_iface(x) else {
                    let kind = self.iface_kind_name(x);
                    return Err(self.panic_message(&format!("reflect: call of Swapper on {kind} Value"), false));
                };
                if native == Native::SortSliceLen {
                    // SAFETY: a slice (or nil); the window holds the result.
                    unsafe { window.set(0, heap::slice_parts(slice).2 as u64) };
                } else {
                    // SAFETY: the window holds the scalar indices.
                    let (i, j) = unsafe { (window.get(1), window.get(2)) };
                    self.swap_slice_elements(slice, i as usize, j as usize, refs);
                }
                Ok(())
            }
            Native::Atoi => {
                let Some(&s) = args.first() else {
                    return Err(self.internal_error("Atoi without an argument".into()));
                };
                // SAFETY: the argument is a string (rooted; read now).
                let bytes = unsafe { heap::str_bytes(self.heap.root(s)) }.to_vec();
                match format::atoi(&bytes) {
                    Ok(v) => {
                        // SAFETY: the verifier checked the window holds Atoi's 2 results.
                        unsafe {
                            window.set(0, v as u64);
                            window.set(1, 0);
                        }
                    }
                    Err(msg) => {
                        // Like strconv.ParseInt, a range error still yields the nearest
                        // representable value; a syntax error yields 0.
                        let clamped = if msg.ends_with(b"value out of range") {
                            if bytes.first() == Some(&b'-') {
                                i64::MIN
                            } else {
                                i64::MAX
                            }
                        } else {
                            0
                        };
                        let err = self.error_value(&msg)?;
                        // SAFETY: as above.
                        unsafe {
                            window.set(0, clamped as u64);
                            window.set(1, err);
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Print `text` (Print/Println/Printf) or return it as a string (Sprint*).
    fn native_text_result(&mut self, native: Native, window: Regs, text: &[u8]) -> Result<(), Unwind> {
        match native {
            Native::Println | Native::Print | Native::Printf => {
                // Write errors (a closed pipe) are ignored, as Go's fmt.Println callers do.
                let _ = self.out.write_all(text);
                Ok(())
            }
            _ => {
                let s = self.alloc_str(text)?;
                // SAFETY: the verifier checked the window holds the native's result.
                unsafe { window.set(0, s) };
                Ok(())
            }
        }
    }

    /// Convert rooted interface operands to fmt arguments (Print-family: every operand
    /// prints with `%v`, so `Error()`/`String()` methods are called).
    fn fmt_operands(&mut self, args: &[RootHandle]) -> Result<Vec<FmtArg>, Unwind> {
        self.fmt_operands_with(args, &vec![true; args.len()])
    }

    /// Convert rooted interface operands, calling `Error()`/`String()` methods only in
    /// the operands `methods` marks (see `format::operands_printed_with_methods`).
    fn fmt_operands_with(&mut self, args: &[RootHandle], methods: &[bool]) -> Result<Vec<FmtArg>, Unwind> {
        let mut out = Vec::with_capacity(args.len());
        for (&h, &methods) in args.iter().zip(methods) {
            let v = self.heap.root(h);
            out.push(self.fmt_operand_with(v, methods)?);
        }
        Ok(out)
    }

    /// A new error value (`ERROR_STRING_TYPE`) with message `msg`.
    pub(crate) fn error_value(&mut self, msg: &[u8]) -> Result<u64, Unwind> {
        let s = self.alloc_str(msg)?;
        let mark = self.heap.roots_mark();
        let h = self.heap.push_root(s);
        let i = self.alloc_iface(ERROR_STRING_TYPE)?;
        let s = self.heap.root(h);
        self.heap.truncate_roots(mark);
        // SAFETY: a fresh interface object.
        unsafe { heap::store(i, heap::layout::IFACE_DATA, s) };
        Ok(i)
    }
}
