//! Golden bytecode listings: each `vm/tests/bytecode/NAME.go` compiles to exactly the
//! listing in `NAME.bc` (what JIT authors read). Regenerate with `BLESS=1 cargo test
//! -p vm --test bytecode_golden` and review the diff.

mod common;

use common::*;

#[test]
fn bytecode_listings_match_golden_files() {
    let dir = repo_root().join("vm/tests/bytecode");
    let bless = std::env::var_os("BLESS").is_some();
    let files = go_files(&dir);
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for f in &files {
        let src = std::fs::read(f).expect("read");
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let listing = match vm::compile_source(&src, &name) {
            Ok(p) => p.disassemble(),
            Err(e) => format!("compile error: {e}\n"),
        };
        let golden = f.with_extension("bc");
        if bless {
            std::fs::write(&golden, &listing).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != listing {
            failures.push(format!("{name}: listing differs from {}\n--- got\n{listing}", golden.display()));
        }
    }
    assert!(failures.is_empty(), "{}\n(re-bless with BLESS=1 if the change is intended)", failures.join("\n"));
}
