//! `FuncBuilder`: emits one function's bytecode: slots, labels, the call window.
//!
//! Slots have a fixed kind for the whole function (reference or scalar) because the
//! collector reads one slot map per function. Temporaries are recycled only into slots of
//! the same kind. Call-window operands are written as `WINDOW + i` while the frame size
//! is still growing and rewritten to `slot_count + i` by [`FuncBuilder::finish`].

use crate::bytecode::{Function, Instr, Op, Operand};

/// Operand values at or above this denote call-window slot `v - WINDOW`.
pub const WINDOW: u16 = 0xC000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

pub struct FuncBuilder {
    pub name: String,
    pub code: Vec<Instr>,
    pub lines: Vec<u32>,
    pub cur_line: u32,
    pub ref_slots: Vec<bool>,
    free_ref: Vec<u16>,
    free_scalar: Vec<u16>,
    pub param_count: u16,
    pub result_count: u16,
    pub window_size: u16,
    pub capture_count: u16,
    pub recover_pc: Option<u32>,
    /// Label targets (pc), `u32::MAX` while unbound.
    labels: Vec<u32>,
    /// (instruction index, label) pairs to patch.
    fixups: Vec<(usize, Label)>,
    /// The pc at which a label was most recently bound.
    last_bound_pc: usize,
}

impl FuncBuilder {
    pub fn new(name: String) -> FuncBuilder {
        FuncBuilder {
            name,
            code: Vec::new(),
            lines: Vec::new(),
            cur_line: 0,
            ref_slots: Vec::new(),
            free_ref: Vec::new(),
            free_scalar: Vec::new(),
            param_count: 0,
            result_count: 0,
            window_size: 0,
            capture_count: 0,
            recover_pc: None,
            labels: Vec::new(),
            fixups: Vec::new(),
            last_bound_pc: usize::MAX,
        }
    }

    pub fn slot_count(&self) -> usize {
        self.ref_slots.len()
    }

    /// A fresh slot that is never recycled (variables, runs).
    pub fn new_slot(&mut self, is_ref: bool) -> u16 {
        let s = self.ref_slots.len();
        self.ref_slots.push(is_ref);
        s.min(WINDOW as usize - 1) as u16
    }

    /// A temporary of the given kind, recycled when possible.
    pub fn temp(&mut self, is_ref: bool) -> u16 {
        let pool = if is_ref { &mut self.free_ref } else { &mut self.free_scalar };
        match pool.pop() {
            Some(s) => s,
            None => self.new_slot(is_ref),
        }
    }

    /// Give a temporary back. Window slots and variables must not be freed.
    pub fn free(&mut self, slot: u16) {
        if slot >= WINDOW {
            return;
        }
        let is_ref = self.ref_slots[slot as usize];
        let pool = if is_ref { &mut self.free_ref } else { &mut self.free_scalar };
        debug_assert!(!pool.contains(&slot), "double free of slot {slot}");
        pool.push(slot);
    }

    /// `n` consecutive fresh slots with the given kinds.
    pub fn run(&mut self, kinds: &[bool]) -> u16 {
        let first = self.ref_slots.len() as u16;
        for &k in kinds {
            self.new_slot(k);
        }
        first
    }

    pub fn use_window(&mut self, n: usize) {
        self.window_size = self.window_size.max(n as u16);
    }

    pub fn pc(&self) -> usize {
        self.code.len()
    }

    pub fn emit(&mut self, op: Op, a: u16, b: u16, c: u16) -> usize {
        self.code.push(Instr::new(op, a, b, c));
        self.lines.push(self.cur_line);
        self.code.len() - 1
    }

    pub fn emit_i32(&mut self, op: Op, a: u16, v: i32) -> usize {
        self.code.push(Instr::with_i32(op, a, v));
        self.lines.push(self.cur_line);
        self.code.len() - 1
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(u32::MAX);
        Label(self.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, l: Label) {
        self.labels[l.0 as usize] = self.code.len() as u32;
        self.last_bound_pc = self.code.len();
    }

    /// Whether some jump lands just after the last instruction (so that instruction
    /// does not run on every path to here).
    pub fn label_at_end(&self) -> bool {
        self.last_bound_pc == self.code.len()
    }

    /// Emit a branch to `l`; the offset is patched in `finish`.
    pub fn jump(&mut self, op: Op, a: u16, b: u16, l: Label) {
        let at = self.emit(op, a, b, 0);
        self.fixups.push((at, l));
    }

    pub fn jmp(&mut self, l: Label) {
        self.jump(Op::Jmp, 0, 0, l);
    }

    /// Resolve labels and window operands, producing the function.
    pub fn finish(mut self) -> Result<Function, String> {
        // A label bound after the last instruction (the end of a terminating switch, say)
        // must still land on an instruction: an unreachable return.
        if self.labels.iter().any(|&t| t as usize == self.code.len()) || self.code.is_empty() {
            self.emit(Op::Ret, 0, 0, 0);
        }
        let slot_count = self.ref_slots.len();
        if slot_count + self.window_size as usize >= WINDOW as usize {
            return Err(format!("function {} needs too many slots", self.name));
        }
        for (at, l) in std::mem::take(&mut self.fixups) {
            let target = self.labels[l.0 as usize];
            debug_assert!(target != u32::MAX, "unbound label in {}", self.name);
            let off = target as i64 - (at as i64 + 1);
            let ins = &mut self.code[at];
            match ins.op.operands()[2] {
                Operand::Jump16 => {
                    if off < i16::MIN as i64 || off > i16::MAX as i64 {
                        return Err(format!("branch too far in {}", self.name));
                    }
                    ins.c = off as i16 as u16;
                }
                _ => {
                    let v = off as i32 as u32;
                    ins.b = v as u16;
                    ins.c = (v >> 16) as u16;
                }
            }
        }
        for ins in &mut self.code {
            let kinds = ins.op.operands();
            for (i, v) in [&mut ins.a, &mut ins.b, &mut ins.c].into_iter().enumerate() {
                if kinds[i] == Operand::Reg && *v >= WINDOW {
                    *v = (slot_count + (*v - WINDOW) as usize) as u16;
                }
            }
        }
        Ok(Function {
            name: self.name,
            code: self.code,
            lines: self.lines,
            param_count: self.param_count,
            result_count: self.result_count,
            slot_count: slot_count as u16,
            window_size: self.window_size,
            ref_slots: self.ref_slots,
            capture_count: self.capture_count,
            recover_pc: self.recover_pc,
        })
    }
}

/// Operations whose only effect is computing `a` from `b`/`c` (no other slot written, no
/// control flow): the last such instruction may be retargeted to write another slot.
pub fn writes_only_a(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        Move | LoadInt
            | LoadConst
            | LoadStr
            | LoadNil
            | LoadFunc
            | GetGlobal
            | AddI
            | SubI
            | MulI
            | DivI
            | RemI
            | AndI
            | OrI
            | XorI
            | AndNotI
            | ShlI
            | ShrI
            | AddIK
            | MulIK
            | AndIK
            | ShlIK
            | ShrIK
            | DivIK
            | RemIK
            | NegI
            | NotI
            | WrapU8
            | WrapI32
            | AddF
            | SubF
            | MulF
            | DivF
            | NegF
            | SqrtF
            | AbsF
            | FloorF
            | IntToFloat
            | FloatToInt
            | EqI
            | NeI
            | LtI
            | LeI
            | EqF
            | NeF
            | LtF
            | LeF
            | EqStr
            | LtStr
            | LeStr
            | Not
            | EqIface
            | EqAgg
            | Concat
            | StrLen
            | StrIndex
            | StrFromBytes
            | BytesFromStr
            | StrFromRune
            | Itoa
            | New
            | SliceGet
            | ArrayGet
            | SliceLen
            | SliceCap
            | MapLen
            | MapGet
            | GetField
            | BoxGet
            | BoxNew
            | Clone
            | MakeMap
            | ToIface
            | IfaceData
            | IfaceIs
            | LoadCapture
            | MakeClosure
            | Recover
    )
}
