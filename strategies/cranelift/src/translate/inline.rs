//! Inlining of small leaf functions at direct call sites: a callee made only of
//! arithmetic, moves, constants and comparisons, with no branch and nothing that can
//! leave native code (`vm::jit::inline::inlinable`), is translated in place instead of
//! called (Go's compiler inlines such functions too; `spectralnorm`'s `evalA` is the
//! case in point).
//!
//! The inlined body must be indistinguishable from the call. It has no frame and
//! nothing in it can stop, so no frame is ever missing; the one observable effect of a
//! call it must keep is the preemption tick: a call charges the budget like the
//! interpreter's. The inlined path runs only while the budget is above 1 (it then
//! charges 1); otherwise the site makes the ordinary call, whose frame push charges
//! the budget and yields where the interpreter would.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder};

use super::{frame, FramePlan, Translator};
use vm::bytecode::Function;

impl Translator<'_> {
    /// The `Call` at `pc` of function `g`, one `vm::jit::inline::inlinable` accepts: its body in place while the
    /// budget allows, else the ordinary call (`plan` is the call's frame traffic, not
    /// yet done). Either way the results end in the call window, as after a call.
    pub(super) fn call_inlined(&mut self, pc: usize, g: &Function, plan: &FramePlan) {
        let (inline, call, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(call);
        let budget = self.b.use_var(self.budget);
        let ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, budget, 1);
        self.b.ins().brif(ok, inline, &[], call, &[]);

        self.enter(call);
        self.call_direct(pc, g, plan);
        self.b.ins().jump(done, &[]);

        self.enter(inline);
        let left = self.b.ins().iadd_imm_s(budget, -1);
        self.b.def_var(self.budget, left);
        if self.env.count_native {
            self.count_native(g.code.len());
        }
        self.inline_body(g);
        self.b.ins().jump(done, &[]);
        self.enter(done);
    }

    /// `g`'s body over fresh variables, its parameters read from this frame's call
    /// window and its results written there.
    fn inline_body(&mut self, g: &Function) {
        let float = frame::float_slots(g);
        let vars = (0..g.slot_count as usize)
            .map(|i| self.b.declare_var(if float[i] { types::F64 } else { types::I64 }))
            .collect();
        let caller_vars = std::mem::replace(&mut self.vars, vars);
        let caller_float = std::mem::replace(&mut self.float, float);
        let window = self.f.slot_count as i32;
        for i in 0..g.param_count {
            let ty = if self.float[i as usize] { types::F64 } else { types::I64 };
            let x = self.b.ins().load(ty, self.mem.frame, self.fp, (window + i as i32) * 8);
            self.b.def_var(self.vars[i as usize], x);
        }
        let (body, ret) = g.code.split_at(g.code.len() - 1);
        for &ins in body {
            // (Operations that cannot leave never use the pc.)
            let open = self.instruction(0, ins).unwrap_or(true);
            debug_assert!(open, "an inlinable operation ended the block");
        }
        // (Each result as its variable holds it: a float result is stored as an f64.)
        let results: Vec<_> = (0..ret[0].b).map(|i| self.b.use_var(self.vars[(ret[0].a + i) as usize])).collect();
        self.vars = caller_vars;
        self.float = caller_float;
        for (i, x) in results.into_iter().enumerate() {
            self.b.ins().store(self.mem.frame, x, self.fp, (window + i as i32) * 8);
        }
    }
}
