//! Per-pc liveness of frame slots, shared by code generators that keep slot values in
//! machine registers: at each pc, which slots of `0..frame_size` (call window included)
//! may still be read later, by the rest of the function or by the interpreter if native
//! code leaves there. A generator writes back to the frame only the live slots it holds
//! in registers, at exits and before helpers.
//!
//! # What this module owns
//!
//! - [`effects`]: the slots one instruction reads and writes, as small lists of slot
//!   ranges, implicit operands included (`a+1`, `c+1`, `c+2`, capture ranges, `Ret`
//!   ranges, `Select`'s case pairs, call windows). One `match` over every opcode, with no
//!   catch-all arm: a new opcode does not compile until it is described here.
//! - [`Liveness`]: a backward dataflow over the function's control flow, with the
//!   interpreter's exits folded in (see below).
//!
//! # What it must never do
//!
//! - **Never under-state reads.** A slot an instruction may read is in its
//!   [`Effects::reads`] (or [`Effects::reads_all`] is set). Where the exact reads depend
//!   on a callee the bytecode does not name (`CallClosure`, `CallIface`, `DeferClosure`,
//!   `GoClosure`), the reads are the union over every function the call could reach.
//! - **Never over-state writes.** A slot in [`Effects::writes`] is written on *every*
//!   normal completion of the instruction, since a write ends liveness. Writes that only
//!   happen on some completions (`Select`'s receive slot and comma-ok bool, `MapNext`
//!   when it finds no entry) are not in `writes`; they are in [`Effects::clobbers`] (every
//!   slot the instruction *may* write: a generator must reload those from the frame).
//!   `MapNext`'s writes when it skips are [`Effects::skip_writes`], applied to the skip
//!   edge only.
//!
//! # Control flow and exits
//!
//! Successors: fall-through (`pc + width`), the branch target of a jump or conditional
//! branch, `MapNext`'s skip (`pc + 2`); calls and `RunDefers` continue after themselves;
//! `Jmp` only jumps; `Ret` and `Panic` have no successor in the function.
//!
//! Native code may leave at any instruction that panics, blocks, calls or allocates
//! (`OpFlags` `PANIC`, `BLOCK`, `CALL`, `ALLOC`). The interpreter then continues *in
//! this function* only at:
//! - the instruction itself or one of its successors (a fall-back, a block, a yield): the
//!   interpreter executes the same bytecode, so it reads exactly what [`Liveness::live_in`]
//!   of the resume pc says: nothing extra is needed;
//! - `recover_pc`, after a panic that a deferred call recovered. For a function with a
//!   `recover_pc`, every instruction that may leave native code (and `Ret`, which runs
//!   pending defers) gets an *exceptional* edge to `recover_pc`, wherever one of the
//!   frame's own deferred calls may be pending (pcs reachable from after a `DeferCall`
//!   or `DeferClosure`: only those can recover into this frame). On that edge the
//!   instruction's writes did not (all) happen, so they do not kill: `live_in(pc)`
//!   includes `live_in(recover_pc)` unchanged.
//!
//! So: before a helper call or an exit at `pc`, write back the registers of
//! `live_in(pc)`; after `pc` completed normally, `live_out(pc)` is what is still needed.
//!
//! Liveness is not the collector's root set: the collector scans every reference slot of
//! the slot map, live or not (a dead slot still holds an older, valid reference or 0).
//!
//! Input must be verified bytecode (`verify`); ranges are clamped to the frame so a bad
//! operand cannot make the analysis index out of bounds.

use crate::bytecode::{Function, Native, Op, OpFlags, Program};
use std::ops::Range;

/// A half-open range of frame slots.
pub type SlotRange = Range<usize>;

/// The slots one instruction reads and writes (see the module doc for the rules).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// Slots the instruction may read (from their values before it executes): never
    /// fewer than it really reads.
    pub reads: Vec<SlotRange>,
    /// The reads could not be bounded: treat every slot as read. (Only for operands
    /// that name something outside the program, i.e. unverified code.)
    pub reads_all: bool,
    /// Slots written on every normal completion (fall-through, branch or skip).
    pub writes: Vec<SlotRange>,
    /// Slots written in addition when `MapNext` produced an entry and skips.
    pub skip_writes: Vec<SlotRange>,
    /// Every slot the instruction may write (a superset of `writes` and `skip_writes`):
    /// register copies of these are stale afterwards.
    pub clobbers: Vec<SlotRange>,
    /// Slots whose reads are over-stated or whose writes are under-stated for lack of
    /// information (calls of unknown callees, conditional writes). Diagnostic: a slot
    /// live at entry that is neither a parameter nor in some `approx` means the compiler
    /// reads a slot before writing it.
    pub approx: Vec<SlotRange>,
}

/// Call signatures the bytecode does not state at the call site: what closures and
/// interface methods of a program can be, found once per program.
#[derive(Clone, Debug)]
pub struct Callees {
    /// `(param_count, result_count, capture_count)` of every function.
    funcs: Vec<(u16, u16, u16)>,
    /// Over every function a closure value can hold (a `LoadFunc` or `MakeClosure`
    /// operand anywhere in the program); `None`: the program makes no closures.
    closures: Option<Sig>,
    /// Per method-name id: over every function implementing it in a method table.
    methods: Vec<Option<Sig>>,
}

/// Bounds over a set of possible callees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sig {
    min_params: u16,
    max_params: u16,
    min_results: u16,
    max_results: u16,
}

impl Sig {
    fn of(params: u16, results: u16) -> Sig {
        Sig { min_params: params, max_params: params, min_results: results, max_results: results }
    }
    fn join(a: Option<Sig>, params: u16, results: u16) -> Option<Sig> {
        let s = Sig::of(params, results);
        Some(match a {
            None => s,
            Some(a) => Sig {
                min_params: a.min_params.min(params),
                max_params: a.max_params.max(params),
                min_results: a.min_results.min(results),
                max_results: a.max_results.max(results),
            },
        })
    }
}

impl Callees {
    /// Scan `p` once: every closure-making instruction and every method table.
    pub fn of(p: &Program) -> Callees {
        let funcs: Vec<(u16, u16, u16)> =
            p.funcs.iter().map(|f| (f.param_count, f.result_count, f.capture_count)).collect();
        let mut closures = None;
        for ins in p.funcs.iter().flat_map(|f| &f.code) {
            if matches!(ins.op, Op::LoadFunc | Op::MakeClosure) {
                if let Some(&(params, results, _)) = funcs.get(ins.b as usize) {
                    closures = Sig::join(closures, params, results);
                }
            }
        }
        let mut methods = vec![None; p.method_names.len()];
        for t in &p.types {
            for &(name, func) in &t.methods {
                if let (Some(m), Some(&(params, results, _))) =
                    (methods.get_mut(name as usize), funcs.get(func.0 as usize))
                {
                    *m = Sig::join(*m, params, results);
                }
            }
        }
        Callees { funcs, closures, methods }
    }
}

/// The slots instruction `pc` of `f` reads and writes; `callees` is [`Callees::of`] the
/// program `f` belongs to. For an `Ext` word (never executed on its own): no effects.
pub fn effects(callees: &Callees, f: &Function, pc: usize) -> Effects {
    let ins = f.code[pc];
    let frame = f.frame_size();
    let w = f.slot_count as usize;
    let (a, b, c) = (ins.a as usize, ins.b as usize, ins.c as usize);
    let clamp = |r: SlotRange| r.start.min(frame)..r.end.min(frame);
    let one = |s: usize| clamp(s..s + 1);
    let mut e = Effects::default();
    // Shorthands: `[a] = f([b])`, `[a] = f([b], [c])`.
    let un = |e: &mut Effects| {
        e.reads.push(one(b));
        e.writes.push(one(a));
    };
    let bin = |e: &mut Effects| {
        e.reads.push(one(b));
        e.reads.push(one(c));
        e.writes.push(one(a));
    };
    // A call of an unknown callee from the set `sig` (`None`: no callee exists, so the
    // call never completes normally). The window's first `skip` slots are not read from
    // the caller's values (`CallIface` stores the receiver there itself).
    let unknown_call = |e: &mut Effects, sig: Option<Sig>, skip: usize, results: bool| {
        if sig.is_none() && results {
            // No normal completion: every write is vacuously true, and claiming the
            // window keeps its slots from looking live before the call (a library
            // function calling an interface method nothing in the program implements).
            e.writes.push(clamp(w..frame));
        }
        if let Some(s) = sig {
            e.reads.push(clamp(w + skip..w + (s.max_params as usize).max(skip)));
            if s.min_params != s.max_params {
                e.approx.push(clamp(w + (s.min_params as usize).max(skip)..w + s.max_params as usize));
            }
            if results {
                e.writes.push(clamp(w..w + (s.min_results as usize).max(skip)));
                if s.min_results != s.max_results {
                    e.approx.push(clamp(w + s.min_results as usize..w + s.max_results as usize));
                }
            }
        }
    };
    let func_sig = |id: usize| callees.funcs.get(id).copied();
    match ins.op {
        Op::Nop | Op::Ext | Op::Jmp | Op::RunDefers => {}

        // ---- moves and constants
        Op::Move => un(&mut e),
        Op::LoadInt | Op::LoadConst | Op::LoadStr | Op::LoadNil | Op::LoadFunc | Op::GetGlobal => e.writes.push(one(a)),
        Op::SetGlobal => e.reads.push(one(b)),

        // ---- `[a] = [b] op [c]`
        Op::AddI
        | Op::SubI
        | Op::MulI
        | Op::DivI
        | Op::RemI
        | Op::AndI
        | Op::OrI
        | Op::XorI
        | Op::AndNotI
        | Op::ShlI
        | Op::ShrI
        | Op::AddF
        | Op::SubF
        | Op::MulF
        | Op::DivF
        | Op::EqI
        | Op::NeI
        | Op::LtI
        | Op::LeI
        | Op::EqF
        | Op::NeF
        | Op::LtF
        | Op::LeF
        | Op::EqStr
        | Op::LtStr
        | Op::LeStr
        | Op::EqIface
        | Op::EqAgg
        | Op::Concat
        | Op::StrIndex
        | Op::ArrayGet
        | Op::SliceGet
        | Op::MapGet
        | Op::CopySlice
        | Op::CopyStr
        | Op::DivU
        | Op::RemU
        | Op::ShrU
        | Op::LtU
        | Op::LeU => bin(&mut e),

        // ---- `[a] = op [b]` (`c` an immediate, a type, a field index or unused)
        Op::AddIK
        | Op::MulIK
        | Op::AndIK
        | Op::ShlIK
        | Op::ShrIK
        | Op::DivIK
        | Op::RemIK
        | Op::NegI
        | Op::NotI
        | Op::WrapU8
        | Op::WrapI32
        | Op::WrapI8
        | Op::WrapI16
        | Op::WrapU16
        | Op::WrapU32
        | Op::ShrUK
        | Op::CountU
        | Op::UintToFloat
        | Op::FloatToUint
        | Op::NegF
        | Op::SqrtF
        | Op::AbsF
        | Op::FloorF
        | Op::IntToFloat
        | Op::FloatToInt
        | Op::Not
        | Op::StrLen
        | Op::StrFromBytes
        | Op::BytesFromStr
        | Op::StrFromRune
        | Op::Itoa
        | Op::SliceLen
        | Op::SliceCap
        | Op::GetField
        | Op::BoxGet
        | Op::BoxNew
        | Op::Clone
        | Op::MapLen
        | Op::ToIface
        | Op::IfaceData
        | Op::IfaceIs
        | Op::Assert
        | Op::ChanRecv
        | Op::ChanLen
        | Op::ChanCap
        | Op::PortNew => un(&mut e),

        // ---- branches
        Op::JmpTrue
        | Op::JmpFalse
        | Op::JmpLtIK
        | Op::JmpLeIK
        | Op::JmpGtIK
        | Op::JmpGeIK
        | Op::JmpEqIK
        | Op::JmpNeIK => e.reads.push(one(a)),
        Op::JmpLtI | Op::JmpLeI | Op::JmpEqI | Op::JmpNeI => {
            e.reads.push(one(a));
            e.reads.push(one(b));
        }
        Op::IncJmpLtI | Op::IncJmpLeI => {
            e.reads.push(one(a));
            e.reads.push(one(b));
            e.writes.push(one(a));
        }

        // ---- strings
        Op::SliceStr => {
            e.reads.push(one(b));
            e.reads.push(clamp(c..c + 2));
            e.writes.push(one(a));
        }
        Op::StrDecodeRune => {
            e.reads.push(one(b));
            e.reads.push(one(c));
            e.writes.push(clamp(a..a + 2));
        }

        // ---- arrays, slices
        Op::New | Op::MakeMap => e.writes.push(one(a)),
        Op::MakeSlice => {
            e.reads.push(clamp(c..c + 2));
            e.writes.push(one(a));
        }
        Op::ArraySet | Op::ArraySetR | Op::SliceSet | Op::SliceSetR | Op::MapSet => {
            e.reads.push(one(a));
            e.reads.push(one(b));
            e.reads.push(one(c));
        }
        Op::SliceSlice => {
            e.reads.push(one(b));
            e.reads.push(clamp(c..c + 3));
            e.writes.push(one(a));
        }
        Op::Append | Op::AppendSlice | Op::AppendStr => {
            e.reads.push(one(a));
            e.reads.push(one(b));
            e.writes.push(one(a));
        }

        // ---- structs, boxes, aggregates (stores go to heap objects, not slots)
        Op::SetField | Op::SetFieldR => {
            e.reads.push(one(a));
            e.reads.push(one(c));
        }
        Op::BoxSet | Op::BoxSetR | Op::CopyInto | Op::MapDelete | Op::ChanSend | Op::IslandGo | Op::PortSend => {
            e.reads.push(one(a));
            e.reads.push(one(b));
        }

        // ---- maps
        Op::MapGet2 => {
            e.reads.push(one(b));
            e.reads.push(one(c));
            e.writes.push(clamp(a..a + 2));
        }
        Op::MapIterInit => {
            e.reads.push(one(b));
            e.writes.push(clamp(a..a + 2));
        }
        Op::MapNext => {
            // Reads the iterator; writes the position, key and value only when it finds
            // an entry (and skips).
            e.reads.push(clamp(a..a + 2));
            e.skip_writes.extend([one(a + 1), one(b), one(c)]);
        }

        // ---- interfaces
        Op::Assert2 | Op::ChanRecv2 | Op::PortRecv => {
            e.reads.push(one(b));
            e.writes.push(clamp(a..a + 2));
        }

        // ---- calls: arguments in the window `w ..`, results back there
        Op::Call => match func_sig(a) {
            Some((params, results, _)) => {
                e.reads.push(clamp(w..w + params as usize));
                e.writes.push(clamp(w..w + results as usize));
            }
            None => e.reads_all = true,
        },
        Op::CallClosure => {
            e.reads.push(one(a));
            unknown_call(&mut e, callees.closures, 0, true);
        }
        Op::CallIface => {
            e.reads.push(one(b));
            match callees.methods.get(a) {
                // The receiver's payload is stored to `w` by the call itself.
                Some(&sig) => unknown_call(&mut e, sig, 1, true),
                None => e.reads_all = true,
            }
        }
        Op::CallNative | Op::CallNativeSpread => {
            e.reads.push(clamp(w..w + b));
            match Native::from_u16(ins.a) {
                Some(n) => e.writes.push(clamp(w..w + n.result_count())),
                None => e.reads_all = true,
            }
        }
        Op::Ret => e.reads.push(clamp(a..a + b)),
        Op::LoadCapture | Op::Recover => e.writes.push(one(a)),
        Op::MakeClosure => {
            match func_sig(b) {
                Some((_, _, captures)) => e.reads.push(clamp(c..c + captures as usize)),
                None => e.reads_all = true,
            }
            e.writes.push(one(a));
        }

        // ---- defer, panic, go: arguments copied out of the window now
        Op::DeferCall | Op::Go => match func_sig(a) {
            Some((params, _, _)) => e.reads.push(clamp(w..w + params as usize)),
            None => e.reads_all = true,
        },
        Op::DeferClosure | Op::GoClosure => {
            e.reads.push(one(a));
            unknown_call(&mut e, callees.closures, 0, false);
        }
        Op::Panic | Op::ChanClose | Op::PortClose => e.reads.push(one(a)),

        // ---- channels
        Op::MakeChan => {
            e.reads.push(one(c));
            e.writes.push(one(a));
        }
        Op::Select => {
            let ext = f.code.get(pc + 1).copied().unwrap_or(ins);
            let send_mask = ext.a as u32 | (ext.b as u32) << 16;
            e.writes.push(one(a));
            // `[a+1]` (comma-ok) and a receive case's value slot are written only when
            // that receive case is chosen.
            e.clobbers.push(clamp(a..a + 2));
            e.approx.push(one(a + 1));
            for i in 0..c.min(32) {
                let ch = b + 2 * i;
                e.reads.push(one(ch));
                if send_mask & (1 << i) != 0 {
                    e.reads.push(one(ch + 1));
                } else {
                    e.clobbers.push(one(ch + 1));
                    e.approx.push(one(ch + 1));
                }
            }
        }
    }
    // A call's callee frame starts at the window: it may leave anything there.
    if matches!(ins.op, Op::Call | Op::CallClosure | Op::CallIface) {
        e.clobbers.push(w..frame);
    }
    e.clobbers.extend(e.writes.iter().cloned());
    e.clobbers.extend(e.skip_writes.iter().cloned());
    e.reads.retain(|r| !r.is_empty());
    e.writes.retain(|r| !r.is_empty());
    e.skip_writes.retain(|r| !r.is_empty());
    e.clobbers.retain(|r| !r.is_empty());
    e.approx.retain(|r| !r.is_empty());
    e
}

/// A set of frame slots: a plain bit vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotSet {
    words: Vec<u64>,
    len: usize,
}

impl SlotSet {
    /// The empty set over slots `0..len`.
    pub fn new(len: usize) -> SlotSet {
        SlotSet { words: vec![0; len.div_ceil(64)], len }
    }
    /// The number of slots the set ranges over (not its size).
    pub fn universe(&self) -> usize {
        self.len
    }
    pub fn contains(&self, slot: usize) -> bool {
        slot < self.len && self.words[slot / 64] & (1 << (slot % 64)) != 0
    }
    pub fn insert(&mut self, slot: usize) {
        if slot < self.len {
            self.words[slot / 64] |= 1 << (slot % 64);
        }
    }
    pub fn remove(&mut self, slot: usize) {
        if slot < self.len {
            self.words[slot / 64] &= !(1 << (slot % 64));
        }
    }
    pub fn insert_range(&mut self, r: SlotRange) {
        for s in r {
            self.insert(s);
        }
    }
    pub fn remove_range(&mut self, r: SlotRange) {
        for s in r {
            self.remove(s);
        }
    }
    /// Every slot of the universe.
    pub fn fill(&mut self) {
        for s in 0..self.len {
            self.insert(s);
        }
    }
    /// `self |= other`; whether `self` changed.
    pub fn union_with(&mut self, other: &SlotSet) -> bool {
        let mut changed = false;
        for (x, y) in self.words.iter_mut().zip(&other.words) {
            let n = *x | y;
            changed |= n != *x;
            *x = n;
        }
        changed
    }
    /// `self &= other`.
    pub fn intersect_with(&mut self, other: &SlotSet) {
        for (x, y) in self.words.iter_mut().zip(&other.words) {
            *x &= y;
        }
    }
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
    /// The slots in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).filter(|&s| self.contains(s))
    }
}

/// The control-flow edges of one instruction (see the module doc).
#[derive(Clone, Debug, Default)]
struct Edges {
    /// Normal successors: the instruction's `writes` happened.
    normal: Vec<usize>,
    /// `MapNext`'s skip: `writes` and `skip_writes` happened.
    skip: Option<usize>,
    /// `recover_pc` after a recovered panic (set by `Liveness::with` where a deferred
    /// call may be pending): no write is assumed.
    exceptional: Option<usize>,
}

fn edges(f: &Function, pc: usize) -> Edges {
    let ins = f.code[pc];
    let len = f.code.len();
    let next = pc + ins.width();
    let mut e = Edges::default();
    let push = |v: &mut Vec<usize>, t: usize| {
        if t < len && !v.contains(&t) {
            v.push(t);
        }
    };
    match ins.op {
        Op::Ret | Op::Panic | Op::Ext => {}
        Op::Jmp => push(&mut e.normal, ins.branch_target(pc)),
        Op::MapNext => {
            push(&mut e.normal, next);
            e.skip = Some(pc + 2).filter(|&t| t < len);
        }
        _ => {
            push(&mut e.normal, next);
            if let Some(t) = ins.jump_target(pc) {
                push(&mut e.normal, t);
            }
        }
    }
    e
}

/// The pcs control may reach from the instruction at `pc` when it completes (its
/// fall-through, branch target and `MapNext`'s skip; none after `Ret` and `Panic`): the
/// edges [`Liveness`] follows, for a strategy's own dataflows.
pub fn successors(f: &Function, pc: usize) -> Vec<usize> {
    let e = edges(f, pc);
    e.normal.into_iter().chain(e.skip).collect()
}

/// Whether native code may leave at `op` (it may panic, block, call or allocate), so a
/// panic raised there may be recovered and continue at `recover_pc`. `Ret` too: it runs
/// pending defers, which may panic and recover.
fn may_leave(op: Op) -> bool {
    let flags = op.flags();
    op == Op::Ret
        || [OpFlags::PANIC, OpFlags::BLOCK, OpFlags::CALL, OpFlags::ALLOC].iter().any(|&fl| flags.contains(fl))
}

/// The pcs where a deferred call of this frame may be pending: those reachable from
/// after a `DeferCall` or `DeferClosure`. Only there can a panic be recovered *in this
/// frame* (only its own deferred calls resume it at `recover_pc`).
fn defers_pending(f: &Function, edges: &[Option<Edges>]) -> Vec<bool> {
    let n = f.code.len();
    let mut pending = vec![false; n];
    let mut work: Vec<usize> = Vec::new();
    let succs = |e: &Edges| e.normal.clone().into_iter().chain(e.skip);
    for (pc, e) in edges.iter().enumerate() {
        if let Some(e) = e {
            if matches!(f.code[pc].op, Op::DeferCall | Op::DeferClosure) {
                work.extend(succs(e));
            }
        }
    }
    while let Some(pc) = work.pop() {
        if pending[pc] {
            continue;
        }
        pending[pc] = true;
        if let Some(e) = &edges[pc] {
            work.extend(succs(e).filter(|&s| !pending[s]));
        }
    }
    pending
}

/// Per-pc liveness of a function's frame slots (`0..frame_size`, window included).
pub struct Liveness {
    live_in: Vec<SlotSet>,
    live_out: Vec<SlotSet>,
    /// Rounds over the code until the fixpoint (for tests and statistics).
    pub rounds: usize,
}

impl Liveness {
    /// The liveness of `f`, a verified function of `p`.
    pub fn of(p: &Program, f: &Function) -> Liveness {
        Liveness::with(&Callees::of(p), f)
    }

    /// The liveness of `f`, with the program's [`Callees`] already computed.
    pub fn with(callees: &Callees, f: &Function) -> Liveness {
        let n = f.code.len();
        let frame = f.frame_size();
        // Which pcs start an instruction (not an `Ext` word).
        let mut starts = vec![false; n];
        let mut pc = 0;
        while pc < n {
            starts[pc] = true;
            pc += f.code[pc].width();
        }
        let set_of = |rs: &[SlotRange]| {
            let mut s = SlotSet::new(frame);
            for r in rs {
                s.insert_range(r.clone());
            }
            s
        };
        // Control flow, with the exceptional edges to `recover_pc` where a deferred
        // call may be pending.
        let mut all_edges: Vec<Option<Edges>> = (0..n).map(|pc| starts[pc].then(|| edges(f, pc))).collect();
        if let Some(rpc) = f.recover_pc.map(|r| r as usize).filter(|&r| r < n) {
            let pending = defers_pending(f, &all_edges);
            for (pc, e) in all_edges.iter_mut().enumerate() {
                if let Some(e) = e {
                    if pending[pc] && may_leave(f.code[pc].op) {
                        e.exceptional = Some(rpc);
                    }
                }
            }
        }
        struct Node {
            gen: SlotSet,
            /// Killed on every normal edge; `kill_skip` on the skip edge.
            kill: Vec<SlotRange>,
            kill_skip: Vec<SlotRange>,
            edges: Edges,
        }
        let nodes: Vec<Option<Node>> = all_edges
            .into_iter()
            .enumerate()
            .map(|(pc, edges)| {
                edges.map(|edges| {
                    let e = effects(callees, f, pc);
                    let mut gen = set_of(&e.reads);
                    if e.reads_all {
                        gen.fill();
                    }
                    let mut kill_skip = e.writes.clone();
                    kill_skip.extend(e.skip_writes.iter().cloned());
                    Node { gen, kill: e.writes, kill_skip, edges }
                })
            })
            .collect();
        let mut live_in = vec![SlotSet::new(frame); n];
        let mut live_out = vec![SlotSet::new(frame); n];
        let mut rounds = 0;
        loop {
            rounds += 1;
            let mut changed = false;
            for pc in (0..n).rev() {
                let Some(node) = &nodes[pc] else { continue };
                let mut out = SlotSet::new(frame);
                let mut inn = node.gen.clone();
                for &s in &node.edges.normal {
                    out.union_with(&live_in[s]);
                }
                let mut through = out.clone();
                for r in &node.kill {
                    through.remove_range(r.clone());
                }
                inn.union_with(&through);
                if let Some(s) = node.edges.skip {
                    out.union_with(&live_in[s]);
                    let mut t = live_in[s].clone();
                    for r in &node.kill_skip {
                        t.remove_range(r.clone());
                    }
                    inn.union_with(&t);
                }
                if let Some(r) = node.edges.exceptional {
                    let t = live_in[r].clone();
                    inn.union_with(&t);
                }
                changed |= live_out[pc].union_with(&out);
                changed |= live_in[pc].union_with(&inn);
            }
            if !changed {
                break;
            }
        }
        Liveness { live_in, live_out, rounds }
    }

    /// Slots that may be read at or after `pc`, before `pc` executes: what native code
    /// must have written back to the frame before a helper call or an exit at `pc`.
    /// (Empty at an `Ext` word.)
    pub fn live_in(&self, pc: usize) -> &SlotSet {
        &self.live_in[pc]
    }

    /// Slots that may be read after `pc` completes normally: the union of `live_in` of
    /// its normal successors (fall-through, branch target, `MapNext`'s skip).
    pub fn live_out(&self, pc: usize) -> &SlotSet {
        &self.live_out[pc]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::FuncId;

    fn compile(src: &str) -> Program {
        crate::compile_source(src.as_bytes(), "liveness.go").unwrap_or_else(|e| panic!("compile: {e}"))
    }

    fn func<'p>(p: &'p Program, name: &str) -> &'p Function {
        p.func(p.func_by_name(name).unwrap_or_else(|| panic!("no {name}")))
    }

    fn listing(p: &Program, name: &str) -> String {
        let id = p.func_by_name(name).unwrap();
        let f = p.func(id);
        let l = Liveness::of(p, f);
        let mut out = p.disassemble_function(id);
        for pc in 0..f.code.len() {
            let v = |s: &SlotSet| s.iter().collect::<Vec<_>>();
            out.push_str(&format!("  {pc:>3} in {:?} out {:?}\n", v(l.live_in(pc)), v(l.live_out(pc))));
        }
        out
    }

    fn pc_of(f: &Function, op: Op) -> usize {
        f.code.iter().position(|i| i.op == op).unwrap_or_else(|| panic!("no {}", op.name()))
    }

    const LOOP: &str = "package main\nimport \"fmt\"\nfunc f(n int) int { s := 0; for i := 0; i < n; i++ { s += i * 3 }; return s }\nfunc main() { fmt.Println(f(3)) }\n";

    #[test]
    fn a_loop_carried_variable_is_live_around_the_back_edge() {
        let p = compile(LOOP);
        let f = func(&p, "main.f");
        let l = Liveness::of(&p, f);
        let ctx = listing(&p, "main.f");
        let back =
            (0..f.code.len()).find(|&pc| f.code[pc].jump_target(pc).is_some_and(|t| t <= pc)).expect("a back edge");
        let header = f.code[back].jump_target(back).unwrap();
        let ret = f.code[pc_of(f, Op::Ret)];
        let s = ret.a as usize; // the sum, returned
        let i = f.code[back].a as usize; // the counter (IncJmpLtI)
        for slot in [s, i, 0] {
            assert!(l.live_in(header).contains(slot), "slot {slot} at the header\n{ctx}");
            assert!(l.live_out(back).contains(slot), "slot {slot} after the back edge\n{ctx}");
        }
        assert_eq!(l.live_in(0).iter().collect::<Vec<_>>(), vec![0], "{ctx}");
    }

    #[test]
    fn a_dead_temporary_is_not_live_after_its_last_use() {
        let p = compile(LOOP);
        let f = func(&p, "main.f");
        let l = Liveness::of(&p, f);
        let c = Callees::of(&p);
        let ctx = listing(&p, "main.f");
        let mul = pc_of(f, Op::MulIK);
        let t = f.code[mul].a as usize;
        assert!(l.live_out(mul).contains(t), "{ctx}");
        assert!(!l.live_in(mul).contains(t), "defined here, not live before\n{ctx}");
        let reads = |pc: usize| effects(&c, f, pc).reads.iter().any(|r| r.contains(&t));
        let last_use = (mul + 1..f.code.len()).rfind(|&pc| reads(pc)).expect("a use");
        assert!(!l.live_out(last_use).contains(t), "{ctx}");
        assert!(!l.live_in(0).contains(t), "{ctx}");
    }

    #[test]
    fn a_call_reads_its_arguments_and_defines_its_results() {
        let src = "package main\nimport \"fmt\"\nfunc g(a, b int) (int, int) { return b, a }\nfunc f(x int) int { t := x * 2; y := t + 1; p, q := g(y, x); return p + q }\nfunc main() { fmt.Println(f(3)) }\n";
        let p = compile(src);
        let f = func(&p, "main.f");
        let l = Liveness::of(&p, f);
        let ctx = listing(&p, "main.f");
        let call = pc_of(f, Op::Call);
        let w = f.slot_count as usize;
        let e = effects(&Callees::of(&p), f, call);
        assert_eq!(e.reads, vec![w..w + 2], "{ctx}");
        assert_eq!(e.writes, vec![w..w + 2], "{ctx}");
        assert!(e.clobbers.contains(&(w..f.frame_size())), "{ctx}");
        // Arguments live until the call, results after it; the parameter is dead once
        // moved to the window.
        assert!(l.live_in(call).contains(w) && l.live_in(call).contains(w + 1), "{ctx}");
        assert!(l.live_out(call).contains(w) && l.live_out(call).contains(w + 1), "{ctx}");
        assert!(!l.live_in(call).contains(0), "{ctx}");
        assert_eq!(l.live_in(call).count(), 2, "only the arguments\n{ctx}");
        // Results are defined by the call: not live before the argument moves.
        assert_eq!(l.live_in(0).iter().collect::<Vec<_>>(), vec![0], "{ctx}");
    }

    #[test]
    fn two_result_ops_define_both_slots() {
        let src = "package main\nimport \"fmt\"\nfunc f(m map[string]int, k string) int { v, ok := m[k]; if ok { return v }; for kk, vv := range m { if kk == k { return vv } }; return -1 }\nfunc main() { fmt.Println(f(nil, \"a\")) }\n";
        let p = compile(src);
        let f = func(&p, "main.f");
        let l = Liveness::of(&p, f);
        let c = Callees::of(&p);
        let ctx = listing(&p, "main.f");
        let get = pc_of(f, Op::MapGet2);
        let a = f.code[get].a as usize;
        assert_eq!(effects(&c, f, get).writes, vec![a..a + 2], "{ctx}");
        assert!(!l.live_in(get).contains(a) && !l.live_in(get).contains(a + 1), "{ctx}");
        assert!(l.live_out(get).contains(a + 1), "the comma-ok bool is read\n{ctx}");
        // MapNext: key and value are defined on the skip edge only.
        let next = pc_of(f, Op::MapNext);
        let ins = f.code[next];
        let e = effects(&c, f, next);
        assert!(e.writes.is_empty(), "{ctx}");
        assert_eq!(e.reads, vec![ins.a as usize..ins.a as usize + 2], "{ctx}");
        for slot in [ins.b as usize, ins.c as usize] {
            assert!(l.live_in(next + 2).contains(slot), "{ctx}");
            assert!(!l.live_in(next).contains(slot), "{ctx}");
        }
        assert!(l.live_in(next).contains(ins.a as usize + 1), "the iterator position\n{ctx}");
        assert_eq!(l.live_in(0).iter().collect::<Vec<_>>(), vec![0, 1], "{ctx}");
    }

    #[test]
    fn recover_pc_is_reached_from_every_instruction_that_may_panic_after_a_defer() {
        let srcs = [
            "package main\nimport \"fmt\"\nfunc f(x int) (r int) { defer func() { if e := recover(); e != nil { r = -1 } }(); r = 10 / x; return r }\nfunc main() { fmt.Println(f(0)) }\n",
            "package main\nimport \"fmt\"\nfunc h() { recover() }\nfunc f(x int) (r int) { r = 5; defer h(); r = 10 / x; r += 1; return }\nfunc main() { fmt.Println(f(0)) }\n",
        ];
        for src in srcs {
            let p = compile(src);
            let f = func(&p, "main.f");
            let ctx = listing(&p, "main.f");
            let l = Liveness::of(&p, f);
            let rpc = f.recover_pc.expect("recover_pc") as usize;
            assert!(!l.live_in(rpc).is_empty(), "the results are read after recovering\n{ctx}");
            let defer =
                (0..f.code.len()).find(|&pc| matches!(f.code[pc].op, Op::DeferCall | Op::DeferClosure)).unwrap();
            let div = pc_of(f, Op::DivI);
            assert!(div > defer);
            for s in l.live_in(rpc).iter() {
                // Even a slot the division writes: on the panic path it is not written.
                assert!(l.live_in(div).contains(s), "slot {s} at the division\n{ctx}");
            }
            // Before the defer no panic can resume here: only parameters are live at entry.
            assert!(l.live_in(0).iter().all(|s| s < f.param_count as usize), "{ctx}");
        }
    }

    /// Every opcode's effects stay in the frame, and writes are clobbers.
    #[test]
    fn effects_are_well_formed_for_every_opcode() {
        let p = Program {
            funcs: vec![Function {
                slot_count: 8,
                window_size: 4,
                param_count: 1,
                result_count: 1,
                ..Default::default()
            }],
            ..Default::default()
        };
        let c = Callees::of(&p);
        for op in Op::ALL {
            let mut f = p.funcs[0].clone();
            f.code = vec![crate::bytecode::Instr::new(op, 1, 2, 3), crate::bytecode::Instr::new(Op::Ext, 0, 0, 0)];
            let e = effects(&c, &f, 0);
            for r in e.reads.iter().chain(&e.writes).chain(&e.skip_writes).chain(&e.clobbers) {
                assert!(r.end <= f.frame_size() && r.start < r.end, "{}: {r:?}", op.name());
            }
            for r in e.writes.iter().chain(&e.skip_writes) {
                for s in r.clone() {
                    assert!(e.clobbers.iter().any(|c| c.contains(&s)), "{}: write {s} not a clobber", op.name());
                }
            }
        }
    }

    /// The Go programs of the conformance suite and the workloads.
    fn corpus() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [root.join("tests/conformance/run"), root.join("../workloads")] {
            let mut fs: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect();
            fs.sort();
            files.extend(fs);
        }
        files
    }

    /// Over every function of every corpus program: the analysis terminates at a fixpoint
    /// of its equations, every slot an instruction reads is live before it, and the only
    /// slots live at entry are parameters or slots some instruction's effects had to
    /// approximate.
    #[test]
    fn property_over_the_corpus() {
        let files = corpus();
        assert!(files.len() > 50, "corpus found: {}", files.len());
        let (mut programs, mut funcs, mut pcs, mut not_compiled) = (0, 0, 0usize, Vec::new());
        let mut entry_approx: std::collections::BTreeMap<&'static str, usize> = Default::default();
        let mut entry_unexplained: Vec<String> = Vec::new();
        for path in &files {
            let src = std::fs::read(path).unwrap();
            let Ok(p) = crate::compile_source(&src, &path.display().to_string()) else {
                not_compiled.push(path.display().to_string());
                continue;
            };
            programs += 1;
            let callees = Callees::of(&p);
            for (id, f) in p.funcs.iter().enumerate() {
                funcs += 1;
                let l = Liveness::with(&callees, f);
                let n = f.code.len();
                assert!(l.rounds <= n + 2, "{} rounds for {} instructions", l.rounds, n);
                let mut approx = SlotSet::new(f.frame_size());
                let mut approx_by: Vec<&'static str> = vec![""; f.frame_size()];
                let mut pc = 0;
                while pc < n {
                    pcs += 1;
                    let e = effects(&callees, f, pc);
                    let live = l.live_in(pc);
                    if e.reads_all {
                        assert_eq!(live.count(), f.frame_size());
                        approx.fill();
                    }
                    for r in &e.reads {
                        for s in r.clone() {
                            assert!(live.contains(s), "{} {}: pc {pc} reads {s} not live", path.display(), f.name);
                        }
                    }
                    for r in &e.approx {
                        approx.insert_range(r.clone());
                        for s in r.clone() {
                            approx_by[s] = f.code[pc].op.name();
                        }
                    }
                    // The equations hold at the fixpoint: everything live after is live
                    // before unless written.
                    let mut out = l.live_out(pc).clone();
                    for r in &e.writes {
                        out.remove_range(r.clone());
                    }
                    if f.code[pc].op != Op::MapNext {
                        assert!(out.iter().all(|s| live.contains(s)), "{} {} pc {pc}", path.display(), f.name);
                    }
                    pc += f.code[pc].width();
                }
                for s in l.live_in(0).iter().filter(|&s| s >= f.param_count as usize) {
                    if approx.contains(s) {
                        *entry_approx.entry(approx_by[s]).or_default() += 1;
                    } else {
                        entry_unexplained.push(format!(
                            "{} {} slot {s}\n{}",
                            path.display(),
                            f.name,
                            p.disassemble_function(FuncId(id as u32))
                        ));
                    }
                }
            }
        }
        eprintln!(
            "liveness corpus: {programs} programs ({} not compiled: {not_compiled:?}), {funcs} functions, {pcs} \
             instructions; non-parameter slots live at entry: approximated (by op) {entry_approx:?}, {} unexplained",
            not_compiled.len(),
            entry_unexplained.len()
        );
        assert!(
            entry_unexplained.is_empty(),
            "{} non-parameter slots live at entry without an approximation; first:\n{}",
            entry_unexplained.len(),
            entry_unexplained.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
        );
    }
}
