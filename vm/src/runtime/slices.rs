//! Slices: make, reslice, append with Go 1.19's capacity growth, copy.
//!
//! A slice is an immutable header `(array, offset, len, cap)` over an `Array` object
//! holding one word per element. Every operation that changes a slice makes a new
//! header. Capacities follow Go 1.19 exactly (`growslice` plus the malloc size classes
//! of `roundupsize`, in bytes of the element's Go size), so `cap()` prints what Go
//! prints.
//!
//! Elements of aggregate type (structs, arrays) are references to their own storage
//! objects. Go copies such elements by value, so wherever Go copies elements (append of
//! a slice, copy, growing into a new array) the objects are deep-copied, and unused
//! capacity is filled with zero-value objects so that reslicing up to `cap` exposes
//! zero values as in Go. `Append` stores the element it is given: for aggregates the
//! code generator passes a fresh copy.
//!
//! `[]byte(s)` gets `roundupsize(len)` capacity, which is what Go gives a result that
//! escapes to the heap; Go gives a non-escaping small result a 32-byte stack buffer and
//! a constant string an exact fit, which the VM cannot know.
//!
//! Known difference: `append(s, a, b, c)` compiled as three `Append`s grows one element
//! at a time, where Go grows once to `len + 3` (the capacities can differ); the code
//! generator can emit an `AppendSlice` of a temporary slice to match Go.

use crate::bytecode::{Instr, Op, RKind, TypeId};
use crate::heap::{self, GcRef, Heap};
use crate::interp::{is_aggregate, Unwind, Vm};
use crate::runtime::Regs;

/// Go 1.19's `class_to_size` (runtime/sizeclasses.go).
const CLASS_TO_SIZE: [u16; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448,
    480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096,
    4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072,
    20480, 21760, 24576, 27264, 28672, 32768,
];
const MAX_SMALL_SIZE: u64 = 32768;
const PAGE_SIZE: u64 = 8192;
/// Go's `maxAlloc` on linux/amd64.
pub const MAX_ALLOC: u64 = 1 << 48;

/// Go's `roundupsize`: the size of the malloc block a request of `size` bytes gets.
pub fn roundupsize(size: u64) -> u64 {
    if size < MAX_SMALL_SIZE {
        // The smallest class that fits (the same result as Go's two lookup tables).
        let i = CLASS_TO_SIZE.partition_point(|&c| (c as u64) < size);
        return CLASS_TO_SIZE[i] as u64;
    }
    if size.checked_add(PAGE_SIZE).is_none() {
        return size;
    }
    size.div_ceil(PAGE_SIZE) * PAGE_SIZE
}

/// The new capacity Go 1.19's `growslice` picks for a slice of capacity `old_cap`
/// that must hold `needed` elements of `elem_size` bytes.
pub fn grow_capacity(old_cap: u64, needed: u64, elem_size: u64) -> u64 {
    if elem_size == 0 {
        return needed;
    }
    let mut newcap = old_cap;
    let doublecap = newcap + newcap;
    if needed > doublecap {
        newcap = needed;
    } else {
        const THRESHOLD: u64 = 256;
        if old_cap < THRESHOLD {
            newcap = doublecap;
        } else {
            while newcap < needed {
                newcap += (newcap + 3 * THRESHOLD) / 4;
            }
        }
    }
    let capmem = roundupsize(newcap.saturating_mul(elem_size));
    capmem / elem_size
}

/// A failed check of an inline operation (an element access, a field or box access,
/// a division, a shift): the error of the small op functions the dispatch loop and
/// `Vm::exec_op` share (here, in `strings`, `values` and `arith`). The caller stores its
/// resume pc first (a panic's trace names the instruction), then raises it with
/// [`Vm::raise`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// A nil dereference.
    Nil,
    /// Index `.0` out of range for length `.1`.
    Index(i64, usize),
    /// Integer division (or remainder) by zero.
    Divide,
    /// A negative shift amount.
    Shift,
}

/// The slot of element `i` of array `arr`, after Go's nil and bounds checks (the
/// address is valid until the next allocation).
///
/// # Safety
/// `arr` must be 0 or a live array object.
#[inline(always)]
pub(crate) unsafe fn array_elem(arr: GcRef, i: u64) -> Result<*mut u64, Fault> {
    if arr == 0 {
        return Err(Fault::Nil);
    }
    // SAFETY: a live array (caller); `i` is checked against its length.
    unsafe {
        let n = heap::obj_len(arr);
        if i >= n as u64 {
            return Err(Fault::Index(i as i64, n));
        }
        Ok(heap::payload_ptr(arr).add(i as usize))
    }
}

/// The backing array of slice `s` and the slot of its element `i`, after Go's bounds
/// check (a nil slice has length 0).
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub(crate) unsafe fn slice_elem(s: GcRef, i: u64) -> Result<(GcRef, *mut u64), Fault> {
    // SAFETY: a live slice header (caller); `i` is checked against its length, and
    // `off + len <= cap` holds for every header.
    unsafe {
        let (arr, off, len, _) = heap::slice_parts(s);
        if i >= len as u64 {
            return Err(Fault::Index(i as i64, len));
        }
        Ok((arr, heap::payload_ptr(arr).add(off + i as usize)))
    }
}

/// `ArrayGet`: element `i` of array `arr`.
///
/// # Safety
/// `arr` must be 0 or a live array object.
#[inline(always)]
pub(crate) unsafe fn array_get(arr: GcRef, i: u64) -> Result<u64, Fault> {
    // SAFETY: forwarded to the caller; the slot is read before anything allocates.
    unsafe { array_elem(arr, i).map(|p| *p) }
}

/// `ArraySet` (`barrier` false) and `ArraySetR` (true: `v` is a reference, followed by
/// the write barrier): element `i` of array `arr` = `v`.
///
/// # Safety
/// `arr` must be 0 or a live array object (`v` a live reference or 0 if `barrier`).
#[inline(always)]
pub(crate) unsafe fn array_set(heap: &mut Heap, arr: GcRef, i: u64, v: u64, barrier: bool) -> Result<(), Fault> {
    // SAFETY: forwarded to the caller; the slot is written before anything allocates.
    unsafe {
        *array_elem(arr, i)? = v;
        if barrier {
            heap.write_barrier(arr, v);
        }
    }
    Ok(())
}

/// `SliceGet`: element `i` of slice `s`.
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub(crate) unsafe fn slice_get(s: GcRef, i: u64) -> Result<u64, Fault> {
    // SAFETY: forwarded to the caller; the slot is read before anything allocates.
    unsafe { slice_elem(s, i).map(|(_, p)| *p) }
}

/// `SliceSet` (`barrier` false) and `SliceSetR` (true: `v` is a reference, followed by
/// the write barrier on the backing array): element `i` of slice `s` = `v`.
///
/// # Safety
/// `s` must be 0 or a live slice header (`v` a live reference or 0 if `barrier`).
#[inline(always)]
pub(crate) unsafe fn slice_set(heap: &mut Heap, s: GcRef, i: u64, v: u64, barrier: bool) -> Result<(), Fault> {
    // SAFETY: forwarded to the caller; the slot is written before anything allocates.
    unsafe {
        let (arr, p) = slice_elem(s, i)?;
        *p = v;
        if barrier {
            heap.write_barrier(arr, v);
        }
    }
    Ok(())
}

/// `SliceLen`: `len(s)` (nil: 0).
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub(crate) unsafe fn slice_len(s: GcRef) -> u64 {
    if s == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller.
    unsafe { heap::load(s, heap::layout::SLICE_LEN) }
}

/// `SliceCap`: `cap(s)` (nil: 0).
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub(crate) unsafe fn slice_cap(s: GcRef) -> u64 {
    if s == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller.
    unsafe { heap::load(s, heap::layout::SLICE_CAP) }
}

impl Vm {
    /// Go's panic for a failed check of an inline operation. Inlined so that a caller
    /// whose fault is known calls its (cold, out-of-line) panic directly, with no
    /// `Fault` in memory.
    #[inline(always)]
    pub(crate) fn raise(&mut self, f: Fault) -> Unwind {
        match f {
            Fault::Nil => self.panic_nil(),
            Fault::Index(i, n) => self.panic_index(i, n),
            Fault::Divide => self.panic_divide(),
            Fault::Shift => self.panic_shift(),
        }
    }

    /// Go's size of an element type (the untyped scalar elements of `[]byte(s)` in a
    /// program without a `uint8` type are bytes).
    fn go_size(&self, elem: TypeId) -> u64 {
        if elem.0 == heap::layout::AUX_SCALAR_ELEMS {
            return 1;
        }
        self.prog().types.get(elem.0 as usize).map_or(8, |t| t.go_size as u64)
    }

    fn elem_is_aggregate(&self, elem: TypeId) -> bool {
        self.prog().types.get(elem.0 as usize).is_some_and(|t| is_aggregate(&t.kind))
    }

    /// Fill `arr[from..to]` with zero values of the aggregate element type `elem`.
    /// `arr` is the root `h` (re-read after each allocation).
    fn fill_zero_aggregates(
        &mut self,
        h: heap::RootHandle,
        elem: TypeId,
        from: usize,
        to: usize,
    ) -> Result<(), Unwind> {
        for i in from..to {
            let z = self.alloc_zero_aggregate(elem)?;
            let arr = self.heap.root(h);
            // SAFETY: `arr` is a live array of at least `to` elements.
            unsafe {
                heap::set_word(arr, i, z);
                self.heap.write_barrier(arr, z);
            }
        }
        Ok(())
    }

    /// A new array of `cap` elements of type `elem`, whose first `len` elements are
    /// copied from `src[off .. off + len]` (deep copies for aggregates) and whose rest
    /// is zero. `src` is the root `src_root` (0 allowed when `len == 0`). Returns the
    /// array as a new root handle (the caller truncates).
    fn grown_array(
        &mut self,
        elem: TypeId,
        src_root: heap::RootHandle,
        off: usize,
        len: usize,
        cap: usize,
        fill_from: usize,
    ) -> Result<heap::RootHandle, Unwind> {
        let arr = self.alloc_array(elem, cap)?;
        let h = self.heap.push_root(arr);
        if self.elem_is_aggregate(elem) {
            for i in 0..len {
                let src = self.heap.root(src_root);
                // SAFETY: `src` is a live array with more than `off + i` elements.
                let e = unsafe { heap::word(src, off + i) };
                let c = if e == 0 { 0 } else { self.clone_aggregate(e)? };
                let arr = self.heap.root(h);
                // SAFETY: `arr` is a live array with `cap > i` elements.
                unsafe {
                    heap::set_word(arr, i, c);
                    self.heap.write_barrier(arr, c);
                }
            }
            self.fill_zero_aggregates(h, elem, fill_from, cap)?;
        } else if len > 0 {
            let src = self.heap.root(src_root);
            // SAFETY: both arrays are live, `src` has `off + len` elements, `arr` has
            // `cap >= len`; distinct objects, so no overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(heap::payload_ptr(src).add(off), heap::payload_ptr(arr), len);
            }
        }
        Ok(h)
    }

    /// A new slice header for the array in root `h`.
    fn new_slice(
        &mut self,
        elem: TypeId,
        h: heap::RootHandle,
        off: usize,
        len: usize,
        cap: usize,
    ) -> Result<GcRef, Unwind> {
        let hdr = self.alloc_slice(elem)?;
        let arr = self.heap.root(h);
        // SAFETY: `hdr` is a fresh slice header.
        unsafe { heap::init_slice(hdr, arr, off, len, cap) };
        Ok(hdr)
    }

    /// `MakeSlice a, b, c`: `make([]T, [c], [c+1])`.
    #[inline(never)]
    pub(crate) fn op_make_slice(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let prog = self.prog();
        let RKind::Slice(elem) = prog.types[ins.b as usize].kind else {
            return Err(self.internal_error(format!("MakeSlice of non-slice type {}", prog.types[ins.b as usize].name)));
        };
        // SAFETY: verified registers (`c + 1` too).
        let (len, cap_raw) = unsafe { (regs.get(ins.c) as i64, regs.get(ins.c + 1) as i64) };
        let cap = if cap_raw == -1 { len } else { cap_raw };
        let size = self.go_size(elem);
        let mem_ok = |n: i64| n >= 0 && (n as u64).checked_mul(size).is_some_and(|m| m <= MAX_ALLOC);
        if !mem_ok(cap) || len > cap {
            if !mem_ok(len) {
                return Err(self.panic_runtime("makeslice: len out of range"));
            }
            return Err(self.panic_runtime("makeslice: cap out of range"));
        }
        let (len, cap) = (len as usize, cap as usize);
        let mark = self.heap.roots_mark();
        let h = self.grown_array(elem, heap::RootHandle::NONE, 0, 0, cap, 0)?;
        let hdr = self.new_slice(elem, h, 0, len, cap)?;
        self.heap.truncate_roots(mark);
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, hdr) };
        Ok(())
    }

    /// `SliceSlice a, b, c` + `Ext(is_array)`: `[a] = [b][[c]:[c+1]:[c+2]]`.
    #[inline(never)]
    pub(crate) fn op_slice_slice(&mut self, regs: Regs, ins: Instr, ext: Instr) -> Result<(), Unwind> {
        let is_array = ext.a == 1;
        // SAFETY: verified registers (`c + 2` too); `[b]` is an array object or a slice.
        let (src, lo, hi_raw, max_raw) = unsafe {
            (regs.get(ins.b), regs.get(ins.c) as i64, regs.get(ins.c + 1) as i64, regs.get(ins.c + 2) as i64)
        };
        let (elem, off, len, cap) = if is_array {
            if src == 0 {
                return Err(self.panic_nil());
            }
            // SAFETY: a non-nil array object.
            let (n, aux) = unsafe { (heap::obj_len(src), heap::obj_aux(src)) };
            (TypeId(aux), 0, n, n)
        } else {
            // SAFETY: 0 or a slice header.
            let (_, off, len, cap) = unsafe { heap::slice_parts(src) };
            // SAFETY: as above.
            let aux = if src == 0 { 0 } else { unsafe { heap::obj_aux(src) } };
            (TypeId(aux), off, len, cap)
        };
        let what = if is_array { "length" } else { "capacity" };
        let (hi, max);
        if max_raw != -1 {
            // Three-index form: check max against cap, hi against max, lo against hi.
            let m = max_raw;
            if m < 0 || m as u64 > cap as u64 {
                return Err(if m < 0 {
                    self.panic_runtime(&format!("slice bounds out of range [::{m}]"))
                } else {
                    self.panic_runtime(&format!("slice bounds out of range [::{m}] with {what} {cap}"))
                });
            }
            let h = if hi_raw == -1 { len as i64 } else { hi_raw };
            if h < 0 || h > m {
                return Err(if h < 0 {
                    self.panic_runtime(&format!("slice bounds out of range [:{h}:]"))
                } else {
                    self.panic_runtime(&format!("slice bounds out of range [:{h}:{m}]"))
                });
            }
            if lo < 0 || lo > h {
                return Err(if lo < 0 {
                    self.panic_runtime(&format!("slice bounds out of range [{lo}::]"))
                } else {
                    self.panic_runtime(&format!("slice bounds out of range [{lo}:{h}:]"))
                });
            }
            (hi, max) = (h, m);
        } else {
            let h = if hi_raw == -1 { len as i64 } else { hi_raw };
            if hi_raw != -1 && (h < 0 || h as u64 > cap as u64) {
                return Err(self.panic_slice_hi(h, cap, what));
            }
            if lo < 0 || lo > h {
                return Err(self.panic_slice_lo(lo, h));
            }
            (hi, max) = (h, cap as i64);
        }
        let (lo, hi, max) = (lo as usize, hi as usize, max as usize);
        if src == 0 {
            // Slicing a nil slice (all bounds 0) gives nil.
            // SAFETY: verified register.
            unsafe { regs.set(ins.a, 0) };
            return Ok(());
        }
        if !is_array && lo == 0 && hi == len && max == cap {
            // SAFETY: verified registers.
            unsafe { regs.set(ins.a, src) };
            return Ok(());
        }
        let hdr = self.alloc_slice(elem)?;
        // SAFETY: verified register, re-read after the allocation.
        let src = unsafe { regs.get(ins.b) };
        let arr = if is_array {
            src
        } else {
            // SAFETY: a non-nil slice header.
            unsafe { heap::slice_parts(src).0 }
        };
        // SAFETY: `hdr` is a fresh header; verified register.
        unsafe {
            heap::init_slice(hdr, arr, off + lo, hi - lo, max - lo);
            regs.set(ins.a, hdr);
        }
        Ok(())
    }

    /// `Append a, b, c`: `[a] = append([a], [b])`, element type `c`. The element must
    /// be a value the slice may own (for aggregates: a fresh copy, made by the code
    /// generator).
    #[inline(never)]
    pub(crate) fn op_append(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let elem = TypeId(ins.c as u32);
        // SAFETY: verified register holding 0 or a slice.
        let (_, _, len, cap) = unsafe { heap::slice_parts(regs.get(ins.a)) };
        let mark = self.heap.roots_mark();
        let hdr = if len < cap {
            let hdr = self.alloc_slice(elem)?;
            // SAFETY: re-read after the allocation; `off + len < array length`.
            unsafe {
                let (arr, off, _, _) = heap::slice_parts(regs.get(ins.a));
                let v = regs.get(ins.b);
                heap::set_word(arr, off + len, v);
                self.heap.write_barrier(arr, v);
                heap::init_slice(hdr, arr, off, len + 1, cap);
            }
            hdr
        } else {
            let newcap = grow_capacity(cap as u64, len as u64 + 1, self.go_size(elem)) as usize;
            // SAFETY: verified register.
            let src = self.heap.push_root(unsafe { heap::slice_parts(regs.get(ins.a)).0 });
            // SAFETY: verified register.
            let off = unsafe { heap::slice_parts(regs.get(ins.a)).1 };
            let h = self.grown_array(elem, src, off, len, newcap, len + 1)?;
            let arr = self.heap.root(h);
            // SAFETY: verified register, read after the allocations; `arr` has
            // `newcap > len` elements.
            unsafe {
                let v = regs.get(ins.b);
                heap::set_word(arr, len, v);
                self.heap.write_barrier(arr, v);
            }
            self.new_slice(elem, h, 0, len + 1, newcap)?
        };
        self.heap.truncate_roots(mark);
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, hdr) };
        Ok(())
    }

    /// `AppendSlice a, b, c` and `AppendStr a, b`: `[a] = append([a], [b]...)`.
    #[inline(never)]
    pub(crate) fn op_append_slice(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let from_str = ins.op == Op::AppendStr;
        // SAFETY: verified registers: `[a]` a slice, `[b]` a slice or a string.
        let (dst, src) = unsafe { (regs.get(ins.a), regs.get(ins.b)) };
        let elem = if from_str {
            // SAFETY: 0 or a slice header.
            if dst == 0 {
                self.byte_type
            } else {
                // SAFETY: `dst` is a live slice object (checked non-nil above).
                TypeId(unsafe { heap::obj_aux(dst) })
            }
        } else {
            TypeId(ins.c as u32)
        };
        // SAFETY: as above.
        let n = unsafe {
            if from_str {
                heap::str_len(src)
            } else {
                heap::slice_parts(src).2
            }
        };
        if n == 0 {
            return Ok(());
        }
        // SAFETY: as above.
        let (_, _, len, cap) = unsafe { heap::slice_parts(dst) };
        let needed = len + n;
        let aggregate = !from_str && self.elem_is_aggregate(elem);
        let mark = self.heap.roots_mark();
        let (h, off, newcap) = if needed <= cap {
            // SAFETY: 0 or a slice header (non-nil since cap > 0).
            let (arr, off, _, _) = unsafe { heap::slice_parts(dst) };
            (self.heap.push_root(arr), off, cap)
        } else {
            let newcap = grow_capacity(cap as u64, needed as u64, self.go_size(elem)) as usize;
            // SAFETY: 0 or a slice header.
            let (arr, off, _, _) = unsafe { heap::slice_parts(dst) };
            let src_root = self.heap.push_root(arr);
            (self.grown_array(elem, src_root, off, len, newcap, needed)?, 0, newcap)
        };
        // Copy the new elements to `arr[off + len ..]`.
        if aggregate {
            for i in 0..n {
                // SAFETY: `[b]` is a slice with `n > i` elements (re-read each time).
                let e = unsafe {
                    let (sarr, soff, _, _) = heap::slice_parts(regs.get(ins.b));
                    heap::word(sarr, soff + i)
                };
                let c = if e == 0 { 0 } else { self.clone_aggregate(e)? };
                let arr = self.heap.root(h);
                // SAFETY: the live array has `off + needed` elements.
                unsafe {
                    heap::set_word(arr, off + len + i, c);
                    self.heap.write_barrier(arr, c);
                }
            }
        } else {
            let arr = self.heap.root(h);
            // SAFETY: re-read after the allocations; the destination array has room for
            // `off + needed` elements; `copy` allows overlap (append(s[:1], s[2:]...)).
            unsafe {
                let dst_ptr = heap::payload_ptr(arr).add(off + len);
                let src = regs.get(ins.b);
                if from_str {
                    for (i, &b) in heap::str_bytes(src).iter().enumerate() {
                        *dst_ptr.add(i) = b as u64;
                    }
                } else {
                    let (sarr, soff, _, _) = heap::slice_parts(src);
                    std::ptr::copy(heap::payload_ptr(sarr).add(soff), dst_ptr, n);
                    // The array may be old and the elements young references.
                    self.heap.write_barrier_bulk(arr);
                }
            }
        }
        let hdr = self.new_slice(elem, h, off, needed, newcap)?;
        self.heap.truncate_roots(mark);
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, hdr) };
        Ok(())
    }

    /// `AppendStr a, b`.
    #[inline(never)]
    pub(crate) fn op_append_str(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        self.op_append_slice(regs, ins)
    }

    /// `CopySlice a, b, c`: `[a] = copy([b], [c])`.
    #[inline(never)]
    pub(crate) fn op_copy_slice(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers holding 0 or slices.
        unsafe {
            let dst = regs.get(ins.b);
            let (darr, doff, dlen, _) = heap::slice_parts(dst);
            let (sarr, soff, slen, _) = heap::slice_parts(regs.get(ins.c));
            let n = dlen.min(slen);
            regs.set(ins.a, n as u64);
            if n == 0 {
                return;
            }
            let elem = TypeId(heap::obj_aux(dst));
            if self.elem_is_aggregate(elem) {
                // Copy values into the destination's element objects, in the order
                // that is safe when both ranges share an array.
                let backwards = darr == sarr && doff > soff;
                for k in 0..n {
                    let i = if backwards { n - 1 - k } else { k };
                    let d = heap::word(darr, doff + i);
                    let s = heap::word(sarr, soff + i);
                    if d != 0 && s != 0 {
                        self.copy_aggregate_into(d, s);
                    } else {
                        heap::set_word(darr, doff + i, s);
                        self.heap.write_barrier(darr, s);
                    }
                }
            } else {
                std::ptr::copy(heap::payload_ptr(sarr).add(soff), heap::payload_ptr(darr).add(doff), n);
                // The array may be old and the elements young references.
                self.heap.write_barrier_bulk(darr);
            }
        }
    }

    /// `CopyStr a, b, c`: `[a] = copy([b], [c])` for a byte slice and a string.
    #[inline(never)]
    pub(crate) fn op_copy_str(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers: `[b]` 0 or a slice, `[c]` 0 or a string.
        unsafe {
            let (darr, doff, dlen, _) = heap::slice_parts(regs.get(ins.b));
            let s = heap::str_bytes(regs.get(ins.c));
            let n = dlen.min(s.len());
            let d = if n > 0 { heap::payload_ptr(darr).add(doff) } else { std::ptr::null_mut() };
            for (i, &b) in s[..n].iter().enumerate() {
                *d.add(i) = b as u64;
            }
            regs.set(ins.a, n as u64);
        }
    }
}

// ---- slices behind interfaces (sort.Slice's swapper)

impl Vm {
    /// The slice an interface value holds, if it holds one (a nil slice is 0), and
    /// whether its elements are references.
    pub(crate) fn slice_in_iface(&self, x: GcRef) -> Option<(GcRef, bool)> {
        if x == 0 {
            return None;
        }
        // SAFETY: a non-nil interface value.
        let (ty, payload) = unsafe { crate::runtime::ifaces::iface_parts(x) };
        let prog = self.prog();
        match prog.types[ty as usize].kind {
            RKind::Slice(elem) => Some((payload, prog.types[elem.0 as usize].kind.is_ref())),
            _ => None,
        }
    }

    /// The kind of an interface's dynamic type, as reflect names it ("int", "struct").
    pub(crate) fn iface_kind_name(&self, x: GcRef) -> &'static str {
        if x == 0 {
            return "zero";
        }
        // SAFETY: a non-nil interface value.
        let (ty, _) = unsafe { crate::runtime::ifaces::iface_parts(x) };
        match &self.prog().types[ty as usize].kind {
            RKind::Int => "int",
            RKind::Byte => "uint8",
            RKind::Rune => "int32",
            RKind::IntN(k) => k.name(),
            RKind::Float => "float64",
            RKind::Bool => "bool",
            RKind::String => "string",
            RKind::Slice(_) => "slice",
            RKind::Array(..) => "array",
            RKind::Map(..) => "map",
            RKind::Struct(_) => "struct",
            RKind::Pointer(_) => "ptr",
            RKind::Func => "func",
            RKind::Interface(_) => "interface",
            RKind::Chan(_) => "chan",
            RKind::ErrorString => "ptr",
        }
    }

    /// Swap elements `i` and `j` (both in range) of a non-nil slice; `refs` says its
    /// elements are references.
    pub(crate) fn swap_slice_elements(&mut self, slice: GcRef, i: usize, j: usize, refs: bool) {
        // SAFETY: `slice` is a slice whose length the caller checked `i` and `j` against
        // (sort calls it with indices below `sliceLen`); its elements are words.
        unsafe {
            let (arr, off, _, _) = heap::slice_parts(slice);
            let p = heap::payload_ptr(arr).add(off);
            let (a, b) = (*p.add(i), *p.add(j));
            *p.add(i) = b;
            *p.add(j) = a;
            // Both values were already in this array; the barrier keeps the rule that
            // every reference store into an object is recorded.
            if refs {
                self.heap.write_barrier(arr, a);
                self.heap.write_barrier(arr, b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundupsize_matches_go_classes() {
        assert_eq!(roundupsize(0), 0);
        assert_eq!(roundupsize(1), 8);
        assert_eq!(roundupsize(9), 16);
        assert_eq!(roundupsize(33), 48);
        assert_eq!(roundupsize(1025), 1152);
        assert_eq!(roundupsize(32768), 32768);
        assert_eq!(roundupsize(32769), 40960);
    }

    /// Capacities after appending one element at a time, printed by Go 1.19:
    /// `for i := 0; i < 2000; i++ { s = append(s, x); if cap(s) != last { print } }`.
    #[test]
    fn append_one_by_one_matches_go() {
        let caps = |size: u64, upto: u64| {
            let mut out = Vec::new();
            let (mut len, mut cap) = (0u64, 0u64);
            while len < upto {
                if len == cap {
                    cap = grow_capacity(cap, len + 1, size);
                    out.push(cap);
                }
                len += 1;
            }
            out
        };
        // Reference values printed by Go 1.19 (go_size 8: []int, 1: []byte, 16:
        // []string, 24: struct{a, b, c int}, 40: five ints, 12: three int32s).
        assert_eq!(caps(8, 2000), vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560]);
        assert_eq!(caps(1, 2000), vec![8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048]);
        assert_eq!(caps(16, 2000), vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560]);
        assert_eq!(caps(24, 1000), vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365]);
        assert_eq!(caps(40, 1000), vec![1, 2, 4, 8, 16, 32, 67, 134, 272, 544, 1024]);
        assert_eq!(caps(12, 1000), vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365]);
        // append([]int{1,2,3}, make([]int, 7)...) has cap 10; a 300-int append to nil 336.
        assert_eq!(grow_capacity(3, 10, 8), 10);
        assert_eq!(grow_capacity(0, 300, 8), 336);
        assert_eq!(grow_capacity(5, 24, 1), 24);
    }
}
