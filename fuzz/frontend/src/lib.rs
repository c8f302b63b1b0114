//! A coverage-guided fuzzer for jitlab's front end on stable Rust (cargo-fuzz and
//! libFuzzer need nightly; this is the equivalent that CI can run).
//!
//! The target: [`vm::compile_source`] (lexer, parser, type checker, code generator) on
//! arbitrary bytes and, when it produces a program, [`vm::Vm::new`] (the bytecode
//! verifier, string interning); the program never runs. A bug is any of:
//! - a Rust panic on any thread (the parser runs on a helper thread whose panic would
//!   otherwise turn into an "internal error" result): caught by a panic hook;
//! - a compile error without a 1-based position or message, or an "internal error";
//! - the verifier rejecting the code generator's output;
//! - one execution running longer than the time limit (a watchdog; a hang or blow-up);
//! - a stack overflow or any other abort of the process: a `SIGABRT` handler writes the
//!   input being executed to the crash directory first ([`abort`]).
//!
//! Feedback: edge coverage from LLVM SanitizerCoverage when the binary is built with
//! the flags in [`cov`] (`run.sh` does that), plus, always, features of the outcome (the
//! shape of the error message; opcode pairs of the compiled bytecode), which are all the
//! feedback an uninstrumented build has. An input that shows a feature not seen before
//! joins the corpus. Seeds: the conformance programs (run and reject) and the workloads.
//!
//! Everything random comes from one seeded generator and the corpus is processed in a
//! fixed order, so a run is deterministic for a seed apart from how many executions fit
//! in the time (`--runs N` fixes that too). One caveat with edge coverage: `vm` uses
//! std's `HashMap`s, whose hashing is seeded randomly per process, so some edge hit
//! counts differ between processes and two instrumented runs of one seed drift apart
//! after the seeds; without instrumentation runs are identical.

pub mod abort;
pub mod cov;
pub mod mutate;
pub mod rng;

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use rng::Rng;

/// The file name the target compiles under.
pub const FILE: &str = "fuzz.go";

/// Fuzzer settings (the command line's options).
#[derive(Clone, Debug)]
pub struct Options {
    /// Stop after this much time.
    pub seconds: f64,
    /// Stop after this many executions of mutated inputs (None: only the time bounds it).
    pub runs: Option<u64>,
    pub seed: u64,
    /// Extra seed directories (every regular file in them).
    pub corpus: Vec<PathBuf>,
    /// Where a crashing input is written.
    pub crashes: PathBuf,
    /// Mutated inputs are cut to this many bytes.
    pub max_len: usize,
    /// One execution running longer than this is a bug (a hang).
    pub timeout: Duration,
    /// An execution slower than this is not a bug, but its input is kept in the crash
    /// directory as `slow-HASH.go` (a blow-up worth a look).
    pub slow: Duration,
    /// Print progress lines to stderr.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seconds: 60.0,
            runs: None,
            seed: 1,
            corpus: Vec::new(),
            crashes: PathBuf::from("fuzz-crashes"),
            max_len: 256 << 10,
            timeout: Duration::from_secs(20),
            slow: Duration::from_secs(1),
            verbose: true,
        }
    }
}

/// What the target did with one input.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// A compile error (its message).
    Rejected(String),
    /// A program the verifier accepted; the opcode pairs of its code.
    Compiled(Vec<u32>),
}

/// A bug: the input and what went wrong.
#[derive(Clone, Debug)]
pub struct Crash {
    pub message: String,
    pub input: Vec<u8>,
    /// The input as written to the crash directory, and a minimized version.
    pub path: Option<PathBuf>,
    pub minimized: Option<PathBuf>,
}

/// The summary of a run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub execs: u64,
    pub elapsed: Duration,
    pub corpus: usize,
    /// Registered SanitizerCoverage guards (0: not instrumented).
    pub guards: usize,
    /// Distinct edges seen.
    pub edges: usize,
    /// Distinct features (edge/bucket pairs plus outcome features).
    pub features: usize,
    pub compiled: u64,
    pub rejected: u64,
    /// The slowest execution and its input size.
    pub slowest: (Duration, usize),
    pub crash: Option<Crash>,
}

/// The repository root (this crate lives in `fuzz/frontend`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The default seeds: conformance programs (run and reject) and workloads, sorted.
pub fn default_seed_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut v = Vec::new();
    for dir in ["vm/tests/conformance/run", "vm/tests/conformance/reject", "workloads"] {
        v.extend(files_in(&root.join(dir), Some("go")));
    }
    v
}

/// Sorted regular files of a directory (with the extension, if given).
pub fn files_in(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

// ---- one execution ----

static IN_EXEC: AtomicBool = AtomicBool::new(false);
static PANIC: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Record panics of any thread during an execution (and keep them off stderr); other
/// panics go to the previous hook.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_EXEC.load(Ordering::SeqCst) {
                let thread = std::thread::current().name().unwrap_or("<unnamed>").to_string();
                let mut slot = PANIC.lock().unwrap_or_else(|e| e.into_inner());
                if slot.is_none() {
                    *slot = Some(format!("thread '{thread}' {info}"));
                }
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

fn front_end(input: &[u8]) -> Result<Outcome, String> {
    match vm::compile_source(input, FILE) {
        Err(e) => {
            let m = &e.error.message;
            if e.error.pos.line == 0 || e.error.pos.col == 0 || m.is_empty() || m.contains("internal error") {
                return Err(format!("malformed compile error: {e}"));
            }
            Ok(Outcome::Rejected(e.error.message))
        }
        Ok(p) => {
            let mut pairs = Vec::new();
            for f in &p.funcs {
                let mut prev = 0u32;
                for ins in &f.code {
                    let op = ins.op as u32;
                    pairs.push(prev << 16 | op);
                    prev = op + 1;
                }
            }
            let options = vm::VmOptions {
                stack_slots: 1 << 12,
                goroutine_stack_slots: 1 << 10,
                nursery_bytes: 64 << 10,
                ..Default::default()
            };
            match vm::Vm::new(Arc::new(p), options) {
                Ok(_) => Ok(Outcome::Compiled(pairs)),
                Err(e) => Err(format!("verifier rejected compiler output: {e}")),
            }
        }
    }
}

/// Run the front end on one input. `Err` describes a bug.
pub fn execute(input: &[u8]) -> Result<Outcome, String> {
    install_hook();
    *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = None;
    IN_EXEC.store(true, Ordering::SeqCst);
    cov::begin();
    let r = std::panic::catch_unwind(AssertUnwindSafe(|| front_end(input)));
    cov::end();
    IN_EXEC.store(false, Ordering::SeqCst);
    let hooked = PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
    match (r, hooked) {
        (_, Some(msg)) => Err(format!("panic: {msg}")),
        (Err(e), None) => Err(format!("panic: {}", payload_text(&*e))),
        (Ok(r), None) => r,
    }
}

/// The first line of a bug description (a panic's location line), to tell bugs apart.
fn bug_key(msg: &str) -> String {
    msg.lines().next().unwrap_or("").to_string()
}

// ---- the watchdog ----

/// What the watchdog sees: when the current execution started (0: idle) and its input.
struct Watch {
    started_ns: AtomicU64,
    input: Mutex<Vec<u8>>,
}

fn watchdog(watch: Arc<Watch>, t0: Instant, timeout: Duration, crashes: PathBuf) {
    std::thread::Builder::new()
        .name("fuzz-watchdog".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_millis(200));
            let s = watch.started_ns.load(Ordering::SeqCst);
            if s == 0 {
                continue;
            }
            let running = t0.elapsed().saturating_sub(Duration::from_nanos(s));
            if running > timeout {
                let input = watch.input.lock().unwrap_or_else(|e| e.into_inner()).clone();
                let path = write_crash(&crashes, "timeout", &input);
                eprintln!(
                    "fuzz-frontend: one execution ran longer than {timeout:?}: {}",
                    path.map(|p| p.display().to_string()).unwrap_or_default()
                );
                std::process::exit(3);
            }
        })
        .expect("spawn watchdog");
}

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100_0000_01b3))
}

fn write_crash(dir: &Path, kind: &str, input: &[u8]) -> Option<PathBuf> {
    std::fs::create_dir_all(dir).ok()?;
    let path = dir.join(format!("{kind}-{:016x}.go", fnv(input)));
    std::fs::write(&path, input).ok()?;
    Some(path)
}

// ---- features ----

/// The "kind" of an error message: its first words, with what names things blurred
/// (quoted text, numbers, words with capitals, dots or fewer than three letters), so
/// that mutated identifiers do not count as new behaviour.
fn error_shape(msg: &str) -> u64 {
    let mut unquoted = String::new();
    let mut quoted = false;
    for c in msg.chars() {
        match c {
            '"' | '`' | '\'' => quoted = !quoted,
            _ if !quoted => unquoted.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = unquoted
        .split_whitespace()
        .take(4)
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if core.len() < 3 || core.chars().any(|c| !c.is_ascii_lowercase()) {
                "_"
            } else {
                w
            }
        })
        .collect();
    fnv(words.join(" ").as_bytes())
}

/// Features of an outcome, in their own space (top bit set) beside the edge features.
/// With edge coverage the error's kind adds nothing (its edges say it) but noise.
fn outcome_features(o: &Outcome, out: &mut Vec<u64>) {
    match o {
        Outcome::Rejected(_) if cov::guards() > 0 => {}
        Outcome::Rejected(m) => out.push(1 << 63 | error_shape(m) >> 2),
        Outcome::Compiled(pairs) => out.extend(pairs.iter().map(|p| 1 << 63 | 1 << 62 | *p as u64)),
    }
}

/// Corpus entries and everything seen so far.
pub struct Fuzzer {
    opts: Options,
    rng: Rng,
    corpus: Vec<Vec<u8>>,
    /// Per map index: the bucket bits seen.
    seen_edges: Vec<u8>,
    seen_other: HashSet<u64>,
    report: Report,
    watch: Arc<Watch>,
    t0: Instant,
    scratch: Vec<u64>,
}

impl Fuzzer {
    pub fn new(opts: Options) -> Fuzzer {
        let t0 = Instant::now();
        let watch = Arc::new(Watch { started_ns: AtomicU64::new(0), input: Mutex::new(Vec::new()) });
        watchdog(watch.clone(), t0, opts.timeout, opts.crashes.clone());
        abort::install(&opts.crashes);
        Fuzzer {
            rng: Rng::new(opts.seed),
            opts,
            corpus: Vec::new(),
            seen_edges: vec![0; cov::MAP_SIZE],
            seen_other: HashSet::new(),
            report: Report { guards: cov::guards(), ..Default::default() },
            watch,
            t0,
            scratch: Vec::new(),
        }
    }

    /// Execute one input; returns whether it showed something new (or the bug).
    fn run_one(&mut self, input: &[u8]) -> Result<bool, String> {
        *self.watch.input.lock().unwrap_or_else(|e| e.into_inner()) = input.to_vec();
        let start = Instant::now();
        self.watch.started_ns.store((start - self.t0).as_nanos() as u64 + 1, Ordering::SeqCst);
        abort::set_current(input);
        let r = execute(input);
        abort::clear_current();
        self.watch.started_ns.store(0, Ordering::SeqCst);
        let took = start.elapsed();
        self.report.execs += 1;
        if took > self.report.slowest.0 {
            self.report.slowest = (took, input.len());
        }
        if took > self.opts.slow {
            if let Some(p) = write_crash(&self.opts.crashes, "slow", input) {
                if self.opts.verbose {
                    eprintln!("fuzz-frontend: slow input ({took:?}): {}", p.display());
                }
            }
        }
        let outcome = r?;
        let mut new = false;
        let seen = &mut self.seen_edges;
        cov::drain(|i, bit| {
            if seen[i] & bit == 0 {
                if seen[i] == 0 {
                    self.report.edges += 1;
                }
                seen[i] |= bit;
                self.report.features += 1;
                new = true;
            }
        });
        match &outcome {
            Outcome::Rejected(_) => self.report.rejected += 1,
            Outcome::Compiled(_) => self.report.compiled += 1,
        }
        self.scratch.clear();
        outcome_features(&outcome, &mut self.scratch);
        for f in &self.scratch {
            if self.seen_other.insert(*f) {
                self.report.features += 1;
                new = true;
            }
        }
        Ok(new)
    }

    /// Shrink a crashing input (lines, then tokens, then bytes) while it still fails with
    /// the same first line; bounded in executions.
    fn minimize(&mut self, input: &[u8], key: &str) -> Vec<u8> {
        let mut best = input.to_vec();
        let mut budget = 4000;
        let fails = |this: &mut Self, cand: &[u8]| match execute(cand) {
            Err(m) => bug_key(&m) == key,
            Ok(_) => {
                cov::drain(|_, _| {});
                let _ = this;
                false
            }
        };
        for unit in 0..3 {
            let mut chunk = 64;
            while chunk >= 1 {
                let mut i = 0;
                loop {
                    let pieces: Vec<(usize, usize)> = match unit {
                        0 => {
                            let mut v = Vec::new();
                            let mut s = 0;
                            for (j, b) in best.iter().enumerate() {
                                if *b == b'\n' {
                                    v.push((s, j + 1));
                                    s = j + 1;
                                }
                            }
                            if s < best.len() {
                                v.push((s, best.len()));
                            }
                            v
                        }
                        1 => mutate::tokens(&best),
                        _ => (0..best.len()).map(|j| (j, j + 1)).collect(),
                    };
                    if i >= pieces.len() || budget == 0 {
                        break;
                    }
                    let end = (i + chunk).min(pieces.len());
                    let mut cand = best[..pieces[i].0].to_vec();
                    cand.extend_from_slice(&best[pieces[end - 1].1..]);
                    budget -= 1;
                    if fails(self, &cand) {
                        best = cand;
                    } else {
                        i += chunk;
                    }
                }
                chunk /= 4;
            }
        }
        best
    }

    fn crash(&mut self, input: &[u8], message: String) -> Crash {
        let path = write_crash(&self.opts.crashes, "crash", input);
        let key = bug_key(&message);
        let min = self.minimize(input, &key);
        let minimized = if min.len() < input.len() { write_crash(&self.opts.crashes, "crash-min", &min) } else { None };
        Crash { message, input: input.to_vec(), path, minimized }
    }

    fn progress(&self, what: &str) {
        if self.opts.verbose {
            let secs = self.t0.elapsed().as_secs_f64();
            eprintln!(
                "#{:<9} {what:<6} {:>7.1}s corpus {:>5} edges {:>6} features {:>7} exec/s {:>6.0} compiled {} rejected {}",
                self.report.execs,
                secs,
                self.corpus.len(),
                self.report.edges,
                self.report.features,
                self.report.execs as f64 / secs.max(1e-9),
                self.report.compiled,
                self.report.rejected,
            );
        }
    }

    /// Load the seeds, then mutate until the time or the run count is used up or a bug
    /// is found.
    pub fn run(mut self) -> Report {
        let mut seeds: Vec<PathBuf> = default_seed_files();
        for d in self.opts.corpus.clone() {
            seeds.extend(files_in(&d, None));
        }
        let deadline = self.t0 + Duration::from_secs_f64(self.opts.seconds);
        for path in seeds {
            let Ok(data) = std::fs::read(&path) else { continue };
            match self.run_one(&data) {
                Err(m) => return self.finish_with_crash(&data, m),
                Ok(_) => self.corpus.push(data),
            }
        }
        if self.corpus.is_empty() {
            self.corpus.push(b"package main\n\nfunc main() {\n}\n".to_vec());
        }
        self.progress("seeds");
        let mut last = Instant::now();
        let mut runs = 0u64;
        while Instant::now() < deadline && self.opts.runs.is_none_or(|r| runs < r) {
            runs += 1;
            let n = self.corpus.len();
            // Half the time one of the 64 newest entries (where the new coverage is).
            let pick = if self.rng.chance(2) { n - 1 - self.rng.below(n.min(64)) } else { self.rng.below(n) };
            let other = self.rng.below(n);
            let input = mutate::mutate(&mut self.rng, &self.corpus[pick], &self.corpus[other], self.opts.max_len);
            match self.run_one(&input) {
                Err(m) => return self.finish_with_crash(&input, m),
                Ok(true) => {
                    self.corpus.push(input);
                    if self.opts.verbose && self.report.execs.is_multiple_of(64) {
                        self.progress("new");
                    }
                }
                Ok(false) => {}
            }
            if last.elapsed() > Duration::from_secs(10) {
                last = Instant::now();
                self.progress("pulse");
            }
        }
        self.progress("done");
        self.report.corpus = self.corpus.len();
        self.report.elapsed = self.t0.elapsed();
        self.report
    }

    fn finish_with_crash(mut self, input: &[u8], message: String) -> Report {
        let c = self.crash(input, message);
        self.report.corpus = self.corpus.len();
        self.report.elapsed = self.t0.elapsed();
        self.report.crash = Some(c);
        self.report
    }
}
