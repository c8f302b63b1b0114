//! The run matrix: which cells to run, in which order, with which limits, and turning
//! their outcomes into a results file.
//!
//! Order: workload by workload; before each workload the calibration loop is timed;
//! then each invocation runs every strategy once, the strategies rotated by one place
//! per workload and per invocation. So the strategies of a workload run back to back
//! (drift in machine load hits them alike, which is what a ratio to interp needs) and
//! no strategy is always first after a calibration or a process start.
//!
//! Defaults per size, chosen so that `--all --size quick` for the whole suite under
//! interp and four JITs stays within a few minutes on two cores and the default size
//! within 20. Measured on the loaded two-core machine, 37 workloads: quick 40 s and
//! default 416 s (with 8 measured calls per process) for interp and cranelift-reload,
//! of which interp took 275 s and cranelift-reload 137 s; so four JITs at the default
//! size need about 6 measured calls per process to stay well inside 20 minutes.
//!
//! | size    | processes | warm-up each | measured each | time limit per process |
//! |---------|-----------|--------------|---------------|------------------------|
//! | quick   | 3         | 2            | 8             | 60 s                   |
//! | default | 2         | 2            | 6             | 300 s                  |
//! | large   | 2         | 3            | 6             | 1200 s                 |
//!
//! Why several processes per cell: a process's state can make a whole cell fast or
//! slow. Measured here: matmul under cranelift-reload ran at 1.56 ms per call in one
//! process and 3.06 ms in another, each process steady to within a few percent (code
//! placement, or what shares the core). One process per cell cannot tell that from a
//! regression; with several, the pooled samples span both modes and the interval says
//! so.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::anchor_go::GoAnchor;
use crate::cell::{self, CellSpec};
use crate::cli::{Anchor, MatrixArgs};
use crate::error::HarnessError;
use crate::manifest::{Size, Workload};
use crate::results::{self, Cell, Config, ErrorKind, Results, SCHEMA_VERSION};
use crate::strategies::{self, TierThresholds, GO_ANCHOR};
use crate::supervise::{self, Limits};

/// Defaults of a size.
pub struct SizeDefaults {
    pub invocations: usize,
    pub warmup: usize,
    pub iterations: usize,
    pub timeout_s: f64,
}

pub fn defaults(size: Size) -> SizeDefaults {
    match size {
        Size::Quick => SizeDefaults { invocations: 3, warmup: 2, iterations: 8, timeout_s: 60.0 },
        Size::Default => SizeDefaults { invocations: 2, warmup: 2, iterations: 6, timeout_s: 300.0 },
        Size::Large => SizeDefaults { invocations: 2, warmup: 3, iterations: 6, timeout_s: 1200.0 },
    }
}

/// A resolved plan: what to run and how.
pub struct Plan {
    pub workloads: Vec<Workload>,
    /// Strategies in base order (`go` last when anchored).
    pub strategies: Vec<String>,
    pub size: Size,
    pub warmup: usize,
    pub iterations: usize,
    pub invocations: usize,
    pub limits: Limits,
    pub anchor_go: bool,
    /// `--tier-thresholds`, passed to every VM cell (None: the vm's defaults).
    pub tier_thresholds: Option<TierThresholds>,
    /// The counting pass (`--count-instructions`), None without it.
    pub counting: Option<CountingPlan>,
    /// `--perf-map`: timed VM cells write perf maps.
    pub perf_map: bool,
}

/// The counting pass of a plan.
pub struct CountingPlan {
    /// `valgrind --version` and the tool.
    pub tool: String,
    pub iterations: usize,
    pub jobs: usize,
}

/// Counted calls per counting process when `--count-iterations` is not given.
pub const COUNT_ITERATIONS: usize = 1;

/// A counting process gets this many times the timed processes' time limit (Callgrind
/// runs code 20 to 100 times slower) and twice their memory limit (Valgrind's own).
const COUNT_TIME_FACTOR: u32 = 10;

/// Resolve the command line's filters against the manifest and the compiled-in
/// strategies. Unknown names are usage errors listing what exists.
pub fn plan(args: &MatrixArgs, manifest: Vec<Workload>) -> Result<Plan, HarnessError> {
    if !args.all && args.workload.is_empty() && args.tag.is_empty() {
        return Err(HarnessError::usage(
            "nothing to run: pass --all, --workload NAME or --tag TAG (see --help), or a subcommand",
        ));
    }
    let names: Vec<&str> = manifest.iter().map(|w| w.name.as_str()).collect();
    for wanted in &args.workload {
        if !names.contains(&wanted.as_str()) {
            return Err(HarnessError::usage(format!("unknown workload {wanted:?} (available: {})", names.join(", "))));
        }
    }
    let mut all_tags: Vec<&str> = manifest.iter().flat_map(|w| w.tags.iter().map(String::as_str)).collect();
    all_tags.sort();
    all_tags.dedup();
    for tag in &args.tag {
        if !all_tags.contains(&tag.as_str()) {
            return Err(HarnessError::usage(format!("unknown tag {tag:?} (tags in use: {})", all_tags.join(", "))));
        }
    }
    let workloads: Vec<Workload> = manifest
        .into_iter()
        .filter(|w| args.workload.is_empty() || args.workload.contains(&w.name))
        .filter(|w| args.tag.is_empty() || w.tags.iter().any(|t| args.tag.contains(t)))
        .collect();
    if workloads.is_empty() {
        return Err(HarnessError::usage("no workload matches the filters"));
    }
    for w in &workloads {
        w.size(args.size)?;
    }
    let compiled = strategies::compiled_in();
    let mut chosen: Vec<String> = Vec::new();
    for s in &args.strategy {
        if let Err(e) = strategies::resolve(s) {
            let hint = if s == GO_ANCHOR { " (real Go is --anchor go)" } else { "" };
            return Err(HarnessError::usage(format!("{e}{hint}")));
        }
        if !chosen.contains(s) {
            chosen.push(s.clone());
        }
    }
    if chosen.is_empty() {
        chosen = compiled.iter().map(|s| s.to_string()).collect();
    }
    // `--tiers A,B`: the pair `A+B` as one more strategy (checked: its first tier must
    // offer what its second needs).
    for pair in &args.tiers {
        let name = strategies::tiers_strategy(pair).map_err(HarnessError::usage)?;
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    let anchor_go = args.anchor == Some(Anchor::Go);
    if anchor_go {
        chosen.push(GO_ANCHOR.to_string());
    }
    let d = defaults(args.size);
    let iterations = args.iterations.unwrap_or(d.iterations);
    if iterations == 0 {
        return Err(HarnessError::usage("--iterations must be at least 1"));
    }
    let invocations = args.invocations.unwrap_or(d.invocations);
    if invocations == 0 {
        return Err(HarnessError::usage("--invocations must be at least 1"));
    }
    let timeout = args.timeout.unwrap_or(d.timeout_s);
    if !(timeout > 0.0 && timeout.is_finite()) {
        return Err(HarnessError::usage("--timeout must be a positive number of seconds"));
    }
    let counting = if args.count_instructions {
        let iterations = args.count_iterations.unwrap_or(COUNT_ITERATIONS);
        if iterations == 0 {
            return Err(HarnessError::usage("--count-iterations must be at least 1"));
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = args.jobs.unwrap_or(cores);
        if jobs == 0 {
            return Err(HarnessError::usage("--jobs must be at least 1"));
        }
        let tool = format!("{} {}", crate::count::valgrind_version()?, crate::count::TOOL);
        Some(CountingPlan { tool, iterations, jobs })
    } else {
        None
    };
    Ok(Plan {
        counting,
        workloads,
        strategies: chosen,
        size: args.size,
        warmup: args.warmup.unwrap_or(d.warmup),
        iterations,
        invocations,
        limits: Limits { timeout: Duration::from_secs_f64(timeout), memory_bytes: args.memory_limit.max(1) << 20 },
        anchor_go,
        tier_thresholds: args.tier_thresholds,
        perf_map: args.perf_map,
    })
}

/// The order of strategies for a workload's invocation: rotated by one per step.
pub fn rotation(strategies: &[String], step: usize) -> Vec<String> {
    let mut order = strategies.to_vec();
    if !order.is_empty() {
        let by = step % order.len();
        order.rotate_left(by);
    }
    order
}

/// Progress output: a bar on a terminal, one plain line per cell otherwise.
struct Progress {
    bar: indicatif::ProgressBar,
    plain: bool,
    total: u64,
    done: u64,
}

impl Progress {
    fn new(total: u64) -> Progress {
        let plain = !std::io::stderr().is_terminal();
        let bar = if plain {
            indicatif::ProgressBar::hidden()
        } else {
            let bar = indicatif::ProgressBar::new(total);
            let style = indicatif::ProgressStyle::with_template(
                "{elapsed_precise:.dim} [{bar:30.cyan/blue}] {pos}/{len} cells  eta {eta}  {msg}",
            )
            .expect("valid progress template")
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        };
        Progress { bar, plain, total, done: 0 }
    }

    fn start(&self, what: &str) {
        self.bar.set_message(what.to_string());
    }

    fn note(&self, text: &str) {
        if self.plain {
            eprintln!("{text}");
        } else {
            self.bar.println(text);
        }
    }

    fn finish_cell(&mut self, cell: &Cell) {
        let outcome = match (&cell.error_kind, cell.median_ns) {
            (None, Some(median)) => format!("ok, median {}", crate::summary::format_ns(median)),
            (None, None) => "ok".into(),
            (Some(kind), _) => format!("FAILED ({})", kind.label()),
        };
        self.finish_line(&format!("{}/{}", cell.workload, cell.strategy), &outcome, cell.error.is_some());
    }

    /// One more thing done: `what` ended with `outcome` (always shown when `failed`).
    fn finish_line(&mut self, what: &str, outcome: &str, failed: bool) {
        self.done += 1;
        self.bar.inc(1);
        let width = self.total.to_string().len();
        let line = format!("[{:>width$}/{}] {what}: {outcome}", self.done, self.total);
        if self.plain || failed {
            self.note(&line);
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Run the plan and return its results (not yet saved).
pub fn run(plan: &Plan, root: &Path, command_line: String) -> Result<Results, HarnessError> {
    let started = results::now_unix_seconds();
    let exe = std::env::current_exe()
        .map_err(|e| HarnessError::software(format!("cannot find the harness executable: {e}")))?;
    let total = (plan.workloads.len() * plan.strategies.len() * plan.invocations) as u64;
    let mut progress = Progress::new(total);
    let go = if plan.anchor_go {
        progress.note("building the workloads with go (--anchor go)...");
        Some(GoAnchor::prepare(&plan.workloads, root)?)
    } else {
        None
    };
    let mut calibration_ns = Vec::new();
    let mut cells = Vec::new();
    let run_start = Instant::now();
    for (index, workload) in plan.workloads.iter().enumerate() {
        progress.start(&format!("{}: calibrating", workload.name));
        calibration_ns.push(crate::calibrate::calibrate(3));
        let size = workload.size(plan.size)?;
        let mut parts: Vec<Vec<Cell>> = vec![Vec::new(); plan.strategies.len()];
        for invocation in 0..plan.invocations {
            for strategy in rotation(&plan.strategies, index + invocation) {
                progress.start(&format!("{}/{strategy}", workload.name));
                let spec = CellSpec {
                    workload: workload.name.clone(),
                    strategy: strategy.clone(),
                    size: plan.size.name().to_string(),
                    n: size.n,
                    tags: workload.tags.clone(),
                    expected_checksum: size.checksum,
                    warmup: plan.warmup,
                    iterations: plan.iterations,
                };
                let command = if strategy == GO_ANCHOR {
                    go.as_ref().expect("prepared when anchored").command(&workload.name, &spec)
                } else {
                    // The first process of a JIT cell measures coverage (the counting
                    // replay); the cell takes its deterministic numbers from it.
                    let mut command = cell_command(&exe, workload, &spec, plan.tier_thresholds, invocation == 0);
                    if plan.perf_map {
                        command.arg("--perf-map");
                    }
                    Ok(command)
                };
                let cell = match command {
                    Ok(mut command) => {
                        let outcome = supervise::run_child(&mut command, &plan.limits)?;
                        cell::assemble(&spec, &outcome)
                    }
                    Err(detail) => failed_cell(&spec, ErrorKind::Compile, detail),
                };
                progress.finish_cell(&cell);
                let slot = plan.strategies.iter().position(|s| *s == strategy).expect("strategy of the plan");
                parts[slot].push(cell);
            }
        }
        cells.extend(parts.into_iter().filter(|p| !p.is_empty()).map(cell::merge_invocations));
    }
    progress.finish();
    progress.note(&format!("ran {total} cells in {:.1} s", run_start.elapsed().as_secs_f64()));
    if let Some(counting) = &plan.counting {
        count_cells(plan, counting, &exe, &mut cells);
    }
    let mut results = Results {
        schema_version: SCHEMA_VERSION,
        machine: results::this_machine(),
        commit: results::current_commit(root),
        time: results::rfc3339_utc(started),
        config: Config {
            size: plan.size.name().to_string(),
            warmup: plan.warmup,
            iterations: plan.iterations,
            invocations: plan.invocations,
            strategies: plan.strategies.clone(),
            workloads: plan.workloads.iter().map(|w| w.name.clone()).collect(),
            timeout_s: plan.limits.timeout.as_secs_f64(),
            memory_limit_bytes: plan.limits.memory_bytes,
            anchor_go: plan.anchor_go,
            tier_thresholds: Some(plan.tier_thresholds.unwrap_or_else(TierThresholds::vm_defaults)),
            calibration_version: crate::calibrate::VERSION,
            debug_build: cfg!(debug_assertions),
            harness_version: env!("CARGO_PKG_VERSION").to_string(),
            command_line,
            counting: plan.counting.as_ref().map(|c| results::CountingConfig {
                tool: c.tool.clone(),
                warmup: plan.warmup,
                iterations: c.iterations,
            }),
        },
        calibration_ns,
        cells,
        summary: None,
    };
    results.summary = Some(crate::analysis::summarise(&results));
    Ok(results)
}

/// The counting pass over the run's VM cells that ran correctly (a failing cell has
/// nothing worth counting), `counting.jobs` at a time; fills in `instructions`.
fn count_cells(plan: &Plan, counting: &CountingPlan, exe: &Path, cells: &mut [Cell]) {
    let mut jobs = Vec::new();
    let mut targets = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        if cell.strategy == GO_ANCHOR || !cell.correct {
            continue;
        }
        let workload = plan.workloads.iter().find(|w| w.name == cell.workload).expect("a workload of the plan");
        let spec = CellSpec {
            workload: cell.workload.clone(),
            strategy: cell.strategy.clone(),
            size: cell.size.clone(),
            n: cell.n,
            tags: cell.tags.clone(),
            expected_checksum: cell.expected_checksum,
            warmup: plan.warmup,
            iterations: counting.iterations,
        };
        jobs.push(crate::count::Job { workload, spec });
        targets.push(index);
    }
    let settings = crate::count::Settings {
        warmup: plan.warmup,
        iterations: counting.iterations,
        jobs: counting.jobs,
        limits: Limits {
            timeout: plan.limits.timeout * COUNT_TIME_FACTOR,
            memory_bytes: plan.limits.memory_bytes.saturating_mul(2),
        },
        tier_thresholds: plan.tier_thresholds,
    };
    let progress = std::sync::Mutex::new(Progress::new(jobs.len() as u64));
    progress.lock().expect("progress").note(&format!(
        "counting instructions of {} cells under {} ({} at a time)...",
        jobs.len(),
        counting.tool,
        counting.jobs
    ));
    let start = Instant::now();
    let counted = crate::count::run(exe, &jobs, &settings, &|index, counts| {
        let job = &jobs[index];
        let outcome = match (counts.per_call(), &counts.error) {
            (Some(per_call), _) => format!("{} instructions per call", crate::summary::format_count(per_call)),
            (None, error) => format!("NOT COUNTED ({})", error.as_deref().unwrap_or("no counted call")),
        };
        let what = format!("{}/{} (counting)", job.spec.workload, job.spec.strategy);
        progress.lock().expect("progress").finish_line(&what, &outcome, counts.error.is_some());
    });
    let progress = progress.into_inner().expect("progress");
    progress.finish();
    progress.note(&format!("counted {} cells in {:.1} s", jobs.len(), start.elapsed().as_secs_f64()));
    for (index, counts) in targets.into_iter().zip(counted) {
        cells[index].instructions = Some(counts);
    }
}

/// The child command of a VM cell: this executable's hidden `cell` subcommand.
fn cell_command(
    exe: &Path,
    workload: &Workload,
    spec: &CellSpec,
    thresholds: Option<TierThresholds>,
    count_coverage: bool,
) -> Command {
    let mut command = Command::new(exe);
    command.args(cell_arguments(workload, spec, thresholds));
    if count_coverage {
        command.arg("--count-coverage");
    }
    command
}

/// The arguments of the hidden `cell` subcommand for `spec` (shared with the counting
/// pass, which runs the same child under Valgrind).
pub fn cell_arguments(workload: &Workload, spec: &CellSpec, thresholds: Option<TierThresholds>) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["cell".into(), "--file".into(), workload.file.clone().into()];
    args.extend(["--workload", &spec.workload, "--strategy", &spec.strategy].map(OsString::from));
    args.push(format!("--n={}", spec.n).into());
    args.push(format!("--checksum={}", spec.expected_checksum).into());
    args.push(format!("--warmup={}", spec.warmup).into());
    args.push(format!("--iterations={}", spec.iterations).into());
    if let Some(t) = thresholds {
        args.push(format!("--tier-thresholds={t}").into());
    }
    args
}

/// A cell that could not even start (its Go build failed, say).
pub fn failed_cell(spec: &CellSpec, kind: ErrorKind, detail: String) -> Cell {
    Cell {
        workload: spec.workload.clone(),
        strategy: spec.strategy.clone(),
        size: spec.size.clone(),
        n: spec.n,
        tags: spec.tags.clone(),
        expected_checksum: spec.expected_checksum,
        correct: false,
        error: Some(detail),
        error_kind: Some(kind),
        ..Default::default()
    }
}

/// Save `latest.json` and a timestamped copy into `dir`; returns the latest path.
pub fn save(results: &Results, dir: &Path) -> Result<std::path::PathBuf, HarnessError> {
    let latest = dir.join("latest.json");
    results.save(&latest)?;
    let stamp = results.time.replace(':', "-");
    results.save(&dir.join(format!("{stamp}-{}.json", results.config.size)))?;
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn manifest() -> Vec<Workload> {
        let sizes: BTreeMap<String, crate::manifest::SizeSpec> = ["quick", "default", "large"]
            .iter()
            .map(|s| (s.to_string(), crate::manifest::SizeSpec { n: 1, checksum: 1 }))
            .collect();
        ["a", "b", "c"]
            .iter()
            .zip([vec!["int"], vec!["gc"], vec!["int", "gc"]])
            .map(|(name, tags)| Workload {
                name: name.to_string(),
                file: format!("{name}.go").into(),
                tags: tags.into_iter().map(String::from).collect(),
                description: String::new(),
                sizes: sizes.clone(),
            })
            .collect()
    }

    #[test]
    fn filters_select_workloads() {
        let args = MatrixArgs { all: true, size: Size::Quick, memory_limit: 1, ..Default::default() };
        let p = plan(&args, manifest()).unwrap();
        assert_eq!(p.workloads.len(), 3);
        assert_eq!((p.invocations, p.warmup, p.iterations), (3, 2, 8));
        let compiled: Vec<String> = strategies::compiled_in().iter().map(|s| s.to_string()).collect();
        assert_eq!(p.strategies, compiled);
        let args = MatrixArgs { tag: vec!["gc".into()], ..Default::default() };
        let names: Vec<String> = plan(&args, manifest()).unwrap().workloads.into_iter().map(|w| w.name).collect();
        assert_eq!(names, vec!["b", "c"]);
        let args = MatrixArgs { workload: vec!["c".into(), "a".into()], ..Default::default() };
        assert_eq!(plan(&args, manifest()).unwrap().workloads.len(), 2);
    }

    #[test]
    fn bad_filters_are_usage_errors() {
        let none = MatrixArgs { ..Default::default() };
        assert_eq!(plan(&none, manifest()).err().unwrap().status, crate::error::EXIT_USAGE);
        let unknown = MatrixArgs { workload: vec!["zz".into()], ..Default::default() };
        let e = plan(&unknown, manifest()).err().unwrap();
        assert!(e.message.contains("unknown workload \"zz\" (available: a, b, c)"), "{e}");
        let bad = MatrixArgs { all: true, strategy: vec!["go".into()], ..Default::default() };
        assert!(plan(&bad, manifest()).err().unwrap().message.contains("--anchor go"));
        let tag = MatrixArgs { tag: vec!["nope".into()], ..Default::default() };
        assert!(plan(&tag, manifest()).err().unwrap().message.contains("unknown tag"));
    }

    #[test]
    fn tier_thresholds_reach_the_cell_process() {
        let spec = |p: &Plan| CellSpec {
            workload: "a".into(),
            strategy: "tiered".into(),
            size: "quick".into(),
            n: 1,
            tags: vec![],
            expected_checksum: 1,
            warmup: p.warmup,
            iterations: p.iterations,
        };
        let child_args = |p: &Plan| -> Vec<String> {
            let command = cell_command(Path::new("harness"), &p.workloads[0], &spec(p), p.tier_thresholds, true);
            command.get_args().map(|a| a.to_string_lossy().into_owned()).collect()
        };
        let thresholds: TierThresholds = "7:8,9:10".parse().unwrap();
        let args = MatrixArgs { all: true, tier_thresholds: Some(thresholds), ..Default::default() };
        let p = plan(&args, manifest()).unwrap();
        let argv = child_args(&p);
        assert!(argv.contains(&"--tier-thresholds=7:8,9:10".to_string()), "{argv:?}");
        // The child parses what the parent wrote.
        use clap::Parser;
        let cli = crate::cli::Cli::try_parse_from(std::iter::once("harness".to_string()).chain(argv)).unwrap();
        let Some(crate::cli::Command::Cell(cell)) = cli.command else { panic!("not a cell command") };
        assert_eq!(cell.tier_thresholds, Some(thresholds));
        assert!(cell.count_coverage, "the first process replays to count coverage");
        // Without the option the child gets none (the vm's defaults apply there).
        let p = plan(&MatrixArgs { all: true, ..Default::default() }, manifest()).unwrap();
        assert!(!child_args(&p).iter().any(|a| a.starts_with("--tier-thresholds")));
    }

    #[test]
    fn rotation_moves_the_first_strategy() {
        let s: Vec<String> = ["x", "y", "z"].iter().map(|s| s.to_string()).collect();
        assert_eq!(rotation(&s, 0), s);
        assert_eq!(rotation(&s, 1), vec!["y", "z", "x"]);
        assert_eq!(rotation(&s, 4), vec!["y", "z", "x"]);
    }
}
