//! The translator's calls: native calls of compiled code with the frame pushed inline
//! (the contract's recipe, `vm::jit` "Native calls"), direct and through a closure, and
//! interface calls through the method's dispatch row. Everything here is a method of
//! [`Translator`]; the slots, exits and helper calls it uses live in the parent module.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, Value};

use super::{FramePlan, Translator};
use vm::bytecode::{Function, Instr};
use vm::jit::{helpers, layout, JitContext, JitResult};

impl Translator<'_> {
    /// The `Call` at `pc` of function `g`, made as a call: the frame traffic of `plan`,
    /// then [`Translator::call`] with `g`'s frame sizes as constants.
    pub(super) fn call_direct(&mut self, pc: usize, g: &Function, plan: &FramePlan) {
        self.store_slots(&plan.stores);
        let fid = self.b.ins().iconst(types::I32, self.f.code[pc].a as i64);
        let zero = self.b.ins().iconst(types::I64, 0);
        self.call(pc, fid, zero, Some(g), plan);
    }

    /// A native call of the function whose id is `fid` (closure `clo`): push its frame
    /// (or leave: fall back or stop), run it, pop it. `callee` is the function when it
    /// is known statically (its frame sizes are then constants; otherwise they come
    /// from the VM's function table). The frame is pushed inline when every check
    /// passes (compiled, machine stack, control stack room, VM stack room, budget), and
    /// by `jit_push_frame` otherwise. `plan` is the call's frame traffic, whose stores
    /// the caller made before any path of the call.
    pub(super) fn call(&mut self, pc: usize, fid: Value, clo: Value, callee: Option<&Function>, plan: &FramePlan) {
        use types::{I32, I64};
        let callee_fp = self.b.ins().iadd_imm_s(self.fp, self.f.slot_count as i64 * 8);
        let run = self.b.create_block();
        self.b.append_block_param(run, I64);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        {
            let m = self.mem.ctx;
            let fid64 = self.b.ins().uextend(I64, fid);
            // The callee's frame sizes: constants for a direct call, else from the VM's
            // function table.
            let (params, slots, frame) = match callee {
                Some(g) => (
                    self.b.ins().iconst(I64, g.param_count as i64),
                    self.b.ins().iconst(I64, g.slot_count as i64),
                    self.b.ins().iconst(I64, g.frame_size() as i64),
                ),
                None => {
                    let funcs = self.b.ins().iconst(I64, self.env.funcs as i64);
                    let off = self.b.ins().imul_imm_s(fid64, layout::FUNC_BYTES);
                    let info = self.b.ins().iadd(funcs, off);
                    let mut field = |at: i32| {
                        let x = self.b.ins().load(I32, m, info, at);
                        self.b.ins().uextend(I64, x)
                    };
                    (field(layout::FUNC_PARAM_COUNT), field(layout::FUNC_SLOT_COUNT), field(layout::FUNC_FRAME_SIZE))
                }
            };
            // Each check branches to the slow path on its own (predictable, and the
            // common case runs no more of them than it must).
            let table = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_CODE_TABLE);
            let off = self.b.ins().ishl_imm_s(fid64, 3);
            let slot = self.b.ins().iadd(table, off);
            let entry = self.b.ins().load(I64, m, slot, 0);
            let ok_entry = self.b.ins().icmp_imm_s(IntCC::NotEqual, entry, 0);
            self.continue_if(ok_entry, slow);
            let sp = self.b.ins().get_stack_pointer(I64);
            let sp_limit = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_NATIVE_STACK_LIMIT);
            let ok_sp = self.b.ins().icmp(IntCC::UnsignedGreaterThan, sp, sp_limit);
            self.continue_if(ok_sp, slow);
            let cs = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_CONTROL);
            let len = self.b.ins().load(I64, m, cs, layout::CONTROL_LEN);
            let cap = self.b.ins().load(I64, m, cs, layout::CONTROL_CAP);
            let ok_len = self.b.ins().icmp(IntCC::UnsignedLessThan, len, cap);
            self.continue_if(ok_len, slow);
            let limit = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_STACK_END);
            let frame8 = self.b.ins().ishl_imm_s(frame, 3);
            let end = self.b.ins().iadd(callee_fp, frame8);
            let ok_stack = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, end, limit);
            self.continue_if(ok_stack, slow);
            let budget = self.b.use_var(self.budget);
            let ok_budget = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, budget, 1);
            self.continue_if(ok_budget, slow);
            // The caller's record gets its resume pc; the callee's record goes above it.
            let ptr = self.b.ins().load(I64, m, cs, layout::CONTROL_PTR);
            let top = self.b.ins().imul_imm_s(len, layout::FRAME_BYTES);
            let rec = self.b.ins().iadd(ptr, top);
            let caller = self.b.ins().iadd_imm_s(rec, -layout::FRAME_BYTES);
            let resume = self.b.ins().iconst(I32, pc as i64 + 1);
            self.b.ins().store(m, resume, caller, layout::FRAME_PC);
            let cbase = self.b.ins().load(I32, m, caller, layout::FRAME_BASE);
            let nbase = self.b.ins().iadd_imm_s(cbase, self.f.slot_count as i64);
            let zero64 = self.b.ins().iconst(I64, 0);
            self.b.ins().store(m, clo, rec, layout::FRAME_CLOSURE);
            self.b.ins().store(m, fid, rec, layout::FRAME_FUNC);
            self.b.ins().store(m, nbase, rec, layout::FRAME_BASE);
            // pc and panic_index, then mode (and padding).
            self.b.ins().store(m, zero64, rec, layout::FRAME_PC);
            self.b.ins().store(m, zero64, rec, layout::FRAME_PC + 8);
            let len1 = self.b.ins().iadd_imm_s(len, 1);
            self.b.ins().store(m, len1, cs, layout::CONTROL_LEN);
            let budget1 = self.b.ins().iadd_imm_s(budget, -1);
            self.b.def_var(self.budget, budget1);
            // The callee's locals start zeroed (its slot map must hold no stale refs).
            match callee {
                Some(g) => {
                    for i in g.local_ref_slots() {
                        self.b.ins().store(self.mem.frame, zero64, callee_fp, i as i32 * 8);
                    }
                    self.b.ins().jump(run, &[entry.into()]);
                }
                None => {
                    let head = self.b.create_block();
                    self.b.append_block_param(head, I64);
                    let body = self.b.create_block();
                    self.b.ins().jump(head, &[params.into()]);
                    self.b.switch_to_block(head);
                    let i = self.b.block_params(head)[0];
                    let more = self.b.ins().icmp(IntCC::UnsignedLessThan, i, slots);
                    self.b.ins().brif(more, body, &[], run, &[entry.into()]);
                    self.b.switch_to_block(body);
                    let i8 = self.b.ins().ishl_imm_s(i, 3);
                    let at = self.b.ins().iadd(callee_fp, i8);
                    self.b.ins().store(self.mem.frame, zero64, at, 0);
                    let next = self.b.ins().iadd_imm_s(i, 1);
                    self.b.ins().jump(head, &[next.into()]);
                }
            }
        }
        self.enter(slow);
        let pcv = self.b.ins().iconst(I32, pc as i64);
        let entry =
            self.call_helper(self.h.push, helpers::jit_push_frame as *const () as usize, &[self.ctx, fid, clo, pcv]);
        let stop = self.b.create_block();
        self.b.set_cold_block(stop);
        self.b.ins().brif(entry, run, &[entry.into()], stop, &[]);
        self.enter(stop);
        self.store_slots(&plan.exit);
        let st = self.b.ins().iconst(I32, JitResult::Stopped as i64);
        self.b.ins().jump(self.exit, &[st.into()]);
        self.enter(run);
        let entry = self.b.block_params(run)[0];
        let zero = self.b.ins().iconst(I32, 0);
        let call = self.call_out(self.h.native, entry, &[self.ctx, callee_fp, zero]);
        let st = self.b.inst_results(call)[0];
        // The callee stopped: this frame goes to the interpreter too (it wrote only its
        // own frame, so the variables still hold this one's slots).
        let out = self.b.create_block();
        self.b.set_cold_block(out);
        let cont = self.b.create_block();
        self.b.ins().brif(st, out, &[], cont, &[]);
        self.enter(out);
        self.store_slots(&plan.exit);
        self.ret(st);
        self.enter(cont);
        self.load_slots(&plan.reloads);
        self.refresh_slice_headers();
        // Pop the callee's record (inline: `jit_pop_frame` does the same).
        let m = self.mem.ctx;
        let cs = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_CONTROL);
        let len = self.b.ins().load(I64, m, cs, layout::CONTROL_LEN);
        let len1 = self.b.ins().iadd_imm_s(len, -1);
        self.b.ins().store(m, len1, cs, layout::CONTROL_LEN);
    }

    /// `CallIface`.
    pub(super) fn call_iface(&mut self, pc: usize, ins: Instr) {
        use types::I64;
        let bb = ins.b;
        // The method from the dispatch row of its name, indexed by the receiver's
        // dynamic type (`vm::runtime::method_table`); the receiver's payload goes to
        // the window. A nil receiver (or, impossibly, a type without the method) asks
        // `jit_iface_target`, which raises (or does the same).
        let m = self.mem.heap.with_readonly();
        let plan = self.plan(pc);
        self.store_slots(&plan.stores);
        let x = self.get(bb);
        let (hit, miss, found) = (self.b.create_block(), self.b.create_block(), self.join(1));
        self.b.set_cold_block(miss);
        let nonnil = self.b.create_block();
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, x, 0);
        self.b.ins().brif(is_nil, miss, &[], nonnil, &[]);
        self.b.switch_to_block(nonnil);
        let ty = self.b.ins().load(I64, m, x, vm::heap::layout::IFACE_TYPE as i32);
        let ty4 = self.b.ins().ishl_imm_s(ty, 2);
        let row = self.b.ins().iconst(I64, self.env.method_row(ins.a) as i64);
        let at = self.b.ins().iadd(row, ty4);
        let fid32 = self.b.ins().load(types::I32, self.mem.ctx, at, 0);
        let absent = self.b.ins().icmp_imm_s(IntCC::Equal, fid32, vm::runtime::method_table::NO_METHOD as i32 as i64);
        self.b.ins().brif(absent, miss, &[], hit, &[]);
        self.b.switch_to_block(hit);
        let fid = self.b.ins().uextend(I64, fid32);
        let payload = self.b.ins().load(I64, m, x, vm::heap::layout::IFACE_DATA as i32);
        self.b.ins().store(self.mem.frame, payload, self.fp, self.f.slot_count as i32 * 8);
        self.b.ins().jump(found, &[fid.into()]);
        self.b.switch_to_block(miss);
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let fid64 =
            self.call_helper(self.h.iface, helpers::jit_iface_target as *const () as usize, &[self.ctx, self.fp, pcv]);
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, fid64, -1);
        let ok = self.b.create_block();
        let stop = self.b.create_block();
        self.b.ins().brif(bad, stop, &[], ok, &[]);
        self.enter(stop);
        self.store_slots(&plan.exit);
        let st = self.b.ins().iconst(types::I32, JitResult::Stopped as i64);
        self.b.ins().jump(self.exit, &[st.into()]);
        self.b.switch_to_block(ok);
        self.b.ins().jump(found, &[fid64.into()]);
        self.b.switch_to_block(found);
        let fid64 = self.b.block_params(found)[0];
        let fid = self.b.ins().ireduce(types::I32, fid64);
        let zero = self.b.ins().iconst(I64, 0);
        self.call(pc, fid, zero, None, &plan);
    }
}
