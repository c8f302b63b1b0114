//! Differential tests of every JIT strategy compiled in against the interpreter's
//! expected outputs (which come from real Go): every conformance program and every
//! workload must give the same stdout, stderr (first line) and exit status at the
//! default thresholds, with `--jit-eager`, and with `--jit-eager --gc-stress
//! --gc-verify`. With `--jit-eager` every function of every program must compile.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use common::*;
use vm::jit::JitOptions;

/// The JIT strategies of the strategy crates.
fn jits() -> Vec<&'static str> {
    conformance::jit_strategies()
}

#[derive(Clone, Copy, Debug)]
enum Mode {
    Default,
    Eager,
    EagerStress,
    /// Tiered pairs only: eager, and every function goes to the second tier at its
    /// first call or back edge in first-tier code (loops move over by OSR mid-iteration).
    EagerTierUp,
    /// The same under `--gc-stress --gc-verify`, with the default policy (only functions
    /// with loops go to the second tier).
    EagerTierUpStress,
}

fn options(strategy: &'static str, mode: Mode) -> vm::VmOptions {
    let mut jit = JitOptions { strategy, eager: !matches!(mode, Mode::Default), ..Default::default() };
    if matches!(mode, Mode::EagerTierUp | Mode::EagerTierUpStress) {
        (jit.tier2_call_threshold, jit.tier2_loop_threshold) = (1, 1);
        // Plain: every function goes to the second tier. Under stress: the default
        // policy (most functions stay in first-tier code), so frames of both tiers
        // mix on the stack while the collector moves objects.
        jit.tier2_all = matches!(mode, Mode::EagerTierUp);
    }
    let stress = matches!(mode, Mode::EagerStress | Mode::EagerTierUpStress);
    vm::VmOptions { jit, gc_stress: stress, gc_verify: stress, ..Default::default() }
}

/// Every conformance program under `strategy` in `mode`: the failures.
fn conformance(strategy: &'static str, mode: Mode) -> Vec<String> {
    let files = go_files(&repo_root().join("vm/tests/conformance/run"));
    assert!(files.len() >= 150, "the corpus is missing");
    let mut failures = Vec::new();
    for f in &files {
        let out = run_program_with(f, options(strategy, mode));
        if let Err(e) = check_expected(f, &out) {
            failures.push(format!("[{} {mode:?}] {e}", strategy));
        }
        if !matches!(mode, Mode::Default) && out.status != 1 {
            let j = &out.jit;
            // Every function compiled by the first tier (a tiered pair may add second-tier
            // compilations), none failed.
            let first_tier = j.events.iter().filter(|e| e.tier == 1 && e.error.is_none()).count();
            if j.compile_failures != 0 || first_tier != out.funcs {
                failures.push(format!(
                    "[{} {mode:?}] {}: {} of {} functions compiled; failures: {:?}",
                    strategy,
                    f.display(),
                    first_tier,
                    out.funcs,
                    j.events.iter().filter_map(|e| e.error.as_ref()).collect::<Vec<_>>()
                ));
            }
        }
    }
    failures
}

fn assert_none(failures: Vec<String>) {
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn conformance_at_default_thresholds() {
    assert_none(jits().into_iter().flat_map(|s| conformance(s, Mode::Default)).collect());
}

#[test]
fn conformance_with_jit_eager() {
    assert_none(jits().into_iter().flat_map(|s| conformance(s, Mode::Eager)).collect());
}

#[test]
fn conformance_with_jit_eager_gc_stress_gc_verify() {
    assert_none(jits().into_iter().flat_map(|s| conformance(s, Mode::EagerStress)).collect());
}

/// A tiered pair with immediate tier-up: every function that runs twice (or loops) in
/// first-tier code is replaced while it may be running, with and without a collection
/// at every allocation.
fn conformance_with_immediate_tier_up(pair: &'static str) -> Vec<String> {
    let mut failures = conformance(pair, Mode::EagerTierUp);
    failures.extend(conformance(pair, Mode::EagerTierUpStress));
    failures
}

/// `tiered` (the first of `conformance::PAIRS`); the other pairs are a test of their
/// own, so the two run side by side.
#[test]
fn conformance_tiered_with_immediate_tier_up() {
    assert_none(conformance_with_immediate_tier_up(conformance::tiered_pairs()[0].0));
}

#[test]
fn conformance_other_tiered_pairs_with_immediate_tier_up() {
    assert_none(
        conformance::tiered_pairs()[1..].iter().flat_map(|p| conformance_with_immediate_tier_up(p.0)).collect(),
    );
}

/// Every workload under `strategy` in `modes` (run(n) at the quick size), and with
/// `main` its own `main` at the default thresholds (it prints run(DEFAULT), as Go did).
fn workloads_under(strategy: &'static str, modes: &[Mode], main: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for w in workloads() {
        for &mode in modes {
            let (n, want) = w.quick;
            match call_run(&w, n, options(strategy, mode)) {
                Ok(got) if got == want => {}
                Ok(got) => failures.push(format!("[{strategy} {mode:?}] {}: run({n}) = {got}, want {want}", w.name)),
                Err(e) => failures.push(format!("[{strategy} {mode:?}] {}: run({n}) failed: {e}", w.name)),
            }
        }
        if main {
            let out = run_program_with(&w.file, options(strategy, Mode::Default));
            if let Err(e) = check_expected(&w.file, &out) {
                failures.push(format!("[{strategy}] {e}"));
            }
        }
    }
    failures
}

#[test]
fn workloads_under_every_jit() {
    let plain = [Mode::Default, Mode::Eager, Mode::EagerStress];
    assert_none(jits().into_iter().flat_map(|s| workloads_under(s, &plain, true)).collect());
}

/// The tiered pairs with immediate tier-up; a pair that is not one of `jits()` also
/// runs `main` at the default thresholds here (its plain eager modes would only run its
/// first tier, which runs on its own already).
#[test]
fn workloads_under_tiered_pairs_with_immediate_tier_up() {
    let jits = jits();
    let tier_up = [Mode::EagerTierUp, Mode::EagerTierUpStress];
    let failures = conformance::tiered_pairs()
        .into_iter()
        .flat_map(|(pair, ..)| workloads_under(pair, &tier_up, !jits.contains(&pair)));
    assert_none(failures.collect());
}
