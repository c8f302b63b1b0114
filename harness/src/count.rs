//! The counting pass (`--count-instructions`): after the timed cells, every VM cell runs
//! once more, in a process under Valgrind's Callgrind, and each call of `run(n)` is
//! counted in guest instructions. Counts do not move with machine load, so the gate
//! can hold them to 2% where it must give times 150% (see `gate.rs`).
//!
//! ```text
//!  count::run ──jobs in parallel──▶ valgrind --tool=callgrind --smc-check=all-non-file
//!                                     --instr-atstart=no --callgrind-out-file=D/callgrind.out
//!                                     harness cell ... --count-instructions
//!                                      │ load uninstrumented; start instrumenting;
//!                                      │ per call: zero the counts, run(n), dump them
//!                                      │ as "call K" (client requests, valgrind.rs)
//!                                      ▼
//!  parse_dump(D/callgrind.out.N) ──▶ (label, total, instructions inside
//!                                     vm::jit::measured_compile) ──▶ InstructionCounts
//! ```
//!
//! - **What is counted.** Only the calls of `run(n)`, in every thread (islands run on
//!   their own): the counts are zeroed right before a call and dumped right after it,
//!   so loading, bytecode compilation, `init` and the harness's own work between calls
//!   (JSON lines, clocks) fall outside every dump. Native compilation during a call is
//!   counted, and kept apart: its instructions are the inclusive cost of
//!   `vm::jit::measured_compile` (the one function every compile goes through) in the
//!   call's dump, subtracted from the call's total and recorded per call in `compile`.
//! - **Why Callgrind, not Cachegrind.** Valgrind 3.19 (Debian 12) gives client requests
//!   to zero and to dump the counts only to Callgrind (Cachegrind has such requests
//!   since 3.22). Callgrind runs with its cache and branch simulators off: they made a
//!   counting process 2.4 times slower (richards under template), and the simulated
//!   caches are not this machine's anyway.
//! - **Why `--smc-check=all-non-file`.** JIT code lives in anonymous mappings, and its
//!   pages are written again after Valgrind may have translated code on them (template
//!   installs a function on a page that already holds code; tiered frees code), so
//!   Valgrind must check such blocks for modification or it would run stale
//!   translations.
//! - **Why glibc is pinned.** glibc chooses `memcpy` and its kin by CPU; the counting
//!   process asks for the baseline versions everywhere ([`GLIBC_BASELINE`]), so counts
//!   recorded on one x86-64 machine hold on another with the same glibc.
//! - **Why in parallel.** A count does not depend on what else the machine does, so the
//!   pass runs `jobs` processes at once (default: one per core) after the timed cells,
//!   never beside them.
//! - **What still varies** (measured: the whole quick matrix counted twice, 222 cells):
//!   - Under interp, template, dynasm, cranelift-reload and tiered the counted calls of
//!     every single-threaded workload repeat to the instruction. Their scheduler,
//!     `select` and collector are deterministic (driven by counts and allocation), and
//!     the tables running code looks up use fixed hash seeds (`vm::jit::FixedHashMap`).
//!   - Under cranelift-regmap three of 36 workloads moved, by at most 0.003% (strmap:
//!     321 instructions in 11.88 M; before glibc was pinned, 0.1%). The difference is
//!     `memcpy` inside glibc's `realloc`: whether a growing buffer can grow in place
//!     depends on the malloc heap's history, which Cranelift's compilations, with hash
//!     tables seeded at random, leave different from run to run.
//!   - Warm-up calls, which compile, vary a little more (Cranelift up to 0.01%), and so
//!     does compilation itself (up to 0.3%). The gate compares counted calls only.
//!   - Workloads with islands run OS threads, which Valgrind schedules on its own; their
//!     counted calls moved by up to 0.07% (warm-up calls 0.3%). The gate gives
//!     `parallel` workloads a wider tolerance (`gate::PARALLEL_INSTRUCTION_TOLERANCE`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cell::{self, CellSpec};
use crate::error::HarnessError;
use crate::manifest::Workload;
use crate::results::InstructionCounts;
use crate::strategies::TierThresholds;
use crate::supervise::{self, Limits};

/// The Valgrind tool the pass uses.
pub const TOOL: &str = "callgrind";

/// `valgrind --version` (e.g. `valgrind-3.19.0`), or why counting is unavailable.
pub fn valgrind_version() -> Result<String, HarnessError> {
    let missing = |why: String| {
        HarnessError::unavailable(format!(
            "--count-instructions needs Valgrind ({why}); install it (Debian: apt-get install valgrind)"
        ))
    };
    let out = Command::new("valgrind").arg("--version").output().map_err(|e| missing(e.to_string()))?;
    if !out.status.success() {
        return Err(missing(format!("`valgrind --version` exited with {}", out.status)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// How the pass runs its processes.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Warm-up calls before the counted ones (the timed processes' number, so the JIT
    /// has made the same decisions when counting starts).
    pub warmup: usize,
    /// Counted calls after the warm-up.
    pub iterations: usize,
    /// Processes at once.
    pub jobs: usize,
    pub limits: Limits,
    pub tier_thresholds: Option<TierThresholds>,
}

/// One cell to count.
pub struct Job<'a> {
    pub workload: &'a Workload,
    pub spec: CellSpec,
}

/// Count every job, `settings.jobs` at a time; `done` is told each finished job (its
/// index and counts) as it finishes. Returns the counts in job order.
pub fn run(
    exe: &Path,
    jobs: &[Job],
    settings: &Settings,
    done: &(dyn Fn(usize, &InstructionCounts) + Sync),
) -> Vec<InstructionCounts> {
    let next = AtomicUsize::new(0);
    let counted: Mutex<Vec<Option<InstructionCounts>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..settings.jobs.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { break };
                let counts = count_cell(exe, job, settings);
                done(index, &counts);
                counted.lock().expect("counts lock")[index] = Some(counts);
            });
        }
    });
    counted.into_inner().expect("counts lock").into_iter().map(|c| c.expect("every job counted")).collect()
}

/// Count one cell in a process under Callgrind.
fn count_cell(exe: &Path, job: &Job, settings: &Settings) -> InstructionCounts {
    let spec = CellSpec { warmup: settings.warmup, iterations: settings.iterations, ..job.spec.clone() };
    let dir = scratch_dir(&spec);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return failed(format!("cannot create {}: {e}", dir.display()));
    }
    let mut command = Command::new("valgrind");
    command.env("GLIBC_TUNABLES", GLIBC_BASELINE);
    command.args(valgrind_arguments(&dir.join(OUT_FILE)));
    command.arg(exe).args(crate::matrix::cell_arguments(job.workload, &spec, settings.tier_thresholds));
    command.arg("--count-instructions");
    let counts = match supervise::run_child(&mut command, &settings.limits) {
        Err(e) => failed(e.message),
        Ok(outcome) => {
            let cell = cell::assemble(&spec, &outcome);
            let process_error = (!cell.correct).then(|| {
                let kind = cell.error_kind.map_or("error", |k| k.label());
                format!("{kind} under valgrind: {}", cell.error.as_deref().unwrap_or(""))
            });
            let mut counts = collect(&dir, spec.warmup, spec.iterations, process_error);
            let during_calls = cell.compile_events.iter().filter(|e| e.iteration.is_some() && e.error.is_none());
            counts.compiled_bytecode_instructions = during_calls.map(|e| e.bytecode_instructions).sum();
            counts
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    counts
}

/// The counting process's `GLIBC_TUNABLES`: glibc's string functions (`memcpy`,
/// `memset`, `memcmp`, `strlen`, ...) in their baseline SSE2 versions on every x86-64
/// machine. glibc picks among its versions by CPU (AVX2, ERMS, FSRM, SSSE3, vendor
/// preferences), and the versions execute different numbers of instructions for the
/// same copy: forcing the baseline moved counted calls by up to 1.8% on this machine
/// (json under cranelift-regmap +1.81%, strmap under template −1.74%). Unpinned, a
/// baseline counted on one CPU would not hold on another. The Cranelift strategies
/// already fix their instruction-set level for the same reason (code bytes).
pub const GLIBC_BASELINE: &str = "glibc.cpu.hwcaps=-AVX,-AVX2,-AVX_Fast_Unaligned_Load,-ERMS,-FSRM,-SSSE3,\
-SSE4_1,-SSE4_2,-BMI1,-BMI2,-LZCNT,-MOVBE,-POPCNT,-Fast_Unaligned_Copy,-Fast_Unaligned_Load,-Fast_Rep_String";

/// Callgrind's output file; its dumps are `OUT_FILE.1`, `OUT_FILE.2`, ...
const OUT_FILE: &str = "callgrind.out";

/// The Valgrind command line before the program (see the module doc for each choice).
pub fn valgrind_arguments(out_file: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> =
        ["-q", "--tool=callgrind", "--smc-check=all-non-file", "--instr-atstart=no"].map(OsString::from).to_vec();
    let mut out = OsString::from("--callgrind-out-file=");
    out.push(out_file);
    args.push(out);
    args
}

fn scratch_dir(spec: &CellSpec) -> PathBuf {
    std::env::temp_dir().join(format!("jitlab-count-{}-{}-{}", std::process::id(), spec.workload, spec.strategy))
}

fn failed(error: String) -> InstructionCounts {
    InstructionCounts { error: Some(error), ..Default::default() }
}

/// Read the dumps in `dir` into counts: call K's dump is labelled `call K`.
fn collect(dir: &Path, warmup: usize, iterations: usize, process_error: Option<String>) -> InstructionCounts {
    let mut by_label = std::collections::HashMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return failed(format!("cannot read {}: {e}", dir.display())),
    };
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        match parse_dump(&text, vm::jit::MEASURED_COMPILE_SYMBOL) {
            Ok(dump) => {
                if let Some(label) = dump.label.clone() {
                    by_label.insert(label, dump);
                }
            }
            Err(e) => return failed(format!("{}: {e}", entry.path().display())),
        }
    }
    let mut counts = InstructionCounts::default();
    for index in 0..warmup + iterations {
        let Some(dump) = by_label.get(&format!("call {index}")) else {
            counts.error =
                Some(process_error.unwrap_or_else(|| format!("no Callgrind dump for call {index} of run(n)")));
            return counts;
        };
        let run = dump.total.saturating_sub(dump.inside);
        if index < warmup {
            counts.warmup.push(run);
        } else {
            counts.iterations.push(run);
        }
        counts.compile.push(dump.inside);
    }
    counts.error = process_error;
    counts
}

/// What one Callgrind dump says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    /// The client request's label (`desc: Trigger: Client Request: LABEL`), None for
    /// other triggers (program termination).
    pub label: Option<String>,
    /// Instructions (`Ir`) of the whole dump.
    pub total: u64,
    /// Instructions executed inside the given function, its callees included.
    pub inside: u64,
}

/// Parse one dump of Callgrind's output format (callgrind 3.x: `events:` with `Ir`,
/// `positions:`, names compressed as `(id) name` on first use and `(id)` after) and
/// add up the inclusive cost of `function`: its own cost lines and the cost lines of
/// its calls (a cost line after `calls=` is the call's inclusive cost).
pub fn parse_dump(text: &str, function: &str) -> Result<Dump, String> {
    let mut names: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let (mut label, mut total, mut inside) = (None, None, 0u64);
    let mut positions = 1;
    let mut ir_column = None;
    let mut in_function = false;
    for line in text.lines() {
        let first = line.as_bytes().first().copied().unwrap_or(b' ');
        if first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'*' {
            if in_function {
                let column = ir_column.ok_or("a cost line before the events: line")?;
                inside += line
                    .split_whitespace()
                    .nth(positions + column)
                    .map_or(Ok(0), str::parse::<u64>)
                    .map_err(|e| format!("bad cost line {line:?}: {e}"))?;
            }
        } else if let Some(rest) = line.strip_prefix("fn=") {
            in_function = resolve(&mut names, rest) == Some(function);
        } else if let Some(rest) = line.strip_prefix("cfn=") {
            resolve(&mut names, rest);
        } else if let Some(rest) = line.strip_prefix("desc: Trigger: ") {
            label = rest.strip_prefix("Client Request: ").map(str::to_string);
        } else if let Some(rest) = line.strip_prefix("positions:") {
            positions = rest.split_whitespace().count();
        } else if let Some(rest) = line.strip_prefix("events:") {
            ir_column = Some(rest.split_whitespace().position(|e| e == "Ir").ok_or("no Ir event in the dump")?);
        } else if let Some(rest) = line.strip_prefix("totals:").or_else(|| line.strip_prefix("summary:")) {
            let column = ir_column.ok_or("totals before the events: line")?;
            let value = rest.split_whitespace().nth(column).map_or(Ok(0), str::parse::<u64>);
            total = Some(value.map_err(|e| format!("bad totals line {line:?}: {e}"))?);
        }
    }
    let total = total.ok_or("no totals: or summary: line (not a Callgrind dump?)")?;
    Ok(Dump { label, total, inside })
}

/// A function name in a compressed (`(id) name` or `(id)`) or plain spelling; records
/// a definition.
fn resolve<'a>(names: &mut std::collections::HashMap<&'a str, &'a str>, spelling: &'a str) -> Option<&'a str> {
    let Some(rest) = spelling.strip_prefix('(') else { return Some(spelling) };
    let (id, name) = rest.split_once(')')?;
    let name = name.trim_start();
    if name.is_empty() {
        names.get(id).copied()
    } else {
        names.insert(id, name);
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dump in the shape Callgrind 3.19 writes (abridged from a real one).
    const DUMP: &str = "\
# callgrind format
version: 1
creator: callgrind-3.19.0
part: 2

desc: Timerange: Basic block 4630792 - 9001024
desc: Trigger: Client Request: call 1

positions: line
events: Ir
summary: 20688532


ob=(2) ???
fl=(52) ???
fn=(5226) 0x000000000cf2b035
0 1368
cfn=(4980) vm::jit::measured_compile
calls=1 0
0 31300
fl=(7) src/jit/mod.rs
fn=(4980)
688 13
+6 1
cfn=(2472) <std::time::Instant>::now
calls=1 74
* 28
* 3
cfn=(4982) <template::Template as vm::jit::Strategy>::compile
calls=1 53
* 31236
fn=(4982)
53 31236
fn=(5227) vm::interp::Vm::run
0 20600000

totals: 20688532
";

    #[test]
    fn a_dump_gives_its_label_total_and_the_inclusive_cost_of_a_function() {
        let dump = parse_dump(DUMP, "vm::jit::measured_compile").unwrap();
        assert_eq!(dump, Dump { label: Some("call 1".into()), total: 20688532, inside: 13 + 1 + 28 + 3 + 31236 });
        // A function that was never called costs nothing; a callee's own block is its own.
        assert_eq!(parse_dump(DUMP, "main.absent").unwrap().inside, 0);
        assert_eq!(parse_dump(DUMP, "<template::Template as vm::jit::Strategy>::compile").unwrap().inside, 31236);
    }

    #[test]
    fn plain_names_and_a_termination_dump() {
        let text = "events: Ir\npositions: instr line\nfn=f\n0x10 5 2\ncfn=g\ncalls=2 0x20 3\n0x11 7 40\n\
                    desc: Trigger: Program termination\ntotals: 47\n";
        let dump = parse_dump(text, "f").unwrap();
        assert_eq!(dump, Dump { label: None, total: 47, inside: 2 + 40 });
    }

    #[test]
    fn malformed_dumps_are_errors() {
        assert!(parse_dump("just text\n", "f").unwrap_err().contains("no totals"));
        assert!(parse_dump("events: Dr\n", "f").unwrap_err().contains("no Ir"));
        assert!(parse_dump("events: Ir\nfn=f\n0 x\ntotals: 1\n", "f").unwrap_err().contains("bad cost line"));
    }

    #[test]
    fn counts_are_read_per_call_with_compilation_apart() {
        let dir = std::env::temp_dir().join(format!("jitlab-count-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dump = |label: &str, total: u64, compile: u64| {
            format!(
                "events: Ir\ndesc: Trigger: Client Request: {label}\nfn=(1) {}\n0 {compile}\ntotals: {total}\n",
                vm::jit::MEASURED_COMPILE_SYMBOL
            )
        };
        std::fs::write(dir.join("callgrind.out.1"), dump("call 0", 1000, 300)).unwrap();
        std::fs::write(dir.join("callgrind.out.2"), dump("call 1", 500, 0)).unwrap();
        std::fs::write(dir.join("callgrind.out.3"), dump("call 2", 510, 0)).unwrap();
        std::fs::write(dir.join("callgrind.out"), "events: Ir\ndesc: Trigger: Program termination\ntotals: 0\n")
            .unwrap();
        let counts = collect(&dir, 1, 2, None);
        assert_eq!(
            counts,
            InstructionCounts {
                warmup: vec![700],
                iterations: vec![500, 510],
                compile: vec![300, 0, 0],
                compiled_bytecode_instructions: 0,
                error: None
            }
        );
        // A process that died after call 1: what was counted, and why the rest is not.
        std::fs::remove_file(dir.join("callgrind.out.3")).unwrap();
        let counts = collect(&dir, 1, 2, Some("crash under valgrind: SIGSEGV".into()));
        assert_eq!(
            (counts.iterations.clone(), counts.error.as_deref()),
            (vec![500], Some("crash under valgrind: SIGSEGV"))
        );
        assert_eq!(collect(&dir, 1, 2, None).error.as_deref(), Some("no Callgrind dump for call 2 of run(n)"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
