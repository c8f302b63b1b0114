//! The strategies compiled into this harness, and the one type through which the
//! harness drives any of them (`Engine`).
//!
//! **This is the place the harness meets `vm`'s JIT.** `compiled_in` is the list every
//! other part of the harness takes its strategies from (the matrix, the results, the
//! report, the gate, `run --strategy`); it is `vm::jit::StrategyKind::available()` after
//! `register_all` has registered the strategy crates this harness was built with (one
//! cargo feature per crate, DESIGN §1), so a strategy issue that adds a crate and its
//! feature here appears everywhere at once. `Engine` makes a VM
//! with the strategy installed (`VmOptions::jit`) and reads back what the harness
//! records: the compile events (function, time, code bytes, bytecode length, failure)
//! and how many executed bytecode instructions ran as native code.
//!
//! For `interp` the JIT numbers are zero by definition: no compile events, no code bytes,
//! and coverage 0 (no instruction runs as native code).

use std::sync::Arc;

use crate::results::{CompileEvent, GcSummary};

/// The reference strategy, against which every speed-up is computed.
pub const INTERP: &str = "interp";

/// The pseudo-strategy of `--anchor go`: the workload built by real Go, timed with the
/// same protocol. Not a VM strategy; never gated.
pub const GO_ANCHOR: &str = "go";

/// Every strategy name of DESIGN §1, in the order reports list them.
pub const KNOWN: &[&str] = &["interp", "template", "dynasm", "cranelift-reload", "cranelift-regmap", "tiered"];

/// Register the strategy crates of this build with `vm` (idempotent).
pub fn register_all() {
    #[cfg(feature = "jit-template")]
    strategy_template::register();
    #[cfg(feature = "jit-dynasm")]
    strategy_dynasm::register();
    #[cfg(feature = "jit-cranelift")]
    strategy_cranelift::register();
}

/// The strategies compiled into this harness, `interp` first.
pub fn compiled_in() -> Vec<&'static str> {
    register_all();
    vm::jit::StrategyKind::available().into_iter().map(|kind| kind.name()).collect()
}

/// Position of a strategy in report order (unknown names after known ones, `go` last).
pub fn report_rank(name: &str) -> usize {
    if name == GO_ANCHOR {
        return usize::MAX;
    }
    KNOWN.iter().position(|k| *k == name).unwrap_or(KNOWN.len())
}

/// A loaded program in a VM running under one strategy.
pub struct Engine {
    vm: vm::Vm,
}

impl Engine {
    /// A VM for `program` with `strategy` installed (the rest of `options.jit`, such as
    /// thresholds and eager compilation, is kept). Fails for a strategy that is not
    /// compiled in, or when the VM rejects the program.
    pub fn new(
        strategy: &str,
        program: Arc<vm::bytecode::Program>,
        mut options: vm::VmOptions,
    ) -> Result<Engine, String> {
        register_all();
        let Some(kind) = vm::jit::StrategyKind::from_name(strategy) else {
            return Err(format!("unknown strategy {strategy:?} (available: {})", compiled_in().join(", ")));
        };
        options.jit.strategy = kind;
        let vm = vm::Vm::new(program, options)?;
        Ok(Engine { vm })
    }

    pub fn set_stdout(&mut self, out: Box<dyn std::io::Write + Send>) {
        self.vm.set_stdout(out);
    }

    pub fn call(&mut self, func: vm::bytecode::FuncId, args: &[u64]) -> Result<Vec<u64>, vm::VmError> {
        self.vm.call(func, args)
    }

    pub fn run_main(&mut self) -> Result<(), vm::VmError> {
        self.vm.run_main()
    }

    /// Native compilations so far, failed ones included (interp: none).
    pub fn compile_events(&self) -> Vec<CompileEvent> {
        self.vm
            .jit_stats()
            .events
            .into_iter()
            .map(|e| CompileEvent {
                function: e.func,
                ns: e.compile_ns,
                bytes: e.code_bytes as u64,
                bytecode_instructions: e.bytecode_len as u64,
                error: e.error,
            })
            .collect()
    }

    /// Bytecode instructions executed so far, natively or not.
    pub fn instructions_executed(&self) -> u64 {
        self.vm.instructions_executed()
    }

    /// Of `instructions_executed`, those that ran as native code (interp: 0).
    pub fn native_instructions(&self) -> u64 {
        self.vm.jit_stats().native_instructions
    }

    pub fn gc_stats(&self) -> GcSummary {
        let gc = self.vm.gc_stats();
        GcSummary {
            minor_collections: gc.minor_collections,
            major_collections: gc.major_collections,
            bytes_allocated: gc.bytes_allocated,
            bytes_copied: gc.bytes_copied,
            total_pause_ns: gc.total_pause_ns,
            max_pause_ns: gc.max_pause_ns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interp_is_always_compiled_in_and_first() {
        assert_eq!(compiled_in()[0], INTERP);
        assert!(compiled_in().iter().all(|s| KNOWN.contains(s)));
        assert!(report_rank("interp") < report_rank("template"));
        assert!(report_rank("something") < report_rank(GO_ANCHOR));
    }

    #[test]
    fn unknown_strategy_is_an_error_not_a_panic() {
        let program = vm::compile_source(b"package main\nfunc main() {}\n", "t.go").unwrap();
        let err = Engine::new("warp-drive", Arc::new(program), vm::VmOptions::default()).err().unwrap();
        assert!(err.contains("unknown strategy \"warp-drive\""), "{err}");
    }
}
