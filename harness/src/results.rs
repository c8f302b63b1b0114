//! The results file (`results/*.json`, DESIGN §6): its schema, versioned by
//! `schema_version`, and reading and writing it.
//!
//! ```text
//! Results
//! ├── schema_version      SCHEMA_VERSION; a reader refuses any other
//! ├── machine             host, CPU, cores, memory, OS
//! ├── commit              `git describe`-like: hash, "-dirty" when the tree had changes
//! ├── time                start of the run, RFC 3339 UTC
//! ├── config              size, warm-up/iterations/invocations, strategies, workloads, limits,
//! │                       JIT thresholds
//! ├── calibration_ns      a fixed native loop timed before each workload (machine speed)
//! ├── cells[]             one per (workload, strategy): raw samples + derived numbers,
//! │                       and `instructions` when the run counted (`--count-instructions`)
//! └── summary             speed-ups and geometric means (derived; recomputable)
//! ```
//!
//! Raw samples (`warmup_ns`, `iterations_ns`) are always saved, so every derived number
//! can be recomputed by `analysis` from the file alone (the report and the gate do).
//! Unknown fields are ignored on reading, so adding a field is compatible; removing or
//! changing the meaning of one requires bumping `SCHEMA_VERSION`. `results/README.md`
//! documents every field.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::HarnessError;
use crate::stats::Interval;

/// Version of this schema. Bump on any incompatible change.
///
/// 2 added the counting pass (`config.counting`, `cells[].instructions`); a version 1
/// file is a version 2 file without them, so both are read.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this harness still reads.
pub const OLDEST_READABLE_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Results {
    pub schema_version: u32,
    pub machine: Machine,
    pub commit: String,
    pub time: String,
    pub config: Config,
    /// Native calibration loop times (wall; one per workload group, in run order).
    #[serde(default)]
    pub calibration_ns: Vec<u64>,
    pub cells: Vec<Cell>,
    #[serde(default)]
    pub summary: Option<crate::analysis::Summary>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Machine {
    pub hostname: String,
    pub os: String,
    pub arch: String,
    pub cpu_model: String,
    pub cpus: usize,
    pub memory_bytes: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Config {
    /// `quick`, `default` or `large`.
    pub size: String,
    pub warmup: usize,
    pub iterations: usize,
    /// Child processes per cell (their measured iterations are concatenated).
    pub invocations: usize,
    /// Strategies in the run, in interleaving order (`go` when anchored).
    pub strategies: Vec<String>,
    pub workloads: Vec<String>,
    pub timeout_s: f64,
    pub memory_limit_bytes: u64,
    pub anchor_go: bool,
    /// The JIT hotness thresholds the cells ran with (`--tier-thresholds`, or the vm's
    /// defaults). None: a file from before they were recorded (the defaults of its commit).
    #[serde(default)]
    pub tier_thresholds: Option<crate::strategies::TierThresholds>,
    /// `calibrate::VERSION` of the run (0: unknown); calibrated times of runs with
    /// different versions are not comparable.
    #[serde(default)]
    pub calibration_version: u32,
    /// Whether the harness that ran the cells had debug assertions on (its timings then
    /// are not those of the release build).
    pub debug_build: bool,
    pub harness_version: String,
    pub command_line: String,
    /// The counting pass, when the run had one (`--count-instructions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting: Option<CountingConfig>,
}

/// How the counting pass ran: one process per cell under Valgrind's Callgrind, the same
/// warm-up calls as the timed processes, then `iterations` counted calls.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct CountingConfig {
    /// What counted, e.g. `valgrind-3.19.0 callgrind`.
    pub tool: String,
    pub warmup: usize,
    pub iterations: usize,
}

/// Why a cell failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The program did not compile (front end or `go build`).
    Compile,
    /// An unrecovered Go panic or a fatal runtime error (Go's exit status 2).
    Panic,
    /// `run(n)` returned a checksum other than the manifest's.
    WrongChecksum,
    /// The child process was killed by a signal it did not get from the harness.
    Crash,
    /// The child exceeded the time limit and was killed.
    Timeout,
    /// The child's peak RSS exceeded the memory limit and it was killed.
    Memory,
    /// The harness could not run the cell (missing file, no `run` function, a child
    /// that exited without a result, ...).
    Harness,
}

impl ErrorKind {
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Compile => "compile error",
            ErrorKind::Panic => "panic",
            ErrorKind::WrongChecksum => "wrong checksum",
            ErrorKind::Crash => "crash",
            ErrorKind::Timeout => "time-out",
            ErrorKind::Memory => "memory limit",
            ErrorKind::Harness => "harness error",
        }
    }
}

/// One native compilation.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CompileEvent {
    pub function: String,
    pub ns: u64,
    /// Native code bytes produced.
    pub bytes: u64,
    /// Bytecode instructions of the function.
    pub bytecode_instructions: u64,
    /// Why the compilation failed (the function then ran interpreted); None: it worked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The code generator that compiled it (`template`, `cranelift-regmap`, ...; for
    /// `tiered` the tier's). Empty in files written before it was recorded.
    #[serde(default)]
    pub generator: String,
    /// 1, or 2 for a recompilation by `tiered`'s second tier.
    #[serde(default = "first_tier")]
    pub tier: u8,
    /// Index of the call of `run(n)` (warm-up or measured, numbered as the child's
    /// `iteration` lines) during which it happened; None: during load or init (and in
    /// files written before it was recorded).
    #[serde(default)]
    pub iteration: Option<u64>,
}

fn first_tier() -> u8 {
    1
}

impl Default for CompileEvent {
    fn default() -> Self {
        CompileEvent {
            function: String::new(),
            ns: 0,
            bytes: 0,
            bytecode_instructions: 0,
            error: None,
            generator: String::new(),
            tier: first_tier(),
            iteration: None,
        }
    }
}

/// Collector statistics of the cell's VM (or of the Go runtime for `go`).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct GcSummary {
    pub minor_collections: u64,
    pub major_collections: u64,
    pub bytes_allocated: u64,
    pub bytes_copied: u64,
    pub total_pause_ns: u64,
    pub max_pause_ns: u64,
}

/// Whether the cell's last measured iterations still trend (see `stats::trailing_trend`).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct SteadyState {
    pub steady: bool,
    /// Relative change across the trailing window (None: too few samples to tell).
    pub drift: Option<f64>,
    /// Mann-Kendall normal score of the trailing window (|z| > 1.96: significant).
    #[serde(default)]
    pub trend_z: Option<f64>,
}

/// One (workload, strategy) cell.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Cell {
    pub workload: String,
    pub strategy: String,
    pub size: String,
    pub n: i64,
    #[serde(default)]
    pub tags: Vec<String>,
    pub expected_checksum: i64,
    /// Every iteration ran and returned the expected checksum.
    pub correct: bool,
    /// What went wrong, with its detail (Go's panic text, the signal, ...).
    pub error: Option<String>,
    pub error_kind: Option<ErrorKind>,
    /// Times of the warm-up calls of `run(n)`, in order.
    pub warmup_ns: Vec<u64>,
    /// Times of the measured calls of `run(n)`, in order.
    pub iterations_ns: Vec<u64>,
    /// CPU time of the cell's process during each call (same order; empty for `go`).
    #[serde(default)]
    pub warmup_cpu_ns: Vec<u64>,
    #[serde(default)]
    pub iterations_cpu_ns: Vec<u64>,
    /// CPU time of a short native calibration sample taken in the cell's process right
    /// after each measured call (same order): the machine's speed at that moment.
    #[serde(default)]
    pub calibration_cpu_ns: Vec<u64>,
    pub median_ns: Option<f64>,
    pub mean_ns: Option<f64>,
    pub ci95_ns: Option<Interval>,
    pub steady_state: SteadyState,
    /// (warm-up, measured) calls of each process of the cell, in order: where the
    /// concatenated `warmup_ns` and `iterations_ns` split by process.
    #[serde(default)]
    pub invocation_lengths: Vec<[usize; 2]>,
    /// Loading: bytecode compilation, verification, VM set-up (not in any iteration).
    pub load_ns: u64,
    /// Native compilation, summed over `compile_events` (0 for interp).
    pub compile_ns: u64,
    pub code_bytes: u64,
    /// Functions compiled successfully, and compilations that failed.
    pub functions_compiled: u64,
    #[serde(default)]
    pub compile_failures: u64,
    pub compile_events: Vec<CompileEvent>,
    /// Bytecode instructions of the whole program (static count).
    pub bytecode_instructions: u64,
    /// Instructions executed over the whole cell (dynamic count), and how many of them
    /// ran as native code.
    pub instructions_executed: u64,
    pub native_instructions: u64,
    /// native_instructions / instructions_executed (0 for interp by definition).
    pub jit_coverage: f64,
    /// The functions that executed the most bytecode instructions natively in the
    /// counting replay (`vm::Vm::native_profile`), most first, at most
    /// [`HOT_FUNCTIONS`]: the report shows the code of a workload's hottest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hot_functions: Vec<HotFunction>,
    pub gc_collections: u64,
    pub gc: GcSummary,
    /// Peak resident set size of the cell's process (from wait4).
    pub peak_rss_bytes: u64,
    /// Wall time of the whole child process, start to exit.
    pub wall_ns: u64,
    /// Instructions counted under Valgrind (the counting pass); None when the run did
    /// not count this cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<InstructionCounts>,
}

/// How many of a cell's hottest functions its results name.
pub const HOT_FUNCTIONS: usize = 3;

/// A function and the bytecode instructions its native code executed in a counting
/// replay.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct HotFunction {
    pub name: String,
    pub native_instructions: u64,
}

/// A cell's counting process: guest instructions executed per call of `run(n)`, from
/// the moment the call starts to the moment it returns (all threads), with what native
/// compilation executed during the call taken out and kept apart.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct InstructionCounts {
    /// Per warm-up call, compilation excluded.
    pub warmup: Vec<u64>,
    /// Per counted (measured) call, compilation excluded.
    pub iterations: Vec<u64>,
    /// Instructions spent compiling to native code, per call (warm-up calls first).
    pub compile: Vec<u64>,
    /// Bytecode instructions of the functions compiled during those calls (what the
    /// `compile` instructions bought).
    #[serde(default)]
    pub compiled_bytecode_instructions: u64,
    /// Why the counting process did not count every call (a crash under Valgrind, a
    /// time-out, a wrong checksum, a missing dump); the vectors hold what was counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl InstructionCounts {
    /// Instructions per measured call: the mean over the counted calls (every call's
    /// work counts, a collection in one of them included); None when counting failed.
    pub fn per_call(&self) -> Option<f64> {
        if self.error.is_some() || self.iterations.is_empty() {
            return None;
        }
        Some(self.iterations.iter().sum::<u64>() as f64 / self.iterations.len() as f64)
    }

    /// Instructions spent compiling, over all calls.
    pub fn compile_total(&self) -> u64 {
        self.compile.iter().sum()
    }

    /// Compile instructions per bytecode instruction compiled: a compile cost that no
    /// machine load touches.
    pub fn compile_per_bytecode_instruction(&self) -> Option<f64> {
        (self.compiled_bytecode_instructions > 0)
            .then(|| self.compile_total() as f64 / self.compiled_bytecode_instructions as f64)
    }
}

/// Which clock a time was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Elapsed time: what a user waits for; what the report shows.
    Wall,
    /// CPU time of the process: immune to waiting for the CPU behind other processes;
    /// what the gate compares when both runs have it.
    Cpu,
}

impl Cell {
    /// Each process's (warm-up, measured) wall times, from `invocation_lengths` (one
    /// span for files without it).
    pub fn invocations(&self) -> Vec<(&[u64], &[u64])> {
        let lengths = if self.invocation_lengths.is_empty() {
            vec![[self.warmup_ns.len(), self.iterations_ns.len()]]
        } else {
            self.invocation_lengths.clone()
        };
        let (mut w, mut m) = (0, 0);
        let mut spans = Vec::new();
        for [wl, ml] in lengths {
            let (we, me) = ((w + wl).min(self.warmup_ns.len()), (m + ml).min(self.iterations_ns.len()));
            spans.push((&self.warmup_ns[w.min(we)..we], &self.iterations_ns[m.min(me)..me]));
            (w, m) = (we, me);
        }
        spans
    }

    /// Measured iteration times (wall clock) as floats (the statistics' input).
    pub fn samples(&self) -> Vec<f64> {
        self.samples_on(Clock::Wall)
    }

    /// Measured iteration times on `clock` (empty when not recorded).
    pub fn samples_on(&self, clock: Clock) -> Vec<f64> {
        let times = match clock {
            Clock::Wall => &self.iterations_ns,
            Clock::Cpu => &self.iterations_cpu_ns,
        };
        times.iter().map(|&t| t as f64).collect()
    }

    /// `code_bytes` per bytecode instruction of the compiled functions (None: nothing
    /// compiled).
    pub fn code_bytes_per_instruction(&self) -> Option<f64> {
        let instrs: u64 =
            self.compile_events.iter().filter(|e| e.error.is_none()).map(|e| e.bytecode_instructions).sum();
        (instrs > 0).then(|| self.code_bytes as f64 / instrs as f64)
    }
}

impl Results {
    pub fn cell(&self, workload: &str, strategy: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.workload == workload && c.strategy == strategy)
    }

    /// Workload names in first-appearance order.
    pub fn workloads(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for c in &self.cells {
            if !names.contains(&c.workload) {
                names.push(c.workload.clone());
            }
        }
        names
    }

    /// Strategy names: the configured order, then any others found in cells.
    pub fn strategies(&self) -> Vec<String> {
        let mut names: Vec<String> = self.config.strategies.clone();
        for c in &self.cells {
            if !names.contains(&c.strategy) {
                names.push(c.strategy.clone());
            }
        }
        names.retain(|s| self.cells.iter().any(|c| &c.strategy == s));
        names
    }

    /// Read and validate a results file.
    pub fn load(path: &Path) -> Result<Results, HarnessError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| HarnessError::no_input(format!("cannot read results file {}: {e}", path.display())))?;
        Results::parse(&text).map_err(|e| HarnessError::data(format!("{}: {e}", path.display())))
    }

    /// Parse a results document, checking the schema version first (so an old or newer
    /// file gets a version message rather than a missing-field one).
    pub fn parse(text: &str) -> Result<Results, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        match value.get("schema_version").and_then(|v| v.as_u64()) {
            Some(v) if (OLDEST_READABLE_VERSION as u64..=SCHEMA_VERSION as u64).contains(&v) => {}
            Some(v) => {
                return Err(format!(
                    "schema_version {v} is not supported (this harness reads {OLDEST_READABLE_VERSION} to {SCHEMA_VERSION})"
                ))
            }
            None => return Err("not a jitlab results file (no schema_version)".into()),
        }
        serde_json::from_value(value).map_err(|e| format!("invalid results file: {e}"))
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("results serialize (no maps with non-string keys)");
        text.push('\n');
        text
    }

    /// Write to `path`, creating its directory.
    pub fn save(&self, path: &Path) -> Result<(), HarnessError> {
        write_file(path, &self.to_json())
    }
}

/// Write a file, creating its parent directory.
pub fn write_file(path: &Path, contents: &str) -> Result<(), HarnessError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| HarnessError::cant_create(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, contents)
        .map_err(|e| HarnessError::cant_create(format!("cannot write {}: {e}", path.display())))
}

/// Facts about this machine, from /proc where available.
pub fn this_machine() -> Machine {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpu_model = read("/proc/cpuinfo")
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    let memory_bytes = read("/proc/meminfo")
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024);
    let release = read("/proc/sys/kernel/osrelease");
    Machine {
        hostname: read("/proc/sys/kernel/hostname").trim().to_string(),
        os: format!("{} {}", std::env::consts::OS, release.trim()).trim().to_string(),
        arch: std::env::consts::ARCH.to_string(),
        cpu_model,
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory_bytes,
    }
}

/// The commit of the repository at `root`: the short hash, with "-dirty" when tracked
/// files have changes; "unknown" without git.
pub fn current_commit(root: &Path) -> String {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(hash) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{hash}-dirty")
            } else {
                hash
            }
        }
        None => "unknown".into(),
    }
}

/// Seconds since the Unix epoch as RFC 3339 UTC (`2024-05-01T12:34:56Z`).
pub fn rfc3339_utc(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

pub fn now_unix_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
pub(crate) use tests::sample_results;

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample_results() -> Results {
        let cell = Cell {
            workload: "fib".into(),
            strategy: "interp".into(),
            size: "quick".into(),
            n: 26,
            tags: vec!["int".into(), "calls".into()],
            expected_checksum: 121393,
            correct: true,
            warmup_ns: vec![1_200_000],
            iterations_ns: vec![1_000_000, 1_100_000, 900_000],
            iterations_cpu_ns: vec![990_000, 1_000_000, 890_000],
            median_ns: Some(1_000_000.0),
            mean_ns: Some(1_000_000.0),
            ci95_ns: Some(Interval { low: 900_000.0, high: 1_100_000.0 }),
            compile_events: vec![CompileEvent {
                function: "main.fib".into(),
                ns: 5,
                bytes: 64,
                bytecode_instructions: 8,
                generator: "template".into(),
                iteration: Some(0),
                ..Default::default()
            }],
            gc: GcSummary { minor_collections: 2, ..Default::default() },
            ..Default::default()
        };
        let failed = Cell {
            workload: "fib".into(),
            strategy: "template".into(),
            error: Some("wrong checksum: 5 (want 121393) at iteration 0".into()),
            error_kind: Some(ErrorKind::WrongChecksum),
            ..Default::default()
        };
        Results {
            schema_version: SCHEMA_VERSION,
            machine: this_machine(),
            commit: "abc".into(),
            time: rfc3339_utc(0),
            config: Config {
                size: "quick".into(),
                strategies: vec!["interp".into()],
                tier_thresholds: Some(crate::strategies::TierThresholds::vm_defaults()),
                ..Default::default()
            },
            calibration_ns: vec![10, 11],
            cells: vec![cell, failed],
            summary: None,
        }
    }

    #[test]
    fn json_round_trip_is_lossless() {
        let results = sample_results();
        let text = results.to_json();
        let back = Results::parse(&text).unwrap();
        assert_eq!(back, results);
        // The DESIGN §6 field names are present as written.
        for field in [
            "\"schema_version\"",
            "\"machine\"",
            "\"commit\"",
            "\"time\"",
            "\"config\"",
            "\"cells\"",
            "\"workload\"",
            "\"strategy\"",
            "\"size\"",
            "\"correct\"",
            "\"error\"",
            "\"iterations_ns\"",
            "\"median_ns\"",
            "\"ci95_ns\"",
            "\"compile_ns\"",
            "\"code_bytes\"",
            "\"functions_compiled\"",
            "\"jit_coverage\"",
            "\"gc_collections\"",
            "\"peak_rss_bytes\"",
        ] {
            assert!(text.contains(field), "missing {field}");
        }
        assert!(text.contains("\"wrong_checksum\""));
    }

    #[test]
    fn parse_rejects_other_versions_and_non_results() {
        let mut value: serde_json::Value = serde_json::from_str(&sample_results().to_json()).unwrap();
        value["schema_version"] = 99.into();
        let err = Results::parse(&value.to_string()).unwrap_err();
        assert!(err.contains("schema_version 99"), "{err}");
        assert!(Results::parse("{\"cells\": []}").unwrap_err().contains("no schema_version"));
        assert!(Results::parse("not json").unwrap_err().contains("not valid JSON"));
        // Unknown fields are ignored (forward compatible).
        value["schema_version"] = SCHEMA_VERSION.into();
        value["future_field"] = 1.into();
        assert!(Results::parse(&value.to_string()).is_ok());
    }

    #[test]
    fn counted_results_round_trip_and_version_1_files_still_parse() {
        let mut results = sample_results();
        results.config.counting =
            Some(CountingConfig { tool: "valgrind-3.19.0 callgrind".into(), warmup: 1, iterations: 2 });
        results.cells[0].instructions = Some(InstructionCounts {
            warmup: vec![900],
            iterations: vec![500, 700],
            compile: vec![40, 0, 0],
            compiled_bytecode_instructions: 8,
            error: None,
        });
        results.cells[1].instructions = Some(InstructionCounts {
            warmup: vec![900],
            error: Some("crash under valgrind".into()),
            ..Default::default()
        });
        let text = results.to_json();
        for field in ["\"counting\"", "\"instructions\"", "\"compile\"", "\"crash under valgrind\""] {
            assert!(text.contains(field), "missing {field}");
        }
        let back = Results::parse(&text).unwrap();
        assert_eq!(back, results);
        let counts = back.cells[0].instructions.as_ref().unwrap();
        assert_eq!((counts.per_call(), counts.compile_total()), (Some(600.0), 40));
        assert_eq!(counts.compile_per_bytecode_instruction(), Some(5.0));
        assert_eq!(back.cells[1].instructions.as_ref().unwrap().per_call(), None);

        // A version 1 file: no counting fields, schema_version 1.
        let mut value: serde_json::Value = serde_json::from_str(&sample_results().to_json()).unwrap();
        value["schema_version"] = 1.into();
        assert!(!value.to_string().contains("\"instructions\""));
        let old = Results::parse(&value.to_string()).unwrap();
        assert_eq!((old.config.counting.clone(), old.cells[0].instructions.clone()), (None, None));
        value["schema_version"] = (SCHEMA_VERSION + 1).into();
        assert!(Results::parse(&value.to_string()).unwrap_err().contains("reads 1 to"));
    }

    #[test]
    fn files_without_the_tiering_fields_parse() {
        // Events and configurations written before `generator`, `tier`, `iteration` and
        // `tier_thresholds` existed.
        let mut value: serde_json::Value = serde_json::from_str(&sample_results().to_json()).unwrap();
        let event = value["cells"][0]["compile_events"][0].as_object_mut().unwrap();
        for field in ["generator", "tier", "iteration"] {
            assert!(event.remove(field).is_some(), "{field} is written");
        }
        assert!(value["config"].as_object_mut().unwrap().remove("tier_thresholds").is_some());
        let old = Results::parse(&value.to_string()).unwrap();
        let event = &old.cells[0].compile_events[0];
        assert_eq!((event.generator.as_str(), event.tier, event.iteration), ("", 1, None));
        assert_eq!(old.config.tier_thresholds, None);
        // The committed baseline (recorded before these fields) still parses.
        let baseline = concat!(env!("CARGO_MANIFEST_DIR"), "/../results/baseline.json");
        let baseline = Results::load(Path::new(baseline)).unwrap();
        assert!(baseline.cells.iter().flat_map(|c| &c.compile_events).all(|e| e.tier >= 1));
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn code_bytes_per_instruction() {
        let mut cell = sample_results().cells[0].clone();
        cell.code_bytes = 64;
        assert_eq!(cell.code_bytes_per_instruction(), Some(8.0));
        cell.compile_events.clear();
        assert_eq!(cell.code_bytes_per_instruction(), None);
    }
}
