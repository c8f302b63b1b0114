//! Allocation native code may do inline: bumping the nursery cursor for one object of
//! a size known at compile time, with the header known at compile time. The rest of an
//! allocation (a full nursery, a large object, `--gc-stress`, which makes the limit
//! equal the cursor, and every object with nested parts) takes the instruction's
//! out-of-line path, which collects when it must.
//!
//! Inline allocation relies on the nursery invariant that memory above the cursor is
//! zero (the collector zeroes what was used when it rewinds), so a fresh object's
//! payload needs no stores, and on new objects being young, so initialising stores need
//! no write barrier. The cursor and limit are the heap's own fields, reached through
//! [`JitContext`](super::JitContext) (`alloc_cursor`, `alloc_limit`).

use crate::bytecode::{Instr, Op, Program, RKind, TypeId};
use crate::heap::{layout, ObjKind};
use crate::interp::is_aggregate;

/// One object native code may allocate inline: after bumping the cursor the code
/// stores the header, then the constant word and the operand (no write barrier: the
/// object is young); the rest of the payload is the nursery's zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlineAlloc {
    /// Its header word.
    pub header: u64,
    /// Its size in words, header included.
    pub words: usize,
    /// A payload word known at compile time: (byte offset, value). `ToIface`: the
    /// dynamic type.
    pub constant: Option<(i32, u64)>,
    /// Where the value of the instruction's operand `b` goes (byte offset): `BoxNew`'s
    /// boxed value, `ToIface`'s payload.
    pub operand_at: Option<i32>,
}

/// The inline allocation instruction `ins` makes, if it can be made inline: `New` of a
/// struct (or of a pointer to one) with no nested aggregate fields (a zero payload),
/// `BoxNew` (one payload word, the boxed value) and `ToIface` of a concrete type (the
/// interface object: its dynamic type and the value's representation).
/// `large_words` is [`CompileEnv::large_words`](super::CompileEnv::large_words).
pub fn inline_alloc(program: &Program, ins: Instr, large_words: usize) -> Option<InlineAlloc> {
    let kind = |t: u16| &program.types[t as usize].kind;
    let (mut constant, mut operand_at) = (None, None);
    let (header, words) = match ins.op {
        Op::New => {
            let ty = match kind(ins.b) {
                RKind::Pointer(TypeId(t)) => *t as u16,
                _ => ins.b,
            };
            let RKind::Struct(fields) = kind(ty) else { return None };
            if fields.iter().any(|(_, t)| is_aggregate(&program.types[t.0 as usize].kind)) {
                return None;
            }
            let n = fields.len();
            (layout::header(ObjKind::Struct, ty as u32, n as u32), 1 + n)
        }
        Op::BoxNew => {
            let elem = match kind(ins.c) {
                RKind::Pointer(TypeId(t)) => *t,
                _ => ins.c as u32,
            };
            operand_at = Some(layout::BOX_VALUE as i32);
            (layout::header(ObjKind::Box, elem, 1), 2)
        }
        // (To an interface type it is a move, not an allocation.)
        Op::ToIface if !matches!(kind(ins.c), RKind::Interface(_)) => {
            // As `Vm::alloc_iface` makes it.
            constant = Some((layout::IFACE_TYPE as i32, ins.c as u64));
            operand_at = Some(layout::IFACE_DATA as i32);
            (layout::header(ObjKind::Iface, 0, layout::IFACE_WORDS as u32), 1 + layout::IFACE_WORDS)
        }
        _ => return None,
    };
    (words <= large_words).then_some(InlineAlloc { header, words, constant, operand_at })
}
