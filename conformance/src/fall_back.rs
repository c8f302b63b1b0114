//! `fall-back`: the smallest correct strategy. Its native code for every function
//! continues in the interpreter at the entry pc at once, through the contract's
//! `jit_fallback` helper. Defined here, outside `vm`, and registered like any strategy
//! crate's: what it takes to add a strategy is this file.

use vm::bytecode::{FuncId, Program};
use vm::jit::registry::Kind;
use vm::jit::{helpers, Capabilities, CompileEnv, Compiled, JitContext, Strategy, StrategyInfo, ENTRY_PC_MASK};

/// Its registered name.
pub const NAME: &str = "fall-back";

/// Make `fall-back` available to every VM of this process.
pub fn register() {
    vm::jit::register(StrategyInfo {
        name: NAME,
        description: "every function falls back to the interpreter at its entry (a test strategy)",
        colour: "#bcbd22",
        capabilities: Capabilities::NONE,
        kind: Kind::Generator(generator),
    });
}

/// A `fall-back` code generator (the registered factory).
pub fn generator() -> Result<Box<dyn Strategy>, String> {
    Ok(Box::new(FallBack))
}

/// Native code that continues in the interpreter at its entry pc.
///
/// # Safety
/// Called as native code of the running frame (the contract): `ctx` is the running VM's.
unsafe extern "C" fn fall_back_at_entry(ctx: *mut JitContext, _frame: *mut u64, entry: u32) -> u32 {
    // SAFETY: the contract's caller passes the running VM's context.
    unsafe { helpers::jit_fallback(ctx, entry & ENTRY_PC_MASK) }
}

struct FallBack;

impl Strategy for FallBack {
    fn name(&self) -> &'static str {
        NAME
    }

    fn compile(&mut self, _: &Program, _: FuncId, _: &CompileEnv) -> Result<Compiled, String> {
        // No code bytes of its own: the entry is a Rust function, and the map of zero
        // bytes is empty.
        Ok(Compiled {
            entry: fall_back_at_entry,
            call_entry: std::ptr::null(),
            code_bytes: 0,
            pc_map: Default::default(),
            ir: Vec::new(),
        })
    }
}
