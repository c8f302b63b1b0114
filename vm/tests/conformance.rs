//! The conformance corpus under `vm/tests/conformance/`: every `run/*.go` program must
//! print exactly its `.out` and, when it has a `.err`, fail with exit status 2 and that
//! first stderr line; every `reject/*.go` program must fail to compile with exactly the
//! `line:col: message` in its `.err`. Expected files come from real Go (see bless.sh).

mod common;

use common::*;

#[test]
fn run_corpus_matches_go() {
    let dir = repo_root().join("vm/tests/conformance/run");
    let files = go_files(&dir);
    assert!(files.len() >= 150, "expected at least 150 conformance programs, found {}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        if let Err(e) = check_expected(f, &run_program(f)) {
            failures.push(e);
        }
    }
    println!("{} passed, {} failed", files.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} programs failed:\n\n{}", failures.len(), files.len(), failures.join("\n\n"));
}

#[test]
fn reject_corpus_reports_go_positions() {
    let dir = repo_root().join("vm/tests/conformance/reject");
    let files = go_files(&dir);
    assert!(files.len() >= 30, "expected at least 30 reject programs, found {}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let out = run_program(f);
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let want = std::fs::read_to_string(f.with_extension("err")).expect("reject program has .err");
        let want = format!("{name}:{}", want.lines().next().unwrap_or(""));
        let got = out.stderr.lines().next().unwrap_or("").to_string();
        if out.status != 1 || got != want {
            failures.push(format!("{name}: want exit 1 with {want:?}, got exit {} with {got:?}", out.status));
        }
    }
    println!("{} passed, {} failed", files.len() - failures.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} reject programs failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
