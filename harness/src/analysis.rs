//! Analysis of a results file: speed-ups over `interp` per workload, geometric means per
//! strategy and per tag, and times normalised by the calibration loop. Built on `stats`
//! (pure functions); used by the terminal summary, the report and the gate, and saved in
//! the results file as its `summary` (recomputable from the raw samples).
//!
//! A speed-up is median(interp) / median(S) over the measured iterations of the two
//! cells of one workload in the same run, with a bootstrap interval resampling both
//! cells. Only correct cells enter any speed-up or mean: a wrong answer has no speed.

use serde::{Deserialize, Serialize};

use crate::results::{Cell, Results};
use crate::stats::{self, Estimate, Interval, Rng};
use crate::strategies::INTERP;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub speedups: Vec<Speedup>,
    pub geomeans: Vec<Geomean>,
}

/// Speed-up of `strategy` over interp on one workload (above 1: faster than interp).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Speedup {
    pub workload: String,
    pub strategy: String,
    pub value: f64,
    pub ci95: Interval,
}

/// Geometric mean of a strategy's speed-ups over the workloads (of one tag, or all).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Geomean {
    pub strategy: String,
    /// None: over every workload.
    pub tag: Option<String>,
    pub value: f64,
    pub ci95: Interval,
    /// Workloads that entered the mean (both cells correct).
    pub workloads: usize,
}

fn usable(cell: Option<&Cell>) -> Option<&Cell> {
    cell.filter(|c| c.correct && !c.iterations_ns.is_empty())
}

/// The speed-up of one cell over interp in the same results (wall clock).
pub fn speedup(results: &Results, workload: &str, strategy: &str) -> Option<Estimate> {
    let base = usable(results.cell(workload, INTERP))?;
    let cell = usable(results.cell(workload, strategy))?;
    let seed = Rng::seed_from(&format!("speedup/{workload}/{strategy}"));
    stats::ratio_of_medians(&base.samples(), &cell.samples(), seed)
}

/// How many times faster strategy `fast` ran than strategy `slow` on one workload in
/// the same results: median(slow) / median(fast), with its bootstrap interval.
pub fn relative_speed(results: &Results, workload: &str, fast: &str, slow: &str) -> Option<Estimate> {
    let s = usable(results.cell(workload, slow))?;
    let f = usable(results.cell(workload, fast))?;
    let seed = Rng::seed_from(&format!("relative/{workload}/{fast}/{slow}"));
    stats::ratio_of_medians(&s.samples(), &f.samples(), seed)
}

/// How times are put in machine-independent units for comparing two runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Each measured call's CPU time divided by the CPU time of the calibration sample
    /// taken right after it in the same process: paired, so a change in the machine's
    /// speed between cells or between runs (a busy sibling hyperthread, frequency, a
    /// slower machine) cancels call by call.
    Paired,
    /// Wall times divided by the median of the run's calibration loop (results files
    /// without paired samples).
    Run,
}

impl Basis {
    /// The finest basis both runs support.
    pub fn common(a: &Results, b: &Results) -> Basis {
        if has_paired_samples(a) && has_paired_samples(b) {
            Basis::Paired
        } else {
            Basis::Run
        }
    }
}

fn paired(cell: &Cell) -> bool {
    !cell.calibration_cpu_ns.is_empty() && cell.calibration_cpu_ns.len() == cell.iterations_cpu_ns.len()
}

/// Whether the run's VM cells carry paired calibration samples.
pub fn has_paired_samples(results: &Results) -> bool {
    results.cells.iter().any(paired)
}

/// A cell's measured calls in calibration units (see `Basis`).
pub fn calibrated_samples(results: &Results, cell: &Cell, basis: Basis) -> Option<Vec<f64>> {
    match basis {
        Basis::Paired if paired(cell) => Some(
            cell.iterations_cpu_ns
                .iter()
                .zip(&cell.calibration_cpu_ns)
                .filter(|(_, cal)| **cal > 0)
                .map(|(&t, &cal)| t as f64 / cal as f64)
                .collect(),
        ),
        Basis::Paired => None,
        Basis::Run => {
            let calibration = stats::median(&results.calibration_ns.iter().map(|&t| t as f64).collect::<Vec<_>>())?;
            (calibration > 0.0).then(|| cell.samples().into_iter().map(|t| t / calibration).collect())
        }
    }
}

/// A cell's median time in calibration units, with its 95% interval.
pub fn calibrated_time(results: &Results, workload: &str, strategy: &str, basis: Basis) -> Option<Estimate> {
    let cell = usable(results.cell(workload, strategy))?;
    let samples = calibrated_samples(results, cell, basis)?;
    let seed = Rng::seed_from(&format!("calibrated/{workload}/{strategy}"));
    let value = stats::median(&samples)?;
    Some(Estimate { value, ci95: stats::median_ci(&samples, seed)? })
}

/// The speed-up over interp computed from calibrated samples (each cell corrected for
/// the machine's speed while it ran).
pub fn calibrated_speedup(results: &Results, workload: &str, strategy: &str, basis: Basis) -> Option<Estimate> {
    let base = calibrated_samples(results, usable(results.cell(workload, INTERP))?, basis)?;
    let cell = calibrated_samples(results, usable(results.cell(workload, strategy))?, basis)?;
    let seed = Rng::seed_from(&format!("calibrated-speedup/{workload}/{strategy}"));
    stats::ratio_of_medians(&base, &cell, seed)
}

/// Speed-ups and geometric means (overall and per tag) of every strategy but interp.
pub fn summarise(results: &Results) -> Summary {
    let mut summary = Summary::default();
    let workloads = results.workloads();
    for strategy in results.strategies().iter().filter(|s| *s != INTERP) {
        for workload in &workloads {
            if let Some(e) = speedup(results, workload, strategy) {
                summary.speedups.push(Speedup {
                    workload: workload.clone(),
                    strategy: strategy.clone(),
                    value: e.value,
                    ci95: e.ci95,
                });
            }
        }
        let mut groups: Vec<Option<String>> = vec![None];
        let mut tags: Vec<String> = results.cells.iter().flat_map(|c| c.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        groups.extend(tags.into_iter().map(Some));
        for tag in groups {
            if let Some(g) = geomean(results, strategy, tag.as_deref()) {
                summary.geomeans.push(g);
            }
        }
    }
    summary
}

/// Geometric mean speed-up of `strategy` over the workloads carrying `tag` (None: all).
pub fn geomean(results: &Results, strategy: &str, tag: Option<&str>) -> Option<Geomean> {
    let mut pairs: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
    for workload in results.workloads() {
        let (Some(base), Some(cell)) =
            (usable(results.cell(&workload, INTERP)), usable(results.cell(&workload, strategy)))
        else {
            continue;
        };
        if tag.is_some_and(|t| !cell.tags.iter().any(|c| c == t)) {
            continue;
        }
        pairs.push((base.samples(), cell.samples()));
    }
    let borrowed: Vec<(&[f64], &[f64])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    let seed = Rng::seed_from(&format!("geomean/{strategy}/{}", tag.unwrap_or("*")));
    let e = stats::geomean_of_ratios(&borrowed, seed)?;
    Some(Geomean {
        strategy: strategy.to_string(),
        tag: tag.map(str::to_string),
        value: e.value,
        ci95: e.ci95,
        workloads: pairs.len(),
    })
}

/// A cell's counted instructions per call of `run(n)` (correct cells of a counted run).
pub fn instructions_per_call(results: &Results, workload: &str, strategy: &str) -> Option<f64> {
    let cell = results.cell(workload, strategy).filter(|c| c.correct)?;
    cell.instructions.as_ref()?.per_call()
}

/// How many times fewer instructions per call `strategy` executed than interp on
/// `workload`: the counted counterpart of [`speedup`], exact and free of noise.
pub fn instruction_ratio(results: &Results, workload: &str, strategy: &str) -> Option<f64> {
    Some(instructions_per_call(results, workload, INTERP)? / instructions_per_call(results, workload, strategy)?)
}

/// The geometric mean of [`instruction_ratio`] over the workloads (those with `tag`),
/// and how many entered it.
pub fn instruction_geomean(results: &Results, strategy: &str, tag: Option<&str>) -> Option<(f64, usize)> {
    let ratios: Vec<f64> = results
        .workloads()
        .iter()
        .filter(|w| tag.is_none_or(|t| results.cell(w, strategy).is_some_and(|c| c.tags.iter().any(|x| x == t))))
        .filter_map(|w| instruction_ratio(results, w, strategy))
        .collect();
    Some((stats::geomean(&ratios)?, ratios.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::sample_results;

    fn cell(workload: &str, strategy: &str, tags: &[&str], times: &[u64]) -> Cell {
        let mut c = Cell {
            workload: workload.into(),
            strategy: strategy.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            correct: true,
            iterations_ns: times.to_vec(),
            ..Default::default()
        };
        crate::cell::fill_statistics(&mut c);
        c
    }

    #[test]
    fn speedups_and_geometric_means() {
        let mut r = sample_results();
        r.config.strategies = vec!["interp".into(), "fast".into()];
        r.cells = vec![
            cell("a", "interp", &["int"], &[400, 400, 400]),
            cell("a", "fast", &["int"], &[100, 100, 100]),
            cell("b", "interp", &["float"], &[900, 900, 900]),
            cell("b", "fast", &["float"], &[100, 100, 100]),
        ];
        let s = summarise(&r);
        assert_eq!(s.speedups.len(), 2);
        assert!((s.speedups[0].value - 4.0).abs() < 1e-9);
        let all = s.geomeans.iter().find(|g| g.tag.is_none()).unwrap();
        assert!((all.value - 6.0).abs() < 1e-9, "{all:?}");
        assert_eq!(all.workloads, 2);
        let float = s.geomeans.iter().find(|g| g.tag.as_deref() == Some("float")).unwrap();
        assert!((float.value - 9.0).abs() < 1e-9);
        // A failed cell leaves its workload out.
        r.cells[3].correct = false;
        let s = summarise(&r);
        assert_eq!(s.speedups.len(), 1);
        assert_eq!(s.geomeans.iter().find(|g| g.tag.is_none()).unwrap().workloads, 1);
    }

    #[test]
    fn calibrated_times_pair_each_call_with_its_calibration() {
        let mut r = sample_results();
        r.calibration_ns = vec![50, 50, 50];
        let mut a = cell("a", "interp", &[], &[500, 500, 500]);
        r.cells = vec![a.clone()];
        assert!((calibrated_time(&r, "a", "interp", Basis::Run).unwrap().value - 10.0).abs() < 1e-9);
        assert!(calibrated_time(&r, "a", "interp", Basis::Paired).is_none(), "no paired samples");
        // The machine ran at half speed during the second call: paired, it cancels.
        a.iterations_cpu_ns = vec![100, 200, 100];
        a.calibration_cpu_ns = vec![50, 100, 50];
        r.cells = vec![a];
        assert!(has_paired_samples(&r));
        let t = calibrated_time(&r, "a", "interp", Basis::Paired).unwrap();
        assert!((t.value - 2.0).abs() < 1e-12 && (t.ci95.high - t.ci95.low).abs() < 1e-12, "{t:?}");
        r.calibration_ns.clear();
        assert!(calibrated_time(&r, "a", "interp", Basis::Run).is_none());
    }
}
