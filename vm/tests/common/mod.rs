//! Shared helpers for the integration tests: run a program in-process with captured
//! output, find real Go.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a program did: stdout, stderr text and exit status (1 = compile error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub status: i32,
    /// The JIT's statistics (empty under the interpreter).
    pub jit: vm::jit::JitStats,
    /// Functions in the program.
    pub funcs: usize,
}

impl Outcome {
    fn failed(stderr: String, status: i32) -> Outcome {
        Outcome { stdout: Vec::new(), stderr, status, jit: Default::default(), funcs: 0 }
    }
}

/// A writer whose clones share one buffer: give the VM one clone, read the other.
#[derive(Clone, Default)]
pub struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    /// What was written, as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("buffer lock").clone()).expect("UTF-8 output")
    }
}

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer lock").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Compile and run a source file under the interpreter, as `harness run` would. A Rust
/// panic anywhere is reported as exit status 101 (always a bug) rather than unwinding.
pub fn run_program(path: &Path) -> Outcome {
    run_program_with(path, vm::VmOptions::default())
}

/// `run_program` with explicit VM options (collector stress, heap limits).
pub fn run_program_with(path: &Path, options: vm::VmOptions) -> Outcome {
    let src = std::fs::read(path).expect("read source");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("prog.go");
    // A conformance program's standard input and command line, if it has them.
    let input = std::fs::read(path.with_extension("in")).unwrap_or_default();
    let mut options = options;
    options.args = command_line(path);
    run_source_with_input(name, src, options, input)
}

/// The command line a conformance program runs with, as bless.sh runs it: `./NAME`
/// then the words of `NAME.args`, if any.
pub fn command_line(path: &Path) -> Vec<String> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let words = std::fs::read_to_string(path.with_extension("args")).unwrap_or_default();
    std::iter::once(format!("./{stem}")).chain(words.split_whitespace().map(str::to_string)).collect()
}

/// `run_program_with` for source text, reported under file name `name`.
pub fn run_source_with(name: &str, src: impl Into<Vec<u8>>, options: vm::VmOptions) -> Outcome {
    run_source_with_input(name, src, options, Vec::new())
}

/// `run_source_with`, the program reading `input` as its standard input.
pub fn run_source_with_input(name: &str, src: impl Into<Vec<u8>>, options: vm::VmOptions, input: Vec<u8>) -> Outcome {
    let (name, src) = (name.to_string(), src.into());
    let (tx, rx) = std::sync::mpsc::channel();
    // A hung program (a miscompiled loop) must not hang the test: run it on its own
    // thread and give up on it after the time limit.
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(move || run_source_inner(&name, &src, options, input));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Outcome::failed(format!("rust panic: {msg}\n"), 101)
        }
        Err(_) => Outcome::failed("timed out after 60 s\n".into(), 124),
    }
}

fn run_source_inner(name: &str, src: &[u8], options: vm::VmOptions, input: Vec<u8>) -> Outcome {
    let program = match vm::compile_source(src, name) {
        Ok(p) => p,
        Err(e) => return Outcome::failed(format!("{e}\n"), 1),
    };
    let buf = SharedBuf::default();
    let err_buf = SharedBuf::default();
    let mut machine = match vm::Vm::new(Arc::new(program), options) {
        Ok(m) => m,
        Err(e) => return Outcome::failed(format!("verifier rejected compiler output: {e}\n"), 99),
    };
    let funcs = machine.program().funcs.len();
    machine.set_stdout(Box::new(buf.clone()));
    machine.set_stderr(Box::new(err_buf.clone()));
    machine.set_stdin(Box::new(std::io::Cursor::new(input)));
    let r = machine.run_main();
    let stdout = buf.0.lock().expect("buffer lock").clone();
    // What the program wrote to stderr, then the run's own message (a panic's).
    let mut stderr = String::from_utf8_lossy(&err_buf.0.lock().expect("buffer lock")).into_owned();
    let jit = machine.jit_stats();
    match r {
        Ok(()) => Outcome { stdout, stderr, status: 0, jit, funcs },
        Err(e) => {
            stderr.push_str(e.stderr_text());
            Outcome { stdout, stderr, status: e.exit_status(), jit, funcs }
        }
    }
}

/// The Go toolchain, if installed (Debian's golang-1.19 or one on PATH).
pub fn go_binary() -> Option<PathBuf> {
    let debian = PathBuf::from("/usr/lib/go-1.19/bin/go");
    if debian.exists() {
        return Some(debian);
    }
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("go")).find(|p| p.exists()))
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// Sorted `.go` files of a directory.
pub fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().map(|x| x == "go").unwrap_or(false))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Compare a program's outcome with its expected files: `.out` = stdout; then either
/// `.err` = the first stderr line of a run that ends with exit status 2 (a panic, whose
/// goroutine dump is not reproduced), or `.stderr` = all of stderr and `.status` = the
/// exit status (0 when absent). Returns a description of the difference.
pub fn check_expected(path: &Path, out: &Outcome) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let want_out = std::fs::read(path.with_extension("out")).unwrap_or_default();
    if out.stdout != want_out {
        return Err(format!(
            "{name}: stdout differs\n--- want\n{}--- got\n{}--- stderr\n{}",
            String::from_utf8_lossy(&want_out),
            String::from_utf8_lossy(&out.stdout),
            out.stderr
        ));
    }
    match std::fs::read_to_string(path.with_extension("err")).ok() {
        None => {
            let want_status: i32 = match std::fs::read_to_string(path.with_extension("status")) {
                Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("{name}: bad .status file {s:?}")),
                Err(_) => 0,
            };
            let want_err = std::fs::read_to_string(path.with_extension("stderr")).unwrap_or_default();
            if out.status != want_status || out.stderr != want_err {
                Err(format!(
                    "{name}: want exit {want_status} with stderr {want_err:?}, got exit {} with {:?}",
                    out.status, out.stderr
                ))
            } else {
                Ok(())
            }
        }
        Some(e) => {
            let first = out.stderr.lines().next().unwrap_or("");
            if out.status != 2 || first != e.trim_end_matches('\n') {
                Err(format!("{name}: want exit 2 with {:?}, got exit {} with {:?}", e.trim_end(), out.status, first))
            } else {
                Ok(())
            }
        }
    }
}

/// One workload of the manifest: name, file, and (n, checksum) for the quick size.
pub struct Workload {
    pub name: String,
    pub file: PathBuf,
    pub quick: (i64, i64),
}

pub fn workloads() -> Vec<Workload> {
    let root = repo_root().join("workloads");
    let text = std::fs::read_to_string(root.join("manifest.toml")).expect("manifest");
    let manifest: toml::Table = text.parse().expect("valid toml");
    let list = manifest["workload"].as_array().expect("[[workload]] tables");
    list.iter()
        .map(|w| {
            let quick = &w["sizes"]["quick"];
            Workload {
                name: w["name"].as_str().expect("name").to_string(),
                file: root.join(w["file"].as_str().expect("file")),
                quick: (quick["n"].as_integer().expect("n"), quick["checksum"].as_integer().expect("checksum")),
            }
        })
        .collect()
}

/// Load a workload and call `run(n)` once (after package initialisation).
pub fn call_run(w: &Workload, n: i64, options: vm::VmOptions) -> Result<i64, String> {
    let src = std::fs::read(&w.file).map_err(|e| e.to_string())?;
    let program = Arc::new(vm::compile_source(&src, &w.file.to_string_lossy()).map_err(|e| e.to_string())?);
    let run = program.func_by_name("main.run").ok_or("workload defines no run")?;
    let mut machine = vm::Vm::new(program.clone(), options)?;
    machine.set_stdout(Box::new(std::io::sink()));
    if let Some(init) = program.init {
        machine.call(init, &[]).map_err(|e| e.stderr_text().to_string())?;
    }
    let r = machine.call(run, &[n as u64]).map_err(|e| e.stderr_text().to_string())?;
    r.first().map(|v| *v as i64).ok_or_else(|| "run returned nothing".to_string())
}
