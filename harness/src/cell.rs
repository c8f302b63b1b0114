//! The per-cell protocol (as the Are-We-Fast-Yet harness does it), both sides of it.
//!
//! ```text
//!  harness (parent)                                harness cell ... (child process)
//!  ─────────────────                               ─────────────────────────────────
//!  supervise::run_child ──spawn, limits──────────▶ load: read, compile, verify, VM (+ JIT)
//!                                                  call init once
//!                        ◀── {"kind":"loaded",...}
//!                                                  for k in 0..warmup+iterations:
//!                                                      t = now; c = run(n); t = now - t
//!                        ◀── {"kind":"iteration","index":k,"warmup":..,"ns":t,"checksum":c}
//!                                                      stop at a panic or a wrong checksum
//!                        ◀── {"kind":"error",...}      (if any)
//!                                                  --count-coverage (a JIT, first process
//!                                                  of the cell): the counting replay, the
//!                                                  same calls in a fresh VM whose code
//!                                                  counts its instructions (not timed)
//!                        ◀── {"kind":"done",...}       compile events (each with the
//!                                                      iteration it happened in),
//!                                                      coverage, GC
//!  assemble: lines + exit status + peak RSS ──▶ results::Cell (statistics filled in)
//! ```
//!
//! Timed calls run uninstrumented code, so JIT coverage comes from the counting replay
//! (see "Coverage" in `vm::jit`): execution is deterministic, so the replay executes
//! exactly what the timed calls did, and its counts are theirs. Only the cell's first
//! process replays (`merge_invocations` takes the deterministic numbers from it); the
//! replay checks every checksum too, so counting code is verified like timed code.
//!
//! The child streams one JSON line per event rather than one record at the end, so a cell
//! that crashes or hangs half-way still has its first iterations (and its warm-up
//! curve) in the results. The parent trusts nothing it did not check: it verifies every
//! checksum against the manifest itself and classifies the exit (signal, time-out,
//! memory limit, status) from what `wait4` says. `--anchor go` binaries print the same
//! lines, so Go cells are assembled by the same code.
//!
//! Test hook: `JITLAB_CELL_FAULT=KIND[@WORKLOAD/STRATEGY]` makes the child misbehave
//! right after its first iteration: `abort` (SIGABRT), `hang` (sleeps forever),
//! `memory` (touches memory until the limit kills it), `exit` (exits 3 without a
//! result). Without `@...` every cell is affected. It exists for the crash-isolation
//! tests and is harmless when unset. `JITLAB_CELL_SPIN` (see [`SPIN_ENV`]) adds a fixed
//! amount of work to every call, a regression of known size for the gate's tests.
//!
//! The counting pass (`count.rs`) runs the same child under Callgrind with
//! `--count-instructions`: the child then zeroes Callgrind's counts before each call of
//! `run(n)` and has it dump them after the call (client requests, `valgrind.rs`); the
//! parent reads the dump files.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::results::{Cell, CompileEvent, ErrorKind, GcSummary, HotFunction, SteadyState, HOT_FUNCTIONS};
use crate::stats;
use crate::strategies::{Engine, TierThresholds};
use crate::supervise::{ChildExit, ChildOutcome};

/// The environment variable of the fault-injection test hook.
pub const FAULT_ENV: &str = "JITLAB_CELL_FAULT";

/// One line of the child's stdout.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChildLine {
    Loaded {
        load_ns: u64,
        bytecode_instructions: u64,
    },
    Iteration {
        index: usize,
        warmup: bool,
        /// Wall time of the call.
        ns: u64,
        checksum: i64,
        /// CPU time of the process during the call (absent from the Go anchor).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cpu_ns: Option<u64>,
        /// CPU time of a short calibration sample taken right after the call.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        calibration_cpu_ns: Option<u64>,
    },
    Error {
        error_kind: ErrorKind,
        detail: String,
    },
    Done {
        #[serde(default)]
        compile_events: Vec<CompileEvent>,
        #[serde(default)]
        instructions_executed: u64,
        #[serde(default)]
        native_instructions: u64,
        /// Whether the two counts come from a counting replay (or are exact without one:
        /// interp); false in a JIT cell's later processes, whose code counts nothing.
        #[serde(default = "counted_by_default")]
        coverage_counted: bool,
        /// The replay's hottest functions (empty without a replay).
        #[serde(default)]
        hot_functions: Vec<HotFunction>,
        #[serde(default)]
        gc: GcSummary,
    },
}

/// Lines written before the counting replay existed counted in the timed code.
fn counted_by_default() -> bool {
    true
}

/// What the child is asked to do (the arguments of `harness cell`).
#[derive(Clone, Debug, clap::Args)]
pub struct CellArgs {
    /// The workload's Go-subset source.
    #[arg(long)]
    pub file: String,
    /// Workload name (for messages and the fault hook).
    #[arg(long)]
    pub workload: String,
    #[arg(long)]
    pub strategy: String,
    /// The argument of `run(n)`.
    #[arg(long, allow_negative_numbers = true)]
    pub n: i64,
    /// The checksum `run(n)` must return.
    #[arg(long, allow_negative_numbers = true)]
    pub checksum: i64,
    #[arg(long)]
    pub warmup: usize,
    #[arg(long)]
    pub iterations: usize,
    /// JIT hotness thresholds (see the matrix's option); the vm's defaults without it.
    #[arg(long, value_name = "C1:L1,C2:L2")]
    pub tier_thresholds: Option<TierThresholds>,
    /// After the timed calls, measure JIT coverage with the counting replay.
    #[arg(long)]
    pub count_coverage: bool,
    /// The counting pass's process (see `count.rs`): it runs under Callgrind; zero the
    /// counts before each call of `run(n)` and dump them after it, labelled `call K`.
    /// No calibration samples.
    #[arg(long)]
    pub count_instructions: bool,
    /// The timed VM writes /tmp/perf-<pid>.map (`--perf-map` of the matrix).
    #[arg(long)]
    pub perf_map: bool,
}

fn emit(line: &ChildLine) {
    let mut out = std::io::stdout().lock();
    // A closed pipe means the parent is gone; nothing useful is left to do but finish.
    let _ = writeln!(out, "{}", serde_json::to_string(line).expect("child lines serialize"));
    let _ = out.flush();
}

fn fail(kind: ErrorKind, detail: impl Into<String>) {
    emit(&ChildLine::Error { error_kind: kind, detail: detail.into() });
}

/// The child side: run one cell and print its lines. Always exits 0 when it got as far
/// as printing `done`; the parent reads the outcome from the lines.
pub fn run_child(args: &CellArgs) -> std::process::ExitCode {
    let start = Instant::now();
    let fault = Fault::from_env(&args.workload, &args.strategy);
    let loaded = if args.count_instructions && crate::valgrind::running_on_valgrind() == 0 {
        Err((ErrorKind::Harness, "--count-instructions: this process does not run under Valgrind".to_string()))
    } else {
        load(args)
    };
    let done = match loaded {
        Err((kind, detail)) => {
            fail(kind, detail);
            ChildLine::Done {
                compile_events: Vec::new(),
                instructions_executed: 0,
                native_instructions: 0,
                coverage_counted: false,
                hot_functions: Vec::new(),
                gc: GcSummary::default(),
            }
        }
        Ok((program, run, mut engine)) => {
            emit(&ChildLine::Loaded {
                load_ns: start.elapsed().as_nanos() as u64,
                bytecode_instructions: program.funcs.iter().map(|f| f.code.len() as u64).sum(),
            });
            let init_ok = match program.init {
                Some(init) => engine.call(init, &[]).map_err(|e| fail(ErrorKind::Panic, e.stderr_text())).is_ok(),
                None => true,
            };
            let before_calls = engine.compile_event_count();
            let mut call_ends = Vec::new();
            let completed = init_ok && iterate(args, &mut engine, run, fault, &mut call_ends);
            let is_jit = args.strategy != crate::strategies::INTERP;
            let mut counts = (engine.instructions_executed(), engine.native_instructions(), !is_jit);
            let mut hot_functions = Vec::new();
            if completed && is_jit && args.count_coverage {
                match count_replay(args, &program, run) {
                    Ok((executed, native, hot)) => {
                        counts = (executed, native, true);
                        hot_functions = hot;
                    }
                    Err((kind, detail)) => fail(kind, detail),
                }
            }
            ChildLine::Done {
                compile_events: attribute_iterations(engine.compile_events(), before_calls, &call_ends),
                instructions_executed: counts.0,
                native_instructions: counts.1,
                coverage_counted: counts.2,
                hot_functions,
                gc: engine.gc_stats(),
            }
        }
    };
    emit(&done);
    std::process::ExitCode::SUCCESS
}

type Loaded = (Arc<vm::bytecode::Program>, vm::bytecode::FuncId, Engine);

fn load(args: &CellArgs) -> Result<Loaded, (ErrorKind, String)> {
    let source =
        std::fs::read(&args.file).map_err(|e| (ErrorKind::Harness, format!("cannot read {}: {e}", args.file)))?;
    let program = Arc::new(vm::compile_source(&source, &args.file).map_err(|e| (ErrorKind::Compile, e.to_string()))?);
    let run = program
        .func_by_name("main.run")
        .ok_or_else(|| (ErrorKind::Harness, format!("{} defines no func run(n int) int", args.file)))?;
    let engine = engine(args, &program, false)?;
    Ok((program, run, engine))
}

/// A VM for the cell's program and strategy (its stdout discarded); `count_native`
/// compiles counting code (the replay).
fn engine(
    args: &CellArgs,
    program: &Arc<vm::bytecode::Program>,
    count_native: bool,
) -> Result<Engine, (ErrorKind, String)> {
    let mut options = vm::VmOptions::default();
    if let Some(t) = args.tier_thresholds {
        t.apply(&mut options.jit);
    }
    options.jit.count_native = count_native;
    // The timed VM's code is the code perf samples; the replay's counts instructions.
    options.jit.perf_map = args.perf_map && !count_native;
    let mut engine = Engine::new(&args.strategy, program.clone(), options).map_err(|e| (ErrorKind::Harness, e))?;
    engine.set_stdout(Box::new(std::io::sink()));
    Ok(engine)
}

/// The counting replay: init and the same calls of `run(n)` as the timed part, in a
/// fresh VM whose code counts the instructions it executes; its (executed, native)
/// counts and its hottest functions. Not timed; every checksum is checked.
fn count_replay(
    args: &CellArgs,
    program: &Arc<vm::bytecode::Program>,
    run: vm::bytecode::FuncId,
) -> Result<(u64, u64, Vec<HotFunction>), (ErrorKind, String)> {
    let mut engine = engine(args, program, true)?;
    let replay = |e: &str| format!("counting replay: {e}");
    if let Some(init) = program.init {
        engine.call(init, &[]).map_err(|e| (ErrorKind::Panic, replay(e.stderr_text())))?;
    }
    for index in 0..args.warmup + args.iterations {
        let values = engine.call(run, &[args.n as u64]).map_err(|e| (ErrorKind::Panic, replay(e.stderr_text())))?;
        let checksum = values.first().map(|v| *v as i64);
        if checksum != Some(args.checksum) {
            let got = checksum.map_or("no value".into(), |c| c.to_string());
            return Err((
                ErrorKind::WrongChecksum,
                replay(&format!("checksum {got} (want {}) at call {index}", args.checksum)),
            ));
        }
    }
    let hot = engine.native_profile().into_iter().take(HOT_FUNCTIONS);
    let hot = hot.map(|(name, native_instructions)| HotFunction { name, native_instructions }).collect();
    Ok((engine.instructions_executed(), engine.native_instructions(), hot))
}

/// The calls of `run(n)`; `call_ends` gets the number of compile events after each.
/// Whether every call returned the right checksum.
fn iterate(
    args: &CellArgs,
    engine: &mut Engine,
    run: vm::bytecode::FuncId,
    fault: Option<Fault>,
    call_ends: &mut Vec<usize>,
) -> bool {
    let mut calibrator = crate::calibrate::Calibrator::default();
    let spin = Spin::from_env(&args.workload, &args.strategy);
    if args.count_instructions {
        crate::valgrind::start_instrumentation();
    }
    for index in 0..args.warmup + args.iterations {
        let cpu_start = crate::sys::cpu_time_ns(true);
        let start = Instant::now();
        if args.count_instructions {
            crate::valgrind::zero_stats();
        }
        let result = engine.call(run, &[args.n as u64]);
        if let Some(s) = spin {
            s.run();
        }
        if args.count_instructions {
            let label = std::ffi::CString::new(format!("call {index}")).expect("no NUL in a label");
            crate::valgrind::dump_stats_at(&label);
        }
        let ns = start.elapsed().as_nanos() as u64;
        let cpu_ns = Some(crate::sys::cpu_time_ns(true).saturating_sub(cpu_start));
        call_ends.push(engine.compile_event_count());
        let checksum = match result {
            Err(e) => {
                fail(ErrorKind::Panic, e.stderr_text());
                return false;
            }
            Ok(values) => match values.first() {
                Some(v) => *v as i64,
                None => {
                    fail(ErrorKind::Harness, "run returned no value");
                    return false;
                }
            },
        };
        // Under Valgrind the sample would take long and measure nothing.
        let calibration_cpu_ns = (!args.count_instructions).then(|| calibrator.sample(crate::calibrate::CELL_STEPS).1);
        emit(&ChildLine::Iteration { index, warmup: index < args.warmup, ns, checksum, cpu_ns, calibration_cpu_ns });
        if checksum != args.checksum {
            fail(ErrorKind::WrongChecksum, wrong_checksum_text(checksum, args.checksum, index));
            return false;
        }
        if let Some(f) = fault {
            f.strike();
        }
    }
    true
}

/// Set each compile event's `iteration`: the first `before_calls` events happened during
/// load or init (None); `call_ends[k]` is how many events there were when call k of
/// `run(n)` returned, so the events from `call_ends[k - 1]` on happened during call k.
fn attribute_iterations(mut events: Vec<CompileEvent>, before_calls: usize, call_ends: &[usize]) -> Vec<CompileEvent> {
    for (i, event) in events.iter_mut().enumerate() {
        event.iteration = (i >= before_calls).then(|| call_ends.partition_point(|&end| end <= i) as u64);
    }
    events
}

fn wrong_checksum_text(got: i64, want: i64, index: usize) -> String {
    format!("wrong checksum {got} (want {want}) at iteration {index}")
}

/// The fault-injection hook (see the module doc).
#[derive(Clone, Copy, Debug)]
enum Fault {
    Abort,
    Hang,
    Memory,
    Exit,
}

impl Fault {
    fn from_env(workload: &str, strategy: &str) -> Option<Fault> {
        match hook_value(FAULT_ENV, workload, strategy)?.as_str() {
            "abort" => Some(Fault::Abort),
            "hang" => Some(Fault::Hang),
            "memory" => Some(Fault::Memory),
            "exit" => Some(Fault::Exit),
            _ => None,
        }
    }

    fn strike(self) {
        match self {
            Fault::Abort => std::process::abort(),
            Fault::Hang => loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            },
            Fault::Memory => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(vec![1u8; 16 << 20]);
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
            Fault::Exit => std::process::exit(3),
        }
    }
}

/// A test hook's `VALUE[@WORKLOAD/STRATEGY]` from environment variable `var`: the value,
/// when it is set and aimed at every cell or at this one.
fn hook_value(var: &str, workload: &str, strategy: &str) -> Option<String> {
    let value = std::env::var(var).ok()?;
    match value.split_once('@') {
        Some((v, target)) => (target == format!("{workload}/{strategy}")).then(|| v.to_string()),
        None => Some(value),
    }
}

/// The extra-work test hook: `JITLAB_CELL_SPIN=INSTRUCTIONS[@WORKLOAD/STRATEGY]` makes
/// every call of `run(n)` (timed and counted) also execute a loop of about that many
/// instructions, a regression of known size for the gate's tests. Unset, it is nothing.
pub const SPIN_ENV: &str = "JITLAB_CELL_SPIN";

#[derive(Clone, Copy, Debug)]
struct Spin {
    instructions: u64,
}

impl Spin {
    fn from_env(workload: &str, strategy: &str) -> Option<Spin> {
        hook_value(SPIN_ENV, workload, strategy)?.parse().ok().map(|instructions| Spin { instructions })
    }

    /// Two instructions per round (`dec`, `jnz`), so the count is exact up to the
    /// few around the loop, whatever the compiler does with the code around it.
    fn run(self) {
        let rounds = (self.instructions / 2).max(1);
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a register-only countdown loop; touches no memory and no stack.
        unsafe {
            std::arch::asm!("2:", "dec {r}", "jnz 2b", r = inout(reg) rounds => _, options(nomem, nostack));
        }
        #[cfg(not(target_arch = "x86_64"))]
        for i in 0..rounds {
            std::hint::black_box(i);
        }
    }
}

/// What a cell is: identity and expectations, independent of how it ran.
#[derive(Clone, Debug)]
pub struct CellSpec {
    pub workload: String,
    pub strategy: String,
    pub size: String,
    pub n: i64,
    pub tags: Vec<String>,
    pub expected_checksum: i64,
    pub warmup: usize,
    pub iterations: usize,
}

/// The parent side: build a results cell from a child's lines and its exit, checking
/// every checksum and classifying the failure, then fill in the statistics.
pub fn assemble(spec: &CellSpec, outcome: &ChildOutcome) -> Cell {
    let mut cell = Cell {
        workload: spec.workload.clone(),
        strategy: spec.strategy.clone(),
        size: spec.size.clone(),
        n: spec.n,
        tags: spec.tags.clone(),
        expected_checksum: spec.expected_checksum,
        peak_rss_bytes: outcome.peak_rss_bytes,
        wall_ns: outcome.wall_ns,
        ..Default::default()
    };
    let mut error: Option<(ErrorKind, String)> = None;
    let mut done = false;
    for text in &outcome.stdout_lines {
        let line = match serde_json::from_str::<ChildLine>(text) {
            Ok(line) => line,
            // Stray output (a Go anchor program printing from init, say) is not ours.
            Err(_) => continue,
        };
        match line {
            ChildLine::Loaded { load_ns, bytecode_instructions } => {
                cell.load_ns = load_ns;
                cell.bytecode_instructions = bytecode_instructions;
            }
            ChildLine::Iteration { index, warmup, ns, checksum, cpu_ns, calibration_cpu_ns } => {
                if !warmup {
                    cell.calibration_cpu_ns.extend(calibration_cpu_ns);
                }
                let (wall, cpu) = if warmup {
                    (&mut cell.warmup_ns, &mut cell.warmup_cpu_ns)
                } else {
                    (&mut cell.iterations_ns, &mut cell.iterations_cpu_ns)
                };
                wall.push(ns);
                cpu.extend(cpu_ns);
                if checksum != spec.expected_checksum && error.is_none() {
                    error =
                        Some((ErrorKind::WrongChecksum, wrong_checksum_text(checksum, spec.expected_checksum, index)));
                }
            }
            ChildLine::Error { error_kind, detail } => {
                error.get_or_insert((error_kind, detail.trim_end().to_string()));
            }
            ChildLine::Done {
                compile_events,
                instructions_executed,
                native_instructions,
                coverage_counted,
                hot_functions,
                gc,
            } => {
                cell.compile_ns = compile_events.iter().map(|e| e.ns).sum();
                cell.code_bytes = compile_events.iter().map(|e| e.bytes).sum();
                cell.functions_compiled = compile_events.iter().filter(|e| e.error.is_none()).count() as u64;
                cell.compile_failures = compile_events.iter().filter(|e| e.error.is_some()).count() as u64;
                cell.compile_events = compile_events;
                // A process that did not replay has no native count (its timed code
                // counted nothing): it reports no coverage; the cell takes the first
                // process's, which replayed.
                let (instructions_executed, native_instructions) =
                    if coverage_counted { (instructions_executed, native_instructions) } else { (0, 0) };
                cell.instructions_executed = instructions_executed;
                cell.native_instructions = native_instructions;
                if coverage_counted {
                    cell.hot_functions = hot_functions;
                }
                cell.jit_coverage = if instructions_executed > 0 {
                    native_instructions as f64 / instructions_executed as f64
                } else {
                    0.0
                };
                cell.gc = gc;
                cell.gc_collections = gc.minor_collections + gc.major_collections;
                done = true;
            }
        }
    }
    let stderr = outcome.stderr_tail.trim_end();
    let with_stderr = |text: String| if stderr.is_empty() { text } else { format!("{text}; stderr: {stderr}") };
    // The way the process ended overrides what the lines say: a killed child's last
    // line is not its last word.
    match outcome.exit {
        ChildExit::TimedOut { limit_s } => {
            error = Some((
                ErrorKind::Timeout,
                format!(
                    "time-out: no result after {limit_s:.0} s, killed ({} iterations done)",
                    cell_iterations(&cell)
                ),
            ));
        }
        ChildExit::MemoryExceeded { limit_bytes } => {
            error = Some((
                ErrorKind::Memory,
                format!(
                    "memory limit: peak RSS over {} MiB, killed ({} iterations done)",
                    limit_bytes >> 20,
                    cell_iterations(&cell)
                ),
            ));
        }
        ChildExit::Signaled(signal) => {
            error = Some((ErrorKind::Crash, with_stderr(format!("crashed: {}", signal_name(signal)))));
        }
        ChildExit::Exited(0) if !done && error.is_none() => {
            error = Some((ErrorKind::Harness, with_stderr("the cell process exited without a result".into())));
        }
        ChildExit::Exited(0) => {}
        // Go's exit status for an unrecovered panic or a fatal error (the Go anchor).
        ChildExit::Exited(2) if error.is_none() => {
            error = Some((ErrorKind::Panic, if stderr.is_empty() { "exit status 2".into() } else { stderr.into() }));
        }
        ChildExit::Exited(101) => {
            error = Some((ErrorKind::Crash, with_stderr("Rust panic in the VM (exit status 101)".into())));
        }
        ChildExit::Exited(status) => {
            error.get_or_insert((
                ErrorKind::Harness,
                with_stderr(format!("the cell process exited with status {status}")),
            ));
        }
    }
    let complete = cell.warmup_ns.len() == spec.warmup && cell.iterations_ns.len() == spec.iterations;
    if error.is_none() && !complete {
        error = Some((ErrorKind::Harness, format!("only {} of the iterations ran", cell_iterations(&cell))));
    }
    cell.correct = error.is_none();
    if let Some((kind, detail)) = error {
        cell.error_kind = Some(kind);
        cell.error = Some(detail);
    }
    fill_statistics(&mut cell);
    cell
}

fn cell_iterations(cell: &Cell) -> usize {
    cell.warmup_ns.len() + cell.iterations_ns.len()
}

/// Median, mean, interval and steady-state flag from the measured iterations.
pub fn fill_statistics(cell: &mut Cell) {
    let samples = cell.samples();
    let seed = stats::Rng::seed_from(&format!("{}/{}/{}", cell.workload, cell.strategy, cell.size));
    cell.median_ns = stats::median(&samples);
    cell.mean_ns = stats::mean(&samples);
    cell.ci95_ns = stats::median_ci(&samples, seed);
    // Each process separately (a level shift between processes is not a trend); the
    // cell is steady when every process is, and reports its least steady one.
    let trends: Vec<stats::Trend> = cell
        .invocations()
        .iter()
        .filter_map(|(_, measured)| stats::trailing_trend(&measured.iter().map(|&t| t as f64).collect::<Vec<_>>()))
        .collect();
    let worst = trends
        .iter()
        .copied()
        .max_by(|a, b| (!a.steady(), a.drift.abs()).partial_cmp(&(!b.steady(), b.drift.abs())).expect("finite drifts"));
    cell.steady_state = SteadyState {
        steady: trends.iter().all(|t| t.steady()),
        drift: worst.map(|t| t.drift),
        trend_z: worst.map(|t| t.z),
    };
}

/// Combine the invocations of one cell (same spec, separate processes): measured and
/// warm-up iterations are concatenated; the deterministic JIT numbers are the first
/// invocation's; the peak RSS is the largest; the first error wins.
pub fn merge_invocations(mut parts: Vec<Cell>) -> Cell {
    let mut merged = parts.remove(0);
    merged.invocation_lengths = vec![[merged.warmup_ns.len(), merged.iterations_ns.len()]];
    for part in parts {
        merged.invocation_lengths.push([part.warmup_ns.len(), part.iterations_ns.len()]);
        merged.warmup_ns.extend(part.warmup_ns);
        merged.iterations_ns.extend(part.iterations_ns);
        merged.warmup_cpu_ns.extend(part.warmup_cpu_ns);
        merged.iterations_cpu_ns.extend(part.iterations_cpu_ns);
        merged.calibration_cpu_ns.extend(part.calibration_cpu_ns);
        merged.peak_rss_bytes = merged.peak_rss_bytes.max(part.peak_rss_bytes);
        merged.wall_ns += part.wall_ns;
        if merged.error.is_none() && part.error.is_some() {
            merged.error = part.error;
            merged.error_kind = part.error_kind;
        }
    }
    merged.correct = merged.error.is_none();
    fill_statistics(&mut merged);
    merged
}

/// `SIGABRT (6)` and the like.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGTRAP => "SIGTRAP",
        _ => "signal",
    };
    format!("killed by {name} ({signal})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> CellSpec {
        CellSpec {
            workload: "w".into(),
            strategy: "interp".into(),
            size: "quick".into(),
            n: 3,
            tags: vec![],
            expected_checksum: 42,
            warmup: 1,
            iterations: 2,
        }
    }

    fn outcome(lines: &[ChildLine], exit: ChildExit) -> ChildOutcome {
        ChildOutcome {
            stdout_lines: lines.iter().map(|l| serde_json::to_string(l).unwrap()).collect(),
            stderr_tail: String::new(),
            exit,
            peak_rss_bytes: 1 << 20,
            wall_ns: 5,
        }
    }

    fn iteration(index: usize, checksum: i64) -> ChildLine {
        ChildLine::Iteration {
            index,
            warmup: index == 0,
            ns: 100 + index as u64,
            checksum,
            cpu_ns: Some(90),
            calibration_cpu_ns: Some(50),
        }
    }

    fn done() -> ChildLine {
        ChildLine::Done {
            compile_events: vec![
                CompileEvent { function: "f".into(), ns: 7, bytes: 30, bytecode_instructions: 3, ..Default::default() },
                CompileEvent {
                    function: "g".into(),
                    ns: 1,
                    bytes: 0,
                    bytecode_instructions: 2,
                    error: Some("x".into()),
                    ..Default::default()
                },
            ],
            instructions_executed: 1000,
            native_instructions: 250,
            coverage_counted: true,
            hot_functions: vec![HotFunction { name: "f".into(), native_instructions: 250 }],
            gc: GcSummary { minor_collections: 3, major_collections: 1, ..Default::default() },
        }
    }

    #[test]
    fn a_complete_cell() {
        let lines = [iteration(0, 42), iteration(1, 42), iteration(2, 42), done()];
        let cell = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        assert!(cell.correct, "{:?}", cell.error);
        assert_eq!(cell.warmup_ns, vec![100]);
        assert_eq!(cell.iterations_ns, vec![101, 102]);
        assert_eq!((cell.warmup_cpu_ns.len(), cell.iterations_cpu_ns.len()), (1, 2));
        assert_eq!(cell.median_ns, Some(101.5));
        assert_eq!((cell.compile_ns, cell.code_bytes, cell.functions_compiled, cell.compile_failures), (8, 30, 1, 1));
        assert_eq!(cell.jit_coverage, 0.25);
        assert_eq!(cell.gc_collections, 4);
        assert_eq!(cell.peak_rss_bytes, 1 << 20);
    }

    #[test]
    fn compile_events_are_attributed_to_the_iteration_they_happened_in() {
        let events = |n: usize| (0..n).map(|i| CompileEvent { function: format!("f{i}"), ..Default::default() });
        // Two events in load and init, none in call 0, three in call 1, one in call 2,
        // none in call 3.
        let attributed = attribute_iterations(events(6).collect(), 2, &[2, 5, 6, 6]);
        let iterations: Vec<Option<u64>> = attributed.iter().map(|e| e.iteration).collect();
        assert_eq!(iterations, [None, None, Some(1), Some(1), Some(1), Some(2)]);
        // A cell that stopped in init: no calls, every event before them.
        assert!(attribute_iterations(events(2).collect(), 2, &[]).iter().all(|e| e.iteration.is_none()));
        // Nothing before the first call.
        let attributed = attribute_iterations(events(2).collect(), 0, &[1, 2]);
        assert_eq!(attributed.iter().map(|e| e.iteration).collect::<Vec<_>>(), [Some(0), Some(1)]);
        // The attribution reaches the results through the `done` line.
        let mut last = done();
        if let ChildLine::Done { compile_events, .. } = &mut last {
            *compile_events = attribute_iterations(std::mem::take(compile_events), 0, &[0, 1, 2]);
        }
        let lines = [iteration(0, 42), iteration(1, 42), iteration(2, 42), last];
        let cell = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        assert_eq!(cell.compile_events.iter().map(|e| e.iteration).collect::<Vec<_>>(), [Some(1), Some(2)]);
    }

    #[test]
    fn the_parent_checks_checksums_itself() {
        let lines = [iteration(0, 42), iteration(1, 41), iteration(2, 42), done()];
        let cell = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        assert!(!cell.correct);
        assert_eq!(cell.error_kind, Some(ErrorKind::WrongChecksum));
        assert_eq!(cell.error.as_deref(), Some("wrong checksum 41 (want 42) at iteration 1"));
    }

    #[test]
    fn failures_are_classified_from_the_exit() {
        let lines = [iteration(0, 42)];
        let crash = assemble(&spec(), &outcome(&lines, ChildExit::Signaled(libc::SIGSEGV)));
        assert_eq!(crash.error_kind, Some(ErrorKind::Crash));
        assert!(crash.error.as_deref().unwrap().contains("SIGSEGV"));
        assert_eq!(crash.warmup_ns, vec![100], "partial iterations are kept");
        let hang = assemble(&spec(), &outcome(&lines, ChildExit::TimedOut { limit_s: 9.0 }));
        assert_eq!(hang.error_kind, Some(ErrorKind::Timeout));
        assert!(hang.error.as_deref().unwrap().contains("after 9 s"));
        let memory = assemble(&spec(), &outcome(&lines, ChildExit::MemoryExceeded { limit_bytes: 64 << 20 }));
        assert_eq!(memory.error_kind, Some(ErrorKind::Memory));
        let quiet = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        assert_eq!(quiet.error_kind, Some(ErrorKind::Harness));
        let mut go_panic = outcome(&lines, ChildExit::Exited(2));
        go_panic.stderr_tail = "panic: boom\n".into();
        let go_panic = assemble(&spec(), &go_panic);
        assert_eq!(go_panic.error_kind, Some(ErrorKind::Panic));
        assert_eq!(go_panic.error.as_deref(), Some("panic: boom"));
    }

    #[test]
    fn a_reported_panic_keeps_its_text() {
        let lines = [
            iteration(0, 42),
            ChildLine::Error { error_kind: ErrorKind::Panic, detail: "panic: runtime error: x\n".into() },
            done(),
        ];
        let cell = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        assert_eq!(cell.error_kind, Some(ErrorKind::Panic));
        assert_eq!(cell.error.as_deref(), Some("panic: runtime error: x"));
    }

    #[test]
    fn invocations_merge() {
        let lines = [iteration(0, 42), iteration(1, 42), iteration(2, 42), done()];
        let a = assemble(&spec(), &outcome(&lines, ChildExit::Exited(0)));
        let b = assemble(&spec(), &outcome(&lines[..1], ChildExit::Signaled(libc::SIGABRT)));
        let merged = merge_invocations(vec![a, b]);
        assert_eq!(merged.warmup_ns.len(), 2);
        assert_eq!(merged.iterations_ns.len(), 2);
        assert_eq!(merged.error_kind, Some(ErrorKind::Crash));
        assert_eq!(merged.invocation_lengths, vec![[1, 2], [1, 0]]);
        let spans = merged.invocations();
        assert_eq!(spans[0], (&[100u64][..], &[101u64, 102][..]));
        assert_eq!(spans[1], (&[100u64][..], &[][..]));
        assert!(!merged.correct);
    }
}
