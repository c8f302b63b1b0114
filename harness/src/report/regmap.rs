//! The report's "Registers or reloads" section: `cranelift-regmap` against
//! `cranelift-reload` per workload, grouped by what dominates the workloads' references
//! (from their manifest tags), and the answer per group.

use std::fmt::Write;

use super::{esc, interval_text, Page, REGMAP, RELOAD};
use crate::analysis;
use crate::results::Results;
use crate::stats;
use crate::summary::format_ratio;

/// The seed's central question needs both Cranelift modes in the run.
pub(super) fn has_both_cranelift_modes(r: &Results) -> bool {
    r.cells.iter().any(|c| c.strategy == RELOAD) && r.cells.iter().any(|c| c.strategy == REGMAP)
}

/// What dominates a workload's references, for the "Registers or reloads" question,
/// from its manifest tags: the first rule that matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RefGroup {
    /// Tagged `gc`: allocation dominates (every allocation may be a safepoint).
    AllocationHeavy,
    /// Tagged `refs` and `calls`: references live across calls.
    AcrossCalls,
    /// Tagged `refs` without `calls`: references in loops with few safepoints.
    InLoops,
    /// Anything else: few or no references in the hot code.
    NoReferences,
}

impl RefGroup {
    fn of(tags: &[String]) -> RefGroup {
        let has = |t: &str| tags.iter().any(|x| x == t);
        if has("gc") {
            RefGroup::AllocationHeavy
        } else if has("refs") && has("calls") {
            RefGroup::AcrossCalls
        } else if has("refs") {
            RefGroup::InLoops
        } else {
            RefGroup::NoReferences
        }
    }

    fn title(self) -> &'static str {
        match self {
            RefGroup::AllocationHeavy => "allocation-heavy (tag gc)",
            RefGroup::AcrossCalls => "references across calls (tags refs and calls)",
            RefGroup::InLoops => "references in loops, few safepoints (tag refs)",
            RefGroup::NoReferences => "no references to speak of (neither refs nor gc)",
        }
    }
}

/// One workload's line in "Registers or reloads".
struct RegmapRow {
    workload: String,
    tags: String,
    /// Median times, reload then regmap, formatted.
    medians: (String, String),
    /// regmap's speed-up over reload.
    est: Option<stats::Estimate>,
    /// Code bytes, reload then regmap.
    code_bytes: (u64, u64),
}

/// `cranelift-regmap` against `cranelift-reload`, workload by workload, grouped by what
/// dominates their references, and the answer per group.
pub(super) fn registers_or_reloads(page: &mut Page, r: &Results) {
    page.section("regmap", "Registers or reloads: cranelift-regmap vs cranelift-reload");
    page.how(
        "The two Cranelift modes share the whole translator and differ only in where a GC reference lives across a \
         safepoint (a call out of native code: a helper that may collect, or a callee). In both, every VM slot is a \
         Cranelift variable for the whole function, and a frame slot is written only where something reads it (exits, \
         and the slots a helper reads). cranelift-reload writes each reference live across a safepoint to its frame \
         slot before it and reads it back after it: the VM frame is the stack map. cranelift-regmap declares \
         reference variables as needing stack maps: Cranelift spills those live across a safepoint to its own stack \
         slots and records where, and the collector walks the native frames and updates them. The ratio is \
         median(reload time) / median(regmap time) in this run, with its 95% bootstrap interval: above 1 means \
         references in registers paid. Groups come from the manifest's tags (first match: gc, then refs with calls, \
         then refs).",
    );
    let mut groups: std::collections::BTreeMap<RefGroup, Vec<RegmapRow>> = Default::default();
    for w in r.workloads() {
        let (Some(a), Some(b)) = (r.cell(&w, RELOAD), r.cell(&w, REGMAP)) else { continue };
        let est = analysis::relative_speed(r, &w, REGMAP, RELOAD);
        let med = |c: &crate::results::Cell| c.median_ns.map_or("–".to_string(), |m| format!("{:.3} ms", m / 1e6));
        groups.entry(RefGroup::of(&a.tags)).or_default().push(RegmapRow {
            workload: w.clone(),
            tags: a.tags.join(", "),
            medians: (med(a), med(b)),
            est,
            code_bytes: (a.code_bytes, b.code_bytes),
        });
    }
    if groups.is_empty() {
        page.empty("No workload ran under both modes: no answer from this run.");
        return;
    }
    page.html.push_str(
        "<table><tr><th class=\"name\">workload</th><th>tags</th><th>reload median</th><th>regmap median</th>\
         <th>regmap speed-up over reload</th><th>code bytes reload / regmap</th></tr>",
    );
    let gm = |v: &[f64]| (!v.is_empty()).then(|| (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp());
    let mut answers = Vec::new();
    for (group, rows) in &groups {
        let _ = write!(page.html, "<tr><th colspan=\"6\" class=\"name\">{}</th></tr>", esc(group.title()));
        let mut ratios = Vec::new();
        for row in rows {
            if let Some(e) = &row.est {
                ratios.push(e.value);
            }
            let _ = write!(
                page.html,
                "<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td></tr>",
                esc(&row.workload),
                esc(&row.tags),
                row.medians.0,
                row.medians.1,
                row.est.as_ref().map_or("–".to_string(), |e| format!(
                    "{} <small>[{}]</small>",
                    format_ratio(e.value),
                    interval_text(&e.ci95)
                )),
                row.code_bytes.0,
                row.code_bytes.1
            );
        }
        if let Some(g) = gm(&ratios) {
            answers.push((*group, g, ratios.len()));
        }
    }
    page.html.push_str("</table>\n");
    let verdict = |g: f64| {
        if g >= 1.05 {
            "references in registers pay"
        } else if g > 0.95 {
            "no difference beyond noise"
        } else {
            "reloading from the frame is cheaper"
        }
    };
    page.html.push_str("<p><b>The answer in this run</b> (geometric mean of the speed-ups per group):</p><ul>");
    for (group, g, n) in answers {
        let _ = write!(
            page.html,
            "<li>{} ({n} workload{}): cranelift-regmap runs {} as fast as cranelift-reload: {}.</li>",
            esc(group.title()),
            if n == 1 { "" } else { "s" },
            format_ratio(g),
            verdict(g)
        );
    }
    page.html.push_str("</ul>\n");
}
