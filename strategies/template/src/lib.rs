//! The `template` strategy: a baseline JIT with no code-generation dependencies. Each
//! bytecode instruction becomes a fixed machine-code template over the VM frame in
//! memory, in one pass, with the crate's own x86-64 encoder ([`x86`]) and its own W^X
//! executable memory ([`code_memory`]). It is the cheapest strategy to compile and the
//! baseline every other strategy must justify itself against.
//!
//! - [`x86`]: the encoder (REX/ModRM/SIB, rel32 jumps patched through labels).
//! - [`code_memory`]: mmap/mprotect pages, never writable and executable at once.
//! - `emit`: the templates, the register conventions and the out-of-line paths;
//!   `emit::calls`: the two entries, native calls and the call adapter;
//!   `emit::objects`: field, element and slice access with their write barriers,
//!   inline allocation, the interface-call dispatch and the type tests' inline caches.
//!
//! It follows the shared native contract of `vm::jit` exactly like the Cranelift
//! strategies (same helpers, same inline frame push for calls, same entry points), so
//! the strategies differ only in the code they generate. x86-64 only: on another
//! architecture `register()` makes nothing available.

mod emit;

pub mod code_memory;
pub mod x86;

use code_memory::CodeMemory;
use vm::bytecode::{FuncId, Program};
use vm::jit::registry::Kind;
use vm::jit::{Capabilities, CompileEnv, Compiled, NativeFn, Strategy, StrategyInfo};

/// Make `template` available to every VM of this process (x86-64 only).
pub fn register() {
    if cfg!(target_arch = "x86_64") {
        vm::jit::register(StrategyInfo {
            name: "template",
            description: "own x86-64 encoder, one template per opcode over frame slots in memory; fastest to compile",
            colour: "#e67814",
            capabilities: Capabilities::TIER_COUNTDOWNS.union(Capabilities::FRAME_ANCHORS),
            kind: Kind::Generator(|| Ok(Box::new(TemplateStrategy::new()) as Box<dyn Strategy>)),
        });
    }
}

/// The template code generator of one VM (its code lives until it is dropped).
#[derive(Default)]
pub struct TemplateStrategy {
    memory: CodeMemory,
    /// The inline caches of the compiled functions by entry (their code embeds these
    /// addresses).
    caches: std::collections::HashMap<usize, vm::jit::site_caches::SiteCaches>,
}

impl TemplateStrategy {
    pub fn new() -> TemplateStrategy {
        TemplateStrategy::default()
    }
}

impl Strategy for TemplateStrategy {
    fn name(&self) -> &'static str {
        "template"
    }

    fn compile(&mut self, program: &Program, func: FuncId, env: &CompileEnv) -> Result<Compiled, String> {
        let code = emit::compile(program, func.0, env)?;
        let start = self.memory.install(&code.bytes)?;
        self.caches.insert(start as usize, code.caches);
        // SAFETY: the templates emit a complete function with the native signature
        // (System V: ctx in rdi, frame in rsi, entry in edx, result in eax) at offset
        // 0, and its call entry (vm::jit's call convention) inside the same code.
        let entry = unsafe { std::mem::transmute::<*const u8, NativeFn>(start) };
        let call_entry = start.wrapping_add(code.call_entry);
        Ok(Compiled { entry, code_bytes: code.bytes.len(), call_entry, pc_map: code.pc_map, ir: Vec::new() })
    }

    fn contains(&self, ra: usize) -> bool {
        self.memory.contains(ra)
    }

    fn call_adapter(&mut self, entry: NativeFn) -> *const u8 {
        // An adapter that cannot be installed leaves the callers on the slow path.
        emit::call_adapter(entry as usize).and_then(|code| self.memory.install(&code)).unwrap_or(std::ptr::null())
    }

    fn release(&mut self, entry: *const u8) -> usize {
        self.caches.remove(&(entry as usize));
        // A failure to change protections leaves the code mapped (and counted live).
        self.memory.free(entry).unwrap_or(0)
    }
}
