//! The fmt bridge: VM values (one slot + a runtime type) to `format::FmtArg` trees.
//!
//! Go's `fmt` calls a value's `Error()` or `String()` method (error first) when the
//! verb allows it; which verbs do is `format`'s business: `Printf` asks it which
//! operands some verb prints with a method (`format::operands_printed_with_methods`),
//! and in those every value whose type has such a method becomes
//! `FmtValue::Methods { text, inner }` with the method already called; the other
//! operands are converted without calling any. As in Go, methods are called for operands (depth 0), slice/array/map
//! elements and values behind interfaces, but not for values reached through an
//! unexported struct field (`reflect.Value.CanInterface` is false there, and stays
//! false below). A method that panics is reported the way Go's `catchPanic` does: a nil
//! pointer receiver prints `<nil>`, anything else `%!v(PANIC=String method: ...)`.
//!
//! Pointer targets (for `&{1 2}`) are converted only at depth 0, where Go prints them;
//! deeper pointers are addresses. Every aggregate being walked is rooted while its
//! children are converted (a method call may allocate).

use crate::bytecode::{RKind, TypeId};
use crate::format::{self, FmtArg, FmtValue};
use crate::heap::{self, GcRef};
use crate::interp::{Unwind, Vm};
use crate::runtime::ifaces::iface_parts;

/// Nesting beyond which conversion stops (self-containing values through interfaces).
const MAX_DEPTH: u32 = 10_000;

fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl Vm {
    /// Convert one operand of a Print-family call (an interface value).
    pub(crate) fn fmt_operand(&mut self, iface: GcRef) -> Result<FmtArg, Unwind> {
        self.fmt_operand_with(iface, true)
    }

    /// Convert one operand; `methods` false: call no `Error()`/`String()` method in it
    /// (its verb does not use them, see `format::operands_printed_with_methods`).
    pub(crate) fn fmt_operand_with(&mut self, iface: GcRef, methods: bool) -> Result<FmtArg, Unwind> {
        if iface == 0 {
            return Ok(FmtArg { type_name: "interface {}".into(), value: FmtValue::Nil });
        }
        // SAFETY: a non-nil interface value.
        let (ty, payload) = unsafe { iface_parts(iface) };
        self.fmt_value(payload, TypeId(ty), 0, methods)
    }

    /// Convert `value` of type `ty` at nesting `depth`; `can_iface` is false below an
    /// unexported field, and in an operand whose verb calls no method (no method is
    /// called where it is false).
    fn fmt_value(&mut self, value: u64, ty: TypeId, depth: u32, can_iface: bool) -> Result<FmtArg, Unwind> {
        if depth > MAX_DEPTH {
            return Err(self.internal_error("value nested too deeply to print".into()));
        }
        if self.machine_stack_low() {
            return Err(self.stack_overflow());
        }
        let prog = self.prog();
        let rt = &prog.types[ty.0 as usize];
        if let RKind::Interface(_) = rt.kind {
            if value == 0 {
                return Ok(FmtArg { type_name: rt.name.clone(), value: FmtValue::Nil });
            }
            // SAFETY: a non-nil interface value.
            let (dty, payload) = unsafe { iface_parts(value) };
            return self.fmt_value(payload, TypeId(dty), depth + 1, can_iface);
        }
        if can_iface {
            let method = [self.error_method, self.string_method]
                .into_iter()
                .flatten()
                .find_map(|m| self.text_method(ty.0, m).map(|f| (f, m)));
            if let Some((f, m)) = method {
                let is_ref = rt.kind.is_ref();
                let mark = self.heap.roots_mark();
                let h = is_ref.then(|| self.heap.push_root(value));
                let chain = self.panics.len();
                let text = match self.call_text_method(f, value) {
                    Ok(t) => t,
                    Err(Unwind::Panic) => {
                        // Go's fmt recovers a panicking method (catchPanic).
                        let pv = self.panics.get(chain).map_or(0, |p| p.value);
                        self.panics.truncate(chain);
                        if value == 0 && matches!(rt.kind, RKind::Pointer(_)) {
                            b"<nil>".to_vec()
                        } else {
                            let hp = self.heap.push_root(pv);
                            let arg = self.fmt_operand(self.heap.root(hp))?;
                            let mut t = format!("%!v(PANIC={} method: ", prog.method_names[m as usize]).into_bytes();
                            t.extend(format::sprint(&[arg]));
                            t.push(b')');
                            t
                        }
                    }
                    Err(fatal) => return Err(fatal),
                };
                let value = h.map_or(value, |h| self.heap.root(h));
                let inner = self.fmt_plain(value, ty, depth, can_iface);
                self.heap.truncate_roots(mark);
                let inner = inner?;
                return Ok(FmtArg {
                    type_name: inner.type_name,
                    value: FmtValue::Methods { text, inner: Box::new(inner.value) },
                });
            }
        }
        self.fmt_plain(value, ty, depth, can_iface)
    }

    /// Convert without looking at `ty`'s own methods (children still may use theirs).
    fn fmt_plain(&mut self, value: u64, ty: TypeId, depth: u32, can_iface: bool) -> Result<FmtArg, Unwind> {
        let prog = self.prog();
        let rt = &prog.types[ty.0 as usize];
        let type_name = rt.name.clone();
        let v = match &rt.kind {
            RKind::Int => FmtValue::Int(value as i64),
            RKind::Byte => FmtValue::Uint(value & 0xff),
            RKind::Rune => FmtValue::Int(value as i32 as i64),
            RKind::IntN(k) if k.signed() => FmtValue::Int(value as i64),
            RKind::IntN(_) => FmtValue::Uint(value),
            RKind::Float => FmtValue::Float(f64::from_bits(value)),
            RKind::Bool => FmtValue::Bool(value != 0),
            // SAFETY: values of string type are 0 or strings.
            RKind::String => FmtValue::Str(unsafe { heap::str_bytes(value) }.to_vec()),
            RKind::ErrorString => {
                // SAFETY: the payload of the runtime's error type is a string.
                let text = unsafe { heap::str_bytes(value) }.to_vec();
                FmtValue::Methods { text: text.clone(), inner: Box::new(FmtValue::Str(text)) }
            }
            RKind::Func => FmtValue::Func { addr: value },
            RKind::Chan(_) => FmtValue::Pointer { addr: value, target: None },
            RKind::Interface(_) => return self.fmt_value(value, ty, depth, can_iface),
            RKind::Slice(elem) => {
                if value == 0 {
                    FmtValue::Slice(None)
                } else {
                    // SAFETY: a non-nil slice header.
                    let len = unsafe { heap::slice_parts(value).2 };
                    let items = self.fmt_elements(value, *elem, len, depth, can_iface, true)?;
                    FmtValue::Slice(Some(items))
                }
            }
            RKind::Array(elem, n) => {
                FmtValue::Array(self.fmt_elements(value, *elem, *n as usize, depth, can_iface, false)?)
            }
            RKind::Struct(fields) => {
                let mark = self.heap.roots_mark();
                let h = self.heap.push_root(value);
                let mut out = Vec::with_capacity(fields.len());
                for (i, (name, fty)) in fields.iter().enumerate() {
                    // SAFETY: a struct object of this type has `fields.len()` fields.
                    let f = unsafe { heap::word(self.heap.root(h), i) };
                    let arg = self.fmt_value(f, *fty, depth + 1, can_iface && exported(name));
                    match arg {
                        Ok(a) => out.push((name.clone(), a)),
                        Err(e) => {
                            self.heap.truncate_roots(mark);
                            return Err(e);
                        }
                    }
                }
                self.heap.truncate_roots(mark);
                FmtValue::Struct(out)
            }
            RKind::Map(kt, vt) => {
                if value == 0 {
                    FmtValue::Map(None)
                } else {
                    let (kt, vt) = (*kt, *vt);
                    let key_ref = prog.types[kt.0 as usize].kind.is_ref();
                    let val_ref = prog.types[vt.0 as usize].kind.is_ref();
                    // SAFETY: a non-nil map; the entries are rooted right away.
                    let entries = unsafe { self.map_entries(value) };
                    let mark = self.heap.roots_mark();
                    let handles: Vec<_> = entries
                        .iter()
                        .map(|&(k, v)| {
                            (key_ref.then(|| self.heap.push_root(k)), val_ref.then(|| self.heap.push_root(v)))
                        })
                        .collect();
                    let mut out = Vec::with_capacity(entries.len());
                    let mut failed = None;
                    for (i, &(k, v)) in entries.iter().enumerate() {
                        let (hk, hv) = handles[i];
                        let k = hk.map_or(k, |h| self.heap.root(h));
                        let ka = match self.fmt_value(k, kt, depth + 1, can_iface) {
                            Ok(a) => a,
                            Err(e) => {
                                failed = Some(e);
                                break;
                            }
                        };
                        let v = hv.map_or(v, |h| self.heap.root(h));
                        match self.fmt_value(v, vt, depth + 1, can_iface) {
                            Ok(va) => out.push((ka, va)),
                            Err(e) => {
                                failed = Some(e);
                                break;
                            }
                        }
                    }
                    self.heap.truncate_roots(mark);
                    if let Some(e) = failed {
                        return Err(e);
                    }
                    FmtValue::Map(Some(out))
                }
            }
            RKind::Pointer(t) => {
                let target = if value != 0 && depth == 0 {
                    match &prog.types[t.0 as usize].kind {
                        RKind::Struct(_) | RKind::Array(..) => Some(self.fmt_value(value, *t, depth + 1, can_iface)?),
                        RKind::Slice(_) | RKind::Map(..) => {
                            // SAFETY: a pointer to a slice or map is a box.
                            let inner = unsafe { heap::load(value, heap::layout::BOX_VALUE) };
                            Some(self.fmt_value(inner, *t, depth + 1, can_iface)?)
                        }
                        _ => None,
                    }
                } else {
                    None
                };
                FmtValue::Pointer { addr: value, target: target.map(Box::new) }
            }
        };
        Ok(FmtArg { type_name, value: v })
    }

    /// Elements `0..n` of a slice (header `obj`) or an array object `obj`.
    fn fmt_elements(
        &mut self,
        obj: GcRef,
        elem: TypeId,
        n: usize,
        depth: u32,
        can_iface: bool,
        is_slice: bool,
    ) -> Result<Vec<FmtArg>, Unwind> {
        let mark = self.heap.roots_mark();
        let h = self.heap.push_root(obj);
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let obj = self.heap.root(h);
            // SAFETY: a live slice (its array has `off + n` elements) or array of `n`.
            let e = unsafe {
                if is_slice {
                    let (arr, off, _, _) = heap::slice_parts(obj);
                    heap::word(arr, off + i)
                } else {
                    heap::word(obj, i)
                }
            };
            match self.fmt_value(e, elem, depth + 1, can_iface) {
                Ok(a) => out.push(a),
                Err(err) => {
                    self.heap.truncate_roots(mark);
                    return Err(err);
                }
            }
        }
        self.heap.truncate_roots(mark);
        Ok(out)
    }
}
