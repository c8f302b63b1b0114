//! A strategy registered from outside `vm` (`conformance::fall_back`) runs the whole
//! differential corpus: every conformance program and every workload gives the
//! interpreter's output, with every function compiled by it (`--jit-eager`). And a
//! tiered pair that cannot run is refused with the reason.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use common::*;
use conformance::fall_back;
use vm::jit::registry::Kind;
use vm::jit::{Capabilities, JitOptions, StrategyInfo};

fn options() -> vm::VmOptions {
    fall_back::register();
    vm::VmOptions {
        jit: JitOptions { strategy: fall_back::NAME, eager: true, ..Default::default() },
        ..Default::default()
    }
}

#[test]
fn a_strategy_registered_outside_vm_runs_the_corpus() {
    let files = go_files(&repo_root().join("vm/tests/conformance/run"));
    assert!(files.len() >= 150, "the corpus is missing");
    let mut failures = Vec::new();
    for f in &files {
        let out = run_program_with(f, options());
        if let Err(e) = check_expected(f, &out) {
            failures.push(e);
        }
        if out.status != 1 && (out.jit.functions_compiled != out.funcs || out.jit.compile_failures != 0) {
            failures.push(format!(
                "{}: {} of {} functions compiled",
                f.display(),
                out.jit.functions_compiled,
                out.funcs
            ));
        }
    }
    for w in workloads() {
        match call_run(&w, w.quick.0, options()) {
            Ok(got) if got == w.quick.1 => {}
            Ok(got) => failures.push(format!("{}: run = {got}, want {}", w.name, w.quick.1)),
            Err(e) => failures.push(format!("{}: {e}", w.name)),
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(vm::jit::registry::names().contains(&fall_back::NAME));
}

#[test]
fn a_pair_whose_first_tier_lacks_countdowns_or_anchors_is_refused() {
    conformance::jit_strategies();
    fall_back::register();
    let e = vm::jit::register_tiered("fall-back+template", fall_back::NAME, "template").unwrap_err();
    assert!(e.contains("no tier-up countdowns"), "{e}");
    // A first tier that counts down but does not anchor the frame walk may run below
    // a second tier without stack maps, not below one with them. (Registered only to
    // be refused: it claims countdowns its fall-back code does not make.)
    vm::jit::register(StrategyInfo {
        name: "counts-without-anchors",
        description: "a test entry: claims tier-up countdowns, not frame anchors",
        colour: "#000000",
        capabilities: Capabilities::TIER_COUNTDOWNS,
        kind: Kind::Generator(fall_back::generator),
    });
    let e = vm::jit::register_tiered(
        "counts-without-anchors+cranelift-regmap",
        "counts-without-anchors",
        "cranelift-regmap",
    )
    .unwrap_err();
    assert!(e.contains("counts-without-anchors cannot be the first tier below cranelift-regmap"), "{e}");
    assert!(e.contains("does not anchor the frame walk"), "{e}");
    assert!(!vm::jit::registry::names().contains(&"counts-without-anchors+cranelift-regmap"), "not registered");
    // A VM asked for an unregistered strategy says which exist.
    let program = std::sync::Arc::new(vm::compile_source(b"package main\nfunc main() {}\n", "m.go").expect("compiles"));
    let jit = JitOptions { strategy: "fall-back+template", ..Default::default() };
    let e = vm::Vm::new(program, vm::VmOptions { jit, ..Default::default() }).err().expect("refused");
    assert!(e.contains("not available") && e.contains("template"), "{e}");
}
