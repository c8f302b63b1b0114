//! Machine code beside the bytecode it came from: a compiled function's code, cut by its
//! pc map (`vm::jit::code_map`) and disassembled with iced-x86 (Intel syntax, offsets
//! from the function's first byte), grouped by the bytecode instruction each range
//! serves. `harness run --dump-asm` prints a [`Listing`] as text ([`Listing::text`]);
//! the report's "Code" section puts one function's listings under every strategy side
//! by side ([`FunctionCode`], `report/code.rs`).
//!
//! A listing holds every byte of the code exactly once: the entry code first, then per
//! bytecode instruction its inline ranges (with the glue right after them, such as a
//! register cache's write-back at a block's end), then the slow paths by the pc they
//! serve, then the rest (shared exits, the epilogue) and data.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, OpKind};
use vm::bytecode::{Function, Program};
use vm::jit::blocks::width;
use vm::jit::code_map::{CodeKind, CodeRecord};

/// One machine instruction (or, in data, up to 16 bytes).
#[derive(Clone, Debug)]
pub struct AsmLine {
    /// Offset from the function's first byte.
    pub offset: u32,
    pub bytes: Vec<u8>,
    /// Intel syntax; `.byte ...` for data.
    pub text: String,
    /// The decoder accepted it (always true for data).
    pub valid: bool,
}

/// One range of the pc map, disassembled.
#[derive(Clone, Debug)]
pub struct Chunk {
    pub kind: CodeKind,
    pub pc: Option<u32>,
    pub lines: Vec<AsmLine>,
}

impl Chunk {
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(|l| l.bytes.len()).sum()
    }
}

/// A compiled function's code grouped by bytecode instruction (see the module doc).
#[derive(Clone, Debug)]
pub struct Listing {
    pub name: String,
    pub generator: String,
    pub tier: u8,
    pub code_bytes: usize,
    pub compile_ns: u64,
    pub entry: Vec<Chunk>,
    /// Per pc: its inline ranges, each followed by the glue right after it.
    pub per_pc: Vec<Vec<Chunk>>,
    /// Per pc: its slow paths.
    pub slow: Vec<Vec<Chunk>>,
    /// Glue that follows no instruction, and data.
    pub rest: Vec<Chunk>,
    /// The function's bytecode, one line per pc (empty for the second word of a wide
    /// instruction).
    pub bytecode: Vec<String>,
}

impl Listing {
    /// The listing of `record`, a function of `program`.
    pub fn of(record: &CodeRecord, program: &Program) -> Listing {
        let f = &program.funcs[record.func as usize];
        let n = f.code.len();
        let mut listing = Listing {
            name: record.name.clone(),
            generator: record.generator.to_string(),
            tier: record.tier,
            code_bytes: record.bytes.len(),
            compile_ns: record.compile_ns,
            entry: Vec::new(),
            per_pc: vec![Vec::new(); n],
            slow: vec![Vec::new(); n],
            rest: Vec::new(),
            bytecode: bytecode_lines(program, f),
        };
        let mut formatter = formatter();
        let chunks: Vec<Chunk> = (record.pc_map.ranges.iter())
            .map(|r| {
                let (start, end) = (r.start as usize, (r.end as usize).min(record.bytes.len()));
                let lines = match r.kind {
                    CodeKind::Data => data_lines(&record.bytes[start..end], r.start),
                    _ => decode(&mut formatter, &record.bytes[start..end], r.start),
                };
                Chunk { kind: r.kind, pc: r.pc, lines }
            })
            .collect();
        let instr_pc = |i: Option<usize>| {
            i.and_then(|i: usize| chunks.get(i)).filter(|c| c.kind == CodeKind::Instr).and_then(|c| c.pc)
        };
        for (i, chunk) in chunks.iter().enumerate() {
            let owner = match (chunk.kind, chunk.pc) {
                (CodeKind::Glue, _) => glue_owner(chunk, instr_pc(i.checked_sub(1)), instr_pc(Some(i + 1))),
                (CodeKind::Instr, pc) => pc,
                _ => None,
            };
            let chunk = chunk.clone();
            match (chunk.kind, chunk.pc, owner) {
                (CodeKind::Entry, _, _) => listing.entry.push(chunk),
                (CodeKind::SlowPath, Some(pc), _) => listing.slow[pc as usize].push(chunk),
                (_, _, Some(pc)) => listing.per_pc[pc as usize].push(chunk),
                _ => listing.rest.push(chunk),
            }
        }
        listing
    }

    /// Machine instructions and bytes of pc's inline ranges (glue not counted).
    pub fn inline_cost(&self, pc: usize) -> (usize, usize) {
        let inline = self.per_pc[pc].iter().filter(|c| c.kind == CodeKind::Instr);
        inline.fold((0, 0), |(i, b), c| (i + c.lines.len(), b + c.bytes()))
    }

    /// The listing as `harness run --dump-asm` prints it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let tier = if self.tier > 1 { format!(", tier {}", self.tier) } else { String::new() };
        let _ = writeln!(
            out,
            "== {} [{}{tier}]: {} code bytes, {} bytecode instructions, compiled in {:.1} µs",
            self.name,
            self.generator,
            self.code_bytes,
            self.bytecode.iter().filter(|l| !l.is_empty()).count(),
            self.compile_ns as f64 / 1e3
        );
        chunks_text(&mut out, "entry", &self.entry);
        for (pc, line) in self.bytecode.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (instrs, bytes) = self.inline_cost(pc);
            let _ = writeln!(out, "-- {pc:>4}  {line}    ; {instrs} instructions, {bytes} bytes");
            lines_text(&mut out, self.per_pc[pc].iter());
        }
        if self.slow.iter().any(|s| !s.is_empty()) {
            let _ = writeln!(out, "-- slow paths");
            for (pc, chunks) in self.slow.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let _ = writeln!(out, "-- {pc:>4}  {} (slow path)", self.bytecode[pc]);
                lines_text(&mut out, chunks.iter());
            }
        }
        chunks_text(&mut out, "exits and data", &self.rest);
        out
    }
}

/// Which instruction's row glue is shown in (the pc map says no instruction owns it):
/// the moves and jump that end in a branch belong to the instruction before; other glue
/// right before an instruction is work placed for it (Cranelift's optimizer rebuilds pure
/// arithmetic without its tag, just before its first use), else it follows the one before.
fn glue_owner(glue: &Chunk, before: Option<u32>, after: Option<u32>) -> Option<u32> {
    let ends_block = glue.lines.last().is_some_and(|l| l.text.starts_with("jmp") || l.text.starts_with("ret"));
    if ends_block && before.is_some() {
        return before;
    }
    after.or(before)
}

fn chunks_text(out: &mut String, title: &str, chunks: &[Chunk]) {
    if !chunks.is_empty() {
        let _ = writeln!(out, "-- {title}");
        lines_text(out, chunks.iter());
    }
}

fn lines_text<'a>(out: &mut String, chunks: impl Iterator<Item = &'a Chunk>) {
    for c in chunks {
        let glue = if c.kind == CodeKind::Glue { "  ; glue" } else { "" };
        for l in &c.lines {
            let hex: String = l.bytes.iter().map(|b| format!("{b:02x}")).collect();
            let _ = writeln!(out, "   {:04x}  {hex:<20} {}{glue}", l.offset, l.text);
        }
    }
}

/// The function's bytecode, one line per pc (the second word of a wide instruction is
/// an empty line).
pub fn bytecode_lines(program: &Program, f: &Function) -> Vec<String> {
    let mut lines = vec![String::new(); f.code.len()];
    let mut pc = 0;
    while pc < f.code.len() {
        lines[pc] = program.format_instr(f, pc, f.code[pc]);
        pc += width(f.code[pc]);
    }
    lines
}

fn formatter() -> IntelFormatter {
    let mut f = IntelFormatter::new();
    let o = f.options_mut();
    o.set_hex_prefix("0x");
    o.set_hex_suffix("");
    o.set_uppercase_hex(false);
    o.set_space_after_operand_separator(true);
    o.set_branch_leading_zeros(false);
    o.set_leading_zeros(false);
    f
}

/// Decode `bytes`, which start at offset `at` of the function.
fn decode(formatter: &mut IntelFormatter, bytes: &[u8], at: u32) -> Vec<AsmLine> {
    let mut decoder = Decoder::with_ip(64, bytes, at as u64, DecoderOptions::NONE);
    let mut lines = Vec::new();
    let mut ins = Instruction::default();
    while decoder.can_decode() {
        let pos = decoder.position();
        decoder.decode_out(&mut ins);
        let mut text = String::new();
        let valid = !ins.is_invalid();
        if valid {
            formatter.format(&ins, &mut text);
            // A helper's address loaded for a call: name it.
            let helper = (0..ins.op_count()).find_map(|i| match ins.op_kind(i) {
                OpKind::Immediate64 => vm::jit::helpers::helper_name(ins.immediate64()),
                _ => None,
            });
            if let Some(name) = helper {
                let _ = write!(text, "  ; {name}");
            }
        } else {
            text.push_str("(bad)");
        }
        // An invalid instruction takes one byte: decoding goes on after it.
        let len = if valid { ins.len() } else { 1 }.min(bytes.len() - pos);
        lines.push(AsmLine { offset: at + pos as u32, bytes: bytes[pos..pos + len].to_vec(), text, valid });
        if !valid {
            let _ = decoder.set_position(pos + len);
        }
    }
    lines
}

fn data_lines(bytes: &[u8], at: u32) -> Vec<AsmLine> {
    (bytes.chunks(16).enumerate())
        .map(|(i, b)| AsmLine {
            offset: at + 16 * i as u32,
            bytes: b.to_vec(),
            text: format!(".byte {}", b.iter().map(|x| format!("0x{x:02x}")).collect::<Vec<_>>().join(", ")),
            valid: true,
        })
        .collect()
}

/// Whether `name` picks function `full` (`main.fib`): the whole name, or the part after
/// the package (`fib`, `(*Tree).insert`).
pub fn name_matches(full: &str, name: &str) -> bool {
    full == name || full.split_once('.').is_some_and(|(_, rest)| rest == name)
}

/// One function's code under several strategies, for the report.
#[derive(Clone, Debug)]
pub struct FunctionCode {
    pub workload: String,
    pub function: String,
    /// Its bytecode, one line per pc (see [`bytecode_lines`]).
    pub bytecode: Vec<String>,
    /// Per strategy: its listing, or why there is none.
    pub columns: Vec<(String, Result<Listing, String>)>,
}

/// Compile `function` of the program in `file` under each of `strategies` (JIT ones;
/// the others are skipped) as hotness would, and disassemble it. The code is this
/// build's, compiled for a fresh VM (so it is what a run compiles first: under `tiered`
/// the first tier, with its tier-up countdowns).
pub fn function_code(workload: &str, file: &Path, function: &str, strategies: &[&str]) -> Result<FunctionCode, String> {
    let source = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let program = Arc::new(vm::compile_source(&source, &file.to_string_lossy()).map_err(|e| e.to_string())?);
    let func = program.func_by_name(function).ok_or_else(|| format!("{}: no function {function}", file.display()))?;
    let mut columns = Vec::new();
    for &s in strategies.iter().filter(|&&s| s != crate::strategies::INTERP && s != crate::strategies::GO_ANCHOR) {
        let jit = vm::jit::JitOptions { keep_code: true, ..Default::default() };
        let options = vm::VmOptions { jit, ..Default::default() };
        let listing = crate::strategies::Engine::new(s, program.clone(), options).and_then(|mut engine| {
            if !engine.compile_now(func) {
                return Err("compilation failed".to_string());
            }
            let record = engine.jit_code().iter().rev().find(|r| r.func == func.0).ok_or("no code kept")?;
            Ok(Listing::of(record, &program))
        });
        columns.push((s.to_string(), listing));
    }
    let bytecode = bytecode_lines(&program, &program.funcs[func.0 as usize]);
    Ok(FunctionCode { workload: workload.to_string(), function: function.to_string(), bytecode, columns })
}

/// The strategy whose counting replay names a workload's hottest function: `template`
/// inlines nothing, so its counts are per bytecode function (Cranelift counts an
/// inlined callee's instructions in its caller).
pub const PROFILE_STRATEGY: &str = "template";

/// For the report: per workload of `results` (files from `workloads`), its hottest
/// function (from the cells' `hot_functions`: [`PROFILE_STRATEGY`]'s, else the first JIT
/// cell's that has some) under each JIT strategy of the run. Workloads without a
/// profile or a source are left out.
pub fn hottest_functions(
    results: &crate::results::Results,
    workloads: &[crate::manifest::Workload],
) -> Vec<FunctionCode> {
    let strategies: Vec<&str> = results.config.strategies.iter().map(String::as_str).collect();
    let mut codes = Vec::new();
    for name in &results.config.workloads {
        let cells: Vec<_> =
            results.cells.iter().filter(|c| &c.workload == name && !c.hot_functions.is_empty()).collect();
        let cell = cells.iter().find(|c| c.strategy == PROFILE_STRATEGY).or(cells.first());
        let (Some(cell), Some(w)) = (cell, workloads.iter().find(|w| &w.name == name)) else { continue };
        match function_code(name, &w.file, &cell.hot_functions[0].name, &strategies) {
            Ok(code) => codes.push(code),
            Err(e) => eprintln!("harness: warning: no code view of {name}: {e}"),
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_with_or_without_the_package() {
        assert!(name_matches("main.fib", "main.fib"));
        assert!(name_matches("main.fib", "fib"));
        assert!(name_matches("main.(*Tree).insert", "(*Tree).insert"));
        assert!(!name_matches("main.fib", "fi"));
        assert!(!name_matches("main.fibs", "fib"));
    }

    #[test]
    fn decodes_and_resynchronises() {
        let mut f = formatter();
        // push rbp; mov rbp, rsp; (bad: 0x06 is invalid in 64-bit mode); ret
        let lines = decode(&mut f, &[0x55, 0x48, 0x89, 0xe5, 0x06, 0xc3], 0x10);
        let got: Vec<_> = lines.iter().map(|l| (l.offset, l.text.as_str(), l.valid)).collect();
        assert_eq!(
            got,
            vec![(0x10, "push rbp", true), (0x11, "mov rbp, rsp", true), (0x14, "(bad)", false), (0x15, "ret", true)]
        );
    }
}
