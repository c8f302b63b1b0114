//! The `dynasm` strategy: basic blocks compiled with dynasm-rs, with the int and float
//! slots of a block cached in host registers (a small local allocator,
//! [`regcache::RegCache`]) and written back to the frame at block exits, helper calls
//! and safepoints; GC references are reloaded from the frame after every safepoint.
//! Blocks jump to each other directly (block linking): no dispatcher between them.
//!
//! The middle point of the design space: cheaper to compile than Cranelift, smarter
//! code than the 1:1 templates (which load every operand from the frame and store every
//! result). It follows the shared native contract of `vm::jit` (same helpers, inline
//! frame push for calls, OSR entries at loop headers). x86-64 only.
//!
//! - `regcache`: which slot is in which register, dirtiness, eviction.
//! - `emit`: the code for each opcode and the out-of-line paths; `emit::calls`: the
//!   two entries and native calls.

mod emit;
pub mod regcache;

use vm::bytecode::{FuncId, Program};
use vm::jit::registry::Kind;
use vm::jit::{Capabilities, CompileEnv, Compiled, NativeFn, Strategy, StrategyInfo};

/// Make `dynasm` available to every VM of this process (x86-64 only).
pub fn register() {
    if cfg!(target_arch = "x86_64") {
        vm::jit::register(StrategyInfo {
            name: "dynasm",
            description: "dynasm-rs, basic blocks, int and float slots cached in registers within a block",
            colour: "#28963c",
            capabilities: Capabilities::NONE,
            kind: Kind::Generator(|| Ok(Box::new(DynasmStrategy::default()) as Box<dyn Strategy>)),
        });
    }
}

/// The dynasm code generator of one VM: each compiled function is one finalized
/// executable buffer (dynasmrt maps it writable, then read+execute), kept until the
/// strategy is dropped. A buffer is finalized before its address is taken, so no code
/// pointer ever outlives a buffer move.
#[derive(Default)]
pub struct DynasmStrategy {
    buffers: Vec<dynasmrt::ExecutableBuffer>,
    /// The inline cache sites of the compiled functions (their code embeds these).
    sites: Vec<vm::jit::site_caches::SiteCaches>,
}

impl Strategy for DynasmStrategy {
    fn name(&self) -> &'static str {
        "dynasm"
    }

    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String> {
        let f = &program.funcs[func.0 as usize];
        let code = emit::compile(program, f, env)?;
        self.sites.push(code.sites);
        let code_bytes = code.end.0 - code.start.0;
        let ptr = code.buf.ptr(code.start);
        let call_entry = code.buf.ptr(code.call_entry);
        self.buffers.push(code.buf);
        // SAFETY: the emitter produced a complete function with the native signature
        // (System V: ctx in rdi, frame in rsi, entry in edx, result in eax), and its
        // call entry (vm::jit's call convention); the buffer lives in `self.buffers` as
        // long as the strategy.
        let entry = unsafe { std::mem::transmute::<*const u8, NativeFn>(ptr) };
        Ok(Compiled { entry, code_bytes, call_entry, pc_map: code.pc_map, ir: Vec::new() })
    }
}
