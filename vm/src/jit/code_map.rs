//! What each byte of compiled code is for, and where compiled code is shown.
//!
//! - [`PcMap`]: part of the contract (every strategy returns one in
//!   [`Compiled::pc_map`](super::Compiled::pc_map)): the function's machine code cut into
//!   ranges, each the inline code of one bytecode instruction, an out-of-line slow path
//!   serving one, entry code, glue between instructions, or data. Recorded while the code
//!   is emitted (a push per instruction), so it costs compilation next to nothing.
//! - [`CodeLog`]: what a VM keeps of its compilations when asked
//!   ([`JitOptions::keep_code`](super::JitOptions::keep_code): a copy of each function's
//!   bytes with its pc map and IR, for `harness run --dump-asm` and the report's code
//!   view) and the perf map it appends to ([`JitOptions::perf_map`](super::JitOptions::perf_map)).
//!
//! Nothing here runs in native code or is read by it; with neither option set a VM keeps
//! nothing and writes nothing.

use std::io::Write;

/// What a range of machine code does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// Entry code: the prologue, the dispatch on the `entry` argument, the call entry.
    Entry,
    /// The inline code of one bytecode instruction.
    Instr,
    /// Out-of-line code serving one bytecode instruction: a helper behind a failed
    /// check, a preemption tick, a write barrier's slow path, a call's slow path.
    SlowPath,
    /// Code no single instruction owns: register moves and jumps between blocks,
    /// write-backs at block ends, shared exits and the epilogue.
    Glue,
    /// Not instructions: constants and padding after the code.
    Data,
}

/// One range of a function's machine code: bytes `start..end` (offsets from the
/// function's first byte), of kind `kind`, serving bytecode instruction `pc` (always
/// set for [`CodeKind::Instr`] and [`CodeKind::SlowPath`], never for the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRange {
    pub start: u32,
    pub end: u32,
    pub kind: CodeKind,
    pub pc: Option<u32>,
}

/// A compiled function's pc map: ranges in address order, covering every byte of its
/// code exactly once (see [`PcMap::check`]). One instruction may own several ranges
/// (an optimizer moves code; slow paths sit after the body).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PcMap {
    pub ranges: Vec<CodeRange>,
}

impl PcMap {
    /// Check the map of a function of `code_bytes` bytes and `instrs` bytecode
    /// instructions: ranges non-empty, in order, adjacent, from 0 to `code_bytes`, each
    /// pc below `instrs` and present exactly for `Instr` and `SlowPath`.
    pub fn check(&self, code_bytes: usize, instrs: usize) -> Result<(), String> {
        let mut at = 0u32;
        for r in &self.ranges {
            if r.start != at {
                return Err(format!("range {r:?} starts at {} (the previous one ended at {at})", r.start));
            }
            if r.end <= r.start {
                return Err(format!("range {r:?} is empty"));
            }
            let wants_pc = matches!(r.kind, CodeKind::Instr | CodeKind::SlowPath);
            match r.pc {
                Some(pc) if !wants_pc => return Err(format!("range {r:?} names pc {pc}")),
                Some(pc) if pc as usize >= instrs => return Err(format!("range {r:?}: pc {pc} of {instrs}")),
                None if wants_pc => return Err(format!("range {r:?} names no pc")),
                _ => {}
            }
            at = r.end;
        }
        if at as usize != code_bytes {
            return Err(format!("the ranges end at {at}, the code at {code_bytes}"));
        }
        Ok(())
    }

    /// Bytes per kind, and for `Instr` per pc: `(instr_bytes[pc], slow_bytes[pc])`.
    pub fn bytes_per_pc(&self, instrs: usize) -> (Vec<u32>, Vec<u32>) {
        let (mut inline, mut slow) = (vec![0; instrs], vec![0; instrs]);
        for r in &self.ranges {
            match (r.kind, r.pc) {
                (CodeKind::Instr, Some(pc)) => inline[pc as usize] += r.end - r.start,
                (CodeKind::SlowPath, Some(pc)) => slow[pc as usize] += r.end - r.start,
                _ => {}
            }
        }
        (inline, slow)
    }
}

/// Builds a [`PcMap`] while code is emitted: `mark` where each range starts, `finish`
/// at the code's end. Marks at the same offset replace each other (the last wins), a
/// mark of the kind and pc already open is ignored, so emitters can mark freely.
#[derive(Default)]
pub struct PcMapBuilder {
    ranges: Vec<CodeRange>,
}

impl PcMapBuilder {
    pub fn new() -> PcMapBuilder {
        PcMapBuilder::default()
    }

    /// A builder with room for `ranges` ranges (about one per bytecode instruction and
    /// stub: growing the vector cost template a tenth of its compile time).
    pub fn with_capacity(ranges: usize) -> PcMapBuilder {
        PcMapBuilder { ranges: Vec::with_capacity(ranges) }
    }

    /// Code from `offset` on is of `kind`, serving `pc`.
    #[inline]
    pub fn mark(&mut self, offset: usize, kind: CodeKind, pc: Option<u32>) {
        let offset = offset as u32;
        if let Some(last) = self.ranges.last_mut() {
            if last.kind == kind && last.pc == pc {
                return;
            }
            if last.start == offset {
                self.ranges.pop();
                // The range before may now continue with this kind and pc.
                if self.ranges.last().is_some_and(|l| l.kind == kind && l.pc == pc) {
                    return;
                }
            }
        }
        self.ranges.push(CodeRange { start: offset, end: offset, kind, pc });
    }

    /// The map of code that ends at `end`.
    pub fn finish(mut self, end: usize) -> PcMap {
        let end = end as u32;
        for i in 0..self.ranges.len() {
            let next = self.ranges.get(i + 1).map_or(end, |r| r.start);
            self.ranges[i].end = next;
        }
        self.ranges.retain(|r| r.end > r.start);
        PcMap { ranges: self.ranges }
    }
}

/// One compiled function as a VM kept it ([`JitOptions::keep_code`](super::JitOptions::keep_code)).
#[derive(Clone, Debug)]
pub struct CodeRecord {
    pub func: u32,
    /// The function's bytecode name (`main.fib`).
    pub name: String,
    /// The code generator (the strategy's name, or for `tiered` the tier's).
    pub generator: &'static str,
    pub tier: u8,
    /// Where the code was (it may have been freed since: `tiered` retires code).
    pub address: usize,
    /// A copy of the machine code.
    pub bytes: Vec<u8>,
    pub pc_map: PcMap,
    pub compile_ns: u64,
    /// The strategy's intermediate representation by stage, when asked for
    /// ([`CompileEnv::keep_ir`](super::CompileEnv::keep_ir)): e.g. Cranelift's CLIF
    /// before and after optimization.
    pub ir: Vec<(String, String)>,
}

/// What a VM keeps and writes of its compilations (see the module doc).
#[derive(Default)]
pub(crate) struct CodeLog {
    /// Keep [`CodeRecord`]s.
    pub keep: bool,
    pub records: Vec<CodeRecord>,
    /// The perf map being appended to, once opened.
    pub perf: Option<PerfMap>,
}

impl CodeLog {
    /// Account for one successful compilation.
    pub fn compiled(
        &mut self,
        program: &crate::bytecode::Program,
        func: u32,
        generator: &'static str,
        tier: u8,
        compile_ns: u64,
        c: &mut super::Compiled,
    ) {
        let name = &program.funcs[func as usize].name;
        let address = c.entry as usize;
        if let Some(perf) = &mut self.perf {
            perf.append(address, c.code_bytes, &format!("{name} [{generator}]"));
        }
        if self.keep {
            // SAFETY: a strategy's `Compiled` describes `code_bytes` bytes of readable
            // code from its entry (the contract of `Compiled::pc_map`), just compiled.
            let bytes = unsafe { std::slice::from_raw_parts(c.entry as *const u8, c.code_bytes) }.to_vec();
            self.records.push(CodeRecord {
                func,
                name: name.clone(),
                generator,
                tier,
                address,
                bytes,
                pc_map: std::mem::take(&mut c.pc_map),
                compile_ns,
                ir: std::mem::take(&mut c.ir),
            });
        }
    }
}

/// The map file Linux `perf` reads to name code without symbols: `/tmp/perf-<pid>.map`
/// (the system temp directory), one line per function, `START SIZE NAME` with start and
/// size in hex. Appended at each compilation and flushed, so it is complete whenever the
/// process stops. Code freed while the map is written is never reused (the VM keeps
/// retired code mapped, see `tiered`), so its ranges never overlap.
pub(crate) struct PerfMap {
    file: std::fs::File,
}

impl PerfMap {
    /// The file name `perf` looks for for process `pid`.
    pub fn path(pid: u32) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("perf-{pid}.map"))
    }

    /// Open (append to) this process's map.
    pub fn open() -> Result<PerfMap, String> {
        let path = PerfMap::path(std::process::id());
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(PerfMap { file })
    }

    fn append(&mut self, start: usize, size: usize, name: &str) {
        // A map that cannot be written loses a line; the program runs on.
        let _ = writeln!(self.file, "{start:x} {size:x} {name}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_merges_and_replaces_marks() {
        let mut b = PcMapBuilder::new();
        b.mark(0, CodeKind::Entry, None);
        b.mark(10, CodeKind::Instr, Some(0));
        b.mark(10, CodeKind::Instr, Some(1)); // pc 0 emitted nothing
        b.mark(14, CodeKind::Instr, Some(1)); // same range goes on
        b.mark(20, CodeKind::Glue, None);
        b.mark(20, CodeKind::Instr, Some(1)); // back to the open range's kind
        b.mark(25, CodeKind::SlowPath, Some(0));
        let map = b.finish(30);
        let got: Vec<_> = map.ranges.iter().map(|r| (r.start, r.end, r.kind, r.pc)).collect();
        assert_eq!(
            got,
            vec![
                (0, 10, CodeKind::Entry, None),
                (10, 25, CodeKind::Instr, Some(1)),
                (25, 30, CodeKind::SlowPath, Some(0)),
            ]
        );
        map.check(30, 2).unwrap();
        assert!(map.check(31, 2).is_err());
        assert!(map.check(30, 1).is_err());
        assert_eq!(map.bytes_per_pc(2), (vec![0, 15], vec![5, 0]));
    }

    #[test]
    fn check_rejects_gaps_and_missing_pcs() {
        let r = |start, end, kind, pc| CodeRange { start, end, kind, pc };
        let gap = PcMap { ranges: vec![r(0, 4, CodeKind::Entry, None), r(5, 8, CodeKind::Glue, None)] };
        assert!(gap.check(8, 1).is_err());
        let no_pc = PcMap { ranges: vec![r(0, 4, CodeKind::Instr, None)] };
        assert!(no_pc.check(4, 1).is_err());
        let stray_pc = PcMap { ranges: vec![r(0, 4, CodeKind::Glue, Some(0))] };
        assert!(stray_pc.check(4, 1).is_err());
    }
}
