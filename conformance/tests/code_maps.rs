//! The pc map of every strategy (`vm::jit::code_map`): for every function of every
//! workload and conformance program, compiled eagerly, the map covers each byte of the
//! code exactly once, in order, and names only pcs of the function; inline ranges of the
//! single-pass strategies come in pc order. And counting mode counts per function: the
//! profile adds up to the native instructions.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use common::*;
use vm::jit::code_map::CodeKind;
use vm::jit::JitOptions;

fn jits() -> Vec<&'static str> {
    conformance::jit_strategies()
}

fn programs() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = workloads().into_iter().map(|w| w.file).collect();
    files.extend(go_files(&repo_root().join("vm/tests/conformance/run")));
    files
}

/// Compile every function of `file` under `strategy`, keeping the code.
fn compiled(file: &std::path::Path, strategy: &'static str) -> Option<vm::Vm> {
    let src = std::fs::read(file).expect("readable");
    let program = vm::compile_source(&src, &file.to_string_lossy()).ok()?;
    let jit = JitOptions { strategy, eager: true, keep_code: true, ..Default::default() };
    Some(vm::Vm::new(Arc::new(program), vm::VmOptions { jit, ..Default::default() }).expect("a VM"))
}

#[test]
fn pc_maps_cover_every_byte_once_with_valid_pcs() {
    let files = programs();
    assert!(files.len() > 150, "the corpus is missing");
    let mut failures = Vec::new();
    for strategy in jits() {
        let mut functions = 0;
        for file in &files {
            let Some(vm) = compiled(file, strategy) else { continue };
            for r in vm.jit_code() {
                functions += 1;
                let instrs = vm.program().funcs[r.func as usize].code.len();
                let mut problems = Vec::new();
                if let Err(e) = r.pc_map.check(r.bytes.len(), instrs) {
                    problems.push(e);
                }
                let instr_ranges = r.pc_map.ranges.iter().filter(|c| c.kind == CodeKind::Instr).count();
                if instr_ranges == 0 {
                    problems.push("no instruction owns any code".into());
                }
                if matches!(strategy, "template" | "dynasm" | "tiered") {
                    // One pass over the bytecode: the body's ranges come in pc order.
                    let pcs: Vec<u32> =
                        r.pc_map.ranges.iter().filter(|c| c.kind == CodeKind::Instr).filter_map(|c| c.pc).collect();
                    if pcs.windows(2).any(|w| w[0] >= w[1]) {
                        problems.push(format!("inline ranges out of pc order: {pcs:?}"));
                    }
                }
                for p in problems {
                    failures.push(format!("[{}] {}: {}: {p}", strategy, file.display(), r.name));
                }
            }
        }
        assert!(functions > 1000, "{}: only {functions} functions compiled", strategy);
    }
    assert!(failures.is_empty(), "{} bad pc maps:\n{}", failures.len(), failures[..failures.len().min(20)].join("\n"));
}

#[test]
fn every_strategy_names_slow_paths() {
    // A loop with a call and an allocation: every strategy moves something out of line.
    let src = "package main\n\nfunc f(n int) []int { return make([]int, n) }\n\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100; i++ {\n\t\ts += len(f(i))\n\t}\n\tprintln(s)\n}\n";
    let program = Arc::new(vm::compile_source(src.as_bytes(), "slow.go").expect("compiles"));
    for strategy in jits() {
        let jit = JitOptions { strategy, eager: true, keep_code: true, ..Default::default() };
        let vm = vm::Vm::new(program.clone(), vm::VmOptions { jit, ..Default::default() }).expect("a VM");
        let main = vm.jit_code().iter().find(|r| r.name == "main.main").expect("main compiled");
        assert!(
            main.pc_map.ranges.iter().any(|r| r.kind == CodeKind::SlowPath),
            "{}: no slow path in main.main: {:?}",
            strategy,
            main.pc_map.ranges
        );
        assert!(main.pc_map.ranges.iter().any(|r| r.kind == CodeKind::Entry), "{}: no entry code", strategy);
    }
}

#[test]
fn counting_mode_counts_per_function() {
    let w = workloads().into_iter().find(|w| w.name == "richards").expect("richards");
    let src = std::fs::read(&w.file).expect("readable");
    let program = Arc::new(vm::compile_source(&src, "richards.go").expect("compiles"));
    let run = program.func_by_name("main.run").expect("run");
    for strategy in jits() {
        let jit = JitOptions { strategy, eager: true, count_native: true, ..Default::default() };
        let mut vm = vm::Vm::new(program.clone(), vm::VmOptions { jit, ..Default::default() }).expect("a VM");
        vm.set_stdout(Box::new(std::io::sink()));
        if let Some(init) = program.init {
            vm.call(init, &[]).expect("init");
        }
        let r = vm.call(run, &[w.quick.0 as u64]).expect("run");
        assert_eq!(r[0] as i64, w.quick.1);
        let profile = vm.native_profile();
        let total: u64 = profile.iter().map(|p| p.1).sum();
        assert_eq!(total, vm.jit_stats().native_instructions, "{}", strategy);
        assert!(profile.windows(2).all(|w| w[0].1 >= w[1].1), "{}: not sorted", strategy);
        // Nearly everything runs natively when every function is compiled up front.
        assert!(
            total * 100 > vm.instructions_executed() * 95,
            "{}: {total} of {}",
            strategy,
            vm.instructions_executed()
        );
        assert!(profile.len() > 5, "{}: {profile:?}", strategy);
    }
}
