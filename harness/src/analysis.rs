//! Analysis of a results file: speed-ups over `interp` per workload, geometric means per
//! strategy and per tag, and times normalised by the calibration loop. Built on `stats`
//! (pure functions); used by the terminal summary, the report and the gate, and saved in
//! the results file as its `summary` (recomputable from the raw samples).
//!
//! A speed-up is median(interp) / median(S) over the measured iterations of the two
//! cells of one workload in the same run, with a bootstrap interval resampling both
//! cells. Only correct cells enter any speed-up or mean: a wrong answer has no speed.

use serde::{Deserialize, Serialize};

use crate::results::{Cell, Clock, Results};
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
    speedup_on(results, workload, strategy, Clock::Wall)
}

/// The speed-up on `clock`; None when either cell lacks samples on it.
pub fn speedup_on(results: &Results, workload: &str, strategy: &str, clock: Clock) -> Option<Estimate> {
    let base = usable(results.cell(workload, INTERP))?;
    let cell = usable(results.cell(workload, strategy))?;
    let seed = Rng::seed_from(&format!("speedup/{workload}/{strategy}"));
    stats::ratio_of_medians(&base.samples_on(clock), &cell.samples_on(clock), seed)
}

/// A cell's median time divided by the run's calibration time on the same clock (with
/// its interval): a time in "calibration units", comparable across machines of
/// different speed. None without calibration data on that clock.
pub fn normalised_time(results: &Results, workload: &str, strategy: &str, clock: Clock) -> Option<Estimate> {
    let cell = usable(results.cell(workload, strategy))?;
    let calibration = match clock {
        Clock::Wall => &results.calibration_ns,
        Clock::Cpu => &results.calibration_cpu_ns,
    };
    let calibration: Vec<f64> = calibration.iter().map(|&t| t as f64).collect();
    let seed = Rng::seed_from(&format!("normalised/{workload}/{strategy}"));
    stats::ratio_of_medians(&cell.samples_on(clock), &calibration, seed)
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
    fn normalised_time_divides_by_calibration() {
        let mut r = sample_results();
        r.calibration_ns = vec![50, 50, 50];
        r.cells = vec![cell("a", "interp", &[], &[500, 500, 500])];
        assert!((normalised_time(&r, "a", "interp", Clock::Wall).unwrap().value - 10.0).abs() < 1e-9);
        r.calibration_ns.clear();
        assert!(normalised_time(&r, "a", "interp", Clock::Wall).is_none());
        assert!(normalised_time(&r, "a", "interp", Clock::Cpu).is_none(), "no CPU samples in this cell");
    }
}
