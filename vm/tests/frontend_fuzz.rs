//! Robustness of the whole front end (parser + type checker + code generator): mutated
//! conformance programs and random bytes must produce a program or a compile error,
//! never a panic. Deterministic (own xorshift generator), bounded in count.

mod common;

use common::*;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Split into rough tokens (identifiers/numbers, punctuation, whitespace runs).
fn tokens(src: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for &b in src {
        let word = b.is_ascii_alphanumeric() || b == b'_';
        match out.last_mut() {
            Some(last) if word && last.last().map(|c| c.is_ascii_alphanumeric() || *c == b'_').unwrap_or(false) => {
                last.push(b)
            }
            _ => out.push(vec![b]),
        }
    }
    out
}

fn mutate(rng: &mut XorShift, toks: &[Vec<u8>]) -> Vec<u8> {
    let mut t = toks.to_vec();
    let edits = 1 + rng.below(3);
    for _ in 0..edits {
        if t.is_empty() {
            break;
        }
        let i = rng.below(t.len());
        match rng.below(6) {
            0 => {
                t.remove(i);
            }
            1 => {
                let x = t[i].clone();
                t.insert(i, x);
            }
            2 => {
                let j = rng.below(t.len());
                t.swap(i, j);
            }
            3 => {
                let j = rng.below(t.len());
                t[i] = t[j].clone();
            }
            4 => {
                let pick = [
                    &b"nil"[..],
                    b"0",
                    b"\"s\"",
                    b"(",
                    b")",
                    b"{",
                    b"}",
                    b"[",
                    b"]",
                    b"*",
                    b"&",
                    b".",
                    b",",
                    b";",
                    b"\n",
                    b"func",
                    b"return",
                    b"x",
                    b"int",
                    b"...",
                    b":=",
                    b"1e400",
                    b"'\\x'",
                ];
                t[i] = pick[rng.below(pick.len())].to_vec();
            }
            _ => {
                t.truncate(i);
            }
        }
    }
    t.concat()
}

/// Compile; when that succeeds the verifier must accept the bytecode too (the code
/// generator never emits an out-of-range operand or jump).
fn compiles_without_panic(src: &[u8]) -> Result<(), String> {
    let r = std::panic::catch_unwind(|| {
        if let Ok(p) = vm::compile_source(src, "fuzz.go") {
            if let Err(e) =
                vm::Vm::new(std::sync::Arc::new(p), vm::VmOptions { stack_slots: 1 << 12, ..Default::default() })
            {
                panic!("verifier rejected compiler output: {e}");
            }
        }
    });
    r.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn mutated_programs_never_panic_the_front_end() {
    let dir = repo_root().join("vm/tests/conformance/run");
    let mut files = go_files(&dir);
    files.extend(go_files(&repo_root().join("workloads")));
    assert!(!files.is_empty());
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    let mut cases = 0;
    for f in &files {
        let src = std::fs::read(f).expect("read");
        let toks = tokens(&src);
        for _ in 0..25 {
            let m = mutate(&mut rng, &toks);
            cases += 1;
            if let Err(msg) = compiles_without_panic(&m) {
                failures.push(format!("{} (mutation): panic {msg}\n{}", f.display(), String::from_utf8_lossy(&m)));
                break;
            }
        }
    }
    for _ in 0..2000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        cases += 1;
        if let Err(msg) = compiles_without_panic(&bytes) {
            failures.push(format!("random bytes {bytes:?}: panic {msg}"));
        }
    }
    println!("{cases} cases, {} panics", failures.len());
    assert!(
        failures.is_empty(),
        "{} inputs panicked the front end:\n{}",
        failures.len(),
        failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n")
    );
}
