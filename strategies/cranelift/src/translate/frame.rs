//! What the translator keeps in variables and when it talks to the VM frame: the
//! register file each slot's variable lives in ([`float_slots`]) and, per instruction
//! that calls out or leaves, which slots go to the frame before, which come back after,
//! and which an exit must still write ([`FramePlan`]).
//!
//! Every slot of `0..slot_count` is a Cranelift variable for the whole function; the
//! call window (`slot_count..frame_size`) is memory only. The frame slot of a variable
//! is written only where something reads the frame (the rules are at [`FramePlan::at`];
//! the per-pc liveness is [`vm::jit::liveness`]). Nothing here emits code.

use crate::RefMode;
use vm::bytecode::{Function, Op};
use vm::jit::liveness::{effects, successors, Callees, Liveness, SlotRange, SlotSet};

/// Per slot of `0..slot_count`: whether its variable is an `f64` (float code then
/// never moves it between register files). Operations vote: each float operand or
/// result counts for `f64`, each integer one against (a compiler temporary often
/// serves integer and float code in turn, as in `1.0 / float64(i*j + 1)`); a slot no
/// operation types follows the slot a `Move` copies into it. The type is only a
/// question of speed: a use in the other register file bit-casts, so any answer is
/// correct.
pub(crate) fn float_slots(f: &Function) -> Vec<bool> {
    use Op::*;
    let n = f.slot_count as usize;
    let mut votes = vec![0i32; n];
    let mut typed = vec![false; n];
    let mut vote = |slots: &[u16], float: bool| {
        for &i in slots {
            if (i as usize) < n && !f.ref_slots[i as usize] {
                votes[i as usize] += if float { 1 } else { -1 };
                typed[i as usize] = true;
            }
        }
    };
    for ins in &f.code {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        match ins.op {
            AddF | SubF | MulF | DivF => vote(&[a, b, c], true),
            NegF | SqrtF | AbsF | FloorF => vote(&[a, b], true),
            EqF | NeF | LtF | LeF => {
                vote(&[b, c], true);
                vote(&[a], false);
            }
            IntToFloat | UintToFloat => {
                vote(&[a], true);
                vote(&[b], false);
            }
            FloatToInt | FloatToUint => {
                vote(&[b], true);
                vote(&[a], false);
            }
            AddI | SubI | MulI | AndI | OrI | XorI | AndNotI | DivI | RemI | ShlI | ShrI | EqI | NeI | LtI | LeI
            | DivU | RemU | ShrU | LtU | LeU => vote(&[a, b, c], false),
            AddIK | MulIK | AndIK | ShlIK | ShrIK | DivIK | RemIK | NegI | NotI | WrapU8 | WrapI32 | WrapI8
            | WrapI16 | WrapU16 | WrapU32 | ShrUK | CountU | Not => vote(&[a, b], false),
            LoadInt => vote(&[a], false),
            JmpLtI | JmpLeI | JmpEqI | JmpNeI | IncJmpLtI | IncJmpLeI => vote(&[a, b], false),
            JmpLtIK | JmpLeIK | JmpGtIK | JmpGeIK | JmpEqIK | JmpNeIK => vote(&[a], false),
            _ => {}
        }
    }
    let mut float: Vec<bool> = votes.iter().map(|&v| v > 0).collect();
    // Untyped copies of float slots are float slots (to a fixpoint: chains of moves).
    loop {
        let mut changed = false;
        for ins in f.code.iter().filter(|i| i.op == Op::Move) {
            let (to, from) = (ins.a as usize, ins.b as usize);
            if from < n && to < n && float[from] && !float[to] && !typed[to] && !f.ref_slots[to] {
                float[to] = true;
                changed = true;
            }
        }
        if !changed {
            return float;
        }
    }
}

/// The frame traffic around one instruction that calls out of native code (a helper,
/// a callee) or leaves it. Slot lists are of `0..slot_count`, ascending.
#[derive(Clone, Debug, Default)]
pub(crate) struct FramePlan {
    /// Written to the frame before the call.
    pub stores: Vec<u16>,
    /// Read back from the frame after the call (the call may have written them, or the
    /// collector moved what they point to).
    pub reloads: Vec<u16>,
    /// Written on the way out when the call ends native code here (the rest of what the
    /// interpreter may read that is not in the frame already).
    pub exit: Vec<u16>,
}

impl FramePlan {
    /// The plan for a call out of native code at `pc`. With `keep` = `live_in(pc) ∪
    /// live_out(pc)` (what is read later, by this code or by the interpreter when it
    /// takes over here, also after a recovered panic):
    ///
    /// - **stores**: the variables live before the instruction (`live_in(pc)`) that
    ///   the call reads (its helper reads the frame) or may write (the reload after it
    ///   reads the frame whether the call wrote it or not, and an exit before the write
    ///   happened resumes the interpreter here); in `cranelift-reload`, also every
    ///   reference live before it (a call is a safepoint and the frame is the only place
    ///   the collector updates).
    /// - **reloads**: kept slots the call may write, and in `cranelift-reload` the stored
    ///   references (they may have moved). In `cranelift-regmap` references live
    ///   across the call are in stack-mapped spill slots the collector updates.
    /// - **exit**: kept slots neither stored nor clobbered (clobbered ones are in the
    ///   frame: stored, or written by the call, or not live where the interpreter
    ///   resumes).
    ///
    /// Only variables in `live_in(pc)` are ever stored (a slot live after the call but
    /// not before is one the call writes on that path, `MapNext`'s key and value
    /// included). A dead reference variable may hold a pointer from before a
    /// collection (nothing updated it), and writing it to the frame would hand the
    /// collector a stale root; a frame slot the code does not write keeps an older
    /// reference, which the collector keeps valid.
    pub(crate) fn at(
        f: &Function,
        callees: &Callees,
        live: &Liveness,
        clean: &Clean,
        mode: RefMode,
        pc: usize,
    ) -> FramePlan {
        let n = f.slot_count as usize;
        let e = effects(callees, f, pc);
        let (li, lo) = (live.live_in(pc), live.live_out(pc));
        let set = |rs: &[SlotRange]| {
            let mut s = SlotSet::new(n);
            rs.iter().for_each(|r| s.insert_range(r.start.min(n)..r.end.min(n)));
            s
        };
        let (reads, clobbers) = (set(&e.reads), set(&e.clobbers));
        let mut plan = FramePlan::default();
        for i in 0..n {
            let keep = li.contains(i) || lo.contains(i);
            // (A reference live only *after* the call is one the instruction writes:
            // its variable's value is dead, maybe stale, and must not be stored.)
            let reload_ref = mode == RefMode::Reload && f.ref_slots[i] && li.contains(i);
            let clob = clobbers.contains(i);
            // (A clean slot is in the frame already: no store, and the exit needs it
            // not.)
            let current = clean.before(pc).contains(i);
            let store = !current && (e.reads_all || reads.contains(i) || (clob && li.contains(i)) || reload_ref);
            if store {
                plan.stores.push(i as u16);
            }
            if keep && (clob || reload_ref) {
                plan.reloads.push(i as u16);
            }
            if keep && !clob && !store && !current {
                plan.exit.push(i as u16);
            }
        }
        plan
    }

    /// The slots an exit to the interpreter, resuming at `pc`, must write: every
    /// variable live there that is not `clean` (in the frame already).
    pub(crate) fn exit_at(f: &Function, live: &Liveness, clean: &SlotSet, pc: usize) -> Vec<u16> {
        let n = f.slot_count as usize;
        live.live_in(pc).iter().filter(|&i| i < n && !clean.contains(i)).map(|i| i as u16).collect()
    }

    /// The slots an entry at `pc` reads from the frame: every variable live there.
    pub(crate) fn entry_at(f: &Function, live: &Liveness, pc: usize) -> Vec<u16> {
        let n = f.slot_count as usize;
        live.live_in(pc).iter().filter(|&i| i < n).map(|i| i as u16).collect()
    }
}

/// Which variables' frame slots are *clean* (hold the variable's current value) before
/// and after each pc, so exits and helpers need not store them again.
///
/// A forward dataflow over the bytecode (meet: intersection). A slot becomes clean where
/// the code reads it from the frame (an entry loads the slots live there) or writes it
/// there *on every path*: the preheader of each loop stores the slots live at its header
/// that nothing in the loop writes ([`Clean::invariant`]). It becomes dirty at every
/// instruction that may write it (`clobbers`). Stores made only on some paths inside an
/// instruction (before a helper on a slow path) are not counted, so the sets are
/// conservative: a slot said clean is clean on every path.
///
/// This is what keeps loops lean: a value the loop never changes is stored once before
/// the loop, so the loop's exits do not need it and it need not stay in a register.
pub(crate) struct Clean {
    before: Vec<SlotSet>,
    after: Vec<SlotSet>,
    invariant: Vec<Vec<u16>>,
}

impl Clean {
    /// `entries`: where native code may be entered; `loop_end[h]`: for a loop header
    /// `h` (a target of a backward branch), the pc of its last back edge.
    pub(crate) fn of(f: &Function, callees: &Callees, live: &Liveness, entries: &[usize], loop_end: &[usize]) -> Clean {
        let code = &f.code;
        let n = code.len();
        let vars = f.slot_count as usize;
        let full = {
            let mut s = SlotSet::new(vars);
            s.fill();
            s
        };
        let within = |s: &SlotSet| {
            let mut t = SlotSet::new(vars);
            s.iter().filter(|&i| i < vars).for_each(|i| t.insert(i));
            t
        };
        let mut starts = Vec::new();
        let mut clobbers = vec![SlotSet::new(vars); n];
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut pc = 0;
        while pc < n {
            starts.push(pc);
            let ins = code[pc];
            for r in effects(callees, f, pc).clobbers {
                clobbers[pc].insert_range(r.start.min(vars)..r.end.min(vars));
            }
            for s in successors(f, pc) {
                if !preds[s].contains(&pc) {
                    preds[s].push(pc);
                }
            }
            pc += ins.width();
        }
        let is_header = |h: usize| preds[h].iter().any(|&p| p >= h);
        // What each loop's preheader stores: live at the header, written nowhere in it.
        let mut invariant = vec![Vec::new(); n];
        for h in (0..n).filter(|&h| is_header(h)) {
            let mut written = SlotSet::new(vars);
            for &pc in starts.iter().filter(|&&pc| pc >= h && pc <= loop_end[h]) {
                written.union_with(&clobbers[pc]);
            }
            invariant[h] =
                live.live_in(h).iter().filter(|&i| i < vars && !written.contains(i)).map(|i| i as u16).collect();
        }
        let mut before = vec![full.clone(); n];
        let mut after = vec![full.clone(); n];
        loop {
            let mut changed = false;
            for &pc in &starts {
                let mut meet = full.clone();
                let mut through = |mut s: SlotSet, pre: bool| {
                    if pre && is_header(pc) {
                        invariant[pc].iter().for_each(|&i| s.insert(i as usize));
                    }
                    meet.intersect_with(&s);
                };
                for &p in &preds[pc] {
                    through(after[p].clone(), p < pc);
                }
                if entries.contains(&pc) {
                    through(within(live.live_in(pc)), true);
                }
                let mut out = meet.clone();
                for i in clobbers[pc].iter() {
                    out.remove(i);
                }
                if meet != before[pc] || out != after[pc] {
                    before[pc] = meet;
                    after[pc] = out;
                    changed = true;
                }
            }
            if !changed {
                return Clean { before, after, invariant };
            }
        }
    }

    /// Clean before `pc` executes.
    pub(crate) fn before(&self, pc: usize) -> &SlotSet {
        &self.before[pc]
    }

    /// Clean after `pc` completes normally.
    pub(crate) fn after(&self, pc: usize) -> &SlotSet {
        &self.after[pc]
    }

    /// What the preheader of loop header `h` stores (empty for other pcs).
    pub(crate) fn invariant(&self, h: usize) -> &[u16] {
        &self.invariant[h]
    }
}
