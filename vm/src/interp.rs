//! The interpreter: the VM object, its stacks, and the bytecode dispatch loop.
//!
//! # Stacks
//!
//! Every goroutine is a *fiber* (see `runtime::sched`) that owns two stacks:
//!
//! ```text
//!   VM stack (u64 slots, allocated once, never moved)
//!   +-----------------------+-----------------+--------------------+------
//!   | frame of main         | main's window   |                    |
//!   | (slot_count slots)    | = callee frame -> frame of f  | f's window | ...
//!   +-----------------------+-----------------+--------------------+------
//!   ^ base(main)            ^ base(f) = base(main) + main.slot_count
//!
//!   control stack (`ControlStack`): one record per active call
//!   { func, base, pc (resume pc while not running), closure, mode, panic_index }
//! ```
//!
//! **Architecture Invariant (stack stability):** a VM stack is one allocation of zeroed
//! slots (lazily committed by the OS): `VmOptions::stack_slots` for the main goroutine,
//! made when the VM is created; `VmOptions::goroutine_stack_slots` for every other
//! goroutine, carved from an arena when it starts. A stack is never reallocated or
//! moved (a switch between fibers swaps which stack the VM runs on, it does not copy
//! frames), so a pointer to a frame stays valid for the frame's whole life, also while
//! its fiber is parked. JIT code may keep its frame pointer in a register across helper
//! calls. Every entry into a frame checks `base + frame_size <= stack_len` (else Go's
//! `fatal error: stack overflow`), and the verifier guarantees that every register
//! operand is below `frame_size`: together they make every slot access in bounds, which
//! is what the unchecked accesses in the dispatch loop rely on.
//!
//! # Calls
//!
//! `Call` puts the callee's frame at `base + slot_count` (the caller's window, where the
//! arguments already are), zeroes the callee's non-parameter slots (so the slot map is
//! precise), and pushes a `Frame` record; `Ret` copies the results to the frame's first
//! slots (the caller's window) and pops. The running function's code pointer, frame
//! pointer and instruction pointer live in Rust locals; they are reloaded from the top
//! record whenever control changes frames (`reload!`). Deferred calls and calls made by
//! the runtime (fmt calling `String` methods, the harness calling `run`) start frames at
//! the top frame's `base + frame_size`, above its window.
//!
//! Re-entrant calls from Rust (`call_function`) push an `Entry` frame and run a nested
//! dispatch loop whose *boundary* is that frame: its `Ret` leaves the loop, and a panic
//! that unwinds past it leaves the loop with `Unwind::Panic` for the caller to continue.
//! Each such loop has a depth, recorded in the fiber's `nest`; other fibers may run
//! inside it, but only its starter leaves it (see "Re-entrant calls" in
//! `runtime::sched`).
//!
//! # Panics and defers
//!
//! See `runtime::panics`: defers are records on a per-fiber stack tagged with the depth
//! of the deferring frame; a panic runs them as ordinary frames marked `PANIC_DEFER`, so
//! the dispatch loop never recurses for a panic.
//!
//! # Fibers, scheduling and the blocking contract
//!
//! The running fiber's stacks, defer records and panic chain are the `Vm`'s own fields;
//! the scheduler (`runtime::sched`) swaps them with a parked fiber's saved state. There
//! is one OS thread, and no separate scheduler loop: whichever dispatch loop is running
//! (the one of `Vm::call`, or a re-entrant one) runs whichever fiber is current. When
//! straight-line execution stops, the loop hands the reason to `Vm::stopped`, reloads
//! its locals (stack, frame, boundary) from the VM, and goes on — possibly in another
//! fiber. The reasons, as `Unwind` values a helper returns:
//!
//! - `Block`: a `BLOCK` instruction (`ChanSend`, `ChanRecv`, `ChanRecv2`, `Select`)
//!   cannot complete. The helper has registered the fiber in the channels' wait queues
//!   and recorded in its `Wait` where results go (absolute slots of its own stack: the
//!   receive destination, the comma-ok slot, the select's index slot). The resume pc,
//!   already stored in the frame record by the loop before calling the helper (`save_pc!`
//!   in `helper!`), is the instruction after the blocking one and its `Ext` word. The
//!   loop calls `Vm::park_current`, which switches to the next runnable fiber.
//! - Completion is done by *another* fiber: a sender handing a value to a parked
//!   receiver writes it (and ok) straight into the receiver's frame; a receiver taking a
//!   parked sender's value reads it from the sender's frame; a select's waker writes the
//!   chosen case index and removes it from its other channels; `close` wakes everyone.
//!   The woken fiber is queued, and when the scheduler resumes it, execution continues
//!   at its resume pc with the operation complete: the loop just reloads the frame. A
//!   sender woken by `close` raises `send on closed channel` as it resumes.
//! - `Yield`: preemption. The loop keeps a budget (`VmOptions::preempt_quantum`) in a
//!   register and counts it down at every taken back edge (a negative jump offset,
//!   `IncJmp*` included) and every call (`enter!`); at zero, if another fiber is
//!   runnable, it stores the resume pc (the jump target, or the callee's entry) and
//!   yields. The cost is a decrement and a never-taken branch per back edge.
//! - `Switch`: the running fiber changed (it finished: a `MODE_GOROUTINE` frame
//!   returned; or a woken fiber panicked on resume): reload.
//!
//! **How a JIT plugs in:** a blocking op compiles to a call of the same helper
//! (`op_chan_send` and friends, over the frame in memory, with the frame's resume pc
//! stored first). On `Block` the native code returns "must block" to the interpreter,
//! which calls `Vm::park_current`; when the fiber runs again the interpreter continues
//! at the resume pc (or re-enters native code there through `entry_pc`). Results are in
//! the frame, written by the waker: code that caches slots in registers treats a
//! `BLOCK` op as a point where everything is written back before and reloaded after. A
//! JIT charges the same preemption ticks and returns "yield" with the resume pc stored.
//! Because stacks never move, nothing else changes for native frames across a switch.
//!
//! # Speed
//!
//! One `match` over the opcode in a loop (LLVM makes it a jump table); `ip`, `fp` and
//! the running function's code pointer live in registers; operands are read with
//! unchecked pointer arithmetic (sound by the verifier, see above). Everything rare or
//! large (allocation, panics, maps, natives, calls into the runtime) is an
//! `#[inline(never)]` helper, so the loop's hot handlers stay small and its registers
//! are not spilled. Small ops with a check (division, shifts, element, field and box
//! access, lengths) call `#[inline(always)]` functions of `runtime` that `Vm::exec_op`
//! (the JIT's out-of-line path) calls too, so each op's semantics is written once; their
//! `Fault` is raised after `save_pc!` on the error path only. A `Call` touches one
//! packed `FuncInfo` and pushes one 32-byte `Frame`; `Ret` of a plain frame tests one
//! byte (`mode`) and pops. Result copies and slot zeroing are inline store loops (never
//! `memset`/`memmove` calls: frames are small). The instruction counter behind
//! `Vm::instructions_executed` is a register increment per dispatch, flushed when the
//! loop exits; it costs nothing measurable (the counted-loop benchmark runs at the same
//! speed without it). So does the preemption budget (a register decrement per back edge
//! and call).

use crate::bytecode::{FuncId, Instr, Op, Program, RKind, TypeId};
use crate::heap::{self, GcRef, Heap};
use crate::runtime::arith::{div_i, div_u, float_to_uint, rem_i, rem_u, shl_i, shr_i, shr_u, uint_to_float};
use crate::runtime::chans::{chan_cap, chan_len};
use crate::runtime::ifaces::iface_data;
use crate::runtime::maps::{map_len, op_map_iter_init};
use crate::runtime::slices::{array_get, array_set, slice_cap, slice_get, slice_len, slice_set};
use crate::runtime::strings::{str_eq, str_index, str_le, str_lt};
use crate::runtime::values::{box_get, box_set, get_field, set_field};
use crate::runtime::Regs;
use std::io::Write;
use std::sync::Arc;

/// Options for a VM instance (construct with `..Default::default()`).
#[derive(Clone, Debug)]
pub struct VmOptions {
    /// Slots in the (single) fiber's VM stack; 2^24 slots = 128 MiB of reserved,
    /// lazily committed memory.
    pub stack_slots: usize,
    /// Size of the collector's nursery in bytes (default 4 MiB; at least 64 KiB).
    pub nursery_bytes: usize,
    /// Heap limit in bytes: when the live data after a major collection plus a request
    /// exceed it, the run ends with Go's `fatal error: runtime: out of memory`. None
    /// (the default): no limit of the VM's own; the system's memory is the limit (an
    /// allocation the system refuses ends the run the same way).
    pub max_heap: Option<usize>,
    /// Collect at every allocation (a minor collection each time, every 8th a major
    /// one): the test mode that finds missing roots and barriers.
    pub gc_stress: bool,
    /// Verify the heap around every collection (everything after it; before it, what
    /// it will follow); a broken reference ends the run with an internal error naming
    /// the root or object.
    pub gc_verify: bool,
    /// Slots in each goroutine's VM stack (the main goroutine uses `stack_slots`);
    /// 2^18 slots = 2 MiB of reserved, lazily committed memory.
    pub goroutine_stack_slots: usize,
    /// The preemption budget: a goroutine yields to the next runnable one after this
    /// many ticks (back edges and calls).
    pub preempt_quantum: u32,
    /// Seed of the generator behind `select`'s random choice among ready cases (runs
    /// are reproducible for a given seed).
    pub seed: u64,
    /// The execution strategy and its hotness thresholds (`jit`).
    pub jit: crate::jit::JitOptions,
    /// The command line the program sees as `os.Args` (the program's name first); empty
    /// means `["main"]`.
    pub args: Vec<String>,
}

impl Default for VmOptions {
    fn default() -> Self {
        VmOptions {
            stack_slots: 1 << 24,
            nursery_bytes: heap::DEFAULT_NURSERY_BYTES,
            max_heap: None,
            gc_stress: false,
            gc_verify: false,
            goroutine_stack_slots: 1 << 18,
            preempt_quantum: 10_000,
            seed: 0x6a09_e667_f3bc_c908,
            jit: crate::jit::JitOptions::default(),
            args: Vec::new(),
        }
    }
}

/// How a run ended abnormally. The text is exactly what Go prints on stderr.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VmError {
    /// An unrecovered Go panic.
    Panic(String),
    /// A fatal runtime error (stack overflow, out of memory, internal error).
    Fatal(String),
    /// The program called `os.Exit` with this status (it printed nothing more).
    Exit(i32),
}

impl VmError {
    /// The text Go prints on stderr (ends in a newline).
    pub fn stderr_text(&self) -> &str {
        match self {
            VmError::Panic(s) | VmError::Fatal(s) => s,
            VmError::Exit(_) => "",
        }
    }
    /// The process exit status: Go's 2 for a panic or fatal error, or `os.Exit`'s.
    pub fn exit_status(&self) -> i32 {
        match self {
            VmError::Exit(code) => *code,
            _ => 2,
        }
    }
}

impl std::fmt::Display for VmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.stderr_text())
    }
}

impl std::error::Error for VmError {}

/// Why the dispatch loop stopped early (internal).
#[derive(Debug)]
pub(crate) enum Unwind {
    /// A Go panic is in progress (its records are in `Vm::panics`); the frames above the
    /// loop's boundary are gone.
    Panic,
    /// A fatal error: the whole run stops with this stderr text.
    Fatal(String),
    /// The program ends now with this error (an unrecovered panic left a goroutine).
    Exit(VmError),
    /// A `BLOCK` operation cannot complete: it registered the running fiber in the wait
    /// queues and recorded its `Wait`; the caller parks it (`Vm::park_current`).
    Block,
    /// The running fiber should let the next runnable one run (its budget is used up).
    Yield,
    /// The running fiber changed: reload the running frame.
    Switch,
    /// Leave the dispatch loop: normally (`false`) or with the panic in progress.
    LeaveLoop(bool),
    /// The outermost call returned while re-entrant calls of other goroutines were in
    /// progress: every deeper dispatch loop is abandoned (its goroutine with it).
    Abandon,
}

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

/// A virtual machine instance running one loaded program.
pub struct Vm {
    pub(crate) program: Arc<Program>,
    pub(crate) funcs: Vec<FuncInfo>,
    /// `CallIface`'s dispatch rows (boxed: native code embeds their addresses).
    pub(crate) methods: Box<crate::runtime::method_table::MethodTable>,
    pub(crate) heap: Heap,
    /// Global slots (roots; `Program::global_refs` says which hold references).
    pub(crate) globals: Vec<u64>,
    // The running fiber's state (see `runtime::sched`: swapped on a switch).
    pub(crate) stack: StackMemory,
    pub(crate) frames: ControlStack,
    pub(crate) max_frames: usize,
    pub(crate) defers: Vec<DeferRecord>,
    pub(crate) defer_args: Vec<u64>,
    pub(crate) panics: Vec<PanicRecord>,
    /// Traceback text captured when a panic left the outermost loop.
    pub(crate) panic_trace: String,
    /// The dispatch loops this fiber started (re-entrant calls), innermost last.
    pub(crate) nest: Vec<crate::runtime::sched::Nest>,
    /// Set by the outermost [`Vm::call`] (0 outside one): the lowest machine stack
    /// address the runtime's recursion may reach ([`crate::runtime::machine_stack_limit`]).
    pub(crate) machine_stack_limit: usize,
    /// Goroutines, the run queue, channel wait queues.
    pub(crate) sched: crate::runtime::sched::Sched,
    /// Interned string constants (`LoadStr`), one per `Program::strings` entry; roots.
    pub(crate) string_consts: Vec<GcRef>,
    /// Interned capture-less closures (`LoadFunc`), created on first use; roots.
    pub(crate) func_closures: Vec<GcRef>,
    /// Per function: the reference slots of its slot map (the collector's frame roots).
    pub(crate) gc_ref_slots: Vec<Box<[u16]>>,
    pub(crate) out: Box<dyn Write + Send>,
    /// Where `print`, `println` and `os.Stderr` write (default: real stderr, unbuffered).
    pub(crate) err_out: Box<dyn Write + Send>,
    /// What `os.Stdin` reads (default: real stdin).
    pub(crate) stdin: Box<dyn std::io::Read + Send>,
    /// The options this VM was made with (islands it starts get the same).
    pub(crate) options: VmOptions,
    /// Membership in a world of islands (created by the first port or island).
    pub(crate) islands: Option<Box<crate::runtime::islands::IslandLink>>,
    /// The JIT (None: the interpreter only).
    pub(crate) jit: Option<Box<crate::jit::Jit>>,
    /// Why native code stopped (see the contract in `jit`); None: fall back.
    pub(crate) jit_pending: Option<Unwind>,
    pub(crate) executed: u64,
    /// Method-name ids of `Error` and `String` (for fmt and panic printing).
    pub(crate) error_method: Option<u32>,
    pub(crate) string_method: Option<u32>,
    /// The `uint8` type, for byte slices made without a type operand (`[]byte(s)`).
    pub(crate) byte_type: TypeId,
}

impl Vm {
    /// Verify `program` and make a VM ready to run it.
    pub fn new(program: Arc<Program>, options: VmOptions) -> Result<Vm, String> {
        crate::verify::verify_program(&program)?;
        for slots in [options.stack_slots, options.goroutine_stack_slots] {
            if slots == 0 || slots > u32::MAX as usize {
                return Err(format!("invalid stack size {slots} slots"));
            }
        }
        let funcs = program
            .funcs
            .iter()
            .map(|f| FuncInfo {
                code: f.code.as_ptr(),
                slot_count: f.slot_count as u32,
                param_count: f.param_count as u32,
                result_count: f.result_count as u32,
                frame_size: f.frame_size() as u32,
                capture_count: f.capture_count as u32,
            })
            .collect();
        let heap_options = heap::HeapOptions {
            nursery_bytes: options.nursery_bytes,
            max_heap: options.max_heap,
            stress: options.gc_stress,
            verify: options.gc_verify,
        };
        let heap = Heap::new(heap::GcTypes::new(&program.types), heap_options)
            .map_err(|_| "cannot allocate the heap's nursery".to_string())?;
        let find_method = |name: &str| program.method_names.iter().position(|m| m == name).map(|i| i as u32);
        let mut vm = Vm {
            funcs,
            methods: Box::new(crate::runtime::method_table::MethodTable::build(&program)),
            heap,
            globals: vec![0; program.global_refs.len()],
            stack: StackMemory::try_new(options.stack_slots)
                .ok_or_else(|| format!("cannot allocate a stack of {} slots", options.stack_slots))?,
            frames: ControlStack::new((options.stack_slots / 4).max(16)),
            max_frames: (options.stack_slots / 4).max(16),
            defers: Vec::new(),
            defer_args: Vec::new(),
            panics: Vec::new(),
            panic_trace: String::new(),
            nest: Vec::new(),
            machine_stack_limit: 0,
            sched: crate::runtime::sched::Sched::new(&options),
            islands: None,
            jit: None,
            jit_pending: None,
            string_consts: vec![0; program.strings.len()],
            func_closures: vec![0; program.funcs.len()],
            gc_ref_slots: crate::runtime::gc::ref_slot_lists(&program),
            out: Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())),
            err_out: Box::new(std::io::stderr()),
            stdin: Box::new(std::io::stdin()),
            executed: 0,
            byte_type: program
                .types
                .iter()
                .position(|t| t.kind == RKind::Byte && t.name == "uint8")
                .or_else(|| program.types.iter().position(|t| t.kind == RKind::Byte))
                .map_or(TypeId(heap::layout::AUX_SCALAR_ELEMS), |i| TypeId(i as u32)),
            error_method: find_method("Error"),
            string_method: find_method("String"),
            program,
            options,
        };
        // Intern the string constants (each is a root as soon as it exists).
        let prog = vm.prog();
        for (i, s) in prog.strings.iter().enumerate() {
            let r = vm.alloc_str(s).map_err(|u| match u {
                Unwind::Fatal(text) => text,
                other => format!("{other:?} while interning strings"),
            })?;
            vm.string_consts[i] = r;
        }
        if let Some(mut jit) = crate::jit::Jit::for_strategy(&vm.options.jit, vm.funcs.len())? {
            jit.ctx.budget = vm.sched.quantum as i64;
            vm.jit = Some(jit);
            if vm.options.jit.eager {
                for f in 0..vm.funcs.len() {
                    vm.jit_compile(f as u32);
                }
            }
        }
        Ok(vm)
    }

    /// The program, borrowed independently of `self` so helpers can hold type
    /// descriptors while calling `&mut self` methods.
    #[inline(always)]
    pub(crate) fn prog<'a>(&self) -> &'a Program {
        // SAFETY: `self.program` is set once in `new` and never reassigned; the `Arc`
        // keeps the program alive as long as the VM. Callers use the reference only
        // within a method of this VM (never store it), so it cannot outlive the VM.
        unsafe { &*Arc::as_ptr(&self.program) }
    }

    /// Where program output goes (default: buffered real stdout).
    pub fn set_stdout(&mut self, out: Box<dyn Write + Send>) {
        let _ = self.out.flush();
        if let Some(out) = self.set_shared_out(out) {
            self.out = out;
        }
    }

    /// Where the program's standard error goes (`print`, `println`, `os.Stderr`;
    /// default: real stderr). Go's panic messages are not written here: they are the
    /// text of the [`VmError`] the run returns.
    pub fn set_stderr(&mut self, err: Box<dyn Write + Send>) {
        self.err_out = err;
    }

    /// What the program reads as standard input (default: real stdin).
    pub fn set_stdin(&mut self, input: Box<dyn std::io::Read + Send>) {
        self.stdin = input;
    }

    /// The loaded program.
    pub fn program(&self) -> &Arc<Program> {
        &self.program
    }

    /// Run `program.init` (if any), then `program.main`.
    pub fn run_main(&mut self) -> Result<(), VmError> {
        if let Some(init) = self.program.init {
            self.call(init, &[])?;
        }
        match self.program.main {
            Some(main) => self.call(main, &[]).map(|_| ()),
            None => {
                let _ = self.out.flush();
                Err(VmError::Fatal("fatal error: program has no main function\n".into()))
            }
        }
    }

    /// Run function `func` with `args` to completion and return its results. Results
    /// that are references are only valid until the VM runs or collects again (objects
    /// move).
    pub fn call(&mut self, func: FuncId, args: &[u64]) -> Result<Vec<u64>, VmError> {
        let Some(info) = self.funcs.get(func.0 as usize).copied() else {
            return Err(VmError::Fatal(format!("fatal error: no function #{}\n", func.0)));
        };
        if args.len() != info.param_count as usize || info.capture_count != 0 {
            return Err(VmError::Fatal(format!(
                "fatal error: {} takes {} arguments, called with {}\n",
                self.program.func(func).name,
                info.param_count,
                args.len()
            )));
        }
        let outermost = self.sched.loop_depth == 0;
        if outermost {
            self.machine_stack_limit = crate::runtime::machine_stack_limit();
        }
        let outcome = self.call_function(func, 0, args);
        if outermost {
            self.machine_stack_limit = 0;
        }
        let result = match outcome {
            Ok(base) => {
                let n = info.result_count as usize;
                // SAFETY: the entry frame's results are its first `n` slots, inside the
                // stack (checked when the frame was entered).
                let results = unsafe { std::slice::from_raw_parts(self.stack.ptr().add(base), n) }.to_vec();
                Ok(results)
            }
            Err(Unwind::Panic) => {
                let text = self.panic_text();
                Err(VmError::Panic(text))
            }
            Err(Unwind::Fatal(text)) => Err(VmError::Fatal(text)),
            Err(Unwind::Exit(e)) => Err(e),
            Err(other) => Err(VmError::Fatal(format!("fatal error: internal VM error: {other:?} left the VM\n"))),
        };
        // The program (this call) ends: so do the islands it started. A failure one of
        // them recorded while the call ran is the call's.
        let result = match (self.end_islands(), result) {
            (Some(e), Ok(_)) => Err(e),
            (_, r) => r,
        };
        if result.is_err() {
            self.reset_after_error();
        }
        let _ = self.out.flush();
        result
    }

    /// Bytecode instructions executed so far (by this VM, all calls; interpreted and
    /// native).
    pub fn instructions_executed(&self) -> u64 {
        self.executed + self.jit.as_ref().map_or(0, |j| j.native_counts.iter().sum::<u64>())
    }

    fn reset_after_error(&mut self) {
        self.reset_fibers();
        self.frames.clear();
        self.defers.clear();
        self.defer_args.clear();
        self.panics.clear();
        self.heap.truncate_roots(0);
    }

    /// The first free stack slot above the running frame and its window.
    #[inline]
    pub(crate) fn stack_top(&self) -> usize {
        match self.frames.last() {
            Some(f) => f.base as usize + self.funcs[f.func as usize].frame_size as usize,
            None => 0,
        }
    }

    /// Whether the runtime's recursion has used up its machine-stack budget.
    #[inline(always)]
    pub(crate) fn machine_stack_low(&self) -> bool {
        crate::runtime::approx_sp() < self.machine_stack_limit
    }

    /// Call `func` (with `closure` as its running closure) re-entrantly and run it to
    /// completion; returns the stack index of its results. The arguments must not be
    /// references that were held across an allocation (they are written to the new
    /// frame before anything allocates).
    pub(crate) fn call_function(&mut self, func: FuncId, closure: GcRef, args: &[u64]) -> Result<usize, Unwind> {
        let info = self.funcs[func.0 as usize];
        let base = self.stack_top();
        if base + info.frame_size as usize > self.stack.len()
            || self.frames.len() >= self.max_frames
            || self.machine_stack_low()
        {
            return Err(self.stack_overflow());
        }
        debug_assert_eq!(args.len(), info.param_count as usize, "call_function arity");
        // SAFETY: `base + frame_size <= stack.len()` was checked above, and
        // `args.len() == param_count <= slot_count <= frame_size`.
        unsafe {
            let fp = self.stack.ptr().add(base);
            std::ptr::copy_nonoverlapping(args.as_ptr(), fp, args.len());
            zero_slots(fp, info.param_count as usize, info.slot_count as usize);
        }
        self.frames.push(Frame { closure, func: func.0, base: base as u32, pc: 0, panic_index: 0, mode: MODE_ENTRY });
        let boundary = self.frames.len() - 1;
        let starter = self.sched.cur;
        self.sched.loop_depth += 1;
        self.nest.push(crate::runtime::sched::Nest { depth: self.sched.loop_depth, boundary: boundary as u32 });
        let mut result = self.run_loop(boundary);
        // The loop leaves normally or with a panic only with its starter running; a
        // fatal error or an abandoned loop may leave another fiber running: the
        // starter's state comes back.
        self.make_current(starter);
        if matches!(result, Err(Unwind::Abandon)) {
            if self.sched.loop_depth == 1 {
                // The outermost call's entry frame waits to return: run it.
                result = self.run_loop(boundary);
            } else {
                self.abandon_fiber(starter);
            }
        }
        self.nest.pop();
        self.sched.loop_depth -= 1;
        result?;
        Ok(base)
    }

    /// Whether a frame of `info` at `base` fits the stack (and the control stack).
    #[inline(always)]
    fn check_frame(&self, base: usize, info: &FuncInfo) -> bool {
        base + info.frame_size as usize <= self.stack.len() && self.frames.len() < self.max_frames
    }

    /// The dispatch loop. Runs until the frame at index `boundary` of the control stack
    /// returns (`Ok`), or a panic unwinds past it / a fatal error occurs (`Err`).
    pub(crate) fn run_loop(&mut self, boundary: usize) -> Result<(), Unwind> {
        let program = Arc::clone(&self.program);
        let funcs: *const FuncInfo = self.funcs.as_ptr();
        // The running fiber's stack and boundary frame (they change on a switch).
        let mut stack: *mut u64 = self.stack.ptr();
        let mut boundary = boundary;
        // The preemption budget (see `runtime::sched`), counted down in a register.
        let quantum = self.sched.quantum;
        let mut budget: u32 = quantum;
        let globals: *mut u64 = self.globals.as_mut_ptr();
        let consts: *const u64 = program.consts.as_ptr();
        let jit_on = self.jit.is_some();

        let mut func: *const FuncInfo;
        let mut fp: *mut u64;
        let mut code: *const Instr;
        let mut ip: *const Instr;
        let mut base: usize;

        // Reload the running frame's state from the top control record.
        macro_rules! reload {
            () => {{
                // SAFETY: the loop only runs while the control stack holds at least the
                // boundary frame; records name verified functions and bases whose frames
                // were checked to fit the stack when pushed.
                let top = *self.frames.last().unwrap_unchecked();
                func = funcs.add(top.func as usize);
                base = top.base as usize;
                fp = stack.add(base);
                code = (*func).code;
                ip = code.add(top.pc as usize);
            }};
        }
        // Store the running frame's resume pc (the instruction after the current one).
        macro_rules! save_pc {
            () => {{
                let pc = ip.offset_from(code) as u32;
                self.frames.last_mut().unwrap_unchecked().pc = pc;
            }};
        }
        // Straight-line execution stopped (a panic, a fiber blocking or yielding, a
        // switch): continue in the frame that runs now (maybe another fiber's) or leave.
        // A fiber that parked in native code resumes there (`jit_resume_entry`); if
        // that code stops again, the stop is handled here in turn.
        macro_rules! unwind {
            ($u:expr) => {{
                let mut u = $u;
                let stop = loop {
                    match self.stopped(u) {
                        Ok(()) => {
                            stack = self.stack.ptr();
                            boundary = self.cur_boundary();
                            budget = quantum;
                            reload!();
                            if let Some((entry, pc)) = if jit_on { self.jit_resume_entry() } else { None } {
                                let r = self.run_native_code(entry, fp, pc);
                                if r == crate::jit::JitResult::Returned as u32 {
                                    self.frames.pop();
                                } else if let Some(next) = self.jit_pending.take() {
                                    u = next;
                                    continue;
                                }
                                reload!();
                            }
                            break None;
                        }
                        Err(r) => break Some(r),
                    }
                };
                match stop {
                    None => continue,
                    Some(r) => break r,
                }
            }};
        }
        // One preemption tick (a back edge or a call): when the budget is used up and
        // another fiber is runnable, yield. The resume pc is the current `ip`.
        macro_rules! tick {
            () => {{
                budget -= 1;
                if budget == 0 {
                    budget = quantum;
                    if self.sched.others_runnable() {
                        save_pc!();
                        unwind!(Unwind::Yield);
                    }
                }
            }};
        }
        // The result of an inline op's semantics (a `runtime` function shared with
        // `Vm::exec_op`); on a `Fault`, store the resume pc (on that path only) and raise
        // its panic.
        macro_rules! check {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(f) => {
                        save_pc!();
                        unwind!(self.raise(f));
                    }
                }
            };
        }
        // Run a helper that may panic, allocate or call.
        macro_rules! helper {
            ($e:expr) => {{
                save_pc!();
                if let Err(u) = $e {
                    unwind!(u);
                }
            }};
        }
        macro_rules! r {
            ($i:expr) => {
                *fp.add($i as usize)
            };
        }
        macro_rules! ri {
            ($i:expr) => {
                (*fp.add($i as usize) as i64)
            };
        }
        macro_rules! rf {
            ($i:expr) => {
                f64::from_bits(*fp.add($i as usize))
            };
        }
        // Run the running frame natively from `$pc` (see the contract in `jit`): on
        // `Returned` finish its `Ret` (pop it), else continue with the frames it left.
        macro_rules! native {
            ($entry:expr, $pc:expr) => {{
                let r = self.run_native_code($entry, fp, $pc);
                if r == crate::jit::JitResult::Returned as u32 {
                    self.frames.pop();
                    reload!();
                } else {
                    match self.jit_pending.take() {
                        Some(u) => unwind!(u),
                        None => reload!(),
                    }
                }
            }};
        }
        // Take a branch; a backward one is a loop back edge: it charges the budget and,
        // with a JIT, counts towards compiling the function and enters its native code
        // at the loop header (OSR).
        macro_rules! jump_by {
            ($off:expr) => {{
                let off = $off as isize;
                ip = ip.offset(off);
                if off < 0 {
                    tick!();
                    if jit_on {
                        let top = *self.frames.last().unwrap_unchecked();
                        let entry = self.jit_loop_entry(top.func);
                        if !entry.is_null() {
                            let pc = ip.offset_from(code) as u32;
                            let flags = if top.mode != MODE_NORMAL { crate::jit::ENTRY_RET_VIA_VM } else { 0 };
                            native!(entry, pc | flags);
                        }
                    }
                }
            }};
        }
        macro_rules! jump16 {
            ($ins:expr) => {
                jump_by!($ins.c_i16())
            };
        }
        macro_rules! jump32 {
            ($ins:expr) => {
                jump_by!($ins.bc_i32())
            };
        }
        // Enter the callee whose arguments are in the window.
        macro_rules! enter {
            ($fid:expr, $closure:expr) => {{
                let fid = $fid as usize;
                let callee = funcs.add(fid);
                let new_base = base + (*func).slot_count as usize;
                if !self.check_frame(new_base, &*callee) {
                    save_pc!();
                    break Err(self.stack_overflow());
                }
                save_pc!();
                self.frames.push(Frame {
                    closure: $closure,
                    func: fid as u32,
                    base: new_base as u32,
                    pc: 0,
                    panic_index: 0,
                    mode: MODE_NORMAL,
                });
                func = callee;
                base = new_base;
                fp = stack.add(base);
                zero_slots(fp, (*func).param_count as usize, (*func).slot_count as usize);
                code = (*func).code;
                ip = code;
                tick!();
                if jit_on {
                    let entry = self.jit_call_entry(fid as u32);
                    if !entry.is_null() {
                        native!(entry, 0);
                    }
                }
            }};
        }

        // SAFETY: see `reload!`: the top record is the boundary frame just pushed.
        unsafe { reload!() };
        let mut executed: u64 = 0;
        let result = loop {
            // SAFETY: (the whole instruction body) `ip` points into the running function's
            // code: it starts at a verified pc and every jump target, fall-through and
            // skipped `Ext` word was checked by `verify` to stay inside the code. Every
            // register operand was verified to be below the function's `frame_size`, and
            // the frame was checked to fit the stack when it was entered, so `fp.add(r)`
            // is in bounds. Constant, global, string, function and type indices were
            // verified against the program's tables. Heap objects are accessed through
            // references the code generator guarantees to have the right kind (a
            // type-correct program); nil is checked wherever Go can observe it.
            unsafe {
                let ins = *ip;
                ip = ip.add(1);
                executed += 1;
                match ins.op {
                    Op::Nop | Op::Ext => {}
                    Op::Move => r!(ins.a) = r!(ins.b),
                    Op::LoadInt => r!(ins.a) = ins.bc_i32() as i64 as u64,
                    Op::LoadConst => r!(ins.a) = *consts.add(ins.b as usize),
                    Op::LoadStr => r!(ins.a) = self.load_str(ins.b),
                    Op::LoadNil => r!(ins.a) = 0,
                    Op::LoadFunc => {
                        let c = self.interned_func(ins.b);
                        if c != 0 {
                            r!(ins.a) = c;
                        } else {
                            helper!(self.op_load_func(Regs(fp), ins));
                        }
                    }
                    Op::GetGlobal => r!(ins.a) = *globals.add(ins.b as usize),
                    Op::SetGlobal => *globals.add(ins.a as usize) = r!(ins.b),

                    Op::AddI => r!(ins.a) = r!(ins.b).wrapping_add(r!(ins.c)),
                    Op::SubI => r!(ins.a) = r!(ins.b).wrapping_sub(r!(ins.c)),
                    Op::MulI => r!(ins.a) = r!(ins.b).wrapping_mul(r!(ins.c)),
                    Op::DivI => r!(ins.a) = check!(div_i(r!(ins.b), r!(ins.c))),
                    Op::RemI => r!(ins.a) = check!(rem_i(r!(ins.b), r!(ins.c))),
                    Op::AndI => r!(ins.a) = r!(ins.b) & r!(ins.c),
                    Op::OrI => r!(ins.a) = r!(ins.b) | r!(ins.c),
                    Op::XorI => r!(ins.a) = r!(ins.b) ^ r!(ins.c),
                    Op::AndNotI => r!(ins.a) = r!(ins.b) & !r!(ins.c),
                    Op::ShlI => r!(ins.a) = check!(shl_i(r!(ins.b), r!(ins.c))),
                    Op::ShrI => r!(ins.a) = check!(shr_i(r!(ins.b), r!(ins.c))),
                    Op::AddIK => r!(ins.a) = r!(ins.b).wrapping_add(ins.c_i16() as i64 as u64),
                    Op::MulIK => r!(ins.a) = r!(ins.b).wrapping_mul(ins.c_i16() as i64 as u64),
                    Op::AndIK => r!(ins.a) = r!(ins.b) & (ins.c_i16() as i64 as u64),
                    Op::ShlIK => r!(ins.a) = r!(ins.b) << (ins.c & 63),
                    Op::ShrIK => r!(ins.a) = (ri!(ins.b) >> (ins.c & 63)) as u64,
                    Op::DivIK => r!(ins.a) = ri!(ins.b).wrapping_div(ins.c_i16() as i64) as u64,
                    Op::RemIK => r!(ins.a) = ri!(ins.b).wrapping_rem(ins.c_i16() as i64) as u64,
                    Op::NegI => r!(ins.a) = r!(ins.b).wrapping_neg(),
                    Op::NotI => r!(ins.a) = !r!(ins.b),
                    Op::WrapU8 => r!(ins.a) = r!(ins.b) & 0xff,
                    Op::WrapI32 => r!(ins.a) = r!(ins.b) as i32 as i64 as u64,
                    Op::WrapI8 => r!(ins.a) = r!(ins.b) as i8 as i64 as u64,
                    Op::WrapI16 => r!(ins.a) = r!(ins.b) as i16 as i64 as u64,
                    Op::WrapU16 => r!(ins.a) = r!(ins.b) & 0xffff,
                    Op::WrapU32 => r!(ins.a) = r!(ins.b) & 0xffff_ffff,
                    Op::DivU => r!(ins.a) = check!(div_u(r!(ins.b), r!(ins.c))),
                    Op::RemU => r!(ins.a) = check!(rem_u(r!(ins.b), r!(ins.c))),
                    Op::ShrU => r!(ins.a) = check!(shr_u(r!(ins.b), r!(ins.c))),
                    Op::ShrUK => r!(ins.a) = r!(ins.b) >> (ins.c & 63),
                    Op::CountU => r!(ins.a) = r!(ins.b).min(64),
                    Op::LtU => r!(ins.a) = (r!(ins.b) < r!(ins.c)) as u64,
                    Op::LeU => r!(ins.a) = (r!(ins.b) <= r!(ins.c)) as u64,
                    Op::UintToFloat => r!(ins.a) = uint_to_float(r!(ins.b)).to_bits(),
                    Op::FloatToUint => r!(ins.a) = float_to_uint(rf!(ins.b)),

                    Op::AddF => r!(ins.a) = (rf!(ins.b) + rf!(ins.c)).to_bits(),
                    Op::SubF => r!(ins.a) = (rf!(ins.b) - rf!(ins.c)).to_bits(),
                    Op::MulF => r!(ins.a) = (rf!(ins.b) * rf!(ins.c)).to_bits(),
                    Op::DivF => r!(ins.a) = (rf!(ins.b) / rf!(ins.c)).to_bits(),
                    Op::NegF => r!(ins.a) = (-rf!(ins.b)).to_bits(),
                    Op::SqrtF => r!(ins.a) = rf!(ins.b).sqrt().to_bits(),
                    Op::AbsF => r!(ins.a) = rf!(ins.b).abs().to_bits(),
                    Op::FloorF => r!(ins.a) = rf!(ins.b).floor().to_bits(),
                    Op::IntToFloat => r!(ins.a) = (ri!(ins.b) as f64).to_bits(),
                    Op::FloatToInt => r!(ins.a) = float_to_int(rf!(ins.b)) as u64,

                    Op::EqI => r!(ins.a) = (r!(ins.b) == r!(ins.c)) as u64,
                    Op::NeI => r!(ins.a) = (r!(ins.b) != r!(ins.c)) as u64,
                    Op::LtI => r!(ins.a) = (ri!(ins.b) < ri!(ins.c)) as u64,
                    Op::LeI => r!(ins.a) = (ri!(ins.b) <= ri!(ins.c)) as u64,
                    Op::EqF => r!(ins.a) = (rf!(ins.b) == rf!(ins.c)) as u64,
                    Op::NeF => r!(ins.a) = (rf!(ins.b) != rf!(ins.c)) as u64,
                    Op::LtF => r!(ins.a) = (rf!(ins.b) < rf!(ins.c)) as u64,
                    Op::LeF => r!(ins.a) = (rf!(ins.b) <= rf!(ins.c)) as u64,
                    Op::EqStr => r!(ins.a) = str_eq(r!(ins.b), r!(ins.c)) as u64,
                    Op::LtStr => r!(ins.a) = str_lt(r!(ins.b), r!(ins.c)) as u64,
                    Op::LeStr => r!(ins.a) = str_le(r!(ins.b), r!(ins.c)) as u64,
                    Op::Not => r!(ins.a) = (r!(ins.b) == 0) as u64,
                    Op::EqIface => helper!(self.op_eq_iface(Regs(fp), ins)),
                    Op::EqAgg => helper!(self.op_eq_agg(Regs(fp), ins)),

                    Op::Jmp => jump32!(ins),
                    Op::JmpTrue => {
                        if r!(ins.a) != 0 {
                            jump32!(ins)
                        }
                    }
                    Op::JmpFalse => {
                        if r!(ins.a) == 0 {
                            jump32!(ins)
                        }
                    }
                    Op::JmpLtI => {
                        if ri!(ins.a) < ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLeI => {
                        if ri!(ins.a) <= ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpEqI => {
                        if r!(ins.a) == r!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpNeI => {
                        if r!(ins.a) != r!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLtIK => {
                        if ri!(ins.a) < ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLeIK => {
                        if ri!(ins.a) <= ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpGtIK => {
                        if ri!(ins.a) > ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpGeIK => {
                        if ri!(ins.a) >= ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpEqIK => {
                        if ri!(ins.a) == ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpNeIK => {
                        if ri!(ins.a) != ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::IncJmpLtI => {
                        let v = ri!(ins.a).wrapping_add(1);
                        r!(ins.a) = v as u64;
                        if v < ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::IncJmpLeI => {
                        let v = ri!(ins.a).wrapping_add(1);
                        r!(ins.a) = v as u64;
                        if v <= ri!(ins.b) {
                            jump16!(ins)
                        }
                    }

                    // ---- strings
                    Op::Concat => helper!(self.op_concat(Regs(fp), ins)),
                    Op::StrLen => r!(ins.a) = heap::str_len(r!(ins.b)) as u64,
                    Op::StrIndex => r!(ins.a) = check!(str_index(r!(ins.b), r!(ins.c))),
                    Op::SliceStr => helper!(self.op_slice_str(Regs(fp), ins)),
                    Op::StrDecodeRune => crate::runtime::strings::op_decode_rune(Regs(fp), ins),
                    Op::StrFromBytes => helper!(self.op_str_from_bytes(Regs(fp), ins)),
                    Op::BytesFromStr => helper!(self.op_bytes_from_str(Regs(fp), ins)),
                    Op::StrFromRune => helper!(self.op_str_from_rune(Regs(fp), ins)),
                    Op::Itoa => helper!(self.op_itoa(Regs(fp), ins)),

                    // ---- arrays, slices
                    Op::New => helper!(self.op_new(Regs(fp), ins)),
                    Op::MakeSlice => helper!(self.op_make_slice(Regs(fp), ins)),
                    Op::ArrayGet => r!(ins.a) = check!(array_get(r!(ins.b), r!(ins.c))),
                    Op::ArraySet | Op::ArraySetR => {
                        check!(array_set(&mut self.heap, r!(ins.a), r!(ins.b), r!(ins.c), ins.op == Op::ArraySetR))
                    }
                    Op::SliceGet => r!(ins.a) = check!(slice_get(r!(ins.b), r!(ins.c))),
                    Op::SliceSet | Op::SliceSetR => {
                        check!(slice_set(&mut self.heap, r!(ins.a), r!(ins.b), r!(ins.c), ins.op == Op::SliceSetR))
                    }
                    Op::SliceLen => r!(ins.a) = slice_len(r!(ins.b)),
                    Op::SliceCap => r!(ins.a) = slice_cap(r!(ins.b)),
                    Op::SliceSlice => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_slice_slice(Regs(fp), ins, ext));
                    }
                    Op::Append => helper!(self.op_append(Regs(fp), ins)),
                    Op::AppendSlice => helper!(self.op_append_slice(Regs(fp), ins)),
                    Op::AppendStr => helper!(self.op_append_str(Regs(fp), ins)),
                    Op::CopySlice => self.op_copy_slice(Regs(fp), ins),
                    Op::CopyStr => self.op_copy_str(Regs(fp), ins),

                    // ---- structs, boxes, aggregates
                    Op::GetField => r!(ins.a) = check!(get_field(r!(ins.b), ins.c as usize)),
                    Op::SetField | Op::SetFieldR => {
                        check!(set_field(&mut self.heap, r!(ins.a), ins.b as usize, r!(ins.c), ins.op == Op::SetFieldR))
                    }
                    Op::BoxGet => r!(ins.a) = check!(box_get(r!(ins.b))),
                    Op::BoxSet | Op::BoxSetR => {
                        check!(box_set(&mut self.heap, r!(ins.a), r!(ins.b), ins.op == Op::BoxSetR))
                    }
                    Op::BoxNew => helper!(self.op_box_new(Regs(fp), ins)),
                    Op::Clone => helper!(self.op_clone(Regs(fp), ins)),
                    Op::CopyInto => helper!(self.op_copy_into(Regs(fp), ins)),

                    // ---- maps
                    Op::MakeMap => helper!(self.op_make_map(Regs(fp), ins)),
                    Op::MapGet => self.op_map_get(Regs(fp), ins),
                    Op::MapGet2 => self.op_map_get2(Regs(fp), ins),
                    Op::MapSet => helper!(self.op_map_set(Regs(fp), ins)),
                    Op::MapDelete => self.op_map_delete(Regs(fp), ins),
                    Op::MapLen => r!(ins.a) = map_len(r!(ins.b)),
                    Op::MapIterInit => op_map_iter_init(Regs(fp), ins),
                    Op::MapNext => {
                        if self.op_map_next(Regs(fp), ins) {
                            ip = ip.add(1);
                        }
                    }

                    // ---- interfaces
                    Op::ToIface => helper!(self.op_to_iface(Regs(fp), ins)),
                    Op::IfaceData => r!(ins.a) = iface_data(r!(ins.b)),
                    Op::IfaceIs => self.op_iface_is(Regs(fp), ins),
                    Op::Assert => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_assert(Regs(fp), ins, ext));
                    }
                    Op::Assert2 => self.op_assert2(Regs(fp), ins),

                    // ---- calls
                    Op::Call => enter!(ins.a, 0),
                    Op::CallClosure => {
                        let clo = r!(ins.a);
                        if clo == 0 {
                            save_pc!();
                            unwind!(self.panic_nil());
                        }
                        enter!(heap::obj_aux(clo), clo)
                    }
                    Op::CallIface => {
                        let iface = r!(ins.b);
                        if iface == 0 {
                            save_pc!();
                            unwind!(self.panic_nil());
                        }
                        let ty = heap::load(iface, heap::layout::IFACE_TYPE) as u32;
                        let payload = heap::load(iface, heap::layout::IFACE_DATA);
                        let Some(fid) = self.methods.lookup(ty, ins.a as u32) else {
                            save_pc!();
                            break Err(self.internal_error(format!(
                                "method {} not found on {}",
                                program.method_names[ins.a as usize], program.types[ty as usize].name
                            )));
                        };
                        *fp.add((*func).slot_count as usize) = payload;
                        enter!(fid.0, 0)
                    }
                    Op::CallNative | Op::CallNativeSpread => {
                        let window = Regs(fp.add((*func).slot_count as usize));
                        helper!(self.op_call_native(window, ins));
                    }
                    Op::Ret => {
                        let top = self.frames.last_mut().unwrap_unchecked();
                        if top.mode != MODE_NORMAL {
                            save_pc!();
                            match self.ret_slow(ins, boundary) {
                                Ok(true) => {
                                    reload!();
                                    continue;
                                }
                                Ok(false) => break Ok(()),
                                Err(u) => unwind!(u),
                            }
                        }
                        move_results(fp, ins.a as usize, ins.b as usize);
                        self.frames.pop();
                        reload!();
                    }
                    Op::LoadCapture => r!(ins.a) = self.load_capture(ins.c),
                    Op::MakeClosure => helper!(self.op_make_closure(Regs(fp), ins)),

                    // ---- defer, panic, recover
                    Op::DeferCall | Op::DeferClosure => {
                        let window = fp.add((*func).slot_count as usize);
                        helper!(self.op_defer(Regs(fp), Regs(window), ins));
                    }
                    Op::RunDefers => {
                        let depth = self.frames.len() - 1;
                        if let Some(d) = self.defers.last() {
                            if d.depth as usize == depth {
                                // Re-execute RunDefers when the deferred call returns.
                                ip = ip.sub(1);
                                save_pc!();
                                let rec = self.defers.pop().unwrap_unchecked();
                                if let Err(u) = self.push_deferred_call(rec, MODE_NORMAL, 0) {
                                    // The deferred call could not start (a nil func):
                                    // the panic belongs to this frame, after RunDefers.
                                    ip = ip.add(1);
                                    save_pc!();
                                    unwind!(u);
                                }
                                reload!();
                            }
                        }
                    }
                    Op::Panic => {
                        save_pc!();
                        let v = r!(ins.a);
                        unwind!(self.op_panic(v));
                    }
                    Op::Recover => r!(ins.a) = self.op_recover(),

                    // ---- goroutines and channels (see `runtime::sched`, `runtime::chans`)
                    Op::Go | Op::GoClosure => {
                        let window = fp.add((*func).slot_count as usize);
                        helper!(self.op_go(Regs(fp), Regs(window), ins));
                    }
                    Op::MakeChan => helper!(self.op_make_chan(Regs(fp), ins)),
                    Op::ChanSend => helper!(self.op_chan_send(Regs(fp), ins, base)),
                    Op::ChanRecv | Op::ChanRecv2 => helper!(self.op_chan_recv(Regs(fp), ins, base)),
                    Op::ChanClose => helper!(self.op_chan_close(Regs(fp), ins)),
                    Op::ChanLen => r!(ins.a) = chan_len(r!(ins.b)),
                    Op::ChanCap => r!(ins.a) = chan_cap(r!(ins.b)),
                    Op::Select => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_select(Regs(fp), ins, ext, base));
                    }

                    // ---- islands and ports (see `runtime::islands`)
                    Op::IslandGo => helper!(self.op_island_go(Regs(fp), ins)),
                    Op::PortNew => helper!(self.op_port_new(Regs(fp), ins)),
                    Op::PortSend => helper!(self.op_port_send(Regs(fp), ins)),
                    Op::PortRecv => helper!(self.op_port_recv(Regs(fp), ins, base)),
                    Op::PortClose => helper!(self.op_port_close(Regs(fp), ins)),
                }
            }
        };
        self.executed += executed;
        result
    }
}

/// Zero slots `from..to` of the frame at `fp`.
///
/// Frames are small: a plain store loop beats a call to `memset`, which LLVM would
/// otherwise substitute for the loop (hence the volatile stores below 16 slots).
///
/// # Safety
/// `fp.add(to)` must be within the VM stack.
#[inline(always)]
pub(crate) unsafe fn zero_slots(fp: *mut u64, from: usize, to: usize) {
    if to.wrapping_sub(from) > 16 {
        // SAFETY: `from..to` is inside the stack (caller's guarantee).
        unsafe { std::ptr::write_bytes(fp.add(from), 0, to - from) };
        return;
    }
    let mut i = from;
    while i < to {
        // SAFETY: `i < to` and the caller guarantees `fp + to` is in the stack.
        unsafe { std::ptr::write_volatile(fp.add(i), 0) };
        i += 1;
    }
}

/// Copy `n` results from slots `a..a+n` down to `0..n` (forward: `a >= 0`, so a
/// forward copy is correct even when the ranges overlap).
///
/// # Safety
/// `fp.add(a + n)` must be within the VM stack.
#[inline(always)]
pub(crate) unsafe fn move_results(fp: *mut u64, a: usize, n: usize) {
    if a == 0 {
        return;
    }
    let mut i = 0;
    while i < n {
        // SAFETY: `i < n` and `a + n` is inside the frame (verified `Ret` operands).
        unsafe { std::ptr::write_volatile(fp.add(i), *fp.add(a + i)) };
        i += 1;
    }
}

/// Go's float64 -> int conversion on amd64: truncation; NaN and out-of-range values give
/// MinInt (what CVTTSD2SQ produces).
#[inline]
pub(crate) fn float_to_int(f: f64) -> i64 {
    // [-2^63, 2^63): both bounds are exact in f64.
    if (i64::MIN as f64..-(i64::MIN as f64)).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

/// Whether a type's values are aggregates (structs and arrays, stored as references to
/// their storage object).
#[inline]
pub(crate) fn is_aggregate(kind: &RKind) -> bool {
    matches!(kind, RKind::Struct(_) | RKind::Array(..))
}

#[cfg(test)]
pub(crate) mod asm;
#[cfg(test)]
mod conc_tests;
#[cfg(test)]
mod tests;
