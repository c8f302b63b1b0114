//! CI's run of the front-end fuzzer: build it with SanitizerCoverage (as `run.sh` does,
//! in its own target directory beside this build's), run it for 20 seconds from a fixed
//! seed, and require no bug and a working coverage signal on this (stable) toolchain.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `<target dir>/fuzz-sancov`, where `<target dir>` is the one this test was built in.
fn sancov_target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // <target>/<profile>/deps/fuzz_smoke-HASH
    let target = exe.ancestors().nth(3).map(Path::to_path_buf).expect("target directory");
    target.join("fuzz-sancov")
}

#[test]
fn twenty_seconds_of_coverage_guided_fuzzing_find_no_bug() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crashes = std::env::temp_dir().join(format!("fuzz-frontend-crashes-{}", std::process::id()));
    let out = Command::new("bash")
        .arg(here.join("run.sh"))
        .args(["--seconds", "20", "--seed", "1", "--quiet", "--crashes"])
        .arg(&crashes)
        .env("FUZZ_TARGET_DIR", sancov_target_dir())
        .env("CARGO", std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("run fuzz/frontend/run.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}{stderr}");
    assert!(out.status.success(), "the fuzzer found a bug or failed ({}):\n{stdout}{stderr}", out.status);
    let _ = std::fs::remove_dir_all(&crashes);
    // The summary line: "..., edges E of G guards, ...": coverage must have worked.
    let summary = stdout.lines().find(|l| l.contains(" guards, ")).expect("summary line");
    let words: Vec<&str> = summary.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "edges").expect("edges in summary");
    let edges: usize = words[at + 1].parse().expect("edge count");
    let guards: usize = words[at + 3].parse().expect("guard count");
    assert!(guards > 10_000, "SanitizerCoverage registered only {guards} guards: {summary}");
    assert!(edges > 3_000, "only {edges} edges reached: {summary}");
}

/// The fuzzer's library without instrumentation (outcome features only) stays usable,
/// and the seeds themselves never crash the front end.
#[test]
fn uninstrumented_fuzzing_runs_in_process() {
    let opts = fuzz_frontend::Options {
        seconds: 5.0,
        runs: Some(3000),
        seed: 2,
        crashes: std::env::temp_dir().join(format!("fuzz-frontend-crashes-inproc-{}", std::process::id())),
        verbose: false,
        ..Default::default()
    };
    let crashes = opts.crashes.clone();
    let r = fuzz_frontend::Fuzzer::new(opts).run();
    let _ = std::fs::remove_dir_all(&crashes);
    assert!(r.crash.is_none(), "bug: {:?}", r.crash);
    assert!(r.execs > 500, "{r:?}");
    assert!(r.compiled > 100 && r.rejected > 100, "{r:?}");
}
