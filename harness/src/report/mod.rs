//! The HTML report: one self-contained page (inline CSS, inline SVG charts from
//! `charts`, no scripts, fonts or external files) rendered from a results file, and
//! optionally compared with an older one (a baseline).
//!
//! Sections, in page order: run facts (machine, commit, configuration), failures,
//! geometric means, speed-up per workload, correctness matrix with median times, warm-up
//! curves, compile time vs steady-state speed, code bytes per bytecode instruction, JIT
//! coverage, GC, steady-state flags, cranelift-regmap vs cranelift-reload (when both
//! ran), tiering (`tiering`: one section per tiered pair that ran, `tiered` or `--tiers A,B`:
//! which functions reached which tier in which call, and its warm-up beside its two
//! tiers'), the machine code of each workload's hottest function under every JIT
//! strategy side by side (`code`), the comparison with the baseline (and what the gate
//! says about it), and how the numbers were made. Each chart has a short text saying
//! what it shows and how to read it: the numbers are the product, so they come with
//! their meaning.

pub mod charts;
mod code;
mod counts;
mod regmap;
mod tiering;
pub mod well_formed;

use std::fmt::Write;

use crate::analysis;
use crate::results::{Cell, Results};
use crate::stats;
use crate::strategies::{self, GO_ANCHOR, INTERP};
use crate::summary::{format_ns, format_ratio};
use charts::{Dot, DotPlot, Series};
use regmap::{has_both_cranelift_modes, registers_or_reloads};
use tiering::{tiered_pairs, tiering};

/// HTML-escape text.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1000px;
       padding: 1.5em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2.2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
h3 { margin-bottom: 0.3em; }
p.how { color: #444; max-width: 60em; } p.empty { color: #777; font-style: italic; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.55em; text-align: right; vertical-align: top; }
th { background: #f4f4f4; } td.name, th.name { text-align: left; }
td.ok { background: #e6f4e6; } td.bad { background: #fbe3e3; color: #8a1010; text-align: left; max-width: 22em; }
td.flag { background: #fff6d8; }
table.facts td, table.facts th { text-align: left; }
.errors { background: #fbe3e3; border: 1px solid #e0a0a0; padding: 0.5em 1em; border-radius: 4px; }
.passed { background: #e6f4e6; border: 1px solid #a0d0a0; padding: 0.5em 1em; border-radius: 4px; }
.warn { background: #fff6d8; border: 1px solid #e0c870; padding: 0.5em 1em; border-radius: 4px; }
.grid { display: flex; flex-wrap: wrap; gap: 8px; }
svg { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f7f7f7; padding: 0.5em; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
nav a { margin-right: 0.8em; }
"#;

/// Render the report of `results`, compared with `baseline` (results, its name) if given.
pub fn render(results: &Results, baseline: Option<(&Results, &str)>) -> String {
    render_with_code(results, baseline, None)
}

/// [`render`], with the "Code" section showing `code` (one function per workload, see
/// `code_view::hottest_functions`) when given.
pub fn render_with_code(
    results: &Results,
    baseline: Option<(&Results, &str)>,
    code: Option<&[crate::code_view::FunctionCode]>,
) -> String {
    let mut page = Page::default();
    let title = if baseline.is_some() { "jitlab comparison report" } else { "jitlab report" };
    let _ = write!(
        page.html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}{}</style></head><body>\n<h1>{title}</h1>\n",
        code::STYLE
    );
    let mut sections = vec![
        ("run", "The run"),
        ("failures", "Failures"),
        ("means", "Geometric means"),
        ("speedup", "Speed-up per workload"),
        ("matrix", "Correctness and times"),
        ("warmup", "Warm-up curves"),
        ("tradeoff", "Compile time vs speed"),
        ("codesize", "Code size"),
        ("coverage", "JIT coverage"),
        ("gc", "GC"),
        ("steady", "Steady state"),
    ];
    if counts::has_counts(results) {
        sections.push(("instructions", "Instructions"));
    }
    if has_both_cranelift_modes(results) {
        sections.push(("regmap", "Registers or reloads"));
    }
    let pairs = tiered_pairs(results);
    let pair_sections: Vec<(String, String)> = pairs.iter().map(|p| (p.section_id(), p.nav_label())).collect();
    for (id, name) in &pair_sections {
        sections.push((id, name));
    }
    if code.is_some() {
        sections.push(("code", "Code"));
    }
    if baseline.is_some() {
        sections.push(("compare", "Comparison"));
    }
    sections.push(("method", "Method"));
    page.html.push_str("<nav>");
    for (id, name) in &sections {
        let _ = write!(page.html, "<a href=\"#{id}\">{name}</a>");
    }
    page.html.push_str("</nav>\n");
    run_facts(&mut page, results, baseline);
    failures(&mut page, results);
    means(&mut page, results);
    speedups(&mut page, results);
    matrix(&mut page, results);
    warmup_curves(&mut page, results);
    tradeoff(&mut page, results);
    code_size(&mut page, results);
    coverage(&mut page, results);
    gc(&mut page, results);
    steady(&mut page, results);
    if counts::has_counts(results) {
        counts::instructions(&mut page, results);
    }
    if has_both_cranelift_modes(results) {
        registers_or_reloads(&mut page, results);
    }
    for pair in &pairs {
        tiering(&mut page, results, pair);
    }
    if let Some(code) = code {
        code::section(&mut page, code);
    }
    if let Some((base, name)) = baseline {
        comparison(&mut page, results, base, name);
    }
    method(&mut page, results);
    page.html.push_str("</body></html>\n");
    page.html
}

#[derive(Default)]
struct Page {
    html: String,
}

impl Page {
    fn section(&mut self, id: &str, title: &str) {
        let _ = writeln!(self.html, "<h2 id=\"{id}\">{}</h2>", esc(title));
    }
    fn how(&mut self, text: &str) {
        let _ = writeln!(self.html, "<p class=\"how\">{text}</p>");
    }
    fn empty(&mut self, text: &str) {
        let _ = writeln!(self.html, "<p class=\"empty\">{}</p>", esc(text));
    }
    fn chart(&mut self, svg: Result<String, String>) {
        match svg {
            Ok(svg) => {
                self.html.push_str(&svg);
                self.html.push('\n');
            }
            Err(e) => self.empty(&format!("(the chart could not be drawn: {e})")),
        }
    }
}

/// One chart series per strategy with a dot per workload (row = workload index):
/// `dot(workload, strategy)` gives the value and its interval, or None (no dot).
fn per_workload(
    strategies: &[String],
    workloads: &[String],
    dot: impl Fn(&str, &str) -> Option<(f64, Option<(f64, f64)>)>,
) -> Vec<Series> {
    strategies
        .iter()
        .map(|s| Series {
            name: s.clone(),
            dots: workloads
                .iter()
                .enumerate()
                .filter_map(|(row, w)| dot(w, s).map(|(value, interval)| Dot { row, value, interval }))
                .collect(),
        })
        .collect()
}

/// A first row `pooled_label` and a row per workload; per strategy, a dot on the first
/// row from `pooled(strategy)` and one per workload from `cell(workload, strategy)`.
fn pooled_and_per_workload(
    strategies: &[String],
    workloads: &[String],
    pooled_label: &str,
    pooled: impl Fn(&str) -> Option<f64>,
    cell: impl Fn(&str, &str) -> Option<f64>,
) -> (Vec<String>, Vec<Series>) {
    let rows = std::iter::once(pooled_label.to_string()).chain(workloads.iter().cloned()).collect();
    let mut series = per_workload(strategies, workloads, |w, s| cell(w, s).map(|v| (v, None)));
    for one in &mut series {
        for dot in &mut one.dots {
            dot.row += 1;
        }
        if let Some(value) = pooled(&one.name) {
            one.dots.insert(0, Dot { row: 0, value, interval: None });
        }
    }
    (rows, series)
}

/// Strategies other than interp (JITs and the Go anchor), in report order.
fn compared_strategies(results: &Results) -> Vec<String> {
    let mut s: Vec<String> = results.strategies().into_iter().filter(|s| s != INTERP).collect();
    s.sort_by_key(|s| strategies::report_rank(s));
    s
}

/// The JIT strategies of the run (not interp, not the Go anchor).
fn jit_strategies(results: &Results) -> Vec<String> {
    compared_strategies(results).into_iter().filter(|s| s != GO_ANCHOR).collect()
}

fn swatch(strategy: &str) -> String {
    format!("<span class=\"swatch\" style=\"background:{}\"></span>{}", charts::css_color(strategy), esc(strategy))
}

fn run_facts(page: &mut Page, r: &Results, baseline: Option<(&Results, &str)>) {
    page.section("run", "The run");
    let m = &r.machine;
    let c = &r.config;
    let rows = [
        ("time", r.time.clone()),
        ("commit", r.commit.clone()),
        (
            "machine",
            format!(
                "{} — {} ({} logical CPUs, {:.1} GiB), {} {}",
                m.hostname,
                m.cpu_model,
                m.cpus,
                m.memory_bytes as f64 / (1u64 << 30) as f64,
                m.os,
                m.arch
            ),
        ),
        ("size", c.size.clone()),
        (
            "protocol",
            format!(
                "{} warm-up + {} measured calls of run(n) per process, {} process(es) per cell",
                c.warmup, c.iterations, c.invocations
            ),
        ),
        ("strategies", c.strategies.join(", ")),
        ("workloads", format!("{} ({})", c.workloads.len(), c.workloads.join(", "))),
        ("limits per cell", format!("{:.0} s, {} MiB peak RSS", c.timeout_s, c.memory_limit_bytes >> 20)),
        (
            "JIT thresholds",
            c.tier_thresholds.map_or("the vm's defaults (not recorded)".into(), |t| {
                format!(
                    "compile after {} calls or {} loop back edges; tiered's second tier after {} calls or {} \
                     back edges in template code, for {} ({t})",
                    t.call_threshold,
                    t.loop_threshold,
                    t.tier2_call_threshold,
                    t.tier2_loop_threshold,
                    if t.tier2_all { "every function" } else { "functions with a register loop and leaves" }
                )
            }),
        ),
        (
            "calibration",
            match stats::median(&r.calibration_ns.iter().map(|&t| t as f64).collect::<Vec<_>>()) {
                Some(m) => {
                    format!("{} (median of {} timings of the native loop)", format_ns(m), r.calibration_ns.len())
                }
                None => "none".into(),
            },
        ),
        ("harness", format!("{} — {}", c.harness_version, c.command_line)),
    ];
    page.html.push_str("<table class=\"facts\">");
    for (k, v) in rows {
        let _ = write!(page.html, "<tr><th>{k}</th><td>{}</td></tr>", esc(&v));
    }
    if let Some((b, name)) = baseline {
        let _ = write!(
            page.html,
            "<tr><th>compared with</th><td>{} (commit {}, {}, size {})</td></tr>",
            esc(name),
            esc(&b.commit),
            esc(&b.time),
            esc(&b.config.size)
        );
    }
    page.html.push_str("</table>\n");
    if c.debug_build {
        page.html.push_str(
            "<p class=\"warn\">These cells ran in a <b>debug build</b> (debug assertions on): \
             times are slower than those of the release build and not comparable with it.</p>\n",
        );
    }
    let legend: Vec<String> = r.strategies().iter().map(|s| swatch(s)).collect();
    let _ = writeln!(page.html, "<p>Colours: {}</p>", legend.join(" &nbsp; "));
}

fn failures(page: &mut Page, r: &Results) {
    page.section("failures", "Failures");
    compile_failures(page, r);
    let failed: Vec<&Cell> = r.cells.iter().filter(|c| !c.correct).collect();
    if failed.is_empty() {
        let _ = writeln!(
            page.html,
            "<p class=\"passed\">All {} cells ran every iteration with the expected checksum.</p>",
            r.cells.len()
        );
        return;
    }
    let _ = write!(
        page.html,
        "<div class=\"errors\"><p><b>{} of {} cells failed.</b> A failed cell has no speed: it is left out of every \
         speed-up and mean below.</p><table>",
        failed.len(),
        r.cells.len()
    );
    page.html
        .push_str("<tr><th class=\"name\">cell</th><th class=\"name\">what</th><th class=\"name\">detail</th></tr>");
    for cell in failed {
        let _ = write!(
            page.html,
            "<tr><td class=\"name\">{}/{}</td><td class=\"name\">{}</td><td class=\"name\"><pre>{}</pre></td></tr>",
            esc(&cell.workload),
            esc(&cell.strategy),
            cell.error_kind.map_or("error", |k| k.label()),
            esc(cell.error.as_deref().unwrap_or(""))
        );
    }
    page.html.push_str("</table></div>\n");
}

/// Functions a JIT failed to compile (they ran interpreted): not wrong, but against
/// DESIGN §4 (every function compilable by every strategy), so listed with the errors.
fn compile_failures(page: &mut Page, r: &Results) {
    let cells: Vec<&Cell> = r.cells.iter().filter(|c| c.compile_failures > 0).collect();
    if cells.is_empty() {
        return;
    }
    page.html.push_str(
        "<div class=\"warn\"><p><b>Native compilation failed</b> for these functions; they ran in the \
         interpreter (the cells' results are still checked).</p><table><tr><th class=\"name\">cell</th>\
         <th class=\"name\">function</th><th class=\"name\">error</th></tr>",
    );
    for cell in cells {
        for event in cell.compile_events.iter().filter(|e| e.error.is_some()) {
            let _ = write!(
                page.html,
                "<tr><td class=\"name\">{}/{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td></tr>",
                esc(&cell.workload),
                esc(&cell.strategy),
                esc(&event.function),
                esc(event.error.as_deref().unwrap_or(""))
            );
        }
    }
    page.html.push_str("</table></div>\n");
}

fn interval_text(e: &stats::Interval) -> String {
    format!("{}–{}", format_ratio(e.low).trim_end_matches('x'), format_ratio(e.high))
}

fn means(page: &mut Page, r: &Results) {
    page.section("means", "Geometric means");
    let strategies = compared_strategies(r);
    if strategies.is_empty() {
        page.empty(
            "Only interp ran, so there is nothing to compare it with yet: speed-ups appear here when a JIT strategy \
             is compiled in (or with --anchor go).",
        );
        return;
    }
    let mut tags: Vec<String> = r.cells.iter().flat_map(|c| c.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let groups: Vec<Option<String>> = std::iter::once(None).chain(tags.into_iter().map(Some)).collect();
    let rows: Vec<String> =
        groups.iter().map(|g| g.as_ref().map_or("all workloads".to_string(), |t| format!("tag: {t}"))).collect();
    let series: Vec<Series> = strategies
        .iter()
        .map(|s| Series {
            name: s.clone(),
            dots: groups
                .iter()
                .enumerate()
                .filter_map(|(row, tag)| {
                    let g = analysis::geomean(r, s, tag.as_deref())?;
                    Some(Dot { row, value: g.value, interval: Some((g.ci95.low, g.ci95.high)) })
                })
                .collect(),
        })
        .collect();
    page.how(
        "The geometric mean of each strategy's speed-ups over interp, over all workloads and per workload tag. \
         Right of the line at 1x is faster than the interpreter. The bar is a 95% bootstrap interval: every replicate \
         resamples every cell's iterations, so it carries the noise of every workload that enters the mean. Only \
         workloads where both the strategy and interp were correct enter; the table gives how many did.",
    );
    page.chart(charts::dot_plot(&DotPlot {
        rows: rows.clone(),
        series,
        log_x: true,
        x_desc: "geometric mean speed-up over interp (log scale)".into(),
        reference: Some(1.0),
        x_include: None,
        percent: false,
    }));
    page.html.push_str("<table><tr><th class=\"name\">group</th>");
    for s in &strategies {
        let _ = write!(page.html, "<th>{}</th>", swatch(s));
    }
    page.html.push_str("</tr>");
    for (group, label) in groups.iter().zip(&rows) {
        let _ = write!(page.html, "<tr><td class=\"name\">{}</td>", esc(label));
        for s in &strategies {
            match analysis::geomean(r, s, group.as_deref()) {
                Some(g) => {
                    let _ = write!(
                        page.html,
                        "<td>{} <small>[{}] n={}</small></td>",
                        format_ratio(g.value),
                        interval_text(&g.ci95),
                        g.workloads
                    );
                }
                None => page.html.push_str("<td>–</td>"),
            }
        }
        page.html.push_str("</tr>");
    }
    page.html.push_str("</table>\n");
}

fn speedups(page: &mut Page, r: &Results) {
    page.section("speedup", "Speed-up per workload");
    let strategies = compared_strategies(r);
    if strategies.is_empty() {
        page.empty("Only interp ran: no speed-ups to show yet.");
        return;
    }
    let workloads = r.workloads();
    let series = per_workload(&strategies, &workloads, |w, s| {
        let e = analysis::speedup(r, w, s)?;
        Some((e.value, Some((e.ci95.low, e.ci95.high))))
    });
    page.how(
        "For each workload, how many times faster than interp each strategy ran: median(interp time) / \
         median(strategy time) over the measured iterations of the same run (warm-up excluded, so JIT compile time \
         spent during warm-up is not in it). Log scale: equal distances are equal ratios, and 0.5x is as far left of 1x \
         as 2x is right of it. The bar is a 95% bootstrap interval of the ratio; bars that overlap between two \
         strategies mean this run cannot tell them apart on that workload. A missing dot is a failed cell.",
    );
    page.chart(charts::dot_plot(&DotPlot {
        rows: workloads,
        series,
        log_x: true,
        x_desc: "speed-up over interp (log scale)".into(),
        reference: Some(1.0),
        x_include: None,
        percent: false,
    }));
}

fn matrix(page: &mut Page, r: &Results) {
    page.section("matrix", "Correctness and times");
    page.how(
        "Every cell: green when every warm-up and measured call of run(n) returned the manifest's checksum (from real \
         Go), red with the error otherwise (a Go panic, a wrong checksum, a crash, a time-out or the memory limit). \
         Green cells show the median time of one run(n) call with its 95% bootstrap interval and, below, the speed-up \
         over interp. A yellow cell was still trending at the end (see Steady state).",
    );
    let strategies = r.strategies();
    page.html.push_str("<table><tr><th class=\"name\">workload</th><th class=\"name\">tags</th>");
    for s in &strategies {
        let _ = write!(page.html, "<th>{}</th>", swatch(s));
    }
    page.html.push_str("</tr>");
    for w in r.workloads() {
        let tags = r.cells.iter().find(|c| c.workload == w).map(|c| c.tags.join(", ")).unwrap_or_default();
        let _ = write!(page.html, "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td>", esc(&w), esc(&tags));
        for s in &strategies {
            match r.cell(&w, s) {
                None => page.html.push_str("<td>–</td>"),
                Some(cell) if !cell.correct => {
                    let _ = write!(
                        page.html,
                        "<td class=\"bad\">✗ <b>{}</b><br><small>{}</small></td>",
                        cell.error_kind.map_or("error", |k| k.label()),
                        esc(&first_chars(cell.error.as_deref().unwrap_or(""), 160))
                    );
                }
                Some(cell) => {
                    let class = if cell.steady_state.steady { "ok" } else { "flag" };
                    let median = cell.median_ns.map_or("–".into(), format_ns);
                    let ci = cell.ci95_ns.map_or(String::new(), |ci| {
                        format!(" <small>[{}–{}]</small>", format_ns(ci.low), format_ns(ci.high))
                    });
                    let speed = if s == INTERP {
                        String::new()
                    } else {
                        analysis::speedup(r, &w, s).map_or(String::new(), |e| {
                            format!("<br><small>{} vs interp</small>", format_ratio(e.value))
                        })
                    };
                    let counted = counts::matrix_line(r, &w, s);
                    let _ = write!(page.html, "<td class=\"{class}\">✓ {median}{ci}{speed}{counted}</td>");
                }
            }
        }
        page.html.push_str("</tr>");
    }
    page.html.push_str("</table>\n");
}

fn first_chars(text: &str, n: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > n {
        format!("{}…", line.chars().take(n).collect::<String>())
    } else {
        line.to_string()
    }
}

fn warmup_curves(page: &mut Page, r: &Results) {
    page.section("warmup", "Warm-up curves");
    let _ = writeln!(
        page.html,
        "<p class=\"how\">The time of every call of run(n) in a cell's process, in order: the {} warm-up calls left of \
         the grey line, the measured ones right of it (log scale). A JIT compiles during the first calls, so its curve \
         starts high and drops to its steady state; a curve still falling at the right edge needs more warm-up. Each \
         cell ran in {} process(es): the first is drawn bold, the others light, so the spread between processes (code \
         placement, what shared the core) shows beside the spread within one.</p>",
        r.config.warmup,
        r.config.invocations
    );
    let strategies = r.strategies();
    let key: Vec<String> = strategies.iter().map(|s| swatch(s)).collect();
    let _ = write!(page.html, "<p>{}</p><div class=\"grid\">", key.join(" &nbsp; "));
    for w in r.workloads() {
        page.chart(charts::warmup_chart(&w, &curves(r, &w, &strategies), r.config.warmup));
    }
    page.html.push_str("</div>\n");
}

/// The warm-up curves of `strategies` on workload `w`: one per process of each cell,
/// light ones (later processes) first so the bold ones are drawn on top.
fn curves(r: &Results, w: &str, strategies: &[String]) -> Vec<charts::Curve> {
    let mut curves: Vec<charts::Curve> = strategies
        .iter()
        .filter_map(|s| r.cell(w, s))
        .flat_map(|c| {
            c.invocations().into_iter().enumerate().map(|(k, (warm, measured))| charts::Curve {
                strategy: c.strategy.clone(),
                times_ms: warm.iter().chain(measured).map(|&t| t as f64 / 1e6).collect(),
                faint: k > 0,
            })
        })
        .filter(|curve| !curve.times_ms.is_empty())
        .collect();
    curves.sort_by_key(|curve| !curve.faint);
    curves
}

fn tradeoff(page: &mut Page, r: &Results) {
    page.section("tradeoff", "Compile time vs steady-state speed");
    page.how(
        "The trade-off every tiering decision rests on. Each large dot is a strategy: across the x axis the native \
         compile time it spent per workload (the mean over workloads of the summed compile events of the cell), up \
         the y axis its geometric-mean steady-state speed-up over interp (with its 95% interval). Small dots are single \
         workloads. Up and to the left is cheap and fast; a strategy far to the right must run a function many times \
         before its compile time pays back. interp compiles nothing and sits at the left edge at 1x.",
    );
    let mut points = vec![charts::TradeoffPoint {
        strategy: INTERP.into(),
        compile_ms: 0.0,
        speedup: 1.0,
        interval: Some((1.0, 1.0)),
        labelled: true,
    }];
    for s in jit_strategies(r) {
        let cells: Vec<&Cell> = r.cells.iter().filter(|c| c.strategy == s && c.correct).collect();
        if cells.is_empty() {
            continue;
        }
        let mean_ms = cells.iter().map(|c| c.compile_ns as f64 / 1e6).sum::<f64>() / cells.len() as f64;
        for c in &cells {
            if let Some(e) = analysis::speedup(r, &c.workload, &s) {
                points.push(charts::TradeoffPoint {
                    strategy: s.clone(),
                    compile_ms: c.compile_ns as f64 / 1e6,
                    speedup: e.value,
                    interval: None,
                    labelled: false,
                });
            }
        }
        if let Some(g) = analysis::geomean(r, &s, None) {
            points.push(charts::TradeoffPoint {
                strategy: s.clone(),
                compile_ms: mean_ms,
                speedup: g.value,
                interval: Some((g.ci95.low, g.ci95.high)),
                labelled: true,
            });
        }
    }
    if points.len() == 1 {
        page.empty("No JIT strategy ran: the chart would show interp alone at (0, 1x).");
        return;
    }
    page.chart(charts::tradeoff_chart(&points));
}

fn code_size(page: &mut Page, r: &Results) {
    page.section("codesize", "Code bytes per bytecode instruction");
    let jits = jit_strategies(r);
    let workloads = r.workloads();
    page.how(
        "How much machine code each strategy emits for one bytecode instruction: the native code bytes of every \
         function it compiled in the cell, divided by those functions' bytecode instructions. The top row pools all \
         workloads. Smaller code is cheaper in instruction cache and usually in compile time; inline fast paths make it \
         larger. This number is deterministic, so the gate checks code bytes exactly.",
    );
    if jits.is_empty() {
        page.empty("No JIT strategy ran: interp emits no machine code.");
        return;
    }
    let pooled = |s: &str| {
        let cells: Vec<&Cell> = r.cells.iter().filter(|c| c.strategy == s).collect();
        let bytes: u64 = cells.iter().map(|c| c.code_bytes).sum();
        let instrs: u64 = cells.iter().flat_map(|c| &c.compile_events).map(|e| e.bytecode_instructions).sum();
        (instrs > 0).then(|| bytes as f64 / instrs as f64)
    };
    let (rows, series) = pooled_and_per_workload(&jits, &workloads, "all workloads", pooled, |w, s| {
        r.cell(w, s).and_then(Cell::code_bytes_per_instruction)
    });
    page.chart(charts::dot_plot(&DotPlot {
        rows,
        series,
        log_x: false,
        x_desc: "native code bytes per bytecode instruction".into(),
        reference: None,
        x_include: Some((0.0, 0.0)),
        percent: false,
    }));
}

fn coverage(page: &mut Page, r: &Results) {
    page.section("coverage", "JIT coverage");
    let jits = jit_strategies(r);
    page.how(
        "The share of all bytecode instructions executed in the cell (warm-up included) that ran as native code \
         rather than in the interpreter. Every function is compilable by every strategy (DESIGN §4), so below 100% \
         means time spent before compilation (hotness thresholds), in fall-backs to the interpreter, or in code that \
         was never hot. interp's coverage is 0 by definition. Deterministic: the gate fails on any drop. \
         Measured without touching the timed calls: their code counts nothing; after them, the cell's first process \
         replays init and the same calls in a fresh VM whose code adds each native block's length to a counter \
         (execution is deterministic, so the replay runs exactly what the timed calls ran).",
    );
    if jits.is_empty() {
        page.empty("No JIT strategy ran: interp's coverage is 0 by definition.");
        return;
    }
    let workloads = r.workloads();
    let series = per_workload(&jits, &workloads, |w, s| {
        let c = r.cell(w, s)?;
        c.correct.then_some((c.jit_coverage, None))
    });
    page.chart(charts::dot_plot(&DotPlot {
        rows: workloads,
        series,
        log_x: false,
        x_desc: "executed instructions that ran natively".into(),
        reference: None,
        x_include: Some((0.0, 1.0)),
        percent: true,
    }));
}

/// GC pause time as a share of the time spent in run(n) calls.
fn pause_share(cell: &Cell) -> Option<f64> {
    let run: u64 = cell.warmup_ns.iter().chain(&cell.iterations_ns).sum();
    (run > 0).then(|| cell.gc.total_pause_ns as f64 / run as f64)
}

fn gc(page: &mut Page, r: &Results) {
    page.section("gc", "Garbage collection");
    page.how(
        "The collector's share of the time spent in run(n) calls (all calls of the cell, warm-up included): \
         total pause time divided by total call time. The collector is shared by every strategy, so differences \
         between strategies on one workload come from how much faster the mutator runs (the same pauses weigh more in \
         a shorter run) or from JIT code keeping objects alive differently. The table gives the raw numbers: bytes \
         allocated per run(n) call, collections (minor + major) over the cell, the longest pause, and the peak RSS of \
         the cell's process. For the Go anchor these are Go's own runtime statistics.",
    );
    let strategies = r.strategies();
    let workloads = r.workloads();
    let series = per_workload(&strategies, &workloads, |w, s| Some((pause_share(r.cell(w, s)?)?, None)));
    page.chart(charts::dot_plot(&DotPlot {
        rows: workloads.clone(),
        series,
        log_x: false,
        x_desc: "GC pause time / time in run(n)".into(),
        reference: None,
        x_include: Some((0.0, 0.0)),
        percent: true,
    }));
    page.html.push_str(
        "<table><tr><th class=\"name\">workload</th><th class=\"name\">strategy</th><th>allocated per call</th>\
         <th>collections (minor+major)</th><th>bytes copied</th><th>longest pause</th><th>pause share</th>\
         <th>peak RSS</th></tr>",
    );
    for w in &workloads {
        for s in &strategies {
            let Some(c) = r.cell(w, s) else { continue };
            let calls = (c.warmup_ns.len() + c.iterations_ns.len()).max(1) as f64;
            let _ = write!(
                page.html,
                "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td>{}</td><td>{}+{}</td><td>{}</td><td>{}</td>\
                 <td>{}</td><td>{}</td></tr>",
                esc(w),
                esc(s),
                format_bytes(c.gc.bytes_allocated as f64 / calls),
                c.gc.minor_collections,
                c.gc.major_collections,
                format_bytes(c.gc.bytes_copied as f64),
                format_ns(c.gc.max_pause_ns as f64),
                pause_share(c).map_or("–".into(), |p| format!("{:.1}%", p * 100.0)),
                format_bytes(c.peak_rss_bytes as f64)
            );
        }
    }
    page.html.push_str("</table>\n");
}

fn format_bytes(b: f64) -> String {
    if b >= (1u64 << 30) as f64 {
        format!("{:.2} GiB", b / (1u64 << 30) as f64)
    } else if b >= (1u64 << 20) as f64 {
        format!("{:.1} MiB", b / (1u64 << 20) as f64)
    } else if b >= 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else {
        format!("{b:.0} B")
    }
}

fn steady(page: &mut Page, r: &Results) {
    page.section("steady", "Steady state");
    let _ = writeln!(
        page.html,
        "<p class=\"how\">A cell is in steady state when its measured iterations no longer trend. The check looks at \
         the last half of the measured iterations (at least 4): a Theil–Sen line (the median of pairwise slopes, \
         robust to an outlier) gives the size of the change across that window, and the Mann–Kendall test gives \
         whether the window is monotone at all. A cell is flagged when the change exceeds {:.0}% of the window's \
         median <em>and</em> the trend is significant (|z| &gt; 1.96). A flagged cell's median still moves with the \
         iteration count: raise --warmup (JIT compilation or heap growth still going on), or suspect interference \
         from other processes.</p>",
        stats::STEADY_DRIFT_LIMIT * 100.0
    );
    let flagged: Vec<&Cell> = r.cells.iter().filter(|c| c.correct && !c.steady_state.steady).collect();
    if flagged.is_empty() {
        page.html.push_str("<p class=\"passed\">No correct cell is still trending.</p>\n");
        return;
    }
    page.html.push_str("<table><tr><th class=\"name\">cell</th><th>drift across the window</th></tr>");
    for c in flagged {
        let _ = write!(
            page.html,
            "<tr><td class=\"name\">{}/{}</td><td class=\"flag\">{:+.1}%</td></tr>",
            esc(&c.workload),
            esc(&c.strategy),
            c.steady_state.drift.unwrap_or(0.0) * 100.0
        );
    }
    page.html.push_str("</table>\n");
}

fn comparison(page: &mut Page, r: &Results, base: &Results, name: &str) {
    page.section("compare", "Comparison with the baseline");
    let calibration = |x: &Results| stats::median(&x.calibration_ns.iter().map(|&t| t as f64).collect::<Vec<_>>());
    let same_loop = r.config.calibration_version == base.config.calibration_version;
    let machine_ratio = calibration(r).zip(calibration(base)).map(|(a, b)| a / b).filter(|_| same_loop);
    let _ = writeln!(
        page.html,
        "<p class=\"how\">Each dot is one cell's median time in this run divided by its median time in {} (95% bootstrap \
         interval from both runs' iterations). Left of 1x this run was faster. Raw times across two runs also contain \
         any difference between the machines or their load: the calibration loop took {} as long in this run as in the \
         baseline, so a cell that moved by about that much did not change. The gate's verdict below uses only ratios \
         within each run (to interp and to the calibration loop) and exact counts.</p>",
        esc(name),
        machine_ratio.map_or("(unknown: the runs used different calibration loops)".into(), format_ratio)
    );
    let workloads = r.workloads();
    let strategies = r.strategies();
    let series = per_workload(&strategies, &workloads, |w, s| {
        let now = r.cell(w, s).filter(|c| c.correct)?;
        let then = base.cell(w, s).filter(|c| c.correct && c.n == now.n)?;
        let seed = stats::Rng::seed_from(&format!("compare/{w}/{s}"));
        let e = stats::ratio_of_medians(&now.samples(), &then.samples(), seed)?;
        Some((e.value, Some((e.ci95.low, e.ci95.high))))
    });
    page.chart(charts::dot_plot(&DotPlot {
        rows: workloads,
        series,
        log_x: true,
        x_desc: "median time now / median time in the baseline (log scale)".into(),
        reference: Some(1.0),
        x_include: machine_ratio.map(|m| (m, m)),
        percent: false,
    }));
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    let config = crate::gate::GateConfig::defaults(ci);
    let verdict = crate::gate::gate(base, r, &config);
    let class = if verdict.failed() { "errors" } else { "passed" };
    let _ = writeln!(
        page.html,
        "<h3>What the gate says</h3><div class=\"{class}\"><pre>{}</pre></div>",
        esc(&verdict.render())
    );
}

const RELOAD: &str = "cranelift-reload";
const REGMAP: &str = "cranelift-regmap";

fn method(page: &mut Page, r: &Results) {
    page.section("method", "How these numbers were made");
    let _ = writeln!(
        page.html,
        "<p class=\"how\">Each (workload, strategy) cell ran in its own child process of the harness with a time limit \
         ({:.0} s) and a memory limit ({} MiB of peak resident memory). The child compiled the workload once, called its \
         init, then called run(n) {} times as warm-up and {} times measured, timing each call with a monotonic clock \
         and checking each checksum against the manifest (whose values come from real Go). Strategies of one workload \
         ran back to back in a rotating order, so drift in machine load hits them alike. A crash, hang, memory kill, \
         wrong checksum or Go panic is recorded with its detail and the run goes on.</p>\
         <p class=\"how\">Medians, not means, summarise a cell (timing noise is one-sided). Intervals are 95% percentile \
         bootstrap intervals ({} resamples, seeded: the same file always gives the same intervals). With few iterations \
         an interval is coarse; that is the honest width. Speed-ups are ratios within one run; geometric means weight \
         every workload equally. The raw samples of every cell are in the results file (schema version {}), so every \
         number here can be recomputed.</p>",
        r.config.timeout_s,
        r.config.memory_limit_bytes >> 20,
        r.config.warmup,
        r.config.iterations,
        stats::BOOTSTRAP_RESAMPLES,
        r.schema_version
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{sample_results, CompileEvent};

    const TEMPLATE: &str = "template";
    const TIERED: &str = "tiered";

    #[test]
    fn escapes_html() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    /// A run of fib under interp, template, cranelift-regmap and tiered (2 warm-up + 3
    /// measured calls); tiered compiled `main.run` in init, `main.fib` by template in
    /// call 1 and by cranelift-regmap in call 4, and failed `main.odd`'s second tier in
    /// call 2.
    fn tiered_run() -> Results {
        let mut r = sample_results();
        r.config.warmup = 2;
        r.config.strategies = ["interp", "template", "cranelift-regmap", "tiered"].map(String::from).to_vec();
        let cell = |strategy: &str, scale: u64| {
            let mut c = r.cells[0].clone();
            c.strategy = strategy.into();
            c.warmup_ns = vec![9_000_000 / scale, 5_000_000 / scale];
            c.iterations_ns = vec![2_000_000 / scale, 1_000_000 / scale, 1_000_000 / scale];
            c.invocation_lengths = vec![[2, 3]];
            crate::cell::fill_statistics(&mut c);
            c
        };
        let event = |function: &str, tier: u8, iteration: Option<u64>, bytes: u64| CompileEvent {
            function: function.into(),
            ns: 1_500_000 * u64::from(tier),
            bytes,
            bytecode_instructions: 20,
            generator: if tier == 1 { "template" } else { "cranelift-regmap" }.into(),
            tier,
            iteration,
            error: None,
        };
        let mut tiered = cell("tiered", 3);
        tiered.compile_events = vec![
            event("main.run", 1, None, 111),
            event("main.fib", 1, Some(0), 222),
            event("main.odd", 1, Some(1), 77),
            CompileEvent { error: Some("unsupported <op>".into()), bytes: 0, ..event("main.odd", 2, Some(1), 0) },
            event("main.fib", 2, Some(3), 4444),
        ];
        r.cells = vec![r.cells[0].clone(), cell("template", 2), cell("cranelift-regmap", 4), tiered];
        r
    }

    #[test]
    fn tiering_section_shows_when_each_function_reached_each_tier() {
        let r = tiered_run();
        let html = render(&r, None);
        assert!(html.contains("href=\"#tiering\"") && html.contains("id=\"tiering\""));
        let section = &html[html.find("id=\"tiering\"").unwrap()..html.find("id=\"method\"").unwrap()];
        // The thresholds of the run, and one row per function: call numbers from 1 like
        // the curves, warm-up marked, compile ms and bytes per tier.
        assert!(section.contains("100 calls or 50 loop back edges"), "{section}");
        assert!(section.contains("<td class=\"name\">main.run</td><td>init</td><td>1.50</td><td>111</td><td>–</td>"));
        assert!(section.contains(
            "<td class=\"name\">main.fib</td><td>1 (warm-up)</td><td>1.50</td><td>222</td><td>4</td><td>3.00</td>\
             <td>4444</td>"
        ));
        assert!(section.contains("failed (call 2): unsupported &lt;op&gt;"), "{section}");
        assert!(section.contains(
            "3 functions compiled by template (4.50 ms, 410 bytes), 1 of them recompiled by \
             cranelift-regmap (3.00 ms, 4444 bytes)"
        ));
        // The three-strategy warm-up chart: their colours, not interp's.
        let colour = |s: &str| {
            let c = charts::color(s);
            format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
        };
        assert_eq!(section.matches("<svg").count(), 1);
        for s in [TEMPLATE, REGMAP, TIERED] {
            assert!(section.contains(&colour(s)), "{s} curve");
        }
        assert!(!section.contains(&colour(INTERP)), "interp is not in the tiering view");
        // tiered is in every table and chart of the page.
        for id in ["run", "means", "speedup", "matrix", "warmup", "tradeoff", "codesize", "coverage", "gc"] {
            let start = html.find(&format!("<h2 id=\"{id}\"")).unwrap();
            let end = html[start + 1..].find("<h2").map_or(html.len(), |e| start + 1 + e);
            let part = &html[start..end];
            assert!(part.contains("tiered"), "section {id} lacks tiered");
            if part.contains("<svg") {
                assert!(part.contains(&colour(TIERED)), "a chart of section {id} lacks tiered");
            }
        }
        let mut first_tier_only = r.clone();
        first_tier_only.cells[3].compile_events.retain(|e| e.tier == 1 && e.function == "main.fib");
        let html = render(&first_tier_only, None);
        assert!(html.contains("1 function compiled by template (1.50 ms, 222 bytes), none recompiled"), "{html}");
        assert!(!render(&sample_results(), None).contains("id=\"tiering\""), "only when tiered ran");
    }

    #[test]
    fn every_tiered_pair_gets_a_tiering_section_naming_its_tiers() {
        // The tiered run again, with dynasm+cranelift-reload in tiered's place and
        // beside it: each pair its own section, in its own tiers' words.
        let mut r = tiered_run();
        fn rename(s: &str) -> &str {
            match s {
                "template" => "dynasm",
                "cranelift-regmap" => "cranelift-reload",
                "tiered" => "dynasm+cranelift-reload",
                other => other,
            }
        }
        let mut pair = r.cells[3].clone();
        pair.strategy = rename(&pair.strategy).into();
        for e in &mut pair.compile_events {
            e.generator = rename(&e.generator).into();
        }
        let mut alone = [r.cells[1].clone(), r.cells[2].clone()];
        for c in &mut alone {
            c.strategy = rename(&c.strategy).into();
        }
        r.cells.extend(alone);
        r.cells.push(pair);
        r.config.strategies.extend(["dynasm", "cranelift-reload", "dynasm+cranelift-reload"].map(String::from));
        let html = render(&r, None);
        assert!(html.contains("href=\"#tiering\"") && html.contains("href=\"#tiering-dynasm+cranelift-reload\""));
        let start = html.find("id=\"tiering-dynasm+cranelift-reload\"").expect("the pair's section");
        let section = &html[start..html.find("id=\"method\"").unwrap()];
        assert!(section.contains("Tiering: dynasm+cranelift-reload beside dynasm and cranelift-reload"), "{section}");
        assert!(section.contains("before dynasm compiles a function"), "{section}");
        assert!(section.contains(
            "3 functions compiled by dynasm (4.50 ms, 410 bytes), 1 of them recompiled by cranelift-reload \
             (3.00 ms, 4444 bytes)"
        ));
        assert!(section.contains("tier 1 (dynasm)") && section.contains("tier 2 (cranelift-reload)"));
        assert!(!section.contains("template") && !section.contains("regmap"), "{section}");
        // tiered's section still speaks of its own tiers.
        let tiered = &html[html.find("id=\"tiering\"").unwrap()..start];
        assert!(tiered.contains("compiled by template") && !tiered.contains("dynasm"), "{tiered}");
    }

    #[test]
    fn report_has_every_section_and_marks_errors() {
        let mut r = sample_results();
        r.cells[1].error = Some("panic: <boom>".into());
        let html = render(&r, None);
        for id in [
            "run", "failures", "means", "speedup", "matrix", "warmup", "tradeoff", "codesize", "coverage", "gc",
            "steady", "method",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "missing section {id}");
        }
        assert!(!html.contains("id=\"compare\""));
        assert!(html.contains("1 of 2 cells failed"));
        assert!(html.contains("panic: &lt;boom&gt;"), "errors are escaped");
        assert!(html.contains("class=\"bad\""));
        assert!(!html.contains("<script"), "no scripts");
        assert!(!html.contains("<link") && !html.contains(" src="), "no external resources");
        r.cells[0].compile_failures = 1;
        r.cells[0].compile_events[0].error = Some("unsupported <op>".into());
        let html = render(&r, None);
        assert!(html.contains("Native compilation failed") && html.contains("unsupported &lt;op&gt;"));
        let compared = render(&r, Some((&r, "baseline.json")));
        assert!(compared.contains("id=\"compare\""));
        assert!(compared.contains("What the gate says"));
    }

    #[test]
    fn counted_runs_show_instructions_beside_times() {
        use crate::results::{CountingConfig, InstructionCounts};
        let mut r = sample_results();
        assert!(!render(&r, None).contains("id=\"instructions\""), "no section without a counting pass");
        let counted = |per_call: u64| InstructionCounts {
            warmup: vec![per_call * 3],
            iterations: vec![per_call],
            compile: vec![50_000, 0],
            compiled_bytecode_instructions: 100,
            error: None,
        };
        r.config.counting = Some(CountingConfig { tool: "valgrind-3.19.0 callgrind".into(), warmup: 1, iterations: 1 });
        r.config.strategies = vec!["interp".into(), "template".into(), "dynasm".into()];
        r.cells[0].instructions = Some(counted(10_000_000));
        let mut template = r.cells[0].clone();
        template.strategy = "template".into();
        template.instructions = Some(counted(2_500_000));
        let mut dynasm = template.clone();
        dynasm.strategy = "dynasm".into();
        dynasm.instructions = Some(InstructionCounts { error: Some("crash under <valgrind>".into()), ..counted(1) });
        r.cells = vec![r.cells[0].clone(), template, dynasm];
        let html = render(&r, None);
        let section = &html[html.find("<h2 id=\"instructions\"").expect("the section")..];
        let section = &section[..section[4..].find("<h2").map_or(section.len(), |e| e + 4)];
        assert!(section.contains("valgrind-3.19.0 callgrind") && section.contains("<svg"), "{section}");
        assert!(section.contains("2.50 M") && section.contains("4.00x fewer than interp"), "{section}");
        assert!(section.contains("not counted") && section.contains("crash under &lt;valgrind&gt;"), "{section}");
        // Compile cost: 50 k instructions for 100 bytecode instructions, per strategy.
        assert!(section.contains("<td>100</td><td>500</td>"), "{section}");
        // And under the time in the matrix.
        assert!(html.contains("2.50 M instr, 4.00x fewer"));
    }
}
