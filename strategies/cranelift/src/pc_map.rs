//! The pc map of a Cranelift function (`vm::jit::code_map`), through source locations:
//! the translator tags every IR instruction with a [`SourceLoc`] naming the bytecode pc
//! it came from, or entry or glue code; [`mark_cold`] flags the instructions of cold
//! blocks (the out-of-line exits) as slow paths before compilation; Cranelift carries the
//! tags through optimization and register allocation to machine-code ranges, which
//! [`from_srclocs`] turns into the map. Instructions without a tag are what Cranelift
//! adds itself: the prologue (entry) and moves between instructions (glue); bytes after
//! the last instruction are the constant pool (data).

use cranelift_codegen::ir::{Function, SourceLoc};
use cranelift_codegen::{Final, MachSrcLoc};
use vm::jit::code_map::{CodeKind, PcMap, PcMapBuilder};

/// Tags above every pc: the entry dispatch and the exits shared by all instructions.
const ENTRY_BITS: u32 = 0x7fff_fff0;
const GLUE_BITS: u32 = 0x7fff_fff1;
/// Set on the pc of an instruction in a cold block.
const SLOW: u32 = 0x4000_0000;

/// The tag of the entry dispatch.
pub(crate) fn entry() -> SourceLoc {
    SourceLoc::new(ENTRY_BITS)
}

/// The tag of code shared by all instructions (block entries, the exit).
pub(crate) fn glue() -> SourceLoc {
    SourceLoc::new(GLUE_BITS)
}

/// The tag of bytecode instruction `pc`.
pub(crate) fn of_pc(pc: usize) -> SourceLoc {
    debug_assert!(pc < SLOW as usize);
    SourceLoc::new(pc as u32)
}

/// Flag the instructions of `func`'s cold blocks that came from a pc as slow paths.
pub(crate) fn mark_cold(func: &mut Function) {
    let cold: Vec<_> = func.layout.blocks().filter(|&b| func.layout.is_cold(b)).collect();
    for block in cold {
        let insts: Vec<_> = func.layout.block_insts(block).collect();
        for inst in insts {
            let loc = func.srcloc(inst);
            if !loc.is_default() && loc.bits() < SLOW {
                func.set_srcloc(inst, SourceLoc::new(loc.bits() | SLOW));
            }
        }
    }
}

/// The pc map of code of `code_bytes` bytes whose tagged ranges are `srclocs` (sorted
/// by offset, as Cranelift gives them).
pub(crate) fn from_srclocs(srclocs: &[MachSrcLoc<Final>], code_bytes: usize) -> PcMap {
    let mut map = PcMapBuilder::new();
    let mut at = 0;
    for r in srclocs {
        let (start, end) = (r.start as usize, r.end as usize);
        if start > at {
            map.mark(at, if at == 0 { CodeKind::Entry } else { CodeKind::Glue }, None);
        }
        let bits = r.loc.bits();
        let (kind, pc) = match bits {
            // Instructions Cranelift made without a tag (the prologue, moves).
            _ if r.loc.is_default() => (if start == 0 { CodeKind::Entry } else { CodeKind::Glue }, None),
            ENTRY_BITS => (CodeKind::Entry, None),
            GLUE_BITS => (CodeKind::Glue, None),
            _ if bits & SLOW != 0 => (CodeKind::SlowPath, Some(bits & !SLOW)),
            _ => (CodeKind::Instr, Some(bits)),
        };
        map.mark(start, kind, pc);
        at = end;
    }
    if at < code_bytes {
        map.mark(at, if at == 0 { CodeKind::Entry } else { CodeKind::Data }, None);
    }
    map.finish(code_bytes)
}
