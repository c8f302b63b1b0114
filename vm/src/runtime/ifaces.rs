//! Interfaces: boxing values, dynamic type checks and assertions, method lookup, and
//! Go's `==` on interfaces and aggregates.
//!
//! An interface value is a reference to an `Iface` object `(dynamic TypeId, payload)`,
//! or 0 for a nil interface. The payload is the value's one-slot representation, so an
//! interface holding a struct holds a reference to a struct object (the code generator
//! copies it first, for value semantics). Type ids are canonical (the code generator
//! interns runtime types), so "same dynamic type" is id equality.

use crate::bytecode::{FuncId, Instr, Program, RKind, TypeId};
use crate::heap::{self, GcRef};
use crate::interp::{Unwind, Vm};
use crate::runtime::Regs;

/// The method with name id `name` of type `ty` (binary search of `RType::methods`).
#[inline]
pub(crate) fn find_method(program: &Program, ty: u32, name: u32) -> Option<FuncId> {
    let methods = &program.types.get(ty as usize)?.methods;
    methods.binary_search_by_key(&name, |&(n, _)| n).ok().map(|i| methods[i].1)
}

/// Whether type `ty` has every method of interface type `iface`; `Err(name)` gives the
/// missing method Go reports (the first in name order).
pub(crate) fn implements(program: &Program, ty: u32, iface: &[u32]) -> Result<(), String> {
    let methods = &program.types[ty as usize].methods;
    let mut missing: Option<&str> = None;
    for &m in iface {
        if methods.binary_search_by_key(&m, |&(n, _)| n).is_err() {
            let name = program.method_names[m as usize].as_str();
            if missing.is_none_or(|cur| name < cur) {
                missing = Some(name);
            }
        }
    }
    match missing {
        None => Ok(()),
        Some(name) => Err(name.to_string()),
    }
}

/// Whether `==` is defined on values of type `ty` (Go's comparable types).
pub(crate) fn comparable(program: &Program, ty: TypeId) -> bool {
    match &program.types[ty.0 as usize].kind {
        RKind::Slice(_) | RKind::Map(..) | RKind::Func => false,
        RKind::Array(e, _) => comparable(program, *e),
        RKind::Struct(fields) => fields.iter().all(|(_, t)| comparable(program, *t)),
        _ => true,
    }
}

/// The dynamic type id and payload of non-nil interface `i`.
///
/// # Safety
/// `i` must be a live `Iface` object.
#[inline]
pub(crate) unsafe fn iface_parts(i: GcRef) -> (u32, u64) {
    // SAFETY: forwarded to the caller.
    unsafe { (heap::load(i, heap::layout::IFACE_TYPE) as u32, heap::load(i, heap::layout::IFACE_DATA)) }
}

/// `IfaceData`: the payload of interface `i` (nil: 0; the type was checked before).
///
/// # Safety
/// `i` must be 0 or a live `Iface` object.
#[inline(always)]
pub(crate) unsafe fn iface_data(i: GcRef) -> u64 {
    if i == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller.
    unsafe { heap::load(i, heap::layout::IFACE_DATA) }
}

impl Vm {
    /// `ToIface a, b, c`: box `[b]` as an interface of dynamic type `c`. An interface
    /// type `c` (an interface-to-interface conversion) is the identity.
    #[inline(never)]
    pub(crate) fn op_to_iface(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let prog = self.prog();
        // SAFETY: verified registers.
        unsafe {
            if matches!(prog.types[ins.c as usize].kind, RKind::Interface(_)) {
                regs.set(ins.a, regs.get(ins.b));
                return Ok(());
            }
            let i = self.alloc_iface(TypeId(ins.c as u32))?;
            let v = regs.get(ins.b);
            heap::store(i, heap::layout::IFACE_DATA, v);
            regs.set(ins.a, i);
        }
        Ok(())
    }

    /// Whether non-nil interface `v` satisfies target type `target` (concrete: same
    /// dynamic type; interface: implements it).
    fn iface_matches(&self, v: GcRef, target: u32) -> bool {
        let prog = self.prog();
        // SAFETY: a non-nil interface object.
        let (ty, _) = unsafe { iface_parts(v) };
        match &prog.types[target as usize].kind {
            RKind::Interface(ms) => implements(prog, ty, ms).is_ok(),
            _ => ty == target,
        }
    }

    /// `IfaceIs a, b, c`.
    #[inline(never)]
    pub(crate) fn op_iface_is(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers; `[b]` is 0 or an interface.
        unsafe {
            let v = regs.get(ins.b);
            let ok = v != 0 && self.iface_matches(v, ins.c as u32);
            regs.set(ins.a, ok as u64);
        }
    }

    /// The result of a successful assertion of `v` to `target`.
    fn asserted(&self, v: GcRef, target: u32) -> u64 {
        if matches!(self.prog().types[target as usize].kind, RKind::Interface(_)) {
            v
        } else {
            // SAFETY: a non-nil interface object.
            unsafe { iface_parts(v).1 }
        }
    }

    /// `Assert a, b, c` + `Ext(static interface type)`.
    #[inline(never)]
    pub(crate) fn op_assert(&mut self, regs: Regs, ins: Instr, ext: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers; `[b]` is 0 or an interface.
        let v = unsafe { regs.get(ins.b) };
        let target = ins.c as u32;
        if v != 0 && self.iface_matches(v, target) {
            let r = self.asserted(v, target);
            // SAFETY: verified register.
            unsafe { regs.set(ins.a, r) };
            return Ok(());
        }
        let prog = self.prog();
        let want = &prog.types[target as usize];
        let static_name = prog.types.get(ext.a as usize).map_or("interface", |t| t.name.as_str());
        let msg = match (&want.kind, v) {
            (RKind::Interface(_), 0) => format!("interface conversion: interface is nil, not {}", want.name),
            (RKind::Interface(ms), _) => {
                // SAFETY: a non-nil interface object.
                let (ty, _) = unsafe { iface_parts(v) };
                let missing = implements(prog, ty, ms).err().unwrap_or_default();
                format!(
                    "interface conversion: {} is not {}: missing method {missing}",
                    prog.types[ty as usize].name, want.name
                )
            }
            (_, 0) => format!("interface conversion: {static_name} is nil, not {}", want.name),
            _ => {
                // SAFETY: a non-nil interface object.
                let (ty, _) = unsafe { iface_parts(v) };
                format!("interface conversion: {static_name} is {}, not {}", prog.types[ty as usize].name, want.name)
            }
        };
        Err(self.panic_message(&msg, false))
    }

    /// `Assert2 a, b, c`: the comma-ok form.
    #[inline(never)]
    pub(crate) fn op_assert2(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers (`a + 1` too); `[b]` is 0 or an interface.
        unsafe {
            let v = regs.get(ins.b);
            if v != 0 && self.iface_matches(v, ins.c as u32) {
                regs.set(ins.a, self.asserted(v, ins.c as u32));
                regs.set(ins.a + 1, 1);
            } else {
                regs.set(ins.a, 0);
                regs.set(ins.a + 1, 0);
            }
        }
    }

    /// `EqIface a, b, c`.
    #[inline(never)]
    pub(crate) fn op_eq_iface(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers holding 0 or interfaces.
        let (x, y) = unsafe { (regs.get(ins.b), regs.get(ins.c)) };
        let eq = self.iface_equal(x, y)?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, eq as u64) };
        Ok(())
    }

    /// `EqAgg a, b, c`.
    #[inline(never)]
    pub(crate) fn op_eq_agg(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers holding struct or array objects.
        let (x, y) = unsafe { (regs.get(ins.b), regs.get(ins.c)) };
        let eq = self.aggregate_equal(x, y)?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, eq as u64) };
        Ok(())
    }

    /// Go's `==` on two interface values (no allocation unless it panics).
    pub(crate) fn iface_equal(&mut self, x: GcRef, y: GcRef) -> Result<bool, Unwind> {
        if x == 0 || y == 0 {
            return Ok(x == y);
        }
        if self.machine_stack_low() {
            // nesting through interfaces is unbounded (`x = [1]any{x}`)
            return Err(self.stack_overflow());
        }
        // SAFETY: non-nil interface objects.
        let ((tx, px), (ty, py)) = unsafe { (iface_parts(x), iface_parts(y)) };
        if tx != ty {
            return Ok(false);
        }
        let prog = self.prog();
        if !comparable(prog, TypeId(tx)) {
            let msg = format!("comparing uncomparable type {}", prog.types[tx as usize].name);
            return Err(self.panic_runtime(&msg));
        }
        self.values_equal(TypeId(tx), px, py)
    }

    /// Go's `==` on two values of (comparable) type `ty`.
    pub(crate) fn values_equal(&mut self, ty: TypeId, a: u64, b: u64) -> Result<bool, Unwind> {
        let prog = self.prog();
        Ok(match &prog.types[ty.0 as usize].kind {
            RKind::Float => f64::from_bits(a) == f64::from_bits(b),
            // SAFETY: values of string type are 0 or strings.
            RKind::String => unsafe { crate::runtime::strings::str_eq(a, b) },
            RKind::Interface(_) => self.iface_equal(a, b)?,
            RKind::Struct(fields) => {
                if a == b {
                    return Ok(true);
                }
                for (i, (_, fty)) in fields.iter().enumerate() {
                    // SAFETY: struct objects of this type have `fields.len()` fields.
                    let (fa, fb) = unsafe { (heap::word(a, i), heap::word(b, i)) };
                    if !self.values_equal(*fty, fa, fb)? {
                        return Ok(false);
                    }
                }
                true
            }
            RKind::Array(elem, n) => {
                for i in 0..*n as usize {
                    // SAFETY: array objects of this type have `n` elements.
                    let (ea, eb) = unsafe { (heap::word(a, i), heap::word(b, i)) };
                    if !self.values_equal(*elem, ea, eb)? {
                        return Ok(false);
                    }
                }
                true
            }
            RKind::Slice(_) | RKind::Map(..) | RKind::Func => {
                let msg = format!("comparing uncomparable type {}", prog.types[ty.0 as usize].name);
                return Err(self.panic_runtime(&msg));
            }
            _ => a == b,
        })
    }

    /// `==` on two struct or array objects, typed by their headers.
    pub(crate) fn aggregate_equal(&mut self, x: GcRef, y: GcRef) -> Result<bool, Unwind> {
        if x == 0 || y == 0 {
            return Ok(x == y);
        }
        // SAFETY: aggregate objects.
        let (kind, aux, n) = unsafe { (heap::obj_kind(x), heap::obj_aux(x), heap::obj_len(x)) };
        match kind {
            Some(heap::ObjKind::Struct) => self.values_equal(TypeId(aux), x, y),
            Some(heap::ObjKind::Array) => {
                for i in 0..n {
                    // SAFETY: both arrays have `n` elements (same static type).
                    let (a, b) = unsafe { (heap::word(x, i), heap::word(y, i)) };
                    if !self.values_equal(TypeId(aux), a, b)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Err(self.internal_error("EqAgg on a non-aggregate".into())),
        }
    }
}
