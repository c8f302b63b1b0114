//! Every workload of `workloads/manifest.toml` under the interpreter: `run(n)` returns
//! the manifest's checksum at the quick size, and `main` prints the `.out` Go printed.
//! The manifest itself documents every workload (tags, source, description, sizes).

mod common;

use common::*;

#[test]
fn workloads_match_manifest_checksums() {
    let list = workloads();
    assert!(list.len() >= 30, "expected at least 30 workloads, found {}", list.len());
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

/// Every [[workload]] table says what it stresses (known tags, a description) and where
/// it comes from (source), and has all three sizes with n growing from quick to large.
#[test]
fn manifest_documents_every_workload() {
    const TAGS: &[&str] = &[
        "int",
        "float",
        "calls",
        "gc",
        "refs",
        "strings",
        "maps",
        "dispatch",
        "closures",
        "concurrency",
        "defer",
        "parallel",
    ];
    let root = repo_root().join("workloads");
    let text = std::fs::read_to_string(root.join("manifest.toml")).expect("manifest");
    let manifest: toml::Table = text.parse().expect("valid toml");
    let mut problems = Vec::new();
    let mut names = std::collections::HashSet::new();
    for w in manifest["workload"].as_array().expect("[[workload]] tables") {
        let name = w.get("name").and_then(|v| v.as_str()).unwrap_or("?").to_string();
        if !names.insert(name.clone()) {
            problems.push(format!("{name}: listed twice"));
        }
        for key in ["file", "source", "description"] {
            if w.get(key).and_then(|v| v.as_str()).is_none_or(|v| v.trim().is_empty()) {
                problems.push(format!("{name}: missing or empty `{key}`"));
            }
        }
        match w.get("tags").and_then(|v| v.as_array()) {
            Some(tags) if !tags.is_empty() => {
                for t in tags {
                    if !t.as_str().is_some_and(|t| TAGS.contains(&t)) {
                        problems.push(format!("{name}: unknown tag {t}"));
                    }
                }
            }
            _ => problems.push(format!("{name}: no tags")),
        }
        if let Some(file) = w.get("file").and_then(|v| v.as_str()) {
            if !root.join(file).is_file() || !root.join(file).with_extension("out").is_file() {
                problems.push(format!("{name}: {file} or its .out is missing"));
            }
        }
        let n =
            |size: &str| w.get("sizes").and_then(|s| s.get(size)).and_then(|s| s.get("n")).and_then(|n| n.as_integer());
        match (n("quick"), n("default"), n("large")) {
            (Some(q), Some(d), Some(l)) if q < d && d < l => {}
            other => problems.push(format!("{name}: sizes must have quick < default < large, found {other:?}")),
        }
    }
    assert!(problems.is_empty(), "manifest problems:\n{}", problems.join("\n"));
}
