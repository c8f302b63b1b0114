//! The strategies compiled into this harness, and the one type through which the
//! harness drives any of them (`Engine`).
//!
//! **This is the place the JIT issues wire to `vm`.** Each strategy issue adds its name to
//! `compiled_in` (behind its cargo feature: `jit-template`, `jit-dynasm`,
//! `jit-cranelift`) and fills in the three hooks of `Engine` from `vm`'s `Strategy`
//! trait: how a VM is made with the strategy installed (`Engine::new`), the compile
//! events it reported (`compile_events`: function, time, code bytes) and how many
//! executed bytecode instructions ran as native code (`native_instructions`). Nothing
//! else in the harness names a strategy: the matrix, the results, the report and the gate
//! take the list from here, so a new strategy appears everywhere at once.
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

/// The strategies compiled into this harness, `interp` first.
pub fn compiled_in() -> Vec<&'static str> {
    // JIT issues: push each strategy here under its feature, e.g.
    // `#[cfg(feature = "jit-template")] list.push("template");`
    let list = vec![INTERP];
    list
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
    /// A VM for `program` with `strategy` installed. Fails for a strategy that is not
    /// compiled in, or when the VM rejects the program.
    pub fn new(strategy: &str, program: Arc<vm::bytecode::Program>, options: vm::VmOptions) -> Result<Engine, String> {
        if !compiled_in().contains(&strategy) {
            return Err(format!("unknown strategy {strategy:?} (available: {})", compiled_in().join(", ")));
        }
        // JIT issues: install the strategy into the VM here.
        let vm = vm::Vm::new(program, options)?;
        Ok(Engine { vm })
    }

    pub fn set_stdout(&mut self, out: Box<dyn std::io::Write>) {
        self.vm.set_stdout(out);
    }

    pub fn call(&mut self, func: vm::bytecode::FuncId, args: &[u64]) -> Result<Vec<u64>, vm::VmError> {
        self.vm.call(func, args)
    }

    pub fn run_main(&mut self) -> Result<(), vm::VmError> {
        self.vm.run_main()
    }

    /// Native compilations so far (interp: none).
    pub fn compile_events(&self) -> Vec<CompileEvent> {
        Vec::new()
    }

    /// Compile every function of the program natively now, returning the events (the
    /// compile-speed benchmark; interp: nothing to compile).
    pub fn compile_all(&mut self) -> Vec<CompileEvent> {
        Vec::new()
    }

    /// Bytecode instructions executed so far, natively or not.
    pub fn instructions_executed(&self) -> u64 {
        self.vm.instructions_executed()
    }

    /// Of `instructions_executed`, those that ran as native code (interp: 0).
    pub fn native_instructions(&self) -> u64 {
        0
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
