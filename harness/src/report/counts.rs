//! The report's "Instructions" section (runs with a counting pass): per cell, the
//! instructions one call of `run(n)` executed under Callgrind and the ratio to interp,
//! per strategy the geometric mean of those ratios, and what compiling cost in
//! instructions. The same numbers as the speed-ups, without the noise.

use std::fmt::Write;

use super::{compared_strategies, esc, pooled_and_per_workload, swatch, Page};
use crate::analysis;
use crate::report::charts::{self, DotPlot};
use crate::results::Results;
use crate::strategies::{GO_ANCHOR, INTERP};
use crate::summary::{format_count, format_ratio};

/// Whether the run counted instructions.
pub(super) fn has_counts(r: &Results) -> bool {
    r.config.counting.is_some()
}

/// The line a counted cell adds under its time in "Correctness and times".
pub(super) fn matrix_line(r: &Results, workload: &str, strategy: &str) -> String {
    let Some(counts) = r.cell(workload, strategy).and_then(|c| c.instructions.as_ref()) else { return String::new() };
    match counts.per_call() {
        None => format!(
            "<br><small class=\"bad\">not counted: {}</small>",
            esc(counts.error.as_deref().unwrap_or("no counted call"))
        ),
        Some(per_call) => {
            let ratio = analysis::instruction_ratio(r, workload, strategy)
                .filter(|_| strategy != INTERP)
                .map_or(String::new(), |x| format!(", {}", fewer_or_more(x)));
            format!("<br><small>{} instr{ratio}</small>", format_count(per_call))
        }
    }
}

/// interp's instructions over a strategy's, `x`, in words: `4.43x fewer`, `1.10x more`.
fn fewer_or_more(x: f64) -> String {
    if x >= 1.0 {
        format!("{} fewer", format_ratio(x))
    } else {
        format!("{} more", format_ratio(1.0 / x))
    }
}

pub(super) fn instructions(page: &mut Page, r: &Results) {
    page.section("instructions", "Instructions per call (counted)");
    let Some(counting) = &r.config.counting else { return };
    page.how(&format!(
        "Each cell ran once more after the timed processes, in a process under Valgrind ({}), making {} warm-up and \
         {} counted calls of run(n). The counts cover each call from its start to its return, in every thread, and \
         nothing else; instructions executed compiling to native code during a call are counted apart (the lower \
         table). Counts do not depend on machine load: between identical runs they repeat to the instruction, or \
         within 0.01% (cranelift-regmap), or 0.1% for workloads with islands, so the gate holds them to 2% per cell. Fewer instructions is not always less time: a \
         cache miss or a mispredicted branch costs many instructions' worth, so where the ratio here and the \
         speed-up disagree, the difference is the machine's.",
        esc(&counting.tool),
        counting.warmup,
        counting.iterations
    ));
    let strategies: Vec<String> = compared_strategies(r).into_iter().filter(|s| s != GO_ANCHOR).collect();
    if strategies.is_empty() {
        page.empty("Only interp was counted: ratios appear when a JIT strategy runs too.");
    } else {
        ratio_chart(page, r, &strategies);
    }
    per_cell_table(page, r);
    compile_table(page, r);
}

fn ratio_chart(page: &mut Page, r: &Results, strategies: &[String]) {
    let (rows, series) = pooled_and_per_workload(
        strategies,
        &r.workloads(),
        "all workloads (geomean)",
        |s| analysis::instruction_geomean(r, s, None).map(|(g, _)| g),
        |w, s| analysis::instruction_ratio(r, w, s),
    );
    page.chart(charts::dot_plot(&DotPlot {
        rows,
        series,
        log_x: true,
        x_desc: "interp's instructions per call / the strategy's (log scale)".into(),
        reference: Some(1.0),
        x_include: None,
        percent: false,
    }));
}

fn per_cell_table(page: &mut Page, r: &Results) {
    let strategies: Vec<String> = r.strategies().into_iter().filter(|s| s != GO_ANCHOR).collect();
    page.html.push_str("<table><tr><th class=\"name\">workload</th>");
    for s in &strategies {
        let _ = write!(page.html, "<th>{}</th>", swatch(s));
    }
    page.html.push_str("</tr>");
    for w in r.workloads() {
        let _ = write!(page.html, "<tr><td class=\"name\">{}</td>", esc(&w));
        for s in &strategies {
            let counts = r.cell(&w, s).and_then(|c| c.instructions.as_ref());
            match counts.map(|c| (c.per_call(), c)) {
                None => page.html.push_str("<td>–</td>"),
                Some((None, c)) => {
                    let _ = write!(
                        page.html,
                        "<td class=\"bad\">not counted<br><small>{}</small></td>",
                        esc(c.error.as_deref().unwrap_or(""))
                    );
                }
                Some((Some(per_call), c)) => {
                    let ratio = analysis::instruction_ratio(r, &w, s)
                        .filter(|_| s != INTERP)
                        .map_or(String::new(), |x| format!("<br><small>{} than interp</small>", fewer_or_more(x)));
                    let calls: Vec<String> = c.iterations.iter().map(|n| n.to_string()).collect();
                    let _ = write!(
                        page.html,
                        "<td class=\"ok\" title=\"counted calls: {}\">{}{ratio}</td>",
                        calls.join(", "),
                        format_count(per_call)
                    );
                }
            }
        }
        page.html.push_str("</tr>");
    }
    page.html.push_str("<tr><td class=\"name\"><b>geomean ratio</b></td>");
    for s in &strategies {
        match analysis::instruction_geomean(r, s, None).filter(|_| s != INTERP) {
            Some((g, n)) => {
                let _ = write!(page.html, "<td><b>{}</b> <small>n={n}</small></td>", format_ratio(g));
            }
            None => page.html.push_str("<td>–</td>"),
        }
    }
    page.html.push_str("</tr></table>\n");
}

fn compile_table(page: &mut Page, r: &Results) {
    let jits: Vec<String> = r.strategies().into_iter().filter(|s| s != INTERP && s != GO_ANCHOR).collect();
    if jits.is_empty() {
        return;
    }
    page.how(
        "Compiling, counted: the instructions each strategy executed compiling to native code during the counted \
         process's calls, over all workloads, and per bytecode instruction it compiled. The deterministic \
         counterpart of the compile times above (Cranelift's can differ by a few instructions in millions between \
         identical runs, most likely from hash tables seeded at random; the gate does not hold them).",
    );
    page.html.push_str(
        "<table><tr><th class=\"name\">strategy</th><th>compile instructions</th>\
         <th>bytecode instructions compiled</th><th>per bytecode instruction</th></tr>",
    );
    for s in &jits {
        let counted: Vec<_> =
            r.cells.iter().filter(|c| &c.strategy == s).filter_map(|c| c.instructions.as_ref()).collect();
        let total: u64 = counted.iter().map(|c| c.compile_total()).sum();
        let bytecode: u64 = counted.iter().map(|c| c.compiled_bytecode_instructions).sum();
        let per = if bytecode > 0 { format_count(total as f64 / bytecode as f64) } else { "–".into() };
        let _ = write!(
            page.html,
            "<tr><td class=\"name\">{}</td><td>{}</td><td>{bytecode}</td><td>{per}</td></tr>",
            swatch(s),
            format_count(total as f64)
        );
    }
    page.html.push_str("</table>\n");
}
