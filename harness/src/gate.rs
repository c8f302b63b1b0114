//! `harness gate`: compare a run with the committed baseline and fail (exit 1, with a
//! table) on what regressed.
//!
//! Timing noise on shared two-core machines is large and CI machines differ in speed,
//! so the gate never compares raw times across runs. It compares:
//!
//! - **Correctness, exactly.** Every cell of the current run must be correct; a wrong
//!   checksum, a panic, a crash, a time-out or a memory kill fails the gate whatever
//!   the baseline says.
//! - **Deterministic JIT numbers, exactly**, when both runs used the same size,
//!   iteration counts and JIT thresholds (JIT decisions depend on how often code ran):
//!   JIT coverage must not fall, code bytes must not grow, functions compiled must not
//!   fall, compile failures must not rise. One exception, measured: a workload tagged
//!   `parallel` (islands on OS threads) executes a thread-timing-dependent share of its
//!   instructions natively (54.4% and 56.1% in two runs), so its coverage may fall by
//!   up to `PARALLEL_COVERAGE_SLACK` before it fails.
//! - **`tiered` like the others, but its second tier only where it repeats.** A cell
//!   makes a fixed number of calls of `run(n)` (the configuration's warm-up and measured
//!   counts, never a time budget); the second tier is triggered by counts of calls and
//!   back edges in template code, not by time, and compiles synchronously in the thread
//!   that crossed the threshold. So which functions reach tier 2, in which call, and
//!   their code bytes repeat exactly from run to run, and are gated exactly. Except in
//!   `parallel` workloads: a port operation that blocks (which depends on the other
//!   islands' timing) stops native code, and the interpreter runs the frame up to its
//!   next loop header, so how many back edges template code counts there varies. For
//!   those the gate compares only first-tier compilations (code bytes, count, failures:
//!   counted by the interpreter before any native code runs, as deterministic as every
//!   other strategy's); second-tier ones are not gated.
//! - **Counted instructions, per cell, within 2%**, when both runs have a counting pass
//!   (`--count-instructions`, `count.rs`) with the same size, calls and thresholds: the
//!   mean instructions per counted call of `run(n)`. Counts repeat exactly or within
//!   0.01% between identical runs, so a 5% regression that no time check here can see
//!   fails (`PARALLEL_INSTRUCTION_TOLERANCE` for workloads with islands). A cell the
//!   baseline counted and this run could not (a crash under Valgrind) fails too.
//!   Compile instructions are recorded, not gated.
//! - **Time, as ratios within one run, on CPU time.** Each call of `run(n)` is timed on
//!   the wall clock (what the report shows) and on the process's CPU clock, which does
//!   not advance while the cell waits behind other processes for a core; the gate
//!   compares CPU times when both runs have them (wall times otherwise). A JIT cell's
//!   time is divided by interp's time
//!   on the same workload in the same run, and every cell's time by the run's
//!   calibration loop (a fixed native computation, sampled in the cell's own process
//!   right after each call and paired with it). A slower or busier machine scales
//!   numerator and denominator alike. A JIT cell regresses only when *both* ratios got
//!   worse (so a faster interpreter does not make every JIT look slower, and a slower
//!   machine does not either); interp regresses when its calibrated time got worse.
//!   "Worse" means: the point estimate is more than the tolerance slower *and* the 95%
//!   intervals of the two runs do not overlap.
//! - **Per cell and per strategy.** Measured on the two-core development machine under
//!   load, one cell's calibrated time still moves by 10-30% (occasionally 40%) between
//!   runs, independently from cell to cell, and a few cells more: matmul under
//!   cranelift-reload ran at 1.55 ms per call in one run and at 3.0 ms in another (in
//!   every process, while interp and the calibration loop did not move: whatever shared
//!   the machine competed for what that code needs and the calibration loop does not).
//!   Even the geometric mean over all workloads of a strategy's calibrated times moved
//!   by up to 17% between seven identical runs (what shares the core changes the
//!   relative speed of different kinds of code, and no single calibration loop tracks
//!   all of them). So a single cell fails only beyond `time_tolerance` (50%; under CI
//!   150%, i.e. 2.5 times slower: a catastrophe, such as code falling back to the
//!   interpreter, which the exact coverage check catches too), and every strategy is
//!   judged on the geometric mean over all workloads of its calibrated slow-down, where
//!   independent noise averages out, with `suite_tolerance` (20%, or 30% under CI): a
//!   broad regression is caught even when no single cell crosses its own line. Finer
//!   claims need a quieter machine, or a comparison within one run (the report).
//!
//! A baseline cell absent from the current run, or a new cell absent from the baseline,
//! is a note, not a failure (filters and new strategies). Improvements are listed so the
//! baseline can be re-recorded (`--all --size quick`, then copy `results/latest.json`
//! to `results/baseline.json`).

use std::fmt::Write;

use crate::analysis;
use crate::analysis::Basis;
use crate::results::{Cell, Results};
use crate::stats::Estimate;
use crate::strategies::{GO_ANCHOR, INTERP};

#[derive(Clone, Copy, Debug)]
pub struct GateConfig {
    /// Relative slow-down of one cell that fails (0.25: 25% slower).
    pub time_tolerance: f64,
    /// Relative slow-down of a strategy's geometric mean over the workloads that fails.
    pub suite_tolerance: f64,
    pub gate_time: bool,
    /// Relative growth of one cell's counted instructions per call that fails it.
    pub instruction_tolerance: f64,
}

/// The default `instruction_tolerance`: counted calls repeat exactly, or within 0.01%
/// (cranelift-regmap; see `count.rs`), so 2% is a real change, never noise.
pub const INSTRUCTION_TOLERANCE: f64 = 0.02;

/// The instruction tolerance of a `parallel` workload (when the configured one is
/// tighter): its islands run on OS threads that Valgrind schedules on its own, so how
/// long a thread waits on a port depends on timing. Measured here: up to 0.07% between
/// two identical counted runs (0.3% in warm-up calls); the margin is for machines whose
/// timing differs more.
pub const PARALLEL_INSTRUCTION_TOLERANCE: f64 = 0.03;

impl GateConfig {
    /// The defaults: per cell 50% and per strategy 20%; under CI 150% and 30%; counted
    /// instructions 2% per cell, CI or not.
    pub fn defaults(under_ci: bool) -> GateConfig {
        let (time_tolerance, suite_tolerance) = if under_ci { (1.50, 0.30) } else { (0.50, 0.20) };
        GateConfig { time_tolerance, suite_tolerance, gate_time: true, instruction_tolerance: INSTRUCTION_TOLERANCE }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Regressed,
    Improved,
    Note,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub workload: String,
    pub strategy: String,
    pub metric: String,
    pub baseline: String,
    pub current: String,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, Default)]
pub struct GateReport {
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
    pub cells_checked: usize,
}

impl GateReport {
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.verdict == Verdict::Regressed)
    }

    pub fn regressions(&self) -> usize {
        self.findings.iter().filter(|f| f.verdict == Verdict::Regressed).count()
    }

    fn push(&mut self, cell: &Cell, metric: &str, baseline: String, current: String, verdict: Verdict) {
        self.findings.push(Finding {
            workload: cell.workload.clone(),
            strategy: cell.strategy.clone(),
            metric: metric.into(),
            baseline,
            current,
            verdict,
        });
    }

    /// The table and the verdict line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        let mut rows = vec![["cell", "metric", "baseline", "current", "verdict"].map(String::from).to_vec()];
        let mut sorted: Vec<&Finding> = self.findings.iter().collect();
        sorted.sort_by_key(|f| match f.verdict {
            Verdict::Regressed => 0,
            Verdict::Improved => 1,
            Verdict::Note => 2,
        });
        for f in sorted {
            let verdict = match f.verdict {
                Verdict::Regressed => "REGRESSED",
                Verdict::Improved => "improved",
                Verdict::Note => "note",
            };
            rows.push(vec![
                format!("{}/{}", f.workload, f.strategy),
                f.metric.clone(),
                f.baseline.clone(),
                f.current.clone(),
                verdict.into(),
            ]);
        }
        if rows.len() > 1 {
            let widths: Vec<usize> =
                (0..5).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
            for row in &rows {
                let cells: Vec<String> = row.iter().zip(&widths).map(|(t, w)| format!("{t:<w$}")).collect();
                let _ = writeln!(out, "{}", cells.join("  ").trim_end());
            }
        }
        if self.failed() {
            let _ = writeln!(
                out,
                "gate: FAILED: {} regression(s) in {} cells checked",
                self.regressions(),
                self.cells_checked
            );
        } else {
            let _ = writeln!(out, "gate: passed ({} cells checked)", self.cells_checked);
        }
        out
    }
}

/// Compare `current` with `baseline`.
pub fn gate(baseline: &Results, current: &Results, config: &GateConfig) -> GateReport {
    let mut report = GateReport::default();
    let (b, c) = (&baseline.config, &current.config);
    let same_calls =
        b.size == c.size && b.warmup == c.warmup && b.iterations == c.iterations && b.invocations == c.invocations;
    if !same_calls {
        report.notes.push(format!(
            "JIT counters not compared: baseline ran size {} with {}+{}x{}, current {} with {}+{}x{}",
            b.size, b.warmup, b.iterations, b.invocations, c.size, c.warmup, c.iterations, c.invocations
        ));
    }
    // A file from before thresholds were recorded ran with the vm's defaults of its time.
    let same_thresholds = match (b.tier_thresholds, c.tier_thresholds) {
        (Some(bt), Some(ct)) if bt != ct => {
            report.notes.push(format!("JIT counters not compared: baseline ran JIT thresholds {bt}, current {ct}"));
            false
        }
        _ => true,
    };
    let same_protocol = same_calls && same_thresholds;
    let compare_counts = match (&b.counting, &c.counting) {
        (Some(bc), Some(cc)) if bc.warmup != cc.warmup || bc.iterations != cc.iterations || b.size != c.size => {
            report.notes.push(format!(
                "instructions not compared: baseline counted size {} with {}+{} calls, current {} with {}+{}",
                b.size, bc.warmup, bc.iterations, c.size, cc.warmup, cc.iterations
            ));
            false
        }
        (Some(_), Some(_)) => same_thresholds,
        (Some(_), None) => {
            report.notes.push("instructions not compared: the current run did not count (--count-instructions)".into());
            false
        }
        (None, Some(_)) => {
            report.notes.push(
                "instructions not compared: the baseline has no counts (re-record it with --count-instructions)".into(),
            );
            false
        }
        (None, None) => false,
    };
    if config.gate_time && b.size != c.size {
        report.notes.push("times not compared: the runs used different sizes".into());
    }
    let gate_time = config.gate_time && b.size == c.size && b.calibration_version == c.calibration_version;
    if config.gate_time && b.calibration_version != c.calibration_version {
        report.notes.push(format!(
            "times not compared: the runs used different calibration loops (versions {} and {}); re-record the baseline",
            b.calibration_version, c.calibration_version
        ));
    }
    let basis = Basis::common(baseline, current);
    if basis == Basis::Run {
        report.notes.push("times compared as wall time / the run's calibration (a run without paired samples)".into());
    }
    if c.debug_build && !b.debug_build {
        report.notes.push("the current run used a debug build; its times are not comparable".into());
    }
    for cell in &current.cells {
        report.cells_checked += 1;
        let base = baseline.cell(&cell.workload, &cell.strategy);
        if !cell.correct {
            let was = match base {
                Some(b) if b.correct => "correct".to_string(),
                Some(b) => format!("also failing: {}", b.error_kind.map_or("error", |k| k.label())),
                None => "(not in baseline)".into(),
            };
            let now = format!(
                "{}: {}",
                cell.error_kind.map_or("error", |k| k.label()),
                cell.error.as_deref().unwrap_or("").lines().next().unwrap_or("")
            );
            report.push(cell, "correctness", was, now, Verdict::Regressed);
            continue;
        }
        let Some(base) = base else {
            report.push(cell, "presence", "(not in baseline)".into(), "new cell".into(), Verdict::Note);
            continue;
        };
        if !base.correct || base.n != cell.n {
            continue;
        }
        if same_protocol {
            compare_counters(&mut report, base, cell);
        }
        if compare_counts {
            compare_instructions(&mut report, base, cell, config.instruction_tolerance);
        }
        if gate_time && cell.strategy != GO_ANCHOR {
            compare_time(&mut report, (baseline, current), cell, basis, config.time_tolerance);
        }
    }
    if gate_time {
        for strategy in current.strategies().iter().filter(|s| *s != GO_ANCHOR) {
            compare_suite(&mut report, (baseline, current), strategy, basis, config.suite_tolerance);
        }
    }
    for base in &baseline.cells {
        if current.cell(&base.workload, &base.strategy).is_none() {
            report.push(base, "presence", "ran".into(), "not run".into(), Verdict::Note);
        }
    }
    report
}

/// How far (absolute) the JIT coverage of a `parallel` workload may fall: its threads'
/// timing moves it by a point or two between identical runs.
pub const PARALLEL_COVERAGE_SLACK: f64 = 0.05;

/// What the gate compares exactly of a cell's compilations.
struct Compilations {
    code_bytes: u64,
    compiled: u64,
    failures: u64,
    /// Second-tier compilations were left out.
    first_tier_only: bool,
}

/// All of a cell's compilations, except in a `parallel` workload, where only those of the
/// first tier repeat from run to run (see the module doc).
fn gated_compilations(cell: &Cell) -> Compilations {
    let left_out = is_parallel(cell) && cell.compile_events.iter().any(|e| e.tier > 1);
    if !left_out {
        return Compilations {
            code_bytes: cell.code_bytes,
            compiled: cell.functions_compiled,
            failures: cell.compile_failures,
            first_tier_only: false,
        };
    }
    let first = cell.compile_events.iter().filter(|e| e.tier == 1);
    let ok = first.clone().filter(|e| e.error.is_none());
    Compilations {
        code_bytes: ok.clone().map(|e| e.bytes).sum(),
        compiled: ok.count() as u64,
        failures: first.filter(|e| e.error.is_some()).count() as u64,
        first_tier_only: true,
    }
}

fn is_parallel(cell: &Cell) -> bool {
    cell.tags.iter().any(|t| t == "parallel")
}

fn compare_counters(report: &mut GateReport, base: &Cell, cell: &Cell) {
    let slack = if is_parallel(cell) { PARALLEL_COVERAGE_SLACK } else { 0.0 };
    if (cell.jit_coverage - base.jit_coverage).abs() > slack {
        let verdict = if cell.jit_coverage < base.jit_coverage { Verdict::Regressed } else { Verdict::Improved };
        let pct = |x: f64| format!("{:.4}%", x * 100.0);
        report.push(cell, "jit coverage", pct(base.jit_coverage), pct(cell.jit_coverage), verdict);
    }
    let (then, now) = (gated_compilations(base), gated_compilations(cell));
    let tier = if then.first_tier_only || now.first_tier_only { " (tier 1)" } else { "" };
    if now.code_bytes != then.code_bytes {
        let verdict = if now.code_bytes > then.code_bytes { Verdict::Regressed } else { Verdict::Improved };
        let (b, c) = (then.code_bytes.to_string(), now.code_bytes.to_string());
        report.push(cell, &format!("code bytes{tier}"), b, c, verdict);
    }
    if now.failures > then.failures {
        let (b, c) = (then.failures.to_string(), now.failures.to_string());
        report.push(cell, &format!("compile failures{tier}"), b, c, Verdict::Regressed);
    }
    if now.compiled != then.compiled {
        let verdict = if now.compiled < then.compiled { Verdict::Regressed } else { Verdict::Note };
        let (b, c) = (then.compiled.to_string(), now.compiled.to_string());
        report.push(cell, &format!("functions compiled{tier}"), b, c, verdict);
    }
}

/// Counted instructions per call of `run(n)`: more than `tolerance` growth fails (the
/// wider `PARALLEL_INSTRUCTION_TOLERANCE` for `parallel` workloads), as does a cell
/// the baseline counted and this run could not.
fn compare_instructions(report: &mut GateReport, base: &Cell, cell: &Cell, tolerance: f64) {
    let Some(then) = base.instructions.as_ref().and_then(|c| c.per_call()) else { return };
    let tolerance = if is_parallel(cell) { tolerance.max(PARALLEL_INSTRUCTION_TOLERANCE) } else { tolerance };
    let metric = "instructions per call";
    let now = match cell.instructions.as_ref() {
        None => return, // a strategy the counting pass does not run (the Go anchor)
        Some(counts) => match (counts.per_call(), &counts.error) {
            (Some(now), _) => now,
            (None, error) => {
                let why = format!("not counted: {}", error.as_deref().unwrap_or("no counted call"));
                report.push(cell, metric, with_separators(then), why, Verdict::Regressed);
                return;
            }
        },
    };
    let change = now / then - 1.0;
    let verdict = if change > tolerance {
        Verdict::Regressed
    } else if change < -tolerance {
        Verdict::Improved
    } else {
        return;
    };
    let current = format!("{} ({:+.2}%, limit {:+.1}%)", with_separators(now), change * 100.0, tolerance * 100.0);
    report.push(cell, metric, with_separators(then), current, verdict);
}

/// `20631440` as `20,631,440` (rounded to a whole instruction).
fn with_separators(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// How much slower `current` is than `base` for a lower-is-better ratio: the point
/// slow-down and the slow-down between the nearest ends of the two intervals (above 1
/// only when the intervals do not overlap).
fn slowdown(base: &Estimate, current: &Estimate) -> (f64, f64) {
    (current.value / base.value, current.ci95.low / base.ci95.high)
}

fn speedup_as_time(e: Estimate) -> Estimate {
    // Time relative to interp is 1/speed-up; the interval flips.
    Estimate { value: 1.0 / e.value, ci95: crate::stats::Interval { low: 1.0 / e.ci95.high, high: 1.0 / e.ci95.low } }
}

fn compare_time(report: &mut GateReport, runs: (&Results, &Results), cell: &Cell, basis: Basis, tolerance: f64) {
    let (baseline, current) = runs;
    let (w, s) = (&cell.workload, &cell.strategy);
    let calibrated =
        analysis::calibrated_time(baseline, w, s, basis).zip(analysis::calibrated_time(current, w, s, basis));
    let relative = if s == INTERP {
        None
    } else {
        analysis::calibrated_speedup(baseline, w, s, basis).zip(analysis::calibrated_speedup(current, w, s, basis))
    };
    let judge = |(b, c): (Estimate, Estimate)| {
        let (point, bound) = slowdown(&b, &c);
        if point > 1.0 + tolerance && bound > 1.0 {
            Some(Verdict::Regressed)
        } else if point < 1.0 / (1.0 + tolerance) && c.ci95.high / b.ci95.low < 1.0 {
            Some(Verdict::Improved)
        } else {
            None
        }
    };
    let describe = |(b, c): (Estimate, Estimate), unit: &str| {
        (format!("{:.3}{unit}", b.value), format!("{:.3}{unit} ({:+.0}%)", c.value, (c.value / b.value - 1.0) * 100.0))
    };
    match (relative, calibrated) {
        (Some((rb, rc)), calibrated) => {
            let rel = (speedup_as_time(rb), speedup_as_time(rc));
            let by_interp = judge(rel);
            // Without calibration data (an older file) the ratio to interp decides alone.
            let by_calibration = calibrated.map_or(by_interp, judge);
            let verdict = if by_interp == by_calibration { by_interp } else { None };
            if let Some(v) = verdict {
                let (before, after) = describe(rel, "x interp");
                report.push(cell, "time / interp time", before, after, v);
            }
        }
        (None, Some(pair)) => {
            if let Some(v) = judge(pair) {
                let (before, after) = describe(pair, " cal");
                report.push(cell, "time / calibration", before, after, v);
            }
        }
        (None, None) => {}
    }
}

/// A strategy's geometric-mean calibrated slow-down over the workloads both runs have
/// correct (with a joint-bootstrap interval); for a JIT also the geometric mean of its
/// speed-ups' change, which must agree.
fn compare_suite(report: &mut GateReport, runs: (&Results, &Results), strategy: &str, basis: Basis, tolerance: f64) {
    let (baseline, current) = runs;
    let mut pairs: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
    let mut speedup_changes = Vec::new();
    for cell in current.cells.iter().filter(|c| c.strategy == strategy && c.correct) {
        let Some(base) = baseline.cell(&cell.workload, strategy).filter(|b| b.correct && b.n == cell.n) else {
            continue;
        };
        let (Some(now), Some(then)) =
            (analysis::calibrated_samples(current, cell, basis), analysis::calibrated_samples(baseline, base, basis))
        else {
            continue;
        };
        if strategy != INTERP {
            let w = &cell.workload;
            if let (Some(b), Some(c)) = (
                analysis::calibrated_speedup(baseline, w, strategy, basis),
                analysis::calibrated_speedup(current, w, strategy, basis),
            ) {
                speedup_changes.push(b.value / c.value);
            }
        }
        pairs.push((now, then));
    }
    if pairs.len() < 2 {
        return;
    }
    let borrowed: Vec<(&[f64], &[f64])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    let Some(slowdown) = crate::stats::geomean_of_ratios(&borrowed, crate::stats::Rng::seed_from(strategy)) else {
        return;
    };
    let by_interp =
        strategy == INTERP || crate::stats::geomean(&speedup_changes).is_some_and(|change| change > 1.0 + tolerance);
    let verdict = if slowdown.value > 1.0 + tolerance && slowdown.ci95.low > 1.0 && by_interp {
        Some(Verdict::Regressed)
    } else if slowdown.value < 1.0 / (1.0 + tolerance) && slowdown.ci95.high < 1.0 {
        Some(Verdict::Improved)
    } else {
        None
    };
    if let Some(verdict) = verdict {
        report.findings.push(Finding {
            workload: format!("({} workloads)", pairs.len()),
            strategy: strategy.to_string(),
            metric: "geomean time / calibration".into(),
            baseline: "1".into(),
            current: format!(
                "{:.3} [{:.3}-{:.3}] ({:+.0}%)",
                slowdown.value,
                slowdown.ci95.low,
                slowdown.ci95.high,
                (slowdown.value - 1.0) * 100.0
            ),
            verdict,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{sample_results, CompileEvent, ErrorKind};

    fn cell(workload: &str, strategy: &str, times: &[u64]) -> Cell {
        let mut c = Cell {
            workload: workload.into(),
            strategy: strategy.into(),
            size: "quick".into(),
            n: 10,
            correct: true,
            iterations_ns: times.to_vec(),
            ..Default::default()
        };
        crate::cell::fill_statistics(&mut c);
        c
    }

    fn noisy(center: u64, spread: u64) -> Vec<u64> {
        // Deterministic scatter of +-spread around the center.
        (0..10u64).map(|i| center - spread + (i * 7919 % 11) * 2 * spread / 10).collect()
    }

    /// A run with wall-clock times and the run's calibration only (paired samples are
    /// checked separately).
    fn run(interp: &[u64], jit: &[u64], calibration: u64) -> Results {
        let mut r = sample_results();
        r.config.strategies = vec!["interp".into(), "template".into()];
        r.calibration_ns = vec![calibration; 5];
        r.cells = vec![cell("w", "interp", interp), cell("w", "template", jit)];
        r
    }

    /// Add paired CPU and calibration samples to a run (cells: interp, template); each
    /// cell ran while the machine's calibration sample took `speed` CPU ns.
    fn with_cpu(mut r: Results, interp: &[u64], jit: &[u64], speed: (u64, u64)) -> Results {
        r.cells[0].iterations_cpu_ns = interp.to_vec();
        r.cells[0].calibration_cpu_ns = vec![speed.0; interp.len()];
        r.cells[1].iterations_cpu_ns = jit.to_vec();
        r.cells[1].calibration_cpu_ns = vec![speed.1; jit.len()];
        r
    }

    #[test]
    fn paired_cpu_samples_cancel_changes_in_machine_speed() {
        let base = with_cpu(run(&noisy(1000, 20), &noisy(500, 10), 100), &noisy(990, 20), &noisy(495, 10), (99, 99));
        // A busy neighbour doubled the JIT cell's wall time and slowed the machine by
        // 40% while it ran: its CPU time grew, but so did the calibration after each call.
        let busy = with_cpu(run(&noisy(1000, 20), &noisy(1000, 20), 100), &noisy(990, 20), &noisy(693, 14), (99, 139));
        let report = gate(&base, &busy, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(!report.render().contains("wall time /"));
        // A real slow-down shows through the pairing.
        let slower = with_cpu(run(&noisy(1000, 20), &noisy(650, 13), 100), &noisy(990, 20), &noisy(645, 13), (99, 99));
        assert!(gate(&base, &slower, &CONFIG).failed());
        // Against a run without paired samples, wall time over the run's calibration
        // decides (and a note says so).
        let report = gate(&run(&noisy(1000, 20), &noisy(500, 10), 100), &busy, &CONFIG);
        assert!(report.failed());
        assert!(report.render().contains("times compared as wall time / the run's calibration"));
    }

    const CONFIG: GateConfig =
        GateConfig { time_tolerance: 0.2, suite_tolerance: 0.1, gate_time: true, instruction_tolerance: 0.02 };

    #[test]
    fn identical_runs_pass() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let report = gate(&base, &base, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.render().contains("gate: passed (2 cells checked)"));
    }

    #[test]
    fn a_30_percent_slower_jit_cell_fails() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let current = run(&noisy(1000, 20), &noisy(650, 13), 100);
        let report = gate(&base, &current, &CONFIG);
        assert!(report.failed(), "{}", report.render());
        let f = &report.findings[0];
        assert_eq!((f.workload.as_str(), f.strategy.as_str(), f.verdict), ("w", "template", Verdict::Regressed));
        assert!(report.render().contains("REGRESSED"));
        // With the defaults (wide, for this noisy machine) it takes a larger slow-down;
        // 2.6 times slower fails even under CI.
        assert!(!gate(&base, &current, &GateConfig::defaults(true)).failed());
        let much_slower = run(&noisy(1000, 20), &noisy(1300, 26), 100);
        assert!(gate(&base, &much_slower, &GateConfig::defaults(true)).failed());
    }

    #[test]
    fn a_30_percent_slower_interp_fails_by_calibration() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let current = run(&noisy(1300, 26), &noisy(500, 10), 100);
        let report = gate(&base, &current, &CONFIG);
        assert!(report.failed(), "{}", report.render());
        assert!(report.findings.iter().any(|f| f.strategy == "interp" && f.verdict == Verdict::Regressed));
        // The JIT did not change: its time relative to interp improved but its
        // calibrated time did not, so it is not reported as improved either.
        assert!(!report.findings.iter().any(|f| f.strategy == "template"), "{}", report.render());
    }

    #[test]
    fn noise_inside_the_interval_passes() {
        let base = run(&noisy(1000, 20), &noisy(500, 200), 100);
        // 25% slower at the median, but the wide intervals overlap: not a regression.
        let current = run(&noisy(1000, 20), &noisy(625, 250), 100);
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        // And a small shift with tight intervals is under the tolerance.
        let current = run(&noisy(1000, 20), &noisy(550, 5), 100);
        assert!(!gate(&base, &current, &CONFIG).failed());
    }

    #[test]
    fn a_slower_machine_passes() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        // Everything, calibration included, takes 1.8x as long.
        let current = run(&noisy(1800, 36), &noisy(900, 18), 180);
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
    }

    #[test]
    fn a_faster_interpreter_does_not_fail_the_jit() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let current = run(&noisy(600, 12), &noisy(500, 10), 100);
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.findings.iter().any(|f| f.strategy == "interp" && f.verdict == Verdict::Improved));
    }

    /// A run of `workloads` workloads, interp only, every cell `scale` times the base.
    fn suite(workloads: usize, scale: f64) -> Results {
        let mut r = sample_results();
        r.config.strategies = vec!["interp".into()];
        r.calibration_ns = vec![100; 5];
        r.cells = (0..workloads)
            .map(|i| {
                let center = (1000.0 * (1.0 + i as f64 / 10.0) * scale) as u64;
                // Independent noise per cell: each cell's own spread.
                cell(&format!("w{i}"), "interp", &noisy(center, center / 8 + (i as u64 % 3) * center / 20))
            })
            .collect();
        r
    }

    #[test]
    fn a_broad_regression_fails_the_suite_even_when_no_cell_does() {
        let base = suite(12, 1.0);
        let current = suite(12, 1.15);
        let report = gate(&base, &current, &CONFIG);
        assert!(report.failed(), "{}", report.render());
        assert!(
            report.findings.iter().all(|f| f.workload == "(12 workloads)" || f.verdict != Verdict::Regressed),
            "{}",
            report.render()
        );
        assert!(report.render().contains("geomean time / calibration"));
        // The same runs within the suite tolerance pass.
        assert!(!gate(&base, &suite(12, 1.05), &CONFIG).failed());
    }

    #[test]
    fn a_wrong_checksum_fails() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let mut current = base.clone();
        current.cells[1].correct = false;
        current.cells[1].error_kind = Some(ErrorKind::WrongChecksum);
        current.cells[1].error = Some("wrong checksum 1 (want 2) at iteration 0".into());
        let report = gate(&base, &current, &CONFIG);
        assert!(report.failed());
        let text = report.render();
        assert!(text.contains("correctness"), "{text}");
        assert!(text.contains("wrong checksum 1 (want 2)"), "{text}");
    }

    #[test]
    fn deterministic_counters_are_exact() {
        let mut base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        base.cells[1].jit_coverage = 0.9;
        base.cells[1].code_bytes = 1000;
        base.cells[1].functions_compiled = 4;
        let mut current = base.clone();
        current.cells[1].code_bytes = 1001;
        let report = gate(&base, &current, &GateConfig { gate_time: false, ..CONFIG });
        assert!(report.failed());
        assert_eq!(report.findings[0].metric, "code bytes");
        let mut current = base.clone();
        current.cells[1].jit_coverage = 0.8999;
        assert!(gate(&base, &current, &CONFIG).failed());
        // A parallel workload's coverage moves with thread timing: a small drop passes,
        // a large one fails.
        current.cells[1].tags = vec!["parallel".into()];
        current.cells[1].jit_coverage = 0.88;
        assert!(!gate(&base, &current, &CONFIG).failed());
        current.cells[1].jit_coverage = 0.8;
        assert!(gate(&base, &current, &CONFIG).failed());
        let mut current = base.clone();
        current.cells[1].functions_compiled = 3;
        assert!(gate(&base, &current, &CONFIG).failed());
        // Fewer code bytes is an improvement, not a failure.
        let mut current = base.clone();
        current.cells[1].code_bytes = 900;
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed());
        assert_eq!(report.findings[0].verdict, Verdict::Improved);
        // A different protocol: counters are not compared, and a note says so.
        let mut current = base.clone();
        current.config.iterations += 1;
        current.cells[1].code_bytes = 5000;
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed());
        assert!(report.render().contains("JIT counters not compared"));
    }

    /// A `tiered` cell: `f` compiled by tier 1 (100 bytes), and by tier 2 (300 bytes)
    /// when `tier2`.
    fn tiered(mut cell: Cell, tier2: bool, parallel: bool) -> Cell {
        let event = |tier: u8, bytes: u64, generator: &str| CompileEvent {
            function: "main.f".into(),
            bytes,
            bytecode_instructions: 10,
            generator: generator.into(),
            tier,
            iteration: Some(u64::from(tier)),
            ..Default::default()
        };
        cell.strategy = "tiered".into();
        cell.compile_events = vec![event(1, 100, "template")];
        if tier2 {
            cell.compile_events.push(event(2, 300, "cranelift-regmap"));
        }
        cell.code_bytes = cell.compile_events.iter().map(|e| e.bytes).sum();
        cell.functions_compiled = cell.compile_events.len() as u64;
        cell.tags = if parallel { vec!["parallel".into()] } else { vec![] };
        cell
    }

    #[test]
    fn the_second_tier_is_gated_exactly_except_in_parallel_workloads() {
        let with = |tier2: bool, parallel: bool| {
            let mut r = run(&noisy(1000, 20), &noisy(500, 10), 100);
            r.cells[1] = tiered(r.cells[1].clone(), tier2, parallel);
            r
        };
        let config = GateConfig { gate_time: false, ..CONFIG };
        // Identical tier-ups pass; a function that no longer reaches tier 2 fails (a
        // cell makes a fixed number of calls, so tier-ups repeat exactly).
        assert!(!gate(&with(true, false), &with(true, false), &config).failed());
        let report = gate(&with(true, false), &with(false, false), &config);
        assert!(report.failed(), "{}", report.render());
        assert!(report.findings.iter().any(|f| f.metric == "functions compiled" && f.verdict == Verdict::Regressed));
        // In a parallel workload tier 2 depends on thread timing: not gated, either way.
        let report = gate(&with(true, true), &with(false, true), &config);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.findings.is_empty(), "{}", report.render());
        assert!(!gate(&with(false, true), &with(true, true), &config).failed());
        // Its first tier still is.
        let mut bigger = with(true, true);
        bigger.cells[1].compile_events[0].bytes += 1;
        bigger.cells[1].code_bytes += 1;
        let report = gate(&with(false, true), &bigger, &config);
        assert!(report.failed(), "{}", report.render());
        assert_eq!(report.findings[0].metric, "code bytes (tier 1)");
        assert_eq!((report.findings[0].baseline.as_str(), report.findings[0].current.as_str()), ("100", "101"));
    }

    #[test]
    fn different_tier_thresholds_are_not_compared() {
        let thresholds = |text: &str| Some(text.parse::<crate::strategies::TierThresholds>().unwrap());
        let mut base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        base.config.tier_thresholds = thresholds("100:50,2000:20000");
        let mut current = base.clone();
        current.config.tier_thresholds = thresholds("100:50,500:5000");
        current.cells[1].code_bytes = 5000;
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(
            report.render().contains(
                "JIT counters not compared: baseline ran JIT thresholds 100:50,2000:20000, current 100:50,500:5000"
            ),
            "{}",
            report.render()
        );
        // A baseline from before thresholds were recorded is compared.
        base.config.tier_thresholds = None;
        assert!(gate(&base, &current, &CONFIG).failed());
    }

    /// `run` with a counting pass: interp and template counted per call.
    fn counted(interp: u64, template: u64) -> Results {
        let mut r = run(&noisy(1000, 20), &noisy(500, 10), 100);
        r.config.counting =
            Some(crate::results::CountingConfig { tool: "valgrind-3.19.0 callgrind".into(), warmup: 2, iterations: 2 });
        for (cell, per_call) in r.cells.iter_mut().zip([interp, template]) {
            cell.instructions = Some(crate::results::InstructionCounts {
                warmup: vec![per_call * 2; 2],
                iterations: vec![per_call; 2],
                compile: vec![1000, 0, 0, 0],
                compiled_bytecode_instructions: 10,
                error: None,
            });
        }
        r
    }

    #[test]
    fn counted_instructions_are_gated_per_cell_at_two_percent() {
        let base = counted(10_000_000, 4_000_000);
        assert!(!gate(&base, &base, &CONFIG).failed());
        // 5% more instructions in one cell fails, with the times unchanged.
        let report = gate(&base, &counted(10_000_000, 4_200_000), &CONFIG);
        assert!(report.failed(), "{}", report.render());
        let f = &report.findings[0];
        assert_eq!((f.strategy.as_str(), f.metric.as_str()), ("template", "instructions per call"));
        assert_eq!((f.baseline.as_str(), f.current.as_str()), ("4,000,000", "4,200,000 (+5.00%, limit +2.0%)"));
        // 1.5% is inside the tolerance; 3% fewer is an improvement.
        assert!(!gate(&base, &counted(10_000_000, 4_060_000), &CONFIG).failed());
        let report = gate(&base, &counted(9_700_000, 4_000_000), &CONFIG);
        assert!(!report.failed());
        assert_eq!(report.findings[0].verdict, Verdict::Improved);
        // Compile instructions are recorded, not gated.
        let mut more_compiling = base.clone();
        more_compiling.cells[1].instructions.as_mut().unwrap().compile = vec![9000, 0, 0, 0];
        assert!(!gate(&base, &more_compiling, &CONFIG).failed());
    }

    #[test]
    fn parallel_workloads_get_the_wider_instruction_tolerance() {
        let mut base = counted(10_000_000, 4_000_000);
        let mut current = counted(10_000_000, 4_100_000);
        assert!(gate(&base, &current, &CONFIG).failed());
        for cell in base.cells.iter_mut().chain(current.cells.iter_mut()) {
            cell.tags = vec!["parallel".into()];
        }
        assert!(!gate(&base, &current, &CONFIG).failed());
        assert!(gate(&base, &counted(10_000_000, 4_200_000), &CONFIG).failed());
    }

    #[test]
    fn a_cell_that_could_not_be_counted_fails_and_runs_without_counts_are_notes() {
        let base = counted(10_000_000, 4_000_000);
        let mut current = base.clone();
        current.cells[1].instructions.as_mut().unwrap().error = Some("crash under valgrind: SIGSEGV".into());
        let report = gate(&base, &current, &CONFIG);
        assert!(report.failed());
        assert_eq!(report.findings[0].current, "not counted: crash under valgrind: SIGSEGV");
        // Either run without a counting pass: compared on everything else, with a note.
        let uncounted = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let report = gate(&base, &uncounted, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.render().contains("the current run did not count"));
        let report = gate(&uncounted, &base, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.render().contains("the baseline has no counts"));
        // Different counted calls are not comparable.
        let mut other = counted(10_000_000, 4_400_000);
        other.config.counting.as_mut().unwrap().iterations = 3;
        let report = gate(&base, &other, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.render().contains("instructions not compared: baseline counted size quick with 2+2 calls"));
    }

    #[test]
    fn different_calibration_loops_are_not_compared() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let mut current = run(&noisy(1000, 20), &noisy(900, 10), 50);
        current.config.calibration_version += 1;
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert!(report.render().contains("different calibration loops"));
    }

    #[test]
    fn missing_and_new_cells_are_notes() {
        let base = run(&noisy(1000, 20), &noisy(500, 10), 100);
        let mut current = base.clone();
        current.cells.pop();
        current.cells.push(cell("v", "interp", &noisy(10, 1)));
        let report = gate(&base, &current, &CONFIG);
        assert!(!report.failed(), "{}", report.render());
        assert_eq!(report.findings.iter().filter(|f| f.verdict == Verdict::Note).count(), 2);
    }
}
