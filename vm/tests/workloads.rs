//! Every workload of `workloads/manifest.toml` under the interpreter: `run(n)` returns
//! the manifest's checksum at the quick size, and `main` prints the `.out` Go printed.

mod common;

use common::*;

#[test]
fn workloads_match_manifest_checksums() {
    let list = workloads();
    assert!(list.len() >= 8, "expected at least 8 workloads");
    let mut failures = Vec::new();
    for w in &list {
        let (n, want) = w.quick;
        match call_run(w, n, vm::VmOptions::default()) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{}: run({n}) = {got}, want {want}", w.name)),
            Err(e) => failures.push(format!("{}: run({n}) failed: {e}", w.name)),
        }
        // main prints run(DEFAULT), as Go did.
        if let Err(e) = check_expected(&w.file, &run_program(&w.file)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "workload failures:\n{}", failures.join("\n"));
}
