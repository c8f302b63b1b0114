//! Frames and the stacks they live on: the control-stack record of one call ([`Frame`],
//! with its `mode`), the control stack itself ([`ControlStack`], which native code pushes
//! and pops inline), a fiber's VM stack memory ([`StackMemory`]: one allocation that
//! never moves), the packed per-function facts the dispatch loop reads ([`FuncInfo`]),
//! and the defer and panic records. The layout rules are in `interp`'s module doc
//! ("Stacks"); `jit::layout` holds the offsets native code uses.

use crate::bytecode::Instr;
use crate::heap::GcRef;

/// `Frame::mode` values.
pub(crate) const MODE_NORMAL: u8 = 0;
/// Started by `call_function`: its `Ret` leaves the dispatch loop.
pub(crate) const MODE_ENTRY: u8 = 1;
/// A deferred call started by a panic (`recover` works in it).
pub(crate) const MODE_PANIC_DEFER: u8 = 2;
/// The bottom frame of a goroutine: its `Ret` ends the goroutine.
pub(crate) const MODE_GOROUTINE: u8 = 3;
pub(crate) const MODE_KIND_MASK: u8 = 3;
/// Flag: this frame executed `DeferCall`/`DeferClosure` (its `Ret` checks for pending
/// defers).
pub(crate) const MODE_HAS_DEFERS: u8 = 4;

/// A control-stack record: one active call.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub(crate) struct Frame {
    /// The running closure (0 for plain functions); a GC root.
    pub closure: GcRef,
    pub func: u32,
    /// Index of slot 0 in the VM stack.
    pub base: u32,
    /// Resume pc while the frame is not running (the instruction after its call).
    pub pc: u32,
    /// For `MODE_PANIC_DEFER`: the index in `Vm::panics` of the panic that started it.
    pub panic_index: u32,
    pub mode: u8,
}

const _: () = assert!(std::mem::size_of::<Frame>() == 32, "Frame is one half cache line");

impl Frame {
    const EMPTY: Frame = Frame { closure: 0, func: 0, base: 0, pc: 0, panic_index: 0, mode: MODE_NORMAL };
}

/// A fiber's control stack: its frames' records, innermost last. It behaves as a
/// `Vec<Frame>` (it dereferences to the live records), with a C layout that native code
/// pushes and pops inline: `ptr`, `len`, `cap` (`cap` never exceeds the fiber's frame
/// limit, so `len < cap` is the whole overflow check of a push). Records at `len..cap`
/// are unused.
#[repr(C)]
pub(crate) struct ControlStack {
    ptr: *mut Frame,
    len: usize,
    cap: usize,
    /// Most records allowed (the fiber's `max_frames`).
    limit: usize,
    /// The storage: always `cap` records long (`ptr` is its buffer).
    buf: Vec<Frame>,
}

// The layout native code relies on (`jit::layout`).
const _: () = {
    use crate::jit::layout as l;
    assert!(std::mem::offset_of!(ControlStack, ptr) == l::CONTROL_PTR as usize);
    assert!(std::mem::offset_of!(ControlStack, len) == l::CONTROL_LEN as usize);
    assert!(std::mem::offset_of!(ControlStack, cap) == l::CONTROL_CAP as usize);
    assert!(std::mem::size_of::<Frame>() == l::FRAME_BYTES as usize);
    assert!(std::mem::offset_of!(Frame, closure) == l::FRAME_CLOSURE as usize);
    assert!(std::mem::offset_of!(Frame, func) == l::FRAME_FUNC as usize);
    assert!(std::mem::offset_of!(Frame, base) == l::FRAME_BASE as usize);
    assert!(std::mem::offset_of!(Frame, pc) == l::FRAME_PC as usize);
    assert!(std::mem::size_of::<FuncInfo>() == l::FUNC_BYTES as usize);
    assert!(std::mem::offset_of!(FuncInfo, slot_count) == l::FUNC_SLOT_COUNT as usize);
    assert!(std::mem::offset_of!(FuncInfo, param_count) == l::FUNC_PARAM_COUNT as usize);
    assert!(std::mem::offset_of!(FuncInfo, frame_size) == l::FUNC_FRAME_SIZE as usize);
};

impl ControlStack {
    /// An empty stack for at most `limit` records.
    pub(crate) fn new(limit: usize) -> ControlStack {
        let mut buf = vec![Frame::EMPTY; limit.clamp(1, 1024)];
        ControlStack { ptr: buf.as_mut_ptr(), len: 0, cap: buf.len(), limit, buf }
    }

    /// Push a record; the caller has checked `len() < limit`.
    #[inline]
    pub(crate) fn push(&mut self, f: Frame) {
        if self.len == self.cap {
            self.grow();
        }
        self.buf[self.len] = f;
        self.len += 1;
    }

    #[cold]
    fn grow(&mut self) {
        let cap = (self.cap * 2).min(self.limit).max(self.len + 1);
        self.buf.resize(cap, Frame::EMPTY);
        self.ptr = self.buf.as_mut_ptr();
        self.cap = cap;
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Frame> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        Some(self.buf[self.len])
    }

    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }
}

impl std::ops::Deref for ControlStack {
    type Target = [Frame];
    #[inline(always)]
    fn deref(&self) -> &[Frame] {
        &self.buf[..self.len]
    }
}

impl std::ops::DerefMut for ControlStack {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Frame] {
        &mut self.buf[..self.len]
    }
}
const _: () = assert!(std::mem::size_of::<Instr>() == 8, "instructions are one word");

/// What the dispatch loop needs of a function, packed (built once from the `Program`;
/// native code reads it too: `jit::layout`).
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub(crate) struct FuncInfo {
    /// `Function::code.as_ptr()`; valid as long as the VM holds its `Arc<Program>`.
    pub code: *const Instr,
    pub slot_count: u32,
    pub param_count: u32,
    pub result_count: u32,
    pub frame_size: u32,
    pub capture_count: u32,
}

/// A deferred call waiting to run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeferRecord {
    /// Index in the control stack of the frame that deferred it.
    pub depth: u32,
    /// The function (`NIL_DEFER` for a deferred nil closure, which panics when run).
    pub func: u32,
    /// The closure (0 for `DeferCall`); a GC root.
    pub closure: GcRef,
    /// The saved arguments: `Vm::defer_args[args_start .. args_start + arg_count]`
    /// (which of them are references: the callee's `ref_slots[..param_count]`).
    pub args_start: u32,
    pub arg_count: u32,
}

pub(crate) const NIL_DEFER: u32 = u32::MAX;

/// One panic of the current chain (Go's `_panic` list, oldest first).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PanicRecord {
    /// The panic value: an interface reference (0 for `panic(nil)`); a GC root.
    pub value: GcRef,
    pub recovered: bool,
    /// A newer panic unwound the deferred call this panic was running.
    pub aborted: bool,
    /// A nil dereference (Go prints the `[signal SIGSEGV ...]` line).
    pub sigpanic: bool,
}

/// A VM stack's memory: one allocation, never moved (see the module doc); or a part of
/// one (a goroutine stack carved from an arena that outlives it); or empty.
#[repr(C)]
pub(crate) struct StackMemory {
    ptr: *mut u64,
    len: usize,
    owned: bool,
}

impl StackMemory {
    /// `len` zeroed slots (a zeroed allocation: the OS commits pages on first touch),
    /// or None when the system refuses.
    pub(crate) fn try_new(len: usize) -> Option<StackMemory> {
        let layout = std::alloc::Layout::array::<u64>(len.max(1)).ok()?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) } as *mut u64;
        if ptr.is_null() {
            return None;
        }
        Some(StackMemory { ptr, len, owned: true })
    }
    /// No memory (the placeholder state of the running fiber's slot).
    pub(crate) fn empty() -> StackMemory {
        StackMemory { ptr: std::ptr::NonNull::dangling().as_ptr(), len: 0, owned: false }
    }
    /// `len` slots at `ptr`, owned elsewhere.
    ///
    /// # Safety
    /// The memory must stay valid, unmoved and otherwise unused as long as this value
    /// (and every stack made from it) is used.
    pub(crate) unsafe fn borrowed(ptr: *mut u64, len: usize) -> StackMemory {
        StackMemory { ptr, len, owned: false }
    }
    #[inline(always)]
    pub fn ptr(&self) -> *mut u64 {
        self.ptr
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }
}

impl Drop for StackMemory {
    fn drop(&mut self) {
        if self.owned {
            let layout = std::alloc::Layout::array::<u64>(self.len.max(1)).expect("valid at allocation");
            // SAFETY: `ptr` came from `alloc_zeroed` with this layout.
            unsafe { std::alloc::dealloc(self.ptr as *mut u8, layout) };
        }
    }
}
