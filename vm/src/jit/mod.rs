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
//! - **Calls.** A native call asks [`helpers::jit_push_frame`] for the callee's code: it
//!   pushes the callee's control record (stack-overflow check included, the caller's
//!   resume pc stored) and returns the callee's entry, compiling it when it becomes
//!   hot; a callee that is not compiled, or a native call chain that is too deep for the
//!   machine stack, makes the caller fall back to the interpreter at the call.
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

pub mod helpers;

#[cfg(feature = "jit-cranelift")]
pub mod cranelift;
#[cfg(all(test, feature = "jit-cranelift"))]
mod tests;

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
}

/// The state native code reads and writes directly (its layout is part of the contract:
/// strategies load these fields at the offsets below).
#[repr(C)]
pub struct JitContext {
    /// The VM (helpers reach everything through it).
    pub vm: *mut crate::interp::Vm,
    /// Per function: its native entry, or null (not compiled). Never reallocated.
    pub code_table: *const *const u8,
    /// Preemption budget left (ticks: back edges and calls).
    pub budget: i64,
    /// Bytecode instructions executed by native code.
    pub native_instructions: u64,
    /// Native frames on the machine stack (bounded: deeper calls go through the VM).
    pub native_depth: u64,
    /// The running fiber's control stack (the VM's field: its contents change on a
    /// fiber switch, its address does not): native calls push and pop records inline.
    pub(crate) control: *mut crate::interp::ControlStack,
    /// The running fiber's VM stack (`ptr`, `len` in slots): the overflow bound.
    pub(crate) stack: *const crate::interp::StackMemory,
}

impl JitContext {
    pub const OFFSET_CODE_TABLE: i32 = 8;
    pub const OFFSET_BUDGET: i32 = 16;
    pub const OFFSET_NATIVE_INSTRUCTIONS: i32 = 24;
    pub const OFFSET_NATIVE_DEPTH: i32 = 32;
    pub const OFFSET_CONTROL: i32 = 40;
    pub const OFFSET_STACK: i32 = 48;
}

const _: () = {
    assert!(std::mem::offset_of!(JitContext, code_table) == JitContext::OFFSET_CODE_TABLE as usize);
    assert!(std::mem::offset_of!(JitContext, budget) == JitContext::OFFSET_BUDGET as usize);
    assert!(std::mem::offset_of!(JitContext, native_instructions) == JitContext::OFFSET_NATIVE_INSTRUCTIONS as usize);
    assert!(std::mem::offset_of!(JitContext, native_depth) == JitContext::OFFSET_NATIVE_DEPTH as usize);
    assert!(std::mem::offset_of!(JitContext, control) == JitContext::OFFSET_CONTROL as usize);
    assert!(std::mem::offset_of!(JitContext, stack) == JitContext::OFFSET_STACK as usize);
};

/// Native frames allowed on the machine stack at once (each is a few hundred bytes at
/// most; the main thread has 8 MiB, island threads 16 MiB).
pub const MAX_NATIVE_DEPTH: u64 = 4000;

/// Which execution strategy a VM uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StrategyKind {
    /// The reference interpreter only.
    Interp,
    /// Cranelift; GC references reloaded from the frame at every use.
    CraneliftReload,
}

impl StrategyKind {
    /// Every strategy DESIGN names that this build contains, interp first.
    pub fn available() -> Vec<StrategyKind> {
        let mut v = vec![StrategyKind::Interp];
        if cfg!(feature = "jit-cranelift") {
            v.push(StrategyKind::CraneliftReload);
        }
        v
    }

    /// The name used everywhere (CLI, JSON, reports).
    pub fn name(self) -> &'static str {
        match self {
            StrategyKind::Interp => "interp",
            StrategyKind::CraneliftReload => "cranelift-reload",
        }
    }

    /// The strategy called `name`, if this build contains it.
    pub fn from_name(name: &str) -> Option<StrategyKind> {
        StrategyKind::available().into_iter().find(|s| s.name() == name)
    }
}

/// JIT settings of a VM.
#[derive(Clone, Debug)]
pub struct JitOptions {
    pub strategy: StrategyKind,
    /// Calls of a function before it is compiled.
    pub call_threshold: u32,
    /// Taken backward branches in a function before it is compiled (and entered at the
    /// loop header).
    pub loop_threshold: u32,
    /// Compile every function when the VM is made.
    pub eager: bool,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions { strategy: StrategyKind::Interp, call_threshold: 100, loop_threshold: 50, eager: false }
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
}

/// A compiled function.
pub struct Compiled {
    pub entry: NativeFn,
    /// Machine code bytes.
    pub code_bytes: usize,
}

/// A code generator: one per VM. The code it returns stays valid until it is dropped.
pub trait Strategy {
    /// The strategy's name (DESIGN §1).
    fn name(&self) -> &'static str;
    /// Compile function `func` of `program`: every opcode must be supported (an
    /// operation not emitted inline is a helper call).
    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String>;
}

/// The strategy object for `kind` (None for the interpreter).
pub(crate) fn make_strategy(kind: StrategyKind) -> Result<Option<Box<dyn Strategy>>, String> {
    match kind {
        StrategyKind::Interp => Ok(None),
        #[cfg(feature = "jit-cranelift")]
        StrategyKind::CraneliftReload => Ok(Some(Box::new(cranelift::CraneliftStrategy::new()?))),
        #[cfg(not(feature = "jit-cranelift"))]
        StrategyKind::CraneliftReload => Err("cranelift-reload is not compiled in".into()),
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
    pub hot: Vec<Hotness>,
    pub stats: JitStats,
}

impl Jit {
    pub(crate) fn new(strategy: Box<dyn Strategy>, options: JitOptions, funcs: usize) -> Box<Jit> {
        let code = vec![std::ptr::null(); funcs];
        let mut jit = Box::new(Jit {
            ctx: JitContext {
                vm: std::ptr::null_mut(),
                code_table: std::ptr::null(),
                budget: 0,
                native_instructions: 0,
                native_depth: 0,
                control: std::ptr::null_mut(),
                stack: std::ptr::null(),
            },
            strategy,
            options,
            code,
            hot: vec![Hotness::default(); funcs],
            stats: JitStats::default(),
        });
        jit.ctx.code_table = jit.code.as_ptr();
        jit
    }
}

impl crate::interp::Vm {
    /// Compile function `func` now (once: a failure is recorded and not retried);
    /// returns its entry or null.
    pub(crate) fn jit_compile(&mut self, func: u32) -> *const u8 {
        let env = CompileEnv {
            consts: self.program.consts.as_ptr(),
            globals: self.globals.as_mut_ptr(),
            string_consts: self.string_consts.as_ptr(),
        };
        let program = self.program.clone();
        let Some(jit) = self.jit.as_mut() else { return std::ptr::null() };
        let h = &mut jit.hot[func as usize];
        if h.tried {
            return jit.code[func as usize];
        }
        h.tried = true;
        let start = std::time::Instant::now();
        let result = jit.strategy.compile(&program, FuncId(func), &env);
        let compile_ns = start.elapsed().as_nanos() as u64;
        let f = &program.funcs[func as usize];
        let mut event =
            CompileEvent { func: f.name.clone(), bytecode_len: f.code.len(), compile_ns, code_bytes: 0, error: None };
        let s = &mut jit.stats;
        s.compile_ns += compile_ns;
        match result {
            Ok(c) => {
                event.code_bytes = c.code_bytes;
                s.functions_compiled += 1;
                s.code_bytes += c.code_bytes;
                jit.code[func as usize] = c.entry as *const u8;
            }
            Err(e) => {
                s.compile_failures += 1;
                event.error = Some(e);
            }
        }
        s.events.push(event);
        jit.code[func as usize]
    }

    /// The interpreter is about to run a call of `func`: its native entry, compiling
    /// it when it just became hot.
    #[inline]
    pub(crate) fn jit_call_entry(&mut self, func: u32) -> *const u8 {
        let jit = self.jit.as_mut().expect("jit_call_entry with a JIT");
        let entry = jit.code[func as usize];
        if !entry.is_null() {
            return entry;
        }
        let h = &mut jit.hot[func as usize];
        h.calls += 1;
        if h.calls >= jit.options.call_threshold && !h.tried {
            return self.jit_compile(func);
        }
        std::ptr::null()
    }

    /// The interpreter takes a back edge in `func`: its native entry, compiling it when
    /// its loops just became hot (the caller enters it at the loop header).
    #[inline]
    pub(crate) fn jit_loop_entry(&mut self, func: u32) -> *const u8 {
        let jit = self.jit.as_mut().expect("jit_loop_entry with a JIT");
        let entry = jit.code[func as usize];
        if !entry.is_null() {
            return entry;
        }
        let h = &mut jit.hot[func as usize];
        h.loops += 1;
        if h.loops >= jit.options.loop_threshold && !h.tried {
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
        let stack: *const crate::interp::StackMemory = &self.stack;
        let jit = self.jit.as_mut().expect("run_native with a JIT");
        jit.ctx.vm = vm;
        jit.ctx.control = control;
        jit.ctx.stack = stack;
        let depth = jit.ctx.native_depth;
        let ctx: *mut JitContext = &mut jit.ctx;
        // SAFETY: `entry` has the native signature (the strategy's contract); the VM is
        // not used through `self` until the call returns (helpers reach it through the
        // context); `fp` is the running frame.
        let r = unsafe {
            let f: NativeFn = std::mem::transmute::<*const u8, NativeFn>(entry);
            f(ctx, fp, entry_pc)
        };
        // Native frames that stopped are interpreted frames now.
        if let Some(jit) = self.jit.as_mut() {
            jit.ctx.native_depth = depth;
        }
        r
    }

    /// JIT statistics so far (empty for the interpreter).
    pub fn jit_stats(&self) -> JitStats {
        match &self.jit {
            Some(j) => JitStats { native_instructions: j.ctx.native_instructions, ..j.stats.clone() },
            None => JitStats::default(),
        }
    }

    /// The strategy this VM runs.
    pub fn strategy(&self) -> StrategyKind {
        self.options.jit.strategy
    }
}
