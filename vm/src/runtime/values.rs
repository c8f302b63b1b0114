//! Zero values, boxes, deep copies of aggregates, and closures.
//!
//! Structs and arrays are references to storage objects whose nested struct and array
//! components are objects of their own (allocated with the parent, never nil). Value
//! semantics are kept by copying: `Clone` makes a deep copy, `CopyInto` overwrites an
//! existing object in place. Pointer fields are not followed (they are references).

use crate::bytecode::{FuncId, Instr, RKind, TypeId};
use crate::heap::{self, GcRef, Heap, ObjKind};
use crate::interp::{is_aggregate, Unwind, Vm};
use crate::runtime::slices::Fault;
use crate::runtime::Regs;

/// `GetField`: field `i` of the struct `obj` points to.
///
/// # Safety
/// `obj` must be 0 or a live struct object with more than `i` fields.
#[inline(always)]
pub(crate) unsafe fn get_field(obj: GcRef, i: usize) -> Result<u64, Fault> {
    if obj == 0 {
        return Err(Fault::Nil);
    }
    // SAFETY: forwarded to the caller; not nil.
    Ok(unsafe { heap::word(obj, i) })
}

/// `SetField` (`barrier` false) and `SetFieldR` (true: `v` is a reference, followed by
/// the write barrier): field `i` of the struct `obj` points to = `v`.
///
/// # Safety
/// `obj` must be 0 or a live struct object with more than `i` fields (`v` a live
/// reference or 0 if `barrier`).
#[inline(always)]
pub(crate) unsafe fn set_field(heap: &mut Heap, obj: GcRef, i: usize, v: u64, barrier: bool) -> Result<(), Fault> {
    if obj == 0 {
        return Err(Fault::Nil);
    }
    // SAFETY: forwarded to the caller; not nil.
    unsafe {
        heap::set_word(obj, i, v);
        if barrier {
            heap.write_barrier(obj, v);
        }
    }
    Ok(())
}

/// `BoxGet`: the value box `b` holds (`*p` for a pointer to a scalar).
///
/// # Safety
/// `b` must be 0 or a live box.
#[inline(always)]
pub(crate) unsafe fn box_get(b: GcRef) -> Result<u64, Fault> {
    if b == 0 {
        return Err(Fault::Nil);
    }
    // SAFETY: forwarded to the caller; not nil.
    Ok(unsafe { heap::load(b, heap::layout::BOX_VALUE) })
}

/// `BoxSet` (`barrier` false) and `BoxSetR` (true: `v` is a reference, followed by the
/// write barrier): the value box `b` holds = `v`.
///
/// # Safety
/// `b` must be 0 or a live box (`v` a live reference or 0 if `barrier`).
#[inline(always)]
pub(crate) unsafe fn box_set(heap: &mut Heap, b: GcRef, v: u64, barrier: bool) -> Result<(), Fault> {
    if b == 0 {
        return Err(Fault::Nil);
    }
    // SAFETY: forwarded to the caller; not nil.
    unsafe {
        heap::store(b, heap::layout::BOX_VALUE, v);
        if barrier {
            heap.write_barrier(b, v);
        }
    }
    Ok(())
}

impl Vm {
    /// `LoadCapture`: capture `i` of the running frame's closure.
    ///
    /// # Safety
    /// A frame runs, its closure has more than `i` captures (verified).
    #[inline(always)]
    pub(crate) unsafe fn load_capture(&self, i: u16) -> u64 {
        // SAFETY: forwarded to the caller.
        unsafe { heap::word(self.frames.last().unwrap_unchecked().closure, i as usize) }
    }

    /// The interned closure of capture-less function `f` (`LoadFunc`), or 0 before its
    /// first use (then [`Vm::op_load_func`] makes it).
    ///
    /// # Safety
    /// `f` must be a verified function id.
    #[inline(always)]
    pub(crate) unsafe fn interned_func(&self, f: u16) -> GcRef {
        // SAFETY: forwarded to the caller: one entry per function.
        unsafe { *self.func_closures.get_unchecked(f as usize) }
    }

    fn type_is_aggregate(&self, ty: TypeId) -> bool {
        self.prog().types.get(ty.0 as usize).is_some_and(|t| is_aggregate(&t.kind))
    }

    /// A new zero value of struct or array type `ty`, nested aggregates included.
    pub(crate) fn alloc_zero_aggregate(&mut self, ty: TypeId) -> Result<GcRef, Unwind> {
        let prog = self.prog();
        let (obj, parts): (GcRef, Vec<(usize, TypeId)>) = match &prog.types[ty.0 as usize].kind {
            RKind::Struct(fields) => {
                let n = fields.len();
                let obj = self.alloc_object(ObjKind::Struct, ty.0, n as u32, n)?;
                let nested = fields
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, t))| self.type_is_aggregate(*t))
                    .map(|(i, (_, t))| (i, *t))
                    .collect();
                (obj, nested)
            }
            RKind::Array(elem, n) => {
                let obj = self.alloc_array(*elem, *n as usize)?;
                let nested = if self.type_is_aggregate(*elem) {
                    (0..*n as usize).map(|i| (i, *elem)).collect()
                } else {
                    Vec::new()
                };
                (obj, nested)
            }
            _ => return Err(self.internal_error(format!("zero aggregate of type {}", prog.types[ty.0 as usize].name))),
        };
        if parts.is_empty() {
            return Ok(obj);
        }
        let mark = self.heap.roots_mark();
        let h = self.heap.push_root(obj);
        for (i, t) in parts {
            let child = self.alloc_zero_aggregate(t)?;
            let obj = self.heap.root(h);
            // SAFETY: `obj` is live and has more than `i` payload words.
            unsafe {
                heap::set_word(obj, i, child);
                self.heap.write_barrier(obj, child);
            }
        }
        let obj = self.heap.root(h);
        self.heap.truncate_roots(mark);
        Ok(obj)
    }

    /// The zero value of any type: 0, or a new object for aggregates.
    pub(crate) fn zero_value(&mut self, ty: TypeId) -> Result<u64, Unwind> {
        if self.type_is_aggregate(ty) {
            self.alloc_zero_aggregate(ty)
        } else {
            Ok(0)
        }
    }

    /// A new box of type `elem` holding the zero value.
    fn alloc_zero_box(&mut self, elem: TypeId) -> Result<GcRef, Unwind> {
        let z = self.zero_value(elem)?;
        let mark = self.heap.roots_mark();
        let h = self.heap.push_root(z);
        let b = self.alloc_object(ObjKind::Box, elem.0, 1, 1)?;
        let z = self.heap.root(h);
        self.heap.truncate_roots(mark);
        // SAFETY: a fresh box.
        unsafe { heap::store(b, heap::layout::BOX_VALUE, z) };
        Ok(b)
    }

    /// `New a, b`: a struct or array type allocates the zero object; a pointer type
    /// `*T` allocates what `new(T)` points to (the object for aggregates, else a box);
    /// any other type `T` allocates a box holding T's zero value.
    #[inline(never)]
    pub(crate) fn op_new(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let ty = TypeId(ins.b as u32);
        let obj = match self.prog().types[ty.0 as usize].kind {
            RKind::Struct(_) | RKind::Array(..) => self.alloc_zero_aggregate(ty)?,
            RKind::Pointer(t) if self.type_is_aggregate(t) => self.alloc_zero_aggregate(t)?,
            RKind::Pointer(t) => self.alloc_zero_box(t)?,
            _ => self.alloc_zero_box(ty)?,
        };
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, obj) };
        Ok(())
    }

    /// `BoxNew a, b, c`: a box of pointer type `c` holding `[b]`.
    #[inline(never)]
    pub(crate) fn op_box_new(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let elem = match self.prog().types[ins.c as usize].kind {
            RKind::Pointer(t) => t,
            _ => TypeId(ins.c as u32),
        };
        let b = self.alloc_object(ObjKind::Box, elem.0, 1, 1)?;
        // SAFETY: verified registers, read after the allocation; a fresh box.
        unsafe {
            let v = regs.get(ins.b);
            heap::store(b, heap::layout::BOX_VALUE, v);
            regs.set(ins.a, b);
        }
        Ok(())
    }

    /// Which payload words of aggregate `obj` are nested aggregates, and its shape.
    fn aggregate_shape(&self, obj: GcRef) -> (ObjKind, u32, usize, Vec<usize>) {
        let prog = self.prog();
        // SAFETY: `obj` is a live struct or array object.
        let (kind, aux, n) = unsafe { (heap::obj_kind(obj), heap::obj_aux(obj), heap::obj_len(obj)) };
        match kind {
            Some(ObjKind::Struct) => {
                let nested = match prog.types.get(aux as usize).map(|t| &t.kind) {
                    Some(RKind::Struct(fields)) => fields
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, t))| self.type_is_aggregate(*t))
                        .map(|(i, _)| i)
                        .collect(),
                    _ => Vec::new(),
                };
                (ObjKind::Struct, aux, n, nested)
            }
            _ => {
                let nested = if self.type_is_aggregate(TypeId(aux)) { (0..n).collect() } else { Vec::new() };
                (ObjKind::Array, aux, n, nested)
            }
        }
    }

    /// A deep copy of struct or array object `src`.
    pub(crate) fn clone_aggregate(&mut self, src: GcRef) -> Result<GcRef, Unwind> {
        let (kind, aux, n, nested) = self.aggregate_shape(src);
        let mark = self.heap.roots_mark();
        let hs = self.heap.push_root(src);
        let dst = self.alloc_object(kind, aux, n as u32, n)?;
        let src = self.heap.root(hs);
        // SAFETY: both objects have `n` payload words and are distinct.
        unsafe { std::ptr::copy_nonoverlapping(heap::payload_ptr(src), heap::payload_ptr(dst), n) };
        let mut dst = dst;
        if !nested.is_empty() {
            let hd = self.heap.push_root(dst);
            for i in nested {
                // SAFETY: `src` has more than `i` words.
                let child = unsafe { heap::word(self.heap.root(hs), i) };
                let copy = if child == 0 { 0 } else { self.clone_aggregate(child)? };
                let dst = self.heap.root(hd);
                // SAFETY: `dst` is live and has more than `i` words.
                unsafe {
                    heap::set_word(dst, i, copy);
                    self.heap.write_barrier(dst, copy);
                }
            }
            dst = self.heap.root(hd);
        }
        self.heap.truncate_roots(mark);
        Ok(dst)
    }

    /// Overwrite aggregate `dst` with the contents of `src`, in place and deep.
    pub(crate) fn copy_aggregate_into(&mut self, dst: GcRef, src: GcRef) {
        if dst == src {
            return;
        }
        let (_, _, n, nested) = self.aggregate_shape(dst);
        let mut next_nested = nested.iter().peekable();
        for i in 0..n {
            // SAFETY: both objects have `n` payload words (same static type).
            unsafe {
                let s = heap::word(src, i);
                if next_nested.peek() == Some(&&i) {
                    next_nested.next();
                    let d = heap::word(dst, i);
                    if d != 0 && s != 0 {
                        self.copy_aggregate_into(d, s);
                        continue;
                    }
                }
                heap::set_word(dst, i, s);
                self.heap.write_barrier(dst, s);
            }
        }
    }

    /// `Clone a, b`.
    #[inline(never)]
    pub(crate) fn op_clone(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified register holding 0 or an aggregate.
        let src = unsafe { regs.get(ins.b) };
        if src == 0 {
            return Err(self.panic_nil());
        }
        let c = self.clone_aggregate(src)?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, c) };
        Ok(())
    }

    /// `CopyInto a, b`.
    #[inline(never)]
    pub(crate) fn op_copy_into(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers holding 0 or aggregates.
        let (dst, src) = unsafe { (regs.get(ins.a), regs.get(ins.b)) };
        if dst == 0 || src == 0 {
            return Err(self.panic_nil());
        }
        self.copy_aggregate_into(dst, src);
        Ok(())
    }

    /// `MakeClosure a, b, c`.
    #[inline(never)]
    pub(crate) fn op_make_closure(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let n = self.funcs[ins.b as usize].capture_count as usize;
        let clo = self.alloc_closure(FuncId(ins.b as u32), n)?;
        for i in 0..n {
            // SAFETY: `c + i` was verified for `i < captures(b)`; a fresh closure.
            unsafe { heap::set_word(clo, i, regs.get(ins.c + i as u16)) };
        }
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, clo) };
        Ok(())
    }

    /// `LoadFunc a, b`: the interned capture-less closure of function `b`, created on
    /// first use. (The dispatch loop reads an existing one inline with
    /// [`Vm::interned_func`] and calls this only on first use.)
    #[cold]
    #[inline(never)]
    pub(crate) fn op_load_func(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let mut clo = self.func_closures[ins.b as usize];
        if clo == 0 {
            clo = self.alloc_closure(FuncId(ins.b as u32), 0)?;
            self.func_closures[ins.b as usize] = clo;
        }
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, clo) };
        Ok(())
    }
}
