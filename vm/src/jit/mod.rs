//! The JIT contract shared by every strategy (DESIGN §4), and the machinery around it:
//! the [`Strategy`] trait, the native signature, [`JitContext`], result codes, the code
//! table, hotness counters and compile events. A strategy only turns one function's
//! bytecode into machine code; everything else lives here, once.
//!
//! # The native contract
//!
//! Every strategy emits functions of one signature, [`NativeFn`]:
//! `extern "C" fn(ctx: *mut JitContext, frame: *mut u64, entry: u32) -> u32`.
//!
//! - **Frames.** Native code works directly on the VM frame: `frame` is slot 0 of the
//!   function's frame on the fiber's VM stack, exactly as the interpreter lays it out
//!   (the "no stack map" design: the VM stack is the GC root set). Every native frame
//!   also has its control record on `Vm::frames`, like an interpreted one, so unwinding,
//!   defers, tracebacks and the collector see no difference. A VM stack never moves, so
//!   `frame` stays valid for the frame's whole life (see `runtime::sched`).
//! - **Entry.** `entry & ENTRY_PC_MASK` is the pc to start at: 0, or a loop header (OSR
//!   from the interpreter, same frame layout). With [`ENTRY_RET_VIA_VM`] set, `Ret`
//!   falls back to the interpreter instead of returning (the frame is an entry,
//!   goroutine or deferred-call frame whose return the interpreter must handle).
//! - **Result.** 0 ([`JitResult::Returned`]): the function executed `Ret`, its results
//!   are in slots `0..n`; the invoker pops the control record. Anything else: native
//!   execution stopped, the frame's resume pc is stored in its control record, and
//!   `Vm::jit_pending` says why (a panic, a block, a fatal error, a yield) or is empty
//!   (fall back: the interpreter simply continues at the saved pc). A native caller that
//!   sees a non-zero result from its callee returns it unchanged: the whole chain of
//!   native frames becomes interpreted frames, which resume in the interpreter.
//! - **Calls.** See "Native calls" below: the one recipe every strategy follows.
//! - **Helpers.** Operations a strategy does not emit inline are calls of the
//!   `extern "C"` helpers in [`helpers`] (the same for every strategy). A helper that
//!   can allocate is a safepoint: native code keeps no GC reference in a register
//!   across it (`cranelift-reload`) or declares it in a stack map (`cranelift-regmap`).
//!
//! # Hotness
//!
//! The interpreter counts calls per function (threshold [`JitOptions::call_threshold`],
//! default 100) and taken backward branches per function ([`JitOptions::loop_threshold`],
//! default 50); reaching either compiles the function, and a hot loop enters the new
//! code at its header (OSR). [`JitOptions::eager`] compiles every function when the VM
//! is made. A function whose compilation fails is never retried and runs interpreted
//! (the failure is recorded in the compile events; the test suite asserts there are
//! none).
//!
//! # Native calls
//!
//! A call of compiled code by compiled code (`Call`, `CallClosure`, `CallIface` once the
//! callee's id is known) happens inline, in this order, in every strategy (template
//! `emit/calls.rs::call`, dynasm `emit/calls.rs::call`, Cranelift `translate/calls.rs::call`):
//!
//! 1. **Compiled?** The callee's entry: template and dynasm read the call table
//!    (`JitContext::call_table`: call entries, see below), Cranelift the code table
//!    (`JitContext::code_table`: native entries); both are never reallocated. Null →
//!    slow path.
//! 2. **Machine stack**: SP above [`JitContext::native_stack_limit`] (the machine stack
//!    is bounded; one compare, nothing to count up and down) → else slow path.
//! 3. **Control-stack room**: `len < cap` of the fiber's control stack → else slow path
//!    (which grows it, up to the fiber's frame limit).
//! 4. **VM-stack room**: the callee's frame (`frame_size` slots from the caller's window)
//!    ends inside the fiber's VM stack → else slow path (Go's stack overflow).
//! 5. **Budget**: more than one tick left → else slow path (which may yield).
//! 6. **Push**: the caller's record gets its resume pc (the call's pc + 1); the callee's
//!    record above it gets closure, function, base (the caller's base + its slot
//!    count), pc 0, panic index 0 and mode normal; the control stack's length goes up
//!    by one, the budget down by one (the call's tick).
//! 7. **Zero** the callee's non-parameter reference slots
//!    ([`Function::local_ref_slots`](crate::bytecode::Function::local_ref_slots): its
//!    slot map must see no stale reference) when the callee is known at compile time,
//!    every non-parameter slot otherwise (as the interpreter and the slow path do).
//! 8. **Run** the callee on its frame (the caller's window): through its call entry
//!    (template, dynasm) or its native entry with entry 0 (Cranelift); a non-zero
//!    result is returned unchanged (the caller's resume pc is stored).
//! 9. **Pop**: the control stack's length goes down by one.
//!
//! The callee may assume: its frame holds its arguments and zeroed locals, its control
//! record is the top one, the budget is current (in the context, or in `r13` through a
//! call entry). The **slow path** is [`helpers::jit_push_frame`], which runs the same
//! checks (compiling a callee that just became hot) and either performs steps 6-7 and
//! returns the callee's native entry (the caller runs it with entry 0 and goes on at
//! step 9), or stores the caller's resume pc and returns null: a fall-back (the
//! interpreter makes the call) or a stop (stack overflow, a yield).
//! `conformance/tests/jit_contract.rs` breaks each check in turn and shows the slow path
//! taken.
//!
//! ## The call convention
//!
//! A native entry is a System V function (the signature above): it saves the
//! callee-saved registers, sets up its own state and dispatches on `entry`, about 20
//! instructions in and out that a call between compiled functions does not need. So a
//! strategy may also give each function a **call entry** ([`Compiled::call_entry`],
//! stored in the call table), the one x86-64 convention shared by template and dynasm:
//!
//! - in: `rbx` = the callee's frame (slot 0), `r12` = the context, `r13` = the budget;
//!   `rsp` = 8 mod 16 (a plain `call` from an aligned stack); the entry is pc 0, no
//!   flags;
//! - out: `eax` = the result; `r13` = the budget left; `rbx`, `r12`, `rbp` and `rsp`
//!   preserved; every other register clobbered;
//! - the callee's machine frame is the return address and one slot (its entry flags),
//!   and it never writes `rbp`: a frame-pointer walk (the stack maps of
//!   `cranelift-regmap` under `tiered`) steps over such frames to the nearest one that
//!   has a frame pointer, and finds no stack map in them (they hold no references).
//!
//! The caller moves `rbx` up to the callee's frame and back. A function compiled by a
//! strategy without call entries (Cranelift) has a null call-table entry: template and
//! dynasm callers reach it through the slow path and its native entry, unless the VM
//! asked their strategy for an adapter ([`Strategy::call_adapter`]: `tiered` does).
//!
//! # Preemption
//!
//! Native code charges one tick of the fiber's budget per back edge and per call, as
//! the interpreter does, without a memory read-modify-write per tick: an activation
//! loads [`JitContext::budget`] on entry, counts it down in a register (template and
//! dynasm: `r13`; Cranelift: an SSA variable), stores it before every call out of its
//! code (a helper may read it, re-enter the interpreter or run other native code) and
//! on every way out, and re-reads it after every call. At zero, a back edge yields
//! (`jit_tick`, or [`JitResult::Tick`]) and a call goes through
//! [`helpers::jit_push_frame`], which does. The ticks land where they did when the
//! budget lived in memory, so scheduling (and every deterministic count) is unchanged.
//!
//! # Coverage
//!
//! The code that is timed counts nothing. JIT coverage (the share of executed bytecode
//! instructions that ran natively) comes from a counting replay: the same program and
//! calls in a fresh VM with [`JitOptions::count_native`] on, whose code adds each
//! native block's length to its function's counter ([`CompileEnv::native_counter`]) as
//! it enters the block (the interpreter counts its own instructions in a register,
//! always). The per-function counts also name a workload's hottest function
//! ([`crate::interp::Vm::native_profile`], whose code the report shows). Execution is
//! deterministic (seeded scheduler and `select`, allocation-driven collections), so
//! the replay compiles the same functions at the same moments and its count is the one
//! the timed run would have had.
//!
//! # Strategies
//!
//! The code generators live in their own crates (`strategies/*`, DESIGN §1) and depend
//! on this one; each offers a `register()` that registers it by name with its
//! capabilities ([`registry`]), and the harness calls those of the strategies its cargo
//! features include. A VM makes its own code generator from the registered factory
//! (islands get theirs). A tiered pair is a registered composite over two generators
//! ([`register_tiered`]; the machinery is [`tiered`]); `vm` names no implementation.

pub mod alloc;
pub mod blocks;
pub mod code_map;
pub mod helpers;
pub mod inline;
pub mod liveness;
pub mod registry;
pub mod site_caches;
#[cfg(test)]
mod tests;
pub mod tiered;
pub mod valgrind_test;
pub mod x86;

use crate::bytecode::{FuncId, Program};

/// The signature of every compiled function (see the module doc).
pub type NativeFn = unsafe extern "C" fn(ctx: *mut JitContext, frame: *mut u64, entry: u32) -> u32;

/// `entry` bits: the pc to start at.
pub const ENTRY_PC_MASK: u32 = 0x7fff_ffff;
/// `entry` flag: `Ret` falls back to the interpreter.
pub const ENTRY_RET_VIA_VM: u32 = 0x8000_0000;

/// What a native function returns (as `u32`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JitResult {
    /// `Ret` executed: results in slots `0..n`.
    Returned = 0,
    /// A Go panic is in progress.
    Panicked = 1,
    /// A blocking operation must wait: the fiber parks; it resumes at the saved pc.
    Blocked = 2,
    /// Continue in the interpreter at the saved pc.
    FallBack = 3,
    /// Something else stops native execution (a yield, a fatal error, the end of the
    /// program): see `Vm::jit_pending`.
    Stopped = 4,
    /// The preemption budget ran out at a back edge and the code left without calling
    /// `jit_tick` (the loop header's pc is stored as the resume pc): the invoker resets
    /// the budget and yields, or falls back when no other fiber is runnable. Lets a
    /// strategy keep its loops free of calls (Cranelift: a call is a safepoint, and a
    /// reference live across any safepoint lives in a stack slot).
    Tick = 5,
}

/// The state native code reads and writes directly (its layout is part of the contract:
/// strategies load these fields at the offsets below).
#[repr(C)]
pub struct JitContext {
    /// The VM (helpers reach everything through it).
    pub vm: *mut crate::interp::Vm,
    /// Per function: its native entry, or null (not compiled). Never reallocated.
    pub code_table: *const *const u8,
    /// Preemption budget left (ticks: back edges and calls). Its home while no native
    /// activation holds it: an activation loads it on entry, counts it down in a
    /// register, and stores it before every call out of its code (helpers, callees) and
    /// on every way out, re-reading it after each call (see "Preemption" in the module
    /// doc).
    pub budget: i64,
    /// The lowest machine-stack address native code may call from: a native call
    /// whose SP is at or below it takes the slow path (which falls back: the chain of
    /// native frames unwinds and the interpreter makes the call). Set when the
    /// outermost native segment starts, [`JitOptions::native_stack_bytes`] below it.
    pub native_stack_limit: u64,
    /// The running fiber's control stack (the VM's field: its contents change on a
    /// fiber switch, its address does not): native calls push and pop records inline.
    pub(crate) control: *mut crate::interp::ControlStack,
    /// The end (one past the last slot) of the running fiber's VM stack: a callee's
    /// frame must end at or below it. Set for each native segment (a fiber's stack
    /// cannot change while its native code runs: native frames never survive a switch)
    /// and restored when the segment ends.
    pub(crate) stack_end: usize,
    /// SP and FP of the innermost native frame, stored before each helper call (where
    /// a collection can happen) by strategies with stack maps and by first tiers below
    /// them (`Capabilities::STACK_MAPS`, `FRAME_ANCHORS`): the start of the stack-map
    /// walk.
    pub native_sp: u64,
    pub native_fp: u64,
    /// The nursery's bump cursor and limit (the heap's own fields, see `jit::alloc`):
    /// inline allocation bumps the cursor when the object fits below the limit.
    pub(crate) alloc_cursor: *mut usize,
    pub(crate) alloc_limit: *const usize,
    /// Per function: its *call entry* (see "The call convention" in the module doc),
    /// or null (not compiled, or compiled by a strategy without one). Never
    /// reallocated.
    pub call_table: *const *const u8,
}

impl JitContext {
    pub const OFFSET_CODE_TABLE: i32 = 8;
    pub const OFFSET_BUDGET: i32 = 16;
    pub const OFFSET_NATIVE_STACK_LIMIT: i32 = 24;
    pub const OFFSET_CONTROL: i32 = 32;
    pub const OFFSET_STACK_END: i32 = 40;
    pub const OFFSET_NATIVE_SP: i32 = 48;
    pub const OFFSET_NATIVE_FP: i32 = 56;
    pub const OFFSET_ALLOC_CURSOR: i32 = 64;
    pub const OFFSET_ALLOC_LIMIT: i32 = 72;
    pub const OFFSET_CALL_TABLE: i32 = 80;
}

const _: () = {
    assert!(std::mem::offset_of!(JitContext, code_table) == JitContext::OFFSET_CODE_TABLE as usize);
    assert!(std::mem::offset_of!(JitContext, budget) == JitContext::OFFSET_BUDGET as usize);
    assert!(std::mem::offset_of!(JitContext, native_stack_limit) == JitContext::OFFSET_NATIVE_STACK_LIMIT as usize);
    assert!(std::mem::offset_of!(JitContext, control) == JitContext::OFFSET_CONTROL as usize);
    assert!(std::mem::offset_of!(JitContext, stack_end) == JitContext::OFFSET_STACK_END as usize);
    assert!(std::mem::offset_of!(JitContext, native_sp) == JitContext::OFFSET_NATIVE_SP as usize);
    assert!(std::mem::offset_of!(JitContext, native_fp) == JitContext::OFFSET_NATIVE_FP as usize);
    assert!(std::mem::offset_of!(JitContext, alloc_cursor) == JitContext::OFFSET_ALLOC_CURSOR as usize);
    assert!(std::mem::offset_of!(JitContext, alloc_limit) == JitContext::OFFSET_ALLOC_LIMIT as usize);
    assert!(std::mem::offset_of!(JitContext, call_table) == JitContext::OFFSET_CALL_TABLE as usize);
};

/// Machine-stack bytes native frames may use below the outermost native entry (the
/// default of [`JitOptions::native_stack_bytes`]): a template or dynasm frame entered
/// through its call entry takes 16 bytes, a Cranelift frame about a hundred, a
/// helper's Rust frames a few KiB. Test threads have 2 MiB, the main thread 8 MiB,
/// island threads 16 MiB.
pub const NATIVE_STACK_BYTES: u64 = 512 * 1024;

/// An address in the caller's machine-stack frame (just above its SP): what the
/// runtime compares with [`JitContext::native_stack_limit`].
#[inline(never)]
pub(crate) fn machine_sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Makes a fresh code generator (one per VM: islands get their own).
pub type StrategyFactory = fn() -> Result<Box<dyn Strategy>, String>;

pub use registry::{register, register_tiered, Capabilities, StrategyInfo, INTERP};

/// Memory layouts native code accesses directly (besides [`JitContext`], whose offsets
/// are its associated constants): the control stack (`Vm::frames`: pointer, length,
/// capacity; records of `FRAME_BYTES` bytes) and the VM's function table.
pub mod layout {
    pub const CONTROL_PTR: i32 = 0;
    pub const CONTROL_LEN: i32 = 8;
    pub const CONTROL_CAP: i32 = 16;
    pub const FRAME_BYTES: i64 = 32;
    pub const FRAME_CLOSURE: i32 = 0;
    pub const FRAME_FUNC: i32 = 8;
    pub const FRAME_BASE: i32 = 12;
    pub const FRAME_PC: i32 = 16;
    /// The VM's per-function table (`CompileEnv::funcs`): records of `FUNC_BYTES` bytes
    /// with `u32` slot count, parameter count and frame size (slots plus window).
    pub const FUNC_BYTES: i64 = 32;
    pub const FUNC_SLOT_COUNT: i32 = 8;
    pub const FUNC_PARAM_COUNT: i32 = 12;
    pub const FUNC_FRAME_SIZE: i32 = 20;
}

/// JIT settings of a VM.
#[derive(Clone, Debug)]
pub struct JitOptions {
    /// The registered strategy's name ([`registry`]).
    pub strategy: &'static str,
    /// Calls of a function before it is compiled.
    pub call_threshold: u32,
    /// Taken backward branches in a function before it is compiled (and entered at the
    /// loop header).
    pub loop_threshold: u32,
    /// Compile every function when the VM is made.
    pub eager: bool,
    /// A tiered pair: calls of a function counted in its first-tier code before it is
    /// recompiled with the second tier.
    pub tier2_call_threshold: u32,
    /// A tiered pair: back edges taken in a function's first-tier code before it is
    /// recompiled (and its running loop moves to the new code at its header).
    pub tier2_loop_threshold: u32,
    /// A tiered pair: every function is a second-tier candidate. Off by default: only those
    /// `tiered::promotable` picks are (see `tiered`'s module doc); tests turn it on to
    /// put every function through the second tier.
    pub tier2_all: bool,
    /// Counting mode: compiled code counts the bytecode instructions it executes
    /// (`JitStats::native_instructions`, the numerator of JIT coverage). Off for timed
    /// runs, whose code carries no instrumentation; the harness measures coverage in a
    /// separate, untimed replay with it on (see "Coverage" in the module doc).
    pub count_native: bool,
    /// Machine-stack bytes native calls may use ([`NATIVE_STACK_BYTES`]); beyond it
    /// calls continue in the interpreter. Tests make it small to reach the bound.
    pub native_stack_bytes: u64,
    /// Keep a copy of every compiled function's code with its pc map
    /// ([`code_map::CodeRecord`], [`crate::interp::Vm::jit_code`]): `harness run
    /// --dump-asm` and the report's code view. Costs memory, not time in the code.
    pub keep_code: bool,
    /// With [`JitOptions::keep_code`]: also keep each strategy's IR
    /// ([`CompileEnv::keep_ir`]; `--dump-clif`).
    pub keep_ir: bool,
    /// Append every compiled function to `/tmp/perf-<pid>.map` for Linux `perf`
    /// ([`code_map::PerfMap`]); retired code is then never freed, so no two lines
    /// overlap.
    pub perf_map: bool,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions {
            strategy: INTERP,
            call_threshold: 100,
            loop_threshold: 50,
            eager: false,
            tier2_call_threshold: tiered::DEFAULT_TIER2_CALLS,
            tier2_loop_threshold: tiered::DEFAULT_TIER2_LOOPS,
            tier2_all: false,
            count_native: false,
            native_stack_bytes: NATIVE_STACK_BYTES,
            keep_code: false,
            keep_ir: false,
            perf_map: false,
        }
    }
}

/// What a strategy needs to know about the VM it compiles for: addresses that stay
/// fixed for the VM's life.
pub struct CompileEnv {
    /// The program's constant table.
    pub consts: *const u64,
    /// The VM's global slots.
    pub globals: *mut u64,
    /// The VM's interned string constants (roots: the collector updates them, so code
    /// loads them at each use).
    pub string_consts: *const u64,
    /// The nursery: start address and size in bytes (fixed for the heap's life): the
    /// write barrier's range test.
    pub nursery: (usize, usize),
    /// The VM's per-function table (`layout::FUNC_*`; never reallocated): calls whose
    /// callee is only known at run time read its frame sizes there.
    pub funcs: *const u8,
    /// Objects larger than this many words never come from the nursery's bump
    /// allocator (see [`alloc::inline_alloc`]).
    pub large_words: usize,
    /// The interface dispatch rows (`runtime::method_table`), owned by the VM for its
    /// whole life: `CallIface` indexes [`CompileEnv::method_row`] with the receiver's
    /// type id.
    pub methods: *const crate::runtime::method_table::MethodTable,
    /// Counting mode ([`JitOptions::count_native`]): every native basic block adds its
    /// length to the `u64` at [`CompileEnv::native_counter`]. Without it the code counts
    /// nothing.
    pub count_native: bool,
    /// Counting mode: the function's executed-instruction counter (an absolute address,
    /// fixed for the VM's life). Null otherwise.
    pub native_counter: *mut u64,
    /// Return the strategy's IR in [`Compiled::ir`] (costs compile time: off unless a
    /// dump asks for it).
    pub keep_ir: bool,
    /// Compiling the first tier of a tiered pair: this function's second-tier
    /// countdowns, which the code decrements on entry and at back edges, calling
    /// [`helpers::jit_tier_up`] at zero (see [`tiered`];
    /// [`Capabilities::TIER_COUNTDOWNS`]). Null otherwise.
    pub tier_counters: *mut tiered::TierCounters,
    /// Store SP and FP in the context before every helper call (the first tier below a
    /// second tier that keeps references in native frames:
    /// [`Capabilities::FRAME_ANCHORS`]).
    pub anchor_frames: bool,
}

/// A compiled function.
pub struct Compiled {
    /// The native entry, which is also the first byte of the function's code: the code
    /// is the `code_bytes` readable bytes from here.
    pub entry: NativeFn,
    /// The function's call entry (see "The call convention"), or null: native callers
    /// then reach it through `entry`, by way of [`helpers::jit_push_frame`].
    pub call_entry: *const u8,
    /// Machine code bytes.
    pub code_bytes: usize,
    /// Which bytecode instruction each byte of the code serves
    /// ([`code_map::PcMap::check`] holds for it).
    pub pc_map: code_map::PcMap,
    /// The strategy's IR by stage (name, text) when [`CompileEnv::keep_ir`] asked for it
    /// and the strategy has one; else empty.
    pub ir: Vec<(String, String)>,
}

/// A code generator: one per VM. The code it returns stays valid until it is dropped.
pub trait Strategy {
    /// The strategy's name (DESIGN §1).
    fn name(&self) -> &'static str;
    /// Compile function `func` of `program`: every opcode must be supported (an
    /// operation not emitted inline is a helper call).
    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String>;

    /// For strategies that keep references in native frames: the stack map of the call
    /// site returning to `ra`: the offsets from SP (at the return point) of the slots
    /// holding live references. None: no live reference there (or not such a strategy).
    fn stack_map(&self, _ra: usize) -> Option<&[u32]> {
        None
    }

    /// Whether `ra` is inside code this strategy generated.
    fn contains(&self, _ra: usize) -> bool {
        false
    }

    /// For a strategy with call entries: a call entry (its call convention, see "The
    /// call convention") that runs `entry`, another strategy's native entry, with entry
    /// 0, so this strategy's callers reach that function without the slow path
    /// (`tiered` asks for one for each second-tier function). Null: none.
    fn call_adapter(&mut self, _entry: NativeFn) -> *const u8 {
        std::ptr::null()
    }

    /// Free the code of the function whose entry is `entry` (no frame runs in it and
    /// nothing will enter it again); returns the bytes freed. Code that is not
    /// released lives until the strategy is dropped.
    fn release(&mut self, _entry: *const u8) -> usize {
        0
    }
}

impl CompileEnv {
    /// The address of the dispatch row of method name `name` (a `CallIface`'s `a`): a
    /// `u32` per type id, the implementing function's id or
    /// [`crate::runtime::method_table::NO_METHOD`].
    pub fn method_row(&self, name: u16) -> usize {
        // SAFETY: `methods` points at the VM's table, which lives as long as the VM and
        // so as long as any compilation for it.
        unsafe { (*self.methods).row_address(name as u32) as usize }
    }
}

/// One compilation, for the harness: which function, how long, how much code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileEvent {
    pub func: String,
    /// Bytecode instructions of the function.
    pub bytecode_len: usize,
    pub compile_ns: u64,
    pub code_bytes: usize,
    /// Why compilation failed (the function then runs interpreted).
    pub error: Option<String>,
    /// The code generator that compiled it (the strategy's own name, or for a tiered
    /// pair the tier's).
    pub generator: &'static str,
    /// 1, or for a tiered pair the tier: 1 (e.g. `template` in `tiered`) or 2 (e.g.
    /// `cranelift-regmap`).
    pub tier: u8,
}

/// JIT statistics of a VM.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    pub functions_compiled: usize,
    pub compile_failures: usize,
    pub compile_ns: u64,
    pub code_bytes: usize,
    /// Bytecode instructions executed by native code (the rest ran in the interpreter).
    pub native_instructions: u64,
    pub events: Vec<CompileEvent>,
    /// Code bytes released after their function was recompiled (`tiered`).
    pub code_bytes_freed: u64,
    /// `tiered`: running loops moved to second-tier code at their header.
    pub osr_tier_ups: u64,
    /// Native calls that took the slow path of the call recipe (a check failed and
    /// [`helpers::jit_push_frame`] handled the call; see "Native calls"). Counted by the
    /// helper, never by native code.
    pub slow_calls: u64,
}

impl JitStats {
    /// Account for one compilation of `func` by `generator` (tier `tier`).
    pub(crate) fn record(
        &mut self,
        program: &crate::bytecode::Program,
        func: u32,
        compile_ns: u64,
        generator: &'static str,
        tier: u8,
        result: &Result<Compiled, String>,
    ) -> &CompileEvent {
        let f = &program.funcs[func as usize];
        let mut event = CompileEvent {
            func: f.name.clone(),
            bytecode_len: f.code.len(),
            compile_ns,
            code_bytes: 0,
            error: None,
            generator,
            tier,
        };
        self.compile_ns += compile_ns;
        match result {
            Ok(c) => {
                event.code_bytes = c.code_bytes;
                self.functions_compiled += 1;
                self.code_bytes += c.code_bytes;
            }
            Err(e) => {
                self.compile_failures += 1;
                event.error = Some(e.clone());
            }
        }
        self.events.push(event);
        self.events.last().expect("just pushed")
    }
}

/// Per-function hotness and compile state.
#[derive(Clone, Copy, Default)]
pub(crate) struct Hotness {
    pub calls: u32,
    pub loops: u32,
    /// Compilation was tried (successfully or not).
    pub tried: bool,
}

/// A VM's JIT: the strategy, the code table, counters, events. Boxed in the `Vm` so
/// the context's address is stable.
pub(crate) struct Jit {
    /// First field: native code receives a pointer to it.
    pub ctx: JitContext,
    pub strategy: Box<dyn Strategy>,
    pub options: JitOptions,
    /// Per function: the native entry or null (`ctx.code_table` points here).
    pub code: Vec<*const u8>,
    /// Per function: the call entry or null (`ctx.call_table` points here).
    pub calls: Vec<*const u8>,
    pub hot: Vec<Hotness>,
    pub stats: JitStats,
    /// The (SP, FP) of native segments suspended below the running one (a helper that
    /// re-entered the interpreter, which entered native code again): walked too.
    pub segments: Vec<(u64, u64)>,
    /// Test switch: the collector ignores native stack maps (to show they matter).
    pub ignore_stack_maps: bool,
    /// `tiered`: the second tier and its counters.
    pub tiering: Option<tiered::Tiering>,
    /// Calls through `jit_push_frame` (`JitStats::slow_calls`).
    pub slow_calls: u64,
    /// Counting mode: per function, the bytecode instructions its native code executed
    /// (`CompileEnv::native_counter` points here). Never reallocated.
    pub native_counts: Box<[u64]>,
    /// Kept code and the perf map ([`code_map::CodeLog`]).
    pub code_log: code_map::CodeLog,
}

impl Jit {
    /// The JIT of a VM running `options.strategy` (None for the interpreter).
    pub(crate) fn for_strategy(options: &JitOptions, funcs: usize) -> Result<Option<Box<Jit>>, String> {
        let Some(info) = registry::strategy(options.strategy) else {
            let available = registry::names().join(", ");
            return Err(format!(
                "strategy {} is not available in this build (available: {available})",
                options.strategy
            ));
        };
        let (first, tiering) = match info.kind {
            registry::Kind::Interp => return Ok(None),
            registry::Kind::Generator(_) => (registry::make_generator(info.name)?, None),
            registry::Kind::Tiered { first, second } => {
                (registry::make_generator(first)?, Some(tiered::Tiering::new(options, second, funcs)?))
            }
        };
        let mut jit = Jit::new(first, options.clone(), funcs);
        jit.tiering = tiering;
        Ok(Some(jit))
    }

    pub(crate) fn new(strategy: Box<dyn Strategy>, options: JitOptions, funcs: usize) -> Box<Jit> {
        let code = vec![std::ptr::null(); funcs];
        let mut jit = Box::new(Jit {
            ctx: JitContext {
                vm: std::ptr::null_mut(),
                code_table: std::ptr::null(),
                budget: 0,
                native_stack_limit: 0,
                control: std::ptr::null_mut(),
                stack_end: 0,
                native_sp: 0,
                native_fp: 0,
                alloc_cursor: std::ptr::null_mut(),
                alloc_limit: std::ptr::null(),
                call_table: std::ptr::null(),
            },
            strategy,
            code,
            calls: vec![std::ptr::null(); funcs],
            hot: vec![Hotness::default(); funcs],
            stats: JitStats::default(),
            segments: Vec::new(),
            ignore_stack_maps: false,
            tiering: None,
            slow_calls: 0,
            native_counts: vec![0; if options.count_native { funcs } else { 0 }].into_boxed_slice(),
            code_log: code_map::CodeLog { keep: options.keep_code, ..Default::default() },
            options,
        });
        if jit.options.perf_map {
            // A map that cannot be opened is not written; the program runs as usual.
            jit.code_log.perf = code_map::PerfMap::open().ok();
        }
        jit.ctx.code_table = jit.code.as_ptr();
        jit.ctx.call_table = jit.calls.as_ptr();
        jit
    }
}

/// The one place where native code is compiled: `strategy` compiles `func`, timed on the
/// wall clock (nanoseconds returned beside the result).
///
/// Never inlined, and named for the harness's instruction counting: the counting pass
/// (`harness/src/count.rs`) subtracts the instructions executed inside this function
/// (its inclusive cost in Callgrind's output, looked up by [`MEASURED_COMPILE_SYMBOL`])
/// from each call of `run(n)`, so compilation is counted apart from the code it makes.
#[inline(never)]
pub fn measured_compile(
    strategy: &mut dyn Strategy,
    program: &Program,
    func: FuncId,
    env: &CompileEnv,
) -> (Result<Compiled, String>, u64) {
    let start = std::time::Instant::now();
    let result = strategy.compile(program, func, env);
    (result, start.elapsed().as_nanos() as u64)
}

/// Readable bytes every strategy keeps right after each function's machine code.
///
/// Natively nothing reads there, but Valgrind's x86-64 decoder reads past the
/// instruction it decodes: measured with Valgrind 3.19, a function whose last byte
/// (`ret`) is the last byte before an inaccessible page kills Valgrind itself with
/// SIGSEGV at that page edge, and one readable byte after it is enough. Code memory
/// that maps pages as needed (template's chunks, dynasm's and Cranelift's per-function
/// mappings) hits that edge now and then, so a program crashed under Valgrind or not
/// depending on its code sizes. Sixteen bytes leave room for whatever other endings
/// make it read; each strategy's code memory provides them (template: `int3` after each
/// function; dynasm: `int3` after the code in its buffer; Cranelift: a memory provider
/// that allocates them with the code), and tests under Valgrind keep it so
/// ([`valgrind_test`]).
pub const CODE_GUARD_BYTES: usize = 16;

/// A hash map seeded the same way in every run (SipHash with fixed keys), for the
/// strategies' tables that running code looks up (Cranelift's stack maps, template's
/// installed functions): with `std`'s random seed their probe sequences, and so the
/// instructions a lookup executes, changed from run to run, and the harness's counted
/// instructions with them (by tens to hundreds per call of `run(n)` under
/// `cranelift-regmap`).
pub type FixedHashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<std::hash::DefaultHasher>>;

/// The demangled name of [`measured_compile`], as profilers print it.
pub const MEASURED_COMPILE_SYMBOL: &str = "vm::jit::measured_compile";

impl crate::interp::Vm {
    /// Compile function `func` now (once: a failure is recorded and not retried);
    /// returns its entry or null.
    pub(crate) fn jit_compile(&mut self, func: u32) -> *const u8 {
        let mut env = self.compile_env();
        let program = self.program.clone();
        let Some(jit) = self.jit.as_mut() else { return std::ptr::null() };
        let h = &mut jit.hot[func as usize];
        if h.tried {
            return jit.code[func as usize];
        }
        h.tried = true;
        env.tier_counters = tiered::counters_for(jit, &program, func);
        env.anchor_frames = jit.tiering.as_ref().is_some_and(|t| t.anchor_frames);
        env.native_counter = jit.native_counter(func);
        let (mut result, compile_ns) = measured_compile(&mut *jit.strategy, &program, FuncId(func), &env);
        let generator = jit.strategy.name();
        jit.stats.record(&program, func, compile_ns, generator, 1, &result);
        if let Ok(c) = &mut result {
            jit.code_log.compiled(&program, func, generator, 1, compile_ns, c);
            jit.code[func as usize] = c.entry as *const u8;
            jit.calls[func as usize] = c.call_entry;
        }
        jit.code[func as usize]
    }

    /// The VM's fixed addresses for a code generator (no tier counters).
    pub(crate) fn compile_env(&mut self) -> CompileEnv {
        CompileEnv {
            consts: self.program.consts.as_ptr(),
            globals: self.globals.as_mut_ptr(),
            string_consts: self.string_consts.as_ptr(),
            nursery: self.heap.nursery_bounds(),
            funcs: self.funcs.as_ptr() as *const u8,
            large_words: self.heap.large_words(),
            methods: &*self.methods,
            count_native: self.options.jit.count_native,
            native_counter: std::ptr::null_mut(),
            keep_ir: self.options.jit.keep_code && self.options.jit.keep_ir,
            tier_counters: std::ptr::null_mut(),
            anchor_frames: false,
        }
    }

    /// The interpreter is about to run a call of `func`: its native entry, compiling
    /// it when it just became hot.
    #[inline]
    pub(crate) fn jit_call_entry(&mut self, func: u32) -> *const u8 {
        self.jit_entry(func, false)
    }

    /// The interpreter takes a back edge in `func`: its native entry, compiling it when
    /// its loops just became hot (the caller enters it at the loop header).
    #[inline]
    pub(crate) fn jit_loop_entry(&mut self, func: u32) -> *const u8 {
        self.jit_entry(func, true)
    }

    /// `func`'s native entry, or null; counts one call (or back edge, `looping`) and
    /// compiles the function when the count reaches its threshold.
    #[inline]
    pub(crate) fn jit_entry(&mut self, func: u32, looping: bool) -> *const u8 {
        let jit = self.jit.as_mut().expect("a JIT");
        let entry = jit.code[func as usize];
        if !entry.is_null() {
            return entry;
        }
        let h = &mut jit.hot[func as usize];
        let (count, threshold) = if looping {
            h.loops += 1;
            (h.loops, jit.options.loop_threshold)
        } else {
            h.calls += 1;
            (h.calls, jit.options.call_threshold)
        };
        if count >= threshold && !h.tried {
            return self.jit_compile(func);
        }
        std::ptr::null()
    }

    /// Run native code `entry` on the running (top) frame at `fp`, starting at `entry_pc`
    /// (with its flags). Returns the native result (see the contract); on a stop the
    /// reason is in `jit_pending`.
    ///
    /// # Safety
    /// `entry` must be a native entry of the running frame's function produced by this
    /// VM's strategy, `fp` the frame's slot 0, and the pc an entry point of that code.
    pub(crate) unsafe fn run_native_code(&mut self, entry: *const u8, fp: *mut u64, entry_pc: u32) -> u32 {
        let vm: *mut crate::interp::Vm = self;
        let control: *mut crate::interp::ControlStack = &mut self.frames;
        // SAFETY: `len` slots from `ptr` are the stack's memory: one past its end.
        let stack_end = unsafe { self.stack.ptr().add(self.stack.len()) } as usize;
        let (cursor, limit) = self.heap.bump_fields();
        let jit = self.jit.as_mut().expect("run_native with a JIT");
        jit.ctx.vm = vm;
        jit.ctx.alloc_cursor = cursor;
        jit.ctx.alloc_limit = limit;
        jit.ctx.control = control;
        // A native segment may be suspended below (in a helper that re-entered the
        // interpreter, which may have switched fibers): keep its stack bound and its walk
        // start, and start afresh.
        let outer_stack_end = std::mem::replace(&mut jit.ctx.stack_end, stack_end);
        let outer = (jit.ctx.native_sp, jit.ctx.native_fp);
        jit.segments.push(outer);
        (jit.ctx.native_sp, jit.ctx.native_fp) = (0, 0);
        if jit.segments.len() == 1 {
            // The outermost segment: native frames may use the stack below here.
            jit.ctx.native_stack_limit = machine_sp().saturating_sub(jit.options.native_stack_bytes as usize) as u64;
        }
        let ctx: *mut JitContext = &mut jit.ctx;
        // SAFETY: `entry` has the native signature (the strategy's contract); the VM is
        // not used through `self` until the call returns (helpers reach it through the
        // context); `fp` is the running frame.
        let mut r = unsafe {
            let f: NativeFn = std::mem::transmute::<*const u8, NativeFn>(entry);
            f(ctx, fp, entry_pc)
        };
        if r == JitResult::Tick as u32 {
            r = self.jit_tick_exit();
        }
        // Native frames that stopped are interpreted frames now.
        if let Some(jit) = self.jit.as_mut() {
            jit.ctx.stack_end = outer_stack_end;
            (jit.ctx.native_sp, jit.ctx.native_fp) = jit.segments.pop().unwrap_or((0, 0));
            // The outermost segment ended: no frame can return into native code now.
            if jit.segments.is_empty() && jit.tiering.as_ref().is_some_and(|t| !t.retired.is_empty()) {
                self.release_retired();
            }
        }
        r
    }

    /// A fiber was just resumed (or switched to): when its running frame continues at a
    /// resume point (right after the blocking op it parked at) of a function that has
    /// native code, that code and the entry (pc with flags) to run it from, so a fiber
    /// that blocked in native code goes on in native code instead of interpreting until
    /// its next call or loop header. Counts nothing: the function is compiled already.
    pub(crate) fn jit_resume_entry(&self) -> Option<(*const u8, u32)> {
        let jit = self.jit.as_ref()?;
        let top = self.frames.last()?;
        let entry = jit.code[top.func as usize];
        if entry.is_null() || !blocks::is_resume_point(&self.program.funcs[top.func as usize].code, top.pc as usize) {
            return None;
        }
        let flags = if top.mode != crate::interp::MODE_NORMAL { ENTRY_RET_VIA_VM } else { 0 };
        Some((entry, top.pc | flags))
    }

    /// JIT statistics so far (empty for the interpreter).
    pub fn jit_stats(&self) -> JitStats {
        match &self.jit {
            Some(j) => JitStats {
                native_instructions: j.native_counts.iter().sum(),
                slow_calls: j.slow_calls,
                osr_tier_ups: j.tiering.as_ref().map_or(0, |t| t.osr_entries),
                ..j.stats.clone()
            },
            None => JitStats::default(),
        }
    }

    /// The strategy this VM runs.
    pub fn strategy(&self) -> &'static str {
        self.options.jit.strategy
    }

    /// Compile function `func` now, as hotness would (once; under `tiered` its first
    /// tier): for tools that show code without running the program (the report's code
    /// view). Whether it has native code.
    pub fn compile_now(&mut self, func: FuncId) -> bool {
        self.jit.is_some() && !self.jit_compile(func.0).is_null()
    }

    /// The compiled functions this VM kept ([`JitOptions::keep_code`]), in compile
    /// order (under `tiered` a function may appear once per tier).
    pub fn jit_code(&self) -> &[code_map::CodeRecord] {
        self.jit.as_ref().map_or(&[], |j| &j.code_log.records)
    }

    /// Counting mode: `(function name, bytecode instructions its native code
    /// executed)` for every function that executed natively, most first (ties by
    /// name). Empty without [`JitOptions::count_native`].
    pub fn native_profile(&self) -> Vec<(String, u64)> {
        let Some(jit) = &self.jit else { return Vec::new() };
        let mut profile: Vec<(String, u64)> = (jit.native_counts.iter().enumerate())
            .filter(|(_, &n)| n > 0)
            .map(|(f, &n)| (self.program.funcs[f].name.clone(), n))
            .collect();
        profile.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        profile
    }
}

impl Jit {
    /// Counting mode: where function `func`'s native code counts its instructions.
    pub(crate) fn native_counter(&mut self, func: u32) -> *mut u64 {
        self.native_counts.get_mut(func as usize).map_or(std::ptr::null_mut(), |c| c as *mut u64)
    }
}

/// Visit the GC references held in the stack slots of native frames (strategies with
/// stack maps): for each native segment, from its innermost frame (SP and FP stored
/// before the helper call that is running) outwards along the frame-pointer chain, the
/// slots the stack map of each call site names, until the return address leaves
/// compiled code. x86-64 frame layout: `[fp]` is the caller's FP, `[fp + 8]` the return
/// address into the caller, and the caller's SP at that return point is `fp + 16`.
///
/// # Safety
/// Only during a collection started from a helper (or from the interpreter), while
/// every recorded segment is suspended on this thread's machine stack.
pub(crate) unsafe fn visit_native_roots(jit: &Jit, f: &mut dyn FnMut(&mut u64, crate::heap::RootName)) {
    if jit.ignore_stack_maps {
        return;
    }
    let current = (jit.ctx.native_sp, jit.ctx.native_fp);
    let contains = |ra: usize| match &jit.tiering {
        Some(t) => t.contains(&*jit.strategy, ra),
        None => jit.strategy.contains(ra),
    };
    let stack_map = |ra: usize| match &jit.tiering {
        Some(t) => t.optimizer.stack_map(ra),
        None => jit.strategy.stack_map(ra),
    };
    for &(sp, fp) in jit.segments.iter().chain(std::iter::once(&current)) {
        if sp == 0 {
            continue;
        }
        let (mut sp, mut fp) = (sp as usize, fp as usize);
        // SAFETY: `sp` was the SP of a native frame at a call that has not returned:
        // the return address sits just below it.
        let mut ra = unsafe { *((sp - 8) as *const usize) };
        while contains(ra) {
            if let Some(offsets) = stack_map(ra) {
                for &o in offsets {
                    // SAFETY: the stack map names live spill slots of this frame.
                    let slot = unsafe { &mut *((sp + o as usize) as *mut u64) };
                    f(slot, crate::heap::RootName::Other("a spill slot of the native frame returning to", ra));
                }
            }
            // SAFETY: compiled frames keep frame pointers (`preserve_frame_pointers`).
            unsafe {
                ra = *((fp + 8) as *const usize);
                sp = fp + 16;
                fp = *(fp as *const usize);
            }
        }
    }
}

impl crate::interp::Vm {
    /// Test switch: make the collector ignore native stack maps (the tests that show
    /// they matter). Not for anything else.
    #[doc(hidden)]
    pub fn set_ignore_stack_maps(&mut self, ignore: bool) {
        if let Some(j) = self.jit.as_mut() {
            j.ignore_stack_maps = ignore;
        }
    }
}
