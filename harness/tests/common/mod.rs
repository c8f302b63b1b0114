//! What the harness's end-to-end tests share: the binary with the test hooks cleared,
//! scratch directories, output as text.

use std::path::PathBuf;
use std::process::Command;

/// The `harness` binary, with none of the test hooks or `CI` inherited.
pub fn harness() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_harness"));
    // Tests run whatever build they were given; never hand over to `cargo run --release`.
    command
        .env("JITLAB_NO_REEXEC", "1")
        .env_remove("JITLAB_CELL_FAULT")
        .env_remove("JITLAB_CELL_SPIN")
        .env_remove("JITLAB_RUN_FAULT")
        .env_remove("CI");
    command
}

/// A fresh, empty directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jitlab-harness-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
