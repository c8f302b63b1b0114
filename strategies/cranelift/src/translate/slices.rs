//! Loop-invariant slice headers: a slice that a loop indexes but never reassigns has
//! the same length and element base on every iteration, so they are read once, in the
//! loop's preheader, into two variables the loop's `SliceGet`/`SliceSet` use.
//!
//! Cranelift cannot hoist those loads itself without making them pure (`can_move`),
//! which would let it also *sink* them past a safepoint (see `Mem::immutable`). Here the
//! translator keeps control: the element base is a derived pointer, so after every
//! safepoint inside the loop (a helper or a call, where the collector may move the
//! slice's array) both variables are read again from the slice's current value
//! ([`Translator::refresh_slice_headers`]).

use cranelift_codegen::ir::{types, InstBuilder, Value};
use cranelift_frontend::Variable;

use super::Translator;
use vm::bytecode::Op;
use vm::jit::liveness::effects;

/// The cached header of one slice slot inside a loop.
#[derive(Clone, Copy)]
pub(super) struct SliceHeader {
    len: Variable,
    base: Variable,
    /// The last pc of the loop: the cache serves `pc <= until`.
    until: usize,
}

/// One loop's cached slices.
#[derive(Clone)]
struct CachingLoop {
    header: usize,
    /// The pc of its last back edge.
    end: usize,
    slots: Vec<u16>,
}

/// The slices each loop caches, found before any code is emitted (entries need them).
#[derive(Default)]
pub(super) struct SlicePlan {
    /// The loops that cache something.
    loops: Vec<CachingLoop>,
    /// Per slot: the two variables of its cached header (one pair for every loop).
    vars: Vec<Option<(Variable, Variable)>>,
}

impl Translator<'_> {
    /// Find what every loop caches: the slice slots it indexes (`SliceGet`, `SliceSet`)
    /// and writes nowhere, in loops entered only through their header. `loop_end[h]`
    /// is the last back edge of loop header `h`.
    pub(super) fn plan_slice_headers(&mut self, loop_end: &[usize]) {
        let code = &self.f.code;
        let mut plan = SlicePlan { loops: Vec::new(), vars: vec![None; self.f.slot_count as usize] };
        for (header, &end) in loop_end.iter().enumerate().filter(|&(h, &end)| self.headers[h].is_some() && end >= h) {
            let mut slots: Vec<u16> = Vec::new();
            let mut pc = header;
            while pc <= end && pc < code.len() {
                let ins = code[pc];
                let s = match ins.op {
                    Op::SliceGet => Some(ins.b),
                    Op::SliceSet => Some(ins.a),
                    _ => None,
                };
                if let Some(s) = s.filter(|&s| self.is_var(s) && !slots.contains(&s)) {
                    slots.push(s);
                }
                pc += ins.width();
            }
            // A loop entered other than through its header (a rotated loop whose first
            // pass jumps to its test) would reach its body without the preheader's
            // reads: no cache for it.
            let side_entry = (0..code.len()).any(|pc| {
                (pc < header || pc > end)
                    && code[pc].jump_target(pc).is_some_and(|t| t > header && t <= end)
                    && code[pc].op != Op::Ext
            });
            if side_entry {
                slots.clear();
            }
            let mut pc = header;
            while pc <= end && pc < code.len() && !slots.is_empty() {
                let e = effects(self.callees, self.f, pc);
                slots.retain(|&s| !e.clobbers.iter().any(|r| r.contains(&(s as usize))));
                pc += code[pc].width();
            }
            for &s in &slots {
                if plan.vars[s as usize].is_none() {
                    plan.vars[s as usize] = Some((self.b.declare_var(types::I64), self.b.declare_var(types::I64)));
                }
            }
            if !slots.is_empty() {
                plan.loops.push(CachingLoop { header, end, slots });
            }
        }
        self.slice_plan = plan;
    }

    /// At the preheader of the loop `header..=end`: cache the headers of its slices.
    /// The caches of enclosing loops are read again too: an OSR entry comes in through
    /// this preheader and must find them defined.
    pub(super) fn cache_slice_headers(&mut self, header: usize) {
        self.refresh_slice_headers();
        let Some(CachingLoop { end, mut slots, .. }) =
            self.slice_plan.loops.iter().find(|l| l.header == header).cloned()
        else {
            return;
        };
        slots.retain(|&s| self.slice_headers[s as usize].is_none());
        for s in slots {
            let (len, base) = self.slice_plan.vars[s as usize].expect("planned");
            let h = SliceHeader { len, base, until: end };
            self.slice_headers[s as usize] = Some(h);
            self.cached_slices.push(s);
            self.read_slice_header(s, h);
        }
    }

    /// In the entry block of entry `pc` (after its live slots are loaded): read the
    /// headers of every loop that contains `pc` without starting there (a fiber resumes
    /// mid-loop), so the loop finds its caches defined.
    pub(super) fn entry_slice_headers(&mut self, pc: usize) {
        let loops: Vec<CachingLoop> =
            self.slice_plan.loops.iter().filter(|l| l.header < pc && pc <= l.end).cloned().collect();
        for CachingLoop { end, slots, .. } in loops {
            for s in slots {
                let (len, base) = self.slice_plan.vars[s as usize].expect("planned");
                self.read_slice_header(s, SliceHeader { len, base, until: end });
            }
        }
    }

    /// Forget the caches of loops that end before `pc`.
    pub(super) fn expire_slice_headers(&mut self, pc: usize) {
        let headers = &mut self.slice_headers;
        self.cached_slices.retain(|&s| {
            let live = headers[s as usize].is_some_and(|h| pc <= h.until);
            if !live {
                headers[s as usize] = None;
            }
            live
        });
    }

    /// After a safepoint: read every cached header again (the slice may have moved).
    pub(super) fn refresh_slice_headers(&mut self) {
        for k in 0..self.cached_slices.len() {
            let s = self.cached_slices[k];
            if let Some(h) = self.slice_headers[s as usize] {
                self.read_slice_header(s, h);
            }
        }
    }

    /// Slot `s`'s length and element base: from the loop's cache, or read now.
    pub(super) fn slice_header(&mut self, s: u16) -> (Value, Value) {
        if let Some(h) = self.slice_headers.get(s as usize).copied().flatten() {
            return (self.b.use_var(h.len), self.b.use_var(h.base));
        }
        let x = self.get(s);
        self.slice_len_base(x)
    }

    fn read_slice_header(&mut self, s: u16, h: SliceHeader) {
        let x = self.get(s);
        let (len, base) = self.slice_len_base(x);
        self.b.def_var(h.len, len);
        self.b.def_var(h.base, base);
    }

    /// The length of slice `x` and the address of its element 0 (0 and an unused
    /// address for nil).
    fn slice_len_base(&mut self, x: Value) -> (Value, Value) {
        use vm::heap::layout::{SLICE_ARRAY, SLICE_LEN, SLICE_OFFSET};
        let len = self.immutable(x, SLICE_LEN as i32);
        let arr = self.immutable(x, SLICE_ARRAY as i32);
        let off = self.immutable(x, SLICE_OFFSET as i32);
        let off8 = self.b.ins().ishl_imm_s(off, 3);
        (len, self.b.ins().iadd(arr, off8))
    }
}
