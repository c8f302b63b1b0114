//! The whole conformance corpus and every workload under the collector's stress mode
//! (collect at every allocation) with verification after every collection: a missing
//! root or a stale reference anywhere shows up as a wrong output or a verifier failure.

mod common;

use common::*;

fn stress() -> vm::VmOptions {
    vm::VmOptions { gc_stress: true, gc_verify: true, ..Default::default() }
}

#[test]
fn conformance_corpus_under_gc_stress() {
    let files = go_files(&repo_root().join("vm/tests/conformance/run"));
    assert!(!files.is_empty());
    let failures: Vec<String> =
        files.iter().filter_map(|f| check_expected(f, &run_program_with(f, stress())).err()).collect();
    println!("{} passed, {} failed", files.len() - failures.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} programs failed under --gc-stress --gc-verify:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn workloads_under_gc_stress() {
    let list = workloads();
    assert!(list.len() >= 8);
    let mut failures = Vec::new();
    for w in &list {
        let (n, want) = w.quick;
        match call_run(w, n, stress()) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{}: run({n}) = {got}, want {want}", w.name)),
            Err(e) => failures.push(format!("{}: run({n}) failed: {e}", w.name)),
        }
    }
    println!("{} passed, {} failed", list.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "workloads failed under --gc-stress --gc-verify:\n{}", failures.join("\n"));
}
