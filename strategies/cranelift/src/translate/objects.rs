//! The object-model operations of the translator: type tests against inline caches and
//! inline allocation. Everything here is a method of [`Translator`]; the slots, exits
//! and helper calls it uses live in the parent module.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, Block, InstBuilder, Value};

use super::Translator;
use vm::bytecode::{Instr, Op};
use vm::jit::alloc::inline_alloc;
use vm::jit::site_caches::{is_interface, SITE_WAYS};
use vm::jit::{JitContext, JitResult};

impl Translator<'_> {
    /// Look dynamic type `ty` up in the cache site at `cache`: jumps to `hit` with the
    /// word the site learned for it, or to `miss`.
    fn probe(&mut self, cache: usize, ty: Value, hit: Block, miss: Block) {
        let m = self.mem.ctx;
        let site = self.b.ins().iconst(types::I64, cache as i64);
        for way in 0..SITE_WAYS {
            let seen = self.b.ins().load(types::I64, m, site, way as i32 * 16);
            let learned = self.b.ins().load(types::I64, m, site, way as i32 * 16 + 8);
            let same = self.b.ins().icmp(IntCC::Equal, seen, ty);
            if way + 1 < SITE_WAYS {
                let next = self.b.create_block();
                self.b.ins().brif(same, hit, &[learned.into()], next, &[]);
                self.enter(next);
            } else {
                self.b.ins().brif(same, hit, &[learned.into()], miss, &[]);
            }
        }
    }

    /// After a miss: enter (`ty`, `value`) in the cache site at `cache`, replacing its
    /// entries round robin.
    fn learn(&mut self, cache: usize, ty: Value, value: Value) {
        let m = self.mem.ctx;
        let count_at = (SITE_WAYS * 16) as i32;
        let site = self.b.ins().iconst(types::I64, cache as i64);
        let count = self.b.ins().load(types::I64, m, site, count_at);
        let next = self.b.ins().iadd_imm_s(count, 1);
        self.b.ins().store(m, next, site, count_at);
        let way = self.b.ins().band_imm_s(count, SITE_WAYS as i64 - 1);
        let off = self.b.ins().ishl_imm_s(way, 4);
        let entry = self.b.ins().iadd(site, off);
        self.b.ins().store(m, ty, entry, 0);
        self.b.ins().store(m, value, entry, 8);
    }

    /// The out-of-line path of instruction `pc` inside an arm that rejoins at `done`:
    /// `jit_op`, leave on a non-zero result, else jump to `done` with the listed slots
    /// read back from the frame (where the helper wrote them); `then` runs in between
    /// (a cache learning what the helper found).
    fn slow_arm(&mut self, pc: usize, outs: &[u16], done: Block, then: impl FnOnce(&mut Self, &[Value])) {
        let (st, plan) = self.call_op(pc);
        self.exit_if_nonzero(st, &plan);
        let vals: Vec<Value> = outs.iter().map(|&i| self.load_slot_mem(i)).collect();
        then(self, &vals);
        let args: Vec<_> = vals.iter().map(|&v| v.into()).collect();
        self.b.ins().jump(done, &args);
    }

    /// A join block with `n` `i64` parameters.
    pub(super) fn join(&mut self, n: usize) -> Block {
        let blk = self.b.create_block();
        for _ in 0..n {
            self.b.append_block_param(blk, types::I64);
        }
        blk
    }

    /// `New`/`BoxNew`/`ToIface` of an object [`inline_alloc`] accepts: bump the nursery
    /// (zero above the cursor); a full nursery, a collection due or gc-stress take the
    /// helper.
    pub(super) fn alloc_inline(&mut self, pc: usize, ins: Instr) {
        use types::I64;
        let (a, bb) = (ins.a, ins.b);
        // Bump the nursery (zero above the cursor); a full nursery, a collection
        // due or gc-stress take the helper.
        let al = inline_alloc(self.program, ins, self.env.large_words).expect("checked");
        let operand = al.operand_at.map(|at| (at, self.get(bb)));
        let m = self.mem.ctx;
        let cursor_at = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_ALLOC_CURSOR);
        let obj = self.b.ins().load(I64, m, cursor_at, 0);
        let end = self.b.ins().iadd_imm_s(obj, al.words as i64 * 8);
        let limit_at = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_ALLOC_LIMIT);
        let limit = self.b.ins().load(I64, m, limit_at, 0);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, limit);
        let (fast, slow, done) = (self.b.create_block(), self.b.create_block(), self.join(1));
        self.b.set_cold_block(slow);
        self.b.ins().brif(full, slow, &[], fast, &[]);
        self.b.switch_to_block(fast);
        self.b.ins().store(m, end, cursor_at, 0);
        let header = self.b.ins().iconst(I64, al.header as i64);
        self.b.ins().store(self.mem.heap, header, obj, 0);
        if let Some((at, k)) = al.constant {
            let k = self.b.ins().iconst(I64, k as i64);
            self.b.ins().store(self.mem.heap, k, obj, at);
        }
        if let Some((at, v)) = operand {
            // A young object: no write barrier.
            self.b.ins().store(self.mem.heap, v, obj, at);
        }
        self.b.ins().jump(done, &[obj.into()]);
        self.b.switch_to_block(slow);
        self.slow_arm(pc, &[a], done, |_, _| {});
        self.b.switch_to_block(done);
        let r = self.b.block_params(done)[0];
        self.set(a, r);
    }

    /// `IfaceIs`, `Assert2` and `Assert`.
    pub(super) fn type_test(&mut self, pc: usize, ins: Instr) {
        use types::I64;
        let (a, bb, c) = (ins.a, ins.b, ins.c);
        // The dynamic type against a concrete target inline, or against the
        // types an interface target's cache saw (with their results; `Assert`
        // caches only successes). A failed `Assert` leaves for the interpreter,
        // which raises the panic. Results join as (ok, value).
        let m = self.mem.heap.with_readonly();
        let x = self.get(bb);
        let done = self.join(2);
        let fail = self.b.create_block();
        let nonnil = self.b.create_block();
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, x, 0);
        self.b.ins().brif(is_nil, fail, &[], nonnil, &[]);
        self.b.switch_to_block(nonnil);
        let ty = self.b.ins().load(I64, m, x, vm::heap::layout::IFACE_TYPE as i32);
        let one = self.b.ins().iconst(I64, 1);
        if is_interface(self.program, c) {
            // A hit's value is the interface itself.
            let cache = self.caches.take();
            let (hit, miss) = (self.join(1), self.b.create_block());
            self.b.set_cold_block(miss);
            self.probe(cache, ty, hit, miss);
            self.b.switch_to_block(hit);
            let learned = self.b.block_params(hit)[0];
            let ok = self.b.create_block();
            self.b.ins().brif(learned, ok, &[], fail, &[]);
            self.b.switch_to_block(ok);
            self.b.ins().jump(done, &[one.into(), x.into()]);
            self.b.switch_to_block(miss);
            match ins.op {
                Op::IfaceIs => self.slow_arm(pc, &[a, a], done, |t, v| t.learn(cache, ty, v[0])),
                Op::Assert2 => self.slow_arm(pc, &[a + 1, a], done, |t, v| t.learn(cache, ty, v[0])),
                _ => self.slow_arm(pc, &[a, a], done, |t, _| {
                    let one = t.b.ins().iconst(I64, 1);
                    t.learn(cache, ty, one)
                }),
            }
        } else {
            let same = self.b.ins().icmp_imm_s(IntCC::Equal, ty, c as i64);
            let ok = self.b.create_block();
            self.b.ins().brif(same, ok, &[], fail, &[]);
            self.b.switch_to_block(ok);
            let v = if ins.op == Op::IfaceIs {
                one
            } else {
                self.b.ins().load(I64, m, x, vm::heap::layout::IFACE_DATA as i32)
            };
            self.b.ins().jump(done, &[one.into(), v.into()]);
        }
        self.b.switch_to_block(fail);
        if ins.op == Op::Assert {
            self.b.set_cold_block(fail);
            self.exit_at(pc, JitResult::FallBack);
        } else {
            let zero = self.b.ins().iconst(I64, 0);
            self.b.ins().jump(done, &[zero.into(), zero.into()]);
        }
        self.b.switch_to_block(done);
        let (ok, v) = (self.b.block_params(done)[0], self.b.block_params(done)[1]);
        match ins.op {
            Op::IfaceIs => self.set(a, ok),
            Op::Assert2 => {
                self.set(a, v);
                self.set(a + 1, ok);
            }
            _ => self.set(a, v),
        }
    }
}
