//! The VM object: what one VM owns ([`Vm`]: the program, heap, globals, the running
//! fiber's stacks, scheduler, JIT), its options and errors, how it is made, and the entry
//! points that run code (`run_main`, `call`, `call_function`). The dispatch loop that
//! executes bytecode is `interp`'s own (`Vm::run_loop`).

use std::io::Write;
use std::sync::Arc;

use super::stacks::*;
use super::zero_slots;
use crate::bytecode::{FuncId, Program, RKind, TypeId};
use crate::heap::{self, GcRef, Heap};

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
    pub(super) fn check_frame(&self, base: usize, info: &FuncInfo) -> bool {
        base + info.frame_size as usize <= self.stack.len() && self.frames.len() < self.max_frames
    }
}
