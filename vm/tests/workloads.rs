//! Every workload of `workloads/manifest.toml` under the interpreter: `run(n)` returns
//! the manifest's checksum at the quick size, and `main` prints the `.out` Go printed.

mod common;

use std::sync::Arc;

use common::*;

#[test]
fn workloads_match_manifest_checksums() {
    let root = repo_root().join("workloads");
    let manifest: toml::Table =
        std::fs::read_to_string(root.join("manifest.toml")).expect("manifest").parse().expect("valid toml");
    let list = manifest["workload"].as_array().expect("[[workload]] tables");
    assert!(list.len() >= 8, "expected at least 8 workloads");
    let mut failures = Vec::new();
    for w in list {
        let name = w["name"].as_str().expect("name");
        let file = root.join(w["file"].as_str().expect("file"));
        let quick = &w["sizes"]["quick"];
        let n = quick["n"].as_integer().expect("n");
        let want = quick["checksum"].as_integer().expect("checksum");
        let src = std::fs::read(&file).expect("source");
        let program = match vm::compile_source(&src, &file.to_string_lossy()) {
            Ok(p) => Arc::new(p),
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let run = program.func_by_name("main.run").expect("workload defines run");
        let mut machine = vm::Vm::new(program.clone(), vm::VmOptions::default()).expect("verifier");
        machine.set_stdout(Box::new(std::io::sink()));
        if let Some(init) = program.init {
            machine.call(init, &[]).expect("package init");
        }
        match machine.call(run, &[n as u64]) {
            Ok(r) if r.first().copied() == Some(want as u64) => {}
            Ok(r) => failures.push(format!("{name}: run({n}) = {:?}, want {want}", r.first().map(|v| *v as i64))),
            Err(e) => failures.push(format!("{name}: run({n}) failed: {}", e.stderr_text())),
        }
        // main prints run(DEFAULT), as Go did.
        let out = run_program(&file);
        let want_out = std::fs::read(file.with_extension("out")).expect(".out");
        if out.stdout != want_out || out.status != 0 {
            failures.push(format!(
                "{name}: main printed {:?} (exit {}), want {:?}",
                String::from_utf8_lossy(&out.stdout),
                out.status,
                String::from_utf8_lossy(&want_out)
            ));
        }
    }
    assert!(failures.is_empty(), "workload failures:\n{}", failures.join("\n"));
}
