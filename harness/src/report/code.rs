//! The report's "Code" section: per workload, its hottest function's bytecode and the
//! machine code every JIT strategy makes of it, side by side, one row per bytecode
//! instruction with the instructions and bytes each strategy spent on it. Collapsed by
//! default (`<details>`): a reader opens the workloads they care about.

use std::fmt::Write;

use super::{esc, Page};
use crate::code_view::{Chunk, FunctionCode, Listing};
use vm::jit::code_map::CodeKind;

/// Extra style of the section (appended to the page's).
pub(super) const STYLE: &str = r#"
details.code { margin: 0.3em 0; } details.code summary { cursor: pointer; }
div.codeview { overflow-x: auto; max-width: 100%; }
table.code td, table.code th { text-align: left; font-size: 0.8em; }
table.code pre { margin: 0; padding: 0.1em 0.3em; background: none; white-space: pre; font-size: 1em; }
table.code td.cost { color: #555; white-space: nowrap; }
table.code tr.part td { background: #f7f7f7; }
"#;

/// The section: the functions `codes` (one per workload) under `results`' strategies.
pub(super) fn section(page: &mut Page, codes: &[FunctionCode]) {
    page.section("code", "Code");
    page.how(
        "Why one strategy is faster: for each workload, the function that executed the most bytecode \
         instructions natively in the counting replay (under <code>template</code>, which inlines nothing), \
         its bytecode, and the x86-64 code each JIT strategy makes of it (Intel syntax, offsets from the \
         function's first byte), aligned by bytecode instruction. Each cell gives the machine instructions and \
         bytes of that instruction's inline code; code that no single instruction owns (register moves and \
         jumps between blocks, a register cache's write-back) follows the instruction it comes after, marked \
         <i>glue</i>. Entry code, slow paths (out-of-line code serving one instruction) and shared exits have \
         rows of their own. Cranelift tags each IR instruction with its bytecode pc, but its optimizer rebuilds \
         much pure arithmetic (constants folded into operands, rewritten expressions) as new instructions without \
         the tag: that code is real work of the loop, shown as glue after the instruction it follows, so \
         Cranelift's per-instruction counts are a lower bound and its totals row is the number to compare. The code is compiled by this build for a fresh VM, as the first compilation in a \
         run makes it: under <code>tiered</code> that is its first tier (template code with tier-up countdowns); \
         its second tier is the <code>cranelift-regmap</code> column. Reproduce one with \
         <code>harness run FILE --strategy S --dump-asm FUNC</code>.",
    );
    if codes.is_empty() {
        page.empty("No code to show: no JIT cell has a counting replay (interp only, or every JIT cell failed).");
        return;
    }
    for code in codes {
        function(page, code);
    }
}

fn function(page: &mut Page, code: &FunctionCode) {
    let html = &mut page.html;
    let instrs = code.bytecode.iter().filter(|l| !l.is_empty()).count();
    let sizes: Vec<String> = (code.columns.iter())
        .map(|(s, l)| match l {
            Ok(l) => format!("{s} {} B", l.code_bytes),
            Err(_) => format!("{s} failed"),
        })
        .collect();
    let _ = writeln!(
        html,
        "<details class=\"code\"><summary><b>{}</b>: <code>{}</code>, {instrs} bytecode instructions; code bytes: {}</summary>",
        esc(&code.workload),
        esc(&code.function),
        esc(&sizes.join(", "))
    );
    html.push_str("<div class=\"codeview\"><table class=\"code\"><tr><th>pc</th><th>bytecode</th>");
    for (s, l) in &code.columns {
        let tier = match l {
            Ok(l) if l.generator != *s => format!("<br><small>({} code)</small>", esc(&l.generator)),
            _ => String::new(),
        };
        let _ = write!(html, "<th colspan=\"2\">{}{tier}</th>", esc(s));
    }
    html.push_str("</tr>\n");
    let listings: Vec<Option<&Listing>> = code.columns.iter().map(|(_, l)| l.as_ref().ok()).collect();
    part_row(html, "entry", &listings, |l| l.entry.iter().collect());
    for (pc, line) in code.bytecode.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let _ = write!(html, "<tr><td>{pc}</td><td><code>{}</code></td>", esc(line));
        for l in &listings {
            match l {
                Some(l) => {
                    let (n, b) = l.inline_cost(pc);
                    let _ = write!(html, "<td class=\"cost\">{n} · {b} B</td><td>{}</td>", asm(l.per_pc[pc].iter()));
                }
                None => html.push_str("<td></td><td></td>"),
            }
        }
        html.push_str("</tr>\n");
    }
    part_row(html, "slow paths", &listings, |l| l.slow.iter().flatten().collect());
    part_row(html, "exits and data", &listings, |l| l.rest.iter().collect());
    html.push_str("<tr class=\"part\"><td></td><td>the body: inline code and glue</td>");
    for l in &listings {
        match l {
            Some(l) => {
                let body = l.per_pc.iter().flatten();
                let (n, b) = body.fold((0, 0), |a, c| (a.0 + c.lines.len(), a.1 + c.bytes()));
                let _ = write!(html, "<td class=\"cost\">{n} · {b} B</td><td>of {} B</td>", l.code_bytes);
            }
            None => html.push_str("<td></td><td></td>"),
        }
    }
    html.push_str("</tr>\n</table></div>");
    for (s, l) in &code.columns {
        if let Err(e) = l {
            let _ = write!(html, "<p class=\"empty\">{}: {}</p>", esc(s), esc(e));
        }
    }
    html.push_str("</details>\n");
}

/// A row of code that serves no single pc (or several: slow paths, labelled by pc).
fn part_row(html: &mut String, title: &str, listings: &[Option<&Listing>], chunks: impl Fn(&Listing) -> Vec<&Chunk>) {
    let _ = write!(html, "<tr class=\"part\"><td></td><td>{title}</td>");
    for l in listings {
        match l {
            Some(l) => {
                let chunks = chunks(l);
                let n: usize = chunks.iter().map(|c| c.lines.len()).sum();
                let b: usize = chunks.iter().map(|c| c.bytes()).sum();
                let _ = write!(html, "<td class=\"cost\">{n} · {b} B</td><td>{}</td>", asm(chunks.into_iter()));
            }
            None => html.push_str("<td></td><td></td>"),
        }
    }
    html.push_str("</tr>\n");
}

/// The chunks' instructions as one `<pre>` (a slow path's lines headed by its pc).
fn asm<'a>(chunks: impl Iterator<Item = &'a Chunk>) -> String {
    let mut text = String::new();
    let mut last_pc = None;
    for c in chunks {
        if c.kind == CodeKind::SlowPath && c.pc != last_pc {
            let _ = writeln!(text, "; pc {}", c.pc.unwrap_or(0));
            last_pc = c.pc;
        }
        let glue = if c.kind == CodeKind::Glue { "  ; glue" } else { "" };
        for l in &c.lines {
            let _ = writeln!(text, "{:04x}  {}{glue}", l.offset, l.text);
        }
    }
    if text.is_empty() {
        return String::new();
    }
    format!("<pre>{}</pre>", esc(text.trim_end()))
}
