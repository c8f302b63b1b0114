//! The `dynasm` strategy: basic blocks compiled with dynasm-rs, with the int and float
//! slots of a block cached in host registers (a small local allocator,
//! [`regcache::RegCache`]) and written back to the frame at block exits, helper calls
//! and safepoints; GC references are reloaded from the frame after every safepoint.
//! Blocks jump to each other directly (block linking): no dispatcher between them.
//!
//! The middle point of the design space: cheaper to compile than Cranelift, smarter
//! code than the 1:1 templates (which load every operand from the frame and store every
//! result). It follows the shared native contract of `vm::jit` (same helpers, inline
//! frame push for calls, OSR entries at loop headers), and like template it can be the
//! first tier of a tiered pair (tier-up countdowns, frame anchors for a second tier
//! with stack maps, call adapters to second-tier code). x86-64 only.
//!
//! - `regcache`: which slot is in which register, dirtiness, eviction.
//! - `emit`: the code for each opcode and the out-of-line paths; `emit::calls`: the
//!   two entries and native calls; `emit::objects`: field, element and slice access
//!   with their write barriers, inline allocation, the interface-call dispatch and the
//!   type tests' inline caches.

mod emit;
pub mod regcache;

use vm::bytecode::{FuncId, Program};
use vm::jit::registry::Kind;
use vm::jit::site_caches::SiteCaches;
use vm::jit::{Capabilities, CompileEnv, Compiled, NativeFn, Strategy, StrategyInfo};

/// Make `dynasm` available to every VM of this process (x86-64 only).
pub fn register() {
    if cfg!(target_arch = "x86_64") {
        vm::jit::register(StrategyInfo {
            name: "dynasm",
            description: "dynasm-rs, basic blocks, int and float slots cached in registers within a block",
            colour: "#28963c",
            // Countdowns and anchors as template's: a first tier below any second tier.
            capabilities: Capabilities::TIER_COUNTDOWNS.union(Capabilities::FRAME_ANCHORS),
            kind: Kind::Generator(|| Ok(Box::new(DynasmStrategy::default()) as Box<dyn Strategy>)),
        });
    }
}

/// The dynasm code generator of one VM: each compiled function (and each call adapter)
/// is one finalized executable buffer (dynasmrt maps it writable, then read+execute),
/// kept until it is released or the strategy is dropped. A buffer is finalized before
/// its address is taken, so no code pointer ever outlives a buffer move.
#[derive(Default)]
pub struct DynasmStrategy {
    code: Vec<Kept>,
}

/// One buffer of code and what its code refers to.
struct Kept {
    /// The code, at the buffer's start; dropping the buffer unmaps it.
    buf: dynasmrt::ExecutableBuffer,
    /// The bytes of code (without the guard after it).
    code_bytes: usize,
    /// The inline cache sites the code embeds (none in an adapter); owned, never read.
    #[allow(dead_code)]
    sites: Option<SiteCaches>,
}

impl Strategy for DynasmStrategy {
    fn name(&self) -> &'static str {
        "dynasm"
    }

    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String> {
        let code = emit::compile(program, func.0, env)?;
        let code_bytes = code.end.0;
        let call_entry = code.buf.ptr(code.call_entry);
        let ptr = self.keep(code.buf, code_bytes, Some(code.sites));
        // SAFETY: the emitter produced a complete function with the native signature
        // (System V: ctx in rdi, frame in rsi, entry in edx, result in eax), and its
        // call entry (vm::jit's call convention); the buffer lives in `self.code` until
        // `release` is told no frame runs in it.
        let entry = unsafe { std::mem::transmute::<*const u8, NativeFn>(ptr) };
        Ok(Compiled { entry, code_bytes, call_entry, pc_map: code.pc_map, ir: Vec::new() })
    }

    fn contains(&self, ra: usize) -> bool {
        self.code.iter().any(|k| (k.start()..k.start() + k.buf.len()).contains(&ra))
    }

    fn call_adapter(&mut self, entry: NativeFn) -> *const u8 {
        // An adapter that cannot be made leaves the callers on the slow path.
        match emit::call_adapter(entry as usize) {
            Ok((buf, code_bytes)) => self.keep(buf, code_bytes, None),
            Err(_) => std::ptr::null(),
        }
    }

    fn release(&mut self, entry: *const u8) -> usize {
        // Dropping the buffer unmaps it: code run after its release faults.
        match self.code.iter().position(|k| k.start() == entry as usize) {
            Some(i) => self.code.swap_remove(i).code_bytes,
            None => 0,
        }
    }
}

impl DynasmStrategy {
    /// Keep `buf` (its code at its start) until it is released; the code's address.
    fn keep(&mut self, buf: dynasmrt::ExecutableBuffer, code_bytes: usize, sites: Option<SiteCaches>) -> *const u8 {
        let kept = Kept { buf, code_bytes, sites };
        let start = kept.start() as *const u8;
        self.code.push(kept);
        start
    }
}

impl Kept {
    /// The address of the code's first byte (the native entry, or the adapter).
    fn start(&self) -> usize {
        self.buf.ptr(dynasmrt::AssemblyOffset(0)) as usize
    }
}
