//! The summary table printed at the end of a run: one row per workload, one column per
//! strategy (interp: its median time and interval; the others: their speed-up over
//! interp with its interval), the geometric means, then every failed cell with its
//! detail and every cell not yet in steady state.

use std::fmt::Write;

use crate::analysis;
use crate::results::Results;
use crate::strategies::INTERP;

/// `1.23 ms`, `456 µs`, `2.01 s`.
pub fn format_ns(ns: f64) -> String {
    scaled(ns, ["s", "ms", "µs", "ns"])
}

/// A count with a metric suffix: `812`, `45.3 k`, `12.07 M`, `3.40 G`.
pub fn format_count(n: f64) -> String {
    scaled(n, ["G", "M", "k", ""])
}

/// `x` in units of 1e9, 1e6, 1e3 or 1 (whichever it reaches first), named by `units` in
/// that order, with 2, 2, 1 and 0 decimals.
fn scaled(x: f64, units: [&str; 4]) -> String {
    let (value, decimals, unit) = if x >= 1e9 {
        (x / 1e9, 2, units[0])
    } else if x >= 1e6 {
        (x / 1e6, 2, units[1])
    } else if x >= 1e3 {
        (x / 1e3, 1, units[2])
    } else {
        (x, 0, units[3])
    };
    let text = format!("{value:.decimals$}");
    if unit.is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}

/// `3.10x` with two significant decimals for small values.
pub fn format_ratio(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}x")
    } else if x >= 10.0 {
        format!("{x:.1}x")
    } else {
        format!("{x:.2}x")
    }
}

fn cell_text(results: &Results, workload: &str, strategy: &str) -> String {
    let Some(cell) = results.cell(workload, strategy) else {
        return "-".into();
    };
    if let Some(kind) = cell.error_kind {
        return format!("FAIL: {}", kind.label());
    }
    let flag = if cell.steady_state.steady { "" } else { " ~" };
    if strategy == INTERP {
        match (cell.median_ns, cell.ci95_ns) {
            (Some(m), Some(ci)) => {
                let half = (ci.high - ci.low) / 2.0 / m * 100.0;
                format!("{} ±{half:.0}%{flag}", format_ns(m))
            }
            _ => "-".into(),
        }
    } else {
        match analysis::speedup(results, workload, strategy) {
            Some(e) => format!(
                "{} [{}-{}]{flag}",
                format_ratio(e.value),
                format_ratio(e.ci95.low).trim_end_matches('x'),
                format_ratio(e.ci95.high)
            ),
            None => cell.median_ns.map_or("-".into(), |m| format!("{} (no interp)", format_ns(m))),
        }
    }
}

/// The whole summary as text.
pub fn render(results: &Results) -> String {
    let strategies = results.strategies();
    let workloads = results.workloads();
    let mut header = vec!["workload".to_string()];
    header.extend(strategies.iter().map(|s| {
        if s == INTERP {
            "interp (median)".into()
        } else {
            format!("{s} (speed-up)")
        }
    }));
    let mut rows = vec![header];
    for w in &workloads {
        let mut row = vec![w.clone()];
        row.extend(strategies.iter().map(|s| cell_text(results, w, s)));
        rows.push(row);
    }
    let mut geo = vec!["geometric mean".to_string()];
    geo.extend(strategies.iter().map(|s| {
        if s == INTERP {
            "1.00x".into()
        } else {
            analysis::geomean(results, s, None).map_or("-".into(), |g| {
                format!(
                    "{} [{}-{}]",
                    format_ratio(g.value),
                    format_ratio(g.ci95.low).trim_end_matches('x'),
                    format_ratio(g.ci95.high)
                )
            })
        }
    }));
    rows.push(geo);
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    let c = &results.config;
    let _ = writeln!(
        out,
        "jitlab: size {}, {} warm-up + {} measured iterations x {} invocation(s), commit {}, {}",
        c.size, c.warmup, c.iterations, c.invocations, results.commit, results.machine.cpu_model
    );
    if c.debug_build {
        let _ = writeln!(out, "WARNING: the cells ran in a debug build: timings are not those of the release build");
    }
    for (i, row) in rows.iter().enumerate() {
        if i == 1 || i == rows.len() - 1 {
            let _ = writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
        }
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(j, (text, w))| if j == 0 { format!("{text:<w$}") } else { format!("{text:>w$}") })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    let failed: Vec<_> = results.cells.iter().filter(|c| !c.correct).collect();
    let _ = writeln!(out, "\n{} of {} cells correct", results.cells.len() - failed.len(), results.cells.len());
    for cell in failed {
        let kind = cell.error_kind.map_or("error", |k| k.label());
        let detail = cell.error.as_deref().unwrap_or("").lines().next().unwrap_or("");
        let _ = writeln!(out, "  FAILED {}/{} [{kind}]: {detail}", cell.workload, cell.strategy);
    }
    for cell in results.cells.iter().filter(|c| c.compile_failures > 0) {
        let functions: Vec<&str> =
            cell.compile_events.iter().filter(|e| e.error.is_some()).map(|e| e.function.as_str()).collect();
        let _ = writeln!(
            out,
            "  native compilation failed in {}/{} (ran interpreted): {}",
            cell.workload,
            cell.strategy,
            functions.join(", ")
        );
    }
    let unsteady: Vec<_> = results.cells.iter().filter(|c| c.correct && !c.steady_state.steady).collect();
    if !unsteady.is_empty() {
        let _ = writeln!(out, "~ not in steady state (last iterations still trend; more --warmup may help):");
        for cell in unsteady {
            let drift = cell.steady_state.drift.unwrap_or(0.0) * 100.0;
            let _ = writeln!(out, "  {}/{}: {drift:+.0}% across the trailing window", cell.workload, cell.strategy);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_ns(1_234_567.0), "1.23 ms");
        assert_eq!(format_ns(2_500.0), "2.5 µs");
        assert_eq!(format_ns(3.2e9), "3.20 s");
        assert_eq!(format_ratio(2.346), "2.35x");
        assert_eq!(format_ratio(23.46), "23.5x");
    }

    #[test]
    fn table_lists_cells_and_failures() {
        let results = crate::results::sample_results();
        let text = render(&results);
        assert!(text.contains("fib"));
        assert!(text.contains("1.00 ms"));
        assert!(text.contains("FAIL: wrong checksum"));
        assert!(text.contains("1 of 2 cells correct"));
        assert!(text.contains("FAILED fib/template [wrong checksum]: wrong checksum: 5 (want 121393)"));
    }
}
