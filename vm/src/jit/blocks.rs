//! The control-flow facts every code generator needs about a function's bytecode, found
//! once here: basic-block leaders and the native entry points (pc 0 and every loop
//! header, where the interpreter enters compiled code through OSR). Instruction widths
//! and branch targets are `Instr` methods (`bytecode`), shared with the interpreter and
//! the verifier; `width`, `branch_target` and `jump_target` here forward to them.

use crate::bytecode::{Instr, Op, OpFlags};

/// Instruction width in words: [`Instr::width`] (kept for the strategy crates).
#[inline]
pub fn width(ins: Instr) -> usize {
    ins.width()
}

/// The pc a branch at `pc` jumps to: [`Instr::branch_target`] (kept for the strategy
/// crates).
#[inline]
pub fn branch_target(pc: usize, ins: Instr) -> usize {
    ins.branch_target(pc)
}

/// Calls transfer control but continue after themselves: they do not end a block.
#[inline]
pub fn is_call(op: Op) -> bool {
    matches!(op, Op::Call | Op::CallClosure | Op::CallIface)
}

/// The pc a jump or conditional branch at `pc` goes to: [`Instr::jump_target`] (kept
/// for the strategy crates and `tiered`).
#[inline]
pub fn jump_target(pc: usize, ins: Instr) -> Option<usize> {
    ins.jump_target(pc)
}

/// Whether an op ends its block with no fall-through. (`MapNext` falls through to the
/// next instruction or skips it: both are leaders.)
#[inline]
pub fn is_terminator(op: Op) -> bool {
    matches!(op, Op::Jmp | Op::Ret | Op::Panic | Op::RunDefers)
}

/// Whether `pc` is a resume point: the pc right after a blocking op (`BLOCK`: channel
/// operations, `select`, port operations), where a fiber that parked there continues.
/// Every strategy's code can be entered at each one (see [`Blocks::entries`]), so a
/// fiber that blocked in native code resumes in native code.
pub fn is_resume_point(code: &[Instr], pc: usize) -> bool {
    let before = match pc.checked_sub(1).and_then(|p| code.get(p)) {
        Some(i) if i.op == Op::Ext => pc.checked_sub(2).and_then(|p| code.get(p)),
        other => other,
    };
    before.is_some_and(|i| i.op.flags().contains(OpFlags::BLOCK) && pc < code.len())
}

/// A function's basic blocks.
pub struct Blocks {
    /// Per pc (and one past the end): whether a block starts there.
    pub leader: Vec<bool>,
    /// Where native code may be entered, each once: pc 0, then the loop headers
    /// (targets of backward branches; OSR from the interpreter) and the resume points
    /// ([`is_resume_point`]: a parked fiber continues there in native code), in code
    /// order of their back edges and blocking ops.
    pub entries: Vec<usize>,
}

impl Blocks {
    /// The blocks of `code` (verified bytecode; a branch leaving the code is an error).
    pub fn of(code: &[Instr]) -> Result<Blocks, String> {
        let n = code.len();
        let mut leader = vec![false; n + 2];
        leader[0] = true;
        let mut entries = vec![0usize];
        let mut pc = 0;
        while pc < n {
            let ins = code[pc];
            let w = ins.width();
            let branch = ins.op.flags().contains(OpFlags::BRANCH) && !is_call(ins.op);
            if ins.op == Op::MapNext {
                leader[pc + 2] = true;
            } else if let Some(t) = ins.jump_target(pc) {
                if t >= n {
                    return Err(format!("branch at {pc} leaves the code"));
                }
                leader[t] = true;
                if t <= pc && !entries.contains(&t) {
                    entries.push(t);
                }
            }
            if branch || is_terminator(ins.op) {
                leader[pc + w] = true;
            }
            if ins.op.flags().contains(OpFlags::BLOCK) {
                // A resume point: a block, and an entry.
                leader[pc + w] = true;
                if pc + w < n && !entries.contains(&(pc + w)) {
                    entries.push(pc + w);
                }
            }
            pc += w;
        }
        Ok(Blocks { leader, entries })
    }

    /// The number of instructions of the block starting at leader `pc`.
    pub fn len_at(&self, code: &[Instr], pc: usize) -> usize {
        let mut len = 0;
        let mut q = pc;
        while q < code.len() && (q == pc || !self.leader[q]) {
            len += 1;
            q += code[q].width();
        }
        len
    }
}
