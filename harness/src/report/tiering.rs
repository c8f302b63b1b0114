//! The report's tiering sections: one per tiered pair that ran (`tiered`, and any
//! `--tiers A,B`), in its own tiers' words: which of its functions reached which tier in
//! which call of run(n), at what compile cost, and its warm-up beside its two tiers'
//! run alone.

use std::fmt::Write;

use super::{charts, curves, esc, first_chars, swatch, Page};
use crate::results::{Cell, Results};
use crate::strategies;
use crate::summary::format_ns;

/// A tiered pair of the run: its name and its two tiers (from the registry).
pub(super) struct Pair {
    name: String,
    first: &'static str,
    second: &'static str,
}

impl Pair {
    /// `tiering` for the default pair, `tiering-A+B` for another.
    pub(super) fn section_id(&self) -> String {
        if self.name == strategies::TIERED.0 {
            "tiering".into()
        } else {
            format!("tiering-{}", self.name)
        }
    }

    pub(super) fn nav_label(&self) -> String {
        if self.name == strategies::TIERED.0 {
            "Tiering".into()
        } else {
            format!("Tiering {}", self.name)
        }
    }
}

/// The tiered pairs that ran (`tiered`, and any `--tiers A,B`), in report order.
pub(super) fn tiered_pairs(r: &Results) -> Vec<Pair> {
    r.strategies()
        .into_iter()
        .filter_map(|name| strategies::tiers_of(&name).map(|(first, second)| Pair { name, first, second }))
        .collect()
}

/// Which of a tiered pair's functions reached which tier in which call of run(n), and
/// its warm-up beside those of its two code generators run alone.
pub(super) fn tiering(page: &mut Page, r: &Results, pair: &Pair) {
    let (name, first, second) = (pair.name.as_str(), pair.first, pair.second);
    page.section(&pair.section_id(), &format!("Tiering: {name} beside {first} and {second}"));
    let thresholds = r.config.tier_thresholds.map_or(
        "the vm's defaults of the run's commit (this file does not record them)".to_string(),
        |t| {
            format!(
                "{} calls or {} loop back edges in the interpreter before {first} compiles a function, then {} calls \
                 or {} back edges counted in its {first} code before {second} recompiles it ({})",
                t.call_threshold,
                t.loop_threshold,
                t.tier2_call_threshold,
                t.tier2_loop_threshold,
                if t.tier2_all {
                    "every function"
                } else {
                    "only functions with a register loop (a loop with no call or allocation in its body) and leaves (no loop, \
                     no call, no allocation); the others stay in first-tier code"
                }
            )
        },
    );
    page.how(&format!(
        "{name} starts every function in the interpreter, compiles it with {first} when it gets hot and recompiles it \
         with {second} when it stays hot; a running loop moves to the new code at its header. Thresholds of \
         this run: {}. Per workload: the warm-up curves of {name} beside those of {first} and {second} run \
         alone (each cell's first process bold, later ones light, warm-up left of the grey line), and every function \
         {name} compiled: the call of run(n) during which each tier compiled it (numbered from 1 as on the curves' x \
         axis; init: while loading or in package initialisation), the compile time and the native code bytes. The \
         compilations are those of the cell's first process; a compilation in a measured call is in its time.",
        esc(&thresholds)
    ));
    let ran = r.strategies();
    let view: Vec<String> = [first, second, name].iter().map(|s| s.to_string()).filter(|s| ran.contains(s)).collect();
    let key: Vec<String> = view.iter().map(|s| swatch(s)).collect();
    let _ = writeln!(page.html, "<p>{}</p>", key.join(" &nbsp; "));
    for w in r.workloads() {
        let Some(cell) = r.cell(&w, name) else { continue };
        let _ = writeln!(page.html, "<h3>{}</h3>", esc(&w));
        tiering_summary(page, r, cell, pair);
        page.html.push_str("<div class=\"grid\">");
        page.chart(charts::warmup_chart(&w, &curves(r, &w, &view), r.config.warmup));
        tier_table(page, cell, pair, cell.invocation_lengths.first().map_or(r.config.warmup, |l| l[0]));
        page.html.push_str("</div>\n");
    }
}

/// One sentence: how many functions reached each tier at what cost, and the medians.
fn tiering_summary(page: &mut Page, r: &Results, cell: &Cell, pair: &Pair) {
    let (name, first, second) = (pair.name.as_str(), pair.first, pair.second);
    let tier = |t: u8| cell.compile_events.iter().filter(move |e| e.tier == t && e.error.is_none());
    let cost = |t: u8| {
        let ms = tier(t).map(|e| e.ns).sum::<u64>() as f64 / 1e6;
        format!("{ms:.2} ms, {} bytes", tier(t).map(|e| e.bytes).sum::<u64>())
    };
    let median = |s: &str| {
        r.cell(&cell.workload, s).filter(|c| c.correct).and_then(|c| c.median_ns).map_or("–".into(), format_ns)
    };
    let outcome = match cell.error_kind {
        Some(kind) => format!(" <b>{} failed: {}</b>.", esc(name), kind.label()),
        None => String::new(),
    };
    let (compiled, recompiled) = (tier(1).count(), tier(2).count());
    let recompiled = match recompiled {
        0 => format!("none recompiled by {second}"),
        n => format!("{n} of them recompiled by {second} ({})", cost(2)),
    };
    let _ = writeln!(
        page.html,
        "<p>{compiled} function{} compiled by {first} ({}), {recompiled}.{outcome} Median per call: {} {}, \
         {first} {}, {second} {}.</p>",
        if compiled == 1 { "" } else { "s" },
        cost(1),
        esc(name),
        median(name),
        median(first),
        median(second)
    );
}

/// A row per function a tiered pair compiled: for each tier, the call of run(n) in
/// which it compiled it, the compile time and the code bytes (or the failure).
fn tier_table(page: &mut Page, cell: &Cell, pair: &Pair, warmup: usize) {
    let call = |iteration: Option<u64>| match iteration {
        None => "init".to_string(),
        Some(k) if (k as usize) < warmup => format!("{} (warm-up)", k + 1),
        Some(k) => (k + 1).to_string(),
    };
    let mut functions: Vec<&str> = Vec::new();
    for e in &cell.compile_events {
        if !functions.contains(&e.function.as_str()) {
            functions.push(&e.function);
        }
    }
    if functions.is_empty() {
        page.empty("No function was compiled.");
        return;
    }
    let _ = write!(
        page.html,
        "<table><tr><th class=\"name\" rowspan=\"2\">function</th><th colspan=\"3\">tier 1 ({})</th>\
         <th colspan=\"3\">tier 2 ({})</th></tr><tr><th>call</th><th>ms</th><th>bytes</th><th>call</th>\
         <th>ms</th><th>bytes</th></tr>",
        pair.first, pair.second
    );
    for f in functions {
        let _ = write!(page.html, "<tr><td class=\"name\">{}</td>", esc(f));
        for tier in [1, 2] {
            match cell.compile_events.iter().find(|e| e.function == f && e.tier == tier) {
                None => page.html.push_str("<td>–</td><td></td><td></td>"),
                Some(e) => match &e.error {
                    Some(error) => {
                        let _ = write!(
                            page.html,
                            "<td class=\"bad\" colspan=\"3\">failed ({}): {}</td>",
                            e.iteration.map_or("init".into(), |k| format!("call {}", k + 1)),
                            esc(&first_chars(error, 120))
                        );
                    }
                    None => {
                        let _ = write!(
                            page.html,
                            "<td>{}</td><td>{:.2}</td><td>{}</td>",
                            call(e.iteration),
                            e.ns as f64 / 1e6,
                            e.bytes
                        );
                    }
                },
            }
        }
        page.html.push_str("</tr>");
    }
    page.html.push_str("</table>\n");
}
