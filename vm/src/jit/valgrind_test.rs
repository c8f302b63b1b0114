//! For the strategies' own tests: run one test of the calling test binary again, under
//! Valgrind, to prove their code memory survives it (see [`super::CODE_GUARD_BYTES`]).
//!
//! Used as: the test calls [`rerun_under_valgrind`] with its own path; in the rerun
//! (under Valgrind, [`IN_VALGRIND_ENV`] set) it does the real work instead. Without
//! Valgrind installed the check is skipped with a message, except under CI (`CI` set),
//! where that is a failure: `.ci/run` installs Valgrind.

use std::process::Command;

/// Set in the rerun: the test is the one under Valgrind and does the real work.
pub const IN_VALGRIND_ENV: &str = "JITLAB_TEST_IN_VALGRIND";

/// Whether this process is the rerun under Valgrind.
pub fn in_rerun() -> bool {
    std::env::var_os(IN_VALGRIND_ENV).is_some()
}

/// Whether `valgrind` is installed. Without it, `what` is skipped with a message, except
/// under CI (`CI` set), where this panics: `.ci/run` installs Valgrind.
pub fn valgrind_available(what: &str) -> bool {
    let found = Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success());
    let under_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    assert!(found || !under_ci, "valgrind is not installed, and CI needs it (.ci/run installs it)");
    if !found {
        eprintln!("valgrind is not installed: {what} not checked under it");
    }
    found
}

/// Run the test `path` (as the test harness names it, e.g.
/// `code_memory::tests::code_at_a_page_edge`) of this test binary under Valgrind's
/// no-instrumentation tool with `--smc-check=all-non-file` (as the harness's counting
/// pass uses it), and panic with Valgrind's output unless it passed.
pub fn rerun_under_valgrind(path: &str) {
    if !valgrind_available(path) {
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new("valgrind")
        .args(["-q", "--tool=none", "--smc-check=all-non-file"])
        .arg(exe)
        .args(["--exact", path, "--test-threads=1", "--nocapture"])
        .env(IN_VALGRIND_ENV, "1")
        .output()
        .expect("run valgrind");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{path} under valgrind: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
}

/// x86-64 machine code of an `extern "C" fn() -> u32` that returns 42, exactly `len`
/// bytes long (at least 6: `nop`s, then `mov eax, 42; ret`), so a test can make its
/// last byte the last byte of a page.
pub fn function_returning_42(len: usize) -> Vec<u8> {
    let mut code = vec![0x90u8; len.saturating_sub(6)];
    code.extend_from_slice(&[0xb8, 42, 0, 0, 0, 0xc3]);
    code
}
