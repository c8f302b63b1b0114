//! The Cranelift strategies: a method JIT on Cranelift in two modes that differ only
//! in where GC references live, `cranelift-reload` and `cranelift-regmap`
//! ([`RefMode`]). `register()` makes both available to the VMs of this process.
//!
//! One bytecode function becomes one Cranelift function of the native signature
//! (`fn(ctx, frame, entry) -> status`).
//!
//! **Values in SSA.** Every slot of the function's own frame is a Cranelift variable for
//! the whole function (an `f64` variable for slots that float code uses, so float loops
//! stay in SSE registers); the frontend's SSA construction carries them across blocks
//! and loops. The call window (arguments and results) is memory. A frame slot is written
//! only where something reads it, by the per-pc liveness of `vm::jit::liveness`
//! (`translate/frame.rs`): an entry loads the slots live there; before a helper the code
//! stores the live slots the helper reads or may write, and reads back after it those it
//! may have written; every way out of native code (a failed check, a preemption tick, a
//! helper or callee that stopped, a return through the interpreter) stores the slots
//! live where the interpreter resumes.
//!
//! **The two modes** differ only in where a GC reference lives across a safepoint (a
//! call out of native code):
//! - `cranelift-reload`: references are SSA values between safepoints; one live across
//!   a safepoint is stored to its frame slot before it and reloaded after it. The VM
//!   frame is the stack map; Cranelift knows nothing of references.
//! - `cranelift-regmap`: reference variables are declared with
//!   `declare_var_needs_stack_map`. Cranelift spills those live across a safepoint to its
//!   own stack slots and records a stack map per call site (offsets from SP at the
//!   return address), which `compile` registers by absolute return address. Before each
//!   helper call the code stores its SP and FP in the context; a collection walks the
//!   native frames from there along the frame-pointer chain
//!   (`vm::jit::visit_native_roots`) and updates the spill slots.
//!
//! In both, a reference slot of the frame holds the current value or an older one of the
//! same slot, which the collector keeps valid (ARCHITECTURE.md, "What a reference slot
//! holds"); a dead variable is never stored.
//!
//! **Letting Cranelift optimize.** Loops get a preheader, so what is invariant in a loop
//! is defined before it; the preheader stores the loop's invariant slots, which are then
//! clean in the frame for the whole loop (`translate/frame.rs`, `Clean`), so the loop's
//! exits need not keep them in registers. Slices indexed but never reassigned in a loop
//! have their header read in the preheader and after each safepoint
//! (`translate/slices.rs`). Small straight-line leaf callees are inlined
//! (`translate/inline.rs`). Memory accesses carry the flags that are true: aligned and
//! non-trapping everywhere, alias regions for the frame, the VM context and the heap,
//! `readonly` for object words that never change (slice headers, interface type and
//! payload, array lengths), read through a static nil object instead of a nil branch.
//! Rare paths leave instead of calling: a failed nil, bounds or divisor check stores its
//! pc and returns `FallBack` (the interpreter executes the instruction again and raises
//! Go's panic), a preemption tick at a back edge returns `JitResult::Tick`; those exit
//! blocks are cold.
//!
//! The preemption budget is a variable of the whole function: loaded on entry,
//! decremented at back edges and calls, stored to the context before every call and on
//! every way out, re-read after each call. Only counting mode
//! (`CompileEnv::count_native`) adds the instruction counter's update to each block.
//!
//! Inline: moves and constants, globals, integer (signed, unsigned, sized) and float
//! arithmetic, comparisons and conversions, branches, lengths, field, box, array and
//! slice accesses (with the write barrier's range test), allocation of small objects
//! and interface boxing (bumping the nursery cursor), interface calls through the
//! method's dispatch row (`vm::runtime::method_table`), type tests against inline
//! caches (`vm::jit::site_caches`), direct and closure calls with the frame pushed
//! inline, and returns. Everything else is a call of its direct helper or
//! `helpers::jit_op`, which runs the interpreter's own runtime code for that
//! instruction.
//!
//! Entry points are pc 0, every loop header and every resume point: a switch on the
//! `entry` argument jumps there.

mod code_memory;
mod pc_map;
mod translate;

use cranelift_codegen::ir::{types, AbiParam, Signature};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module};

use translate::Translator;
use vm::bytecode::{FuncId, Program};
use vm::jit::liveness::Callees;
use vm::jit::site_caches::SiteCaches;
use vm::jit::{CompileEnv, Compiled, NativeFn, Strategy};

/// Make `cranelift-reload` and `cranelift-regmap` available to every VM of this process.
pub fn register() {
    use vm::jit::registry::Kind;
    use vm::jit::{Capabilities, StrategyInfo};
    vm::jit::register(StrategyInfo {
        name: "cranelift-reload",
        description: "Cranelift SSA; a GC reference live across a safepoint is stored to its frame slot and reloaded",
        colour: "#1e64c8",
        capabilities: Capabilities::NONE,
        kind: Kind::Generator(|| Ok(Box::new(CraneliftStrategy::new(RefMode::Reload)?) as Box<dyn Strategy>)),
    });
    vm::jit::register(StrategyInfo {
        name: "cranelift-regmap",
        description: "Cranelift SSA; GC references stay in registers and spill slots named by stack maps",
        colour: "#8c3cb4",
        capabilities: Capabilities::STACK_MAPS,
        kind: Kind::Generator(|| Ok(Box::new(CraneliftStrategy::new(RefMode::Regmap)?) as Box<dyn Strategy>)),
    });
}

/// Where GC references live across safepoints in compiled code (between safepoints
/// they are SSA values in both modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefMode {
    /// `cranelift-reload`: in their VM frame slots: stored before a safepoint,
    /// reloaded after it.
    Reload,
    /// `cranelift-regmap`: in Cranelift's spill slots, named by stack maps; the
    /// collector updates them.
    Regmap,
}

/// One compiled function's code and stack maps.
struct CodeRange {
    start: usize,
    end: usize,
    /// Offsets from SP of the live references, by return-address offset from `start`.
    maps: vm::jit::FixedHashMap<u32, Box<[u32]>>,
}

/// The Cranelift code generator of one VM (its code lives until it is dropped).
pub struct CraneliftStrategy {
    mode: RefMode,
    module: Option<JITModule>,
    ctx: Context,
    fctx: FunctionBuilderContext,
    next_id: u32,
    /// Compiled code ranges `[start, end)`, sorted by start, each with its function's
    /// stack maps (`Regmap`) by return-address offset from `start`. Keyed by offset,
    /// not by absolute address: where the code lands changes between runs, and the
    /// instructions a lookup executes (counted by the harness) must not.
    ranges: Vec<CodeRange>,
    /// The inline caches of every compiled function (their addresses are in the code,
    /// which lives as long as the strategy).
    caches: Vec<SiteCaches>,
    /// The possible callees of the program being compiled (for the liveness), found
    /// once per program (keyed by its address and size).
    callees: Option<((usize, usize), Callees)>,
}

impl CraneliftStrategy {
    pub fn new(mode: RefMode) -> Result<CraneliftStrategy, String> {
        let mut flags = settings::builder();
        flags.set("opt_level", "speed").map_err(|e| e.to_string())?;
        // Frame pointers in both modes (the stack-map walk needs them in `Regmap`; the
        // two modes then differ only in where references live). The IR verifier costs
        // ~60% of compile time: debug builds only.
        flags.set("preserve_frame_pointers", "true").map_err(|e| e.to_string())?;
        let verify = if cfg!(debug_assertions) { "true" } else { "false" };
        flags.set("enable_verifier", verify).map_err(|e| e.to_string())?;
        // A fixed instruction-set level (x86-64-v2), not the host's features: the same
        // code on every machine, so code bytes are comparable between runs and the CI
        // gate can check them exactly.
        let mut isa =
            cranelift_native::builder_with_options(false).map_err(|e| format!("cranelift: host not supported: {e}"))?;
        if cfg!(target_arch = "x86_64") {
            for f in ["has_sse3", "has_ssse3", "has_sse41", "has_sse42", "has_popcnt", "has_cmpxchg16b"] {
                isa.enable(f).map_err(|e| format!("cranelift: {f}: {e}"))?;
            }
        }
        let isa = isa.finish(settings::Flags::new(flags)).map_err(|e| e.to_string())?;
        let mut builder = JITBuilder::with_isa(isa, cranelift_module::default_libcall_names());
        builder.memory_provider(Box::new(code_memory::GuardedMemory::new()));
        let module = JITModule::new(builder);
        let ctx = module.make_context();
        Ok(CraneliftStrategy {
            mode,
            module: Some(module),
            ctx,
            fctx: FunctionBuilderContext::new(),
            next_id: 0,
            ranges: Vec::new(),
            caches: Vec::new(),
            callees: None,
        })
    }
}

impl Drop for CraneliftStrategy {
    fn drop(&mut self) {
        if let Some(m) = self.module.take() {
            // SAFETY: the strategy is dropped with its VM, when no native code of it
            // can run any more (code pointers live only in that VM's code table).
            unsafe { m.free_memory() };
        }
    }
}

impl Strategy for CraneliftStrategy {
    fn name(&self) -> &'static str {
        match self.mode {
            RefMode::Reload => "cranelift-reload",
            RefMode::Regmap => "cranelift-regmap",
        }
    }

    fn stack_map(&self, ra: usize) -> Option<&[u32]> {
        let range = self.range_of(ra)?;
        range.maps.get(&((ra - range.start) as u32)).map(|m| &m[..])
    }

    fn contains(&self, ra: usize) -> bool {
        self.range_of(ra).is_some()
    }

    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String> {
        let module = self.module.as_mut().expect("module");
        let f = &program.funcs[func.0 as usize];
        let frontend = module.target_config();
        self.ctx.func.signature = native_signature(module);
        let mut caches = SiteCaches::for_function(program, f);
        let key = (program as *const Program as usize, program.funcs.len());
        if self.callees.as_ref().is_none_or(|(k, _)| *k != key) {
            self.callees = Some((key, Callees::of(program)));
        }
        let callees = &self.callees.as_ref().expect("set above").1;
        {
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            Translator::new(b, program, f, env, callees, frontend, self.mode, &mut caches).translate()?;
        }
        self.caches.push(caches);
        self.next_id += 1;
        let name = format!("f{}_{}", func.0, self.next_id);
        let id = module
            .declare_function(&name, Linkage::Local, &self.ctx.func.signature)
            .map_err(|e| format!("cranelift: {e}"))?;
        pc_map::mark_cold(&mut self.ctx.func);
        // `harness run --dump-clif`: the IR as translated, and as optimized (compilation
        // optimizes `ctx.func` in place before lowering it).
        let mut ir = Vec::new();
        if env.keep_ir {
            ir.push(("clif".to_string(), self.ctx.func.display().to_string()));
        }
        let defined = module.define_function(id, &mut self.ctx);
        if env.keep_ir && defined.is_ok() {
            ir.push(("clif, optimized".to_string(), self.ctx.func.display().to_string()));
        }
        let code_bytes = self.ctx.compiled_code().map_or(0, |c| c.code_buffer().len());
        let map = self.ctx.compiled_code().map(|c| pc_map::from_srclocs(c.buffer.get_srclocs_sorted(), code_bytes));
        // (return-address offset, offsets from SP of the live references)
        let maps: Vec<(u32, Box<[u32]>)> = self.ctx.compiled_code().map_or(Vec::new(), |c| {
            c.buffer
                .user_stack_maps()
                .iter()
                .map(|(ra, _span, map)| (*ra, map.entries().map(|(_, o)| o).collect()))
                .collect()
        });
        module.clear_context(&mut self.ctx);
        defined.map_err(|e| format!("cranelift: {e:?}"))?;
        module.finalize_definitions().map_err(|e| format!("cranelift: {e}"))?;
        let code = module.get_finalized_function(id);
        let start = code as usize;
        let at = self.ranges.partition_point(|r| r.start < start);
        self.ranges.insert(at, CodeRange { start, end: start + code_bytes, maps: maps.into_iter().collect() });
        // SAFETY: the function was built with the native signature.
        let entry = unsafe { std::mem::transmute::<*const u8, NativeFn>(code) };
        Ok(Compiled { entry, code_bytes, call_entry: std::ptr::null(), pc_map: map.unwrap_or_default(), ir })
    }
}

impl CraneliftStrategy {
    /// The compiled function whose code contains `ra`.
    fn range_of(&self, ra: usize) -> Option<&CodeRange> {
        let i = self.ranges.partition_point(|r| r.start <= ra);
        let range = self.ranges.get(i.checked_sub(1)?)?;
        (ra < range.end).then_some(range)
    }
}

/// `fn(ctx, frame, entry) -> u32`.
fn native_signature(module: &JITModule) -> Signature {
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I32));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}
