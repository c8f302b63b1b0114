//! The VM side of the collector: allocation entry points and the root set.
//!
//! Every allocation of the runtime goes through `Vm::alloc_object` (or the typed
//! helpers built on it): the nursery bump of [`Heap::try_alloc`] inline, and on its
//! failure a cold call that hands the heap the VM's roots (`VmRoots`) so it can
//! collect. A collection therefore happens only inside one of these calls: a
//! safepoint.
//!
//! The roots, in the order visited: every control-stack frame of the running fiber (its
//! running closure and the reference slots of its function's slot map,
//! `0..slot_count`: a frame's call window is either the next frame's parameters or
//! dead at a safepoint), the globals that hold references, the running fiber's defer
//! records (closure and the saved arguments the callee's slot map marks as
//! references) and panic chain's values, the interned string constants and the
//! interned capture-less closures; then the same per-fiber roots (frames, defer
//! records, panic values) of every other goroutine, parked or runnable. A new
//! goroutine's arguments are in its first frame from the `go` statement on; values
//! offered by parked senders and slots awaiting a received value are frame slots of
//! parked fibers, and buffered values are traced through their channel object. The
//! heap adds its own root handles.

use crate::bytecode::{FuncId, Program, TypeId};
use crate::heap::{self, layout, GcError, GcRef, GcStats, Heap, KeyKind, ObjKind, RootName, RootSet};
use crate::interp::{DeferRecord, Frame, PanicRecord, Unwind, Vm, VmError, NIL_DEFER};
use crate::runtime::sched::{visit_fiber_roots, Fiber, FiberState};
use crate::runtime::OUT_OF_MEMORY_TEXT;

/// The VM's roots, borrowed next to its heap (see the module doc).
pub(crate) struct VmRoots<'a> {
    program: &'a Program,
    /// Per function: the reference slots of its slot map, ascending.
    ref_slots: &'a [Box<[u16]>],
    stack: *mut u64,
    frames: &'a mut [Frame],
    globals: &'a mut [u64],
    defers: &'a mut [DeferRecord],
    defer_args: &'a mut [u64],
    panics: &'a mut [PanicRecord],
    string_consts: &'a mut [GcRef],
    func_closures: &'a mut [GcRef],
    /// The other fibers (the running one's slot holds an empty state).
    fibers: &'a mut [Fiber],
    /// The JIT, whose native frames may hold references (stack maps).
    jit: Option<&'a crate::jit::Jit>,
}

/// The name of a per-fiber root of goroutine `goid` that is not running.
fn in_goroutine(goid: u64, n: RootName) -> RootName {
    let other = |what, index| RootName::GoroutineOther { goid, what, index };
    match n {
        RootName::FrameSlot { depth, func, slot } => RootName::GoroutineSlot { goid, depth, func, slot },
        RootName::FrameClosure { depth, .. } => other("the running closure of frame", depth),
        RootName::DeferClosure(i) => other("the closure of defer record", i),
        RootName::DeferArg { record, .. } => other("an argument of defer record", record),
        RootName::Panic(i) => other("the value of panic", i),
        n => n,
    }
}

/// Visit the per-fiber roots: frames (closure and slot-map slots), defer records, panic
/// values. `name` turns a `RootName` of the running fiber's kind into the one to report.
#[allow(clippy::too_many_arguments)]
fn visit_fiber_state(
    ref_slots: &[Box<[u16]>],
    stack: *mut u64,
    frames: &mut [Frame],
    defers: &mut [DeferRecord],
    defer_args: &mut [u64],
    panics: &mut [PanicRecord],
    f: &mut dyn FnMut(&mut GcRef, RootName),
    name: &dyn Fn(RootName) -> RootName,
) {
    for (depth, frame) in frames.iter_mut().enumerate() {
        let func = frame.func;
        f(&mut frame.closure, name(RootName::FrameClosure { depth, func }));
        // SAFETY: the frame was checked to fit its stack when it was pushed; its slots
        // `0..slot_count` (every listed slot is below) are inside it.
        let fp = unsafe { stack.add(frame.base as usize) };
        for &slot in ref_slots[func as usize].iter() {
            // SAFETY: as above.
            f(unsafe { &mut *fp.add(slot as usize) }, name(RootName::FrameSlot { depth, func, slot: slot as usize }));
        }
    }
    for (record, d) in defers.iter_mut().enumerate() {
        f(&mut d.closure, name(RootName::DeferClosure(record)));
        if d.func == NIL_DEFER {
            continue;
        }
        for &slot in ref_slots[d.func as usize].iter() {
            if slot as u32 >= d.arg_count {
                break;
            }
            let arg = slot as usize;
            f(&mut defer_args[d.args_start as usize + arg], name(RootName::DeferArg { record, arg }));
        }
    }
    for (i, p) in panics.iter_mut().enumerate() {
        f(&mut p.value, name(RootName::Panic(i)));
    }
}

impl RootSet for VmRoots<'_> {
    fn visit_roots(&mut self, f: &mut dyn FnMut(&mut GcRef, RootName)) {
        let ref_slots = self.ref_slots;
        visit_fiber_state(ref_slots, self.stack, self.frames, self.defers, self.defer_args, self.panics, f, &|n| n);
        for (i, g) in self.globals.iter_mut().enumerate() {
            if self.program.global_refs[i] {
                f(g, RootName::Global(i));
            }
        }
        for (i, s) in self.string_consts.iter_mut().enumerate() {
            f(s, RootName::StringConst(i));
        }
        for (i, c) in self.func_closures.iter_mut().enumerate() {
            f(c, RootName::FuncClosure(i));
        }
        if let Some(jit) = self.jit {
            // SAFETY: a collection runs inside an allocation on this thread, while every
            // recorded native segment is suspended below it.
            unsafe { crate::jit::visit_native_roots(jit, f) };
        }
        visit_fiber_roots(self.fibers, &mut |goid, st: &mut FiberState| {
            let name = |n: RootName| in_goroutine(goid, n);
            visit_fiber_state(
                ref_slots,
                st.stack.ptr(),
                &mut st.frames,
                &mut st.defers,
                &mut st.defer_args,
                &mut st.panics,
                f,
                &name,
            );
        });
    }

    fn describe(&self, root: RootName) -> String {
        let name = |func: u32| self.program.funcs.get(func as usize).map_or("?", |f| f.name.as_str());
        match root {
            RootName::FrameSlot { depth, func, slot } => format!("frame {depth} ({}) slot r{slot}", name(func)),
            RootName::GoroutineSlot { goid, depth, func, slot } => {
                format!("goroutine {goid} frame {depth} ({}) slot r{slot}", name(func))
            }
            RootName::FrameClosure { depth, func } => format!("the running closure of frame {depth} ({})", name(func)),
            RootName::StringConst(i) => format!(
                "string constant {i} ({:?})",
                self.program.strings.get(i).map(|s| String::from_utf8_lossy(s)).unwrap_or_default()
            ),
            RootName::FuncClosure(i) => format!("the interned closure of {}", name(i as u32)),
            other => other.to_string(),
        }
    }
}

/// The reference slots of every function's slot map (`0..slot_count`), ascending.
pub(crate) fn ref_slot_lists(program: &Program) -> Vec<Box<[u16]>> {
    program
        .funcs
        .iter()
        .map(|f| (0..f.slot_count).filter(|&s| f.ref_slots.get(s as usize).copied().unwrap_or(false)).collect())
        .collect()
}

impl Vm {
    /// The heap and, borrowed beside it, the VM's roots.
    fn heap_and_roots(&mut self) -> (&mut Heap, VmRoots<'_>) {
        let roots = VmRoots {
            program: &self.program,
            ref_slots: &self.gc_ref_slots,
            stack: self.stack.ptr(),
            frames: &mut self.frames,
            globals: &mut self.globals,
            defers: &mut self.defers,
            defer_args: &mut self.defer_args,
            panics: &mut self.panics,
            string_consts: &mut self.string_consts,
            func_closures: &mut self.func_closures,
            fibers: &mut self.sched.fibers,
            jit: self.jit.as_deref(),
        };
        (&mut self.heap, roots)
    }

    /// Allocate an object with the given header fields and `payload_words` zeroed
    /// payload words. May collect: a safepoint (see the GC rule in `heap`).
    #[inline(always)]
    pub(crate) fn alloc_object(
        &mut self,
        kind: ObjKind,
        aux: u32,
        len: u32,
        payload_words: usize,
    ) -> Result<GcRef, Unwind> {
        let words = 1 + payload_words;
        let h = layout::header(kind, aux, len);
        match self.heap.try_alloc(words) {
            Some(r) => {
                // SAFETY: `r` is fresh room for at least the header word.
                unsafe { heap::store(r, 0, h) };
                Ok(r)
            }
            None => self.alloc_slow(words, h),
        }
    }

    /// The allocation slow path: let the heap collect with the VM's roots.
    #[cold]
    #[inline(never)]
    fn alloc_slow(&mut self, words: usize, h: u64) -> Result<GcRef, Unwind> {
        let (heap, mut roots) = self.heap_and_roots();
        match heap.alloc_slow(words, h, &mut roots) {
            Ok(r) => Ok(r),
            Err(e) => Err(self.gc_failure(e)),
        }
    }

    /// The run-ending error for a failed allocation or verification.
    #[cold]
    fn gc_failure(&self, e: GcError) -> Unwind {
        Unwind::Fatal(self.gc_failure_text(e))
    }

    /// The stderr text of a failed allocation or verification.
    #[cold]
    fn gc_failure_text(&self, e: GcError) -> String {
        match e {
            GcError::OutOfMemory => OUT_OF_MEMORY_TEXT.to_string(),
            GcError::Verify(msg) => {
                format!("fatal error: internal VM error: gc_verify: {msg}\n\n{}", self.traceback())
            }
        }
    }

    /// A new string object holding `bytes` (the empty string is nil).
    pub(crate) fn alloc_str(&mut self, bytes: &[u8]) -> Result<GcRef, Unwind> {
        if bytes.is_empty() {
            return Ok(0);
        }
        let r = self.alloc_str_uninit(bytes.len())?;
        // SAFETY: `r` is a fresh string with room for `bytes.len()` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), (r as usize + layout::STR_BYTES) as *mut u8, bytes.len())
        };
        Ok(r)
    }

    /// A new zeroed string object of `n` bytes (n > 0) for the caller to fill.
    pub(crate) fn alloc_str_uninit(&mut self, n: usize) -> Result<GcRef, Unwind> {
        if n > u32::MAX as usize {
            return Err(self.gc_failure(GcError::OutOfMemory));
        }
        self.alloc_object(ObjKind::Str, 0, n as u32, n.div_ceil(8))
    }

    /// A new zeroed array object of `n` elements of type `elem`.
    pub(crate) fn alloc_array(&mut self, elem: TypeId, n: usize) -> Result<GcRef, Unwind> {
        if n > u32::MAX as usize {
            return Err(self.gc_failure(GcError::OutOfMemory));
        }
        self.alloc_object(ObjKind::Array, elem.0, n as u32, n)
    }

    /// A new slice header with all four words zero; fill it with [`heap::init_slice`]
    /// using values read *after* this allocation.
    #[inline]
    pub(crate) fn alloc_slice(&mut self, elem: TypeId) -> Result<GcRef, Unwind> {
        self.alloc_object(ObjKind::Slice, elem.0, layout::SLICE_WORDS as u32, layout::SLICE_WORDS)
    }

    /// A new closure object for `func` with `captures` zeroed capture words.
    pub(crate) fn alloc_closure(&mut self, func: FuncId, captures: usize) -> Result<GcRef, Unwind> {
        self.alloc_object(ObjKind::Closure, func.0, captures as u32, captures)
    }

    /// A new interface value of dynamic type `dyn_type` with payload 0; store the
    /// payload (read after this allocation) at `layout::IFACE_DATA`.
    #[inline]
    pub(crate) fn alloc_iface(&mut self, dyn_type: TypeId) -> Result<GcRef, Unwind> {
        let r = self.alloc_object(ObjKind::Iface, 0, layout::IFACE_WORDS as u32, layout::IFACE_WORDS)?;
        // SAFETY: `r` is a fresh iface object with two payload words.
        unsafe { heap::store(r, layout::IFACE_TYPE, dyn_type.0 as u64) };
        Ok(r)
    }

    /// A new empty map of type `map_type`.
    pub(crate) fn alloc_map(
        &mut self,
        map_type: TypeId,
        key_kind: KeyKind,
        value_is_ref: bool,
    ) -> Result<GcRef, Unwind> {
        let m = self.alloc_object(ObjKind::Map, map_type.0, 0, layout::MAP_WORDS)?;
        // SAFETY: `m` is a fresh map object.
        unsafe { self.heap.init_map(m, key_kind, value_is_ref) };
        Ok(m)
    }

    /// Collector statistics so far.
    pub fn gc_stats(&self) -> GcStats {
        self.heap.stats()
    }

    /// Run a collection now (a minor one, or a major one when `major`), with every
    /// root of the VM (between runs: the globals and interned values).
    pub fn collect_garbage(&mut self, major: bool) -> Result<(), VmError> {
        let (heap, mut roots) = self.heap_and_roots();
        heap.collect(major, &mut roots).map_err(|e| VmError::Fatal(self.gc_failure_text(e)))
    }
}

#[cfg(test)]
mod tests;
