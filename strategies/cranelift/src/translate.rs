//! One bytecode function to one Cranelift function (see the crate doc for the design):
//! block leaders and entry points, the slots, exits and helper calls, and one
//! translation per opcode (calls, inline caches and allocation in [`objects`]).

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, AbiParam, Block, InstBuilder, MemFlagsData, Signature, Value};
use cranelift_frontend::{FunctionBuilder, Switch, Variable};

use crate::RefMode;
use vm::bytecode::{Function, Instr, Op, Operand, Program};
use vm::jit::alloc::inline_alloc;
use vm::jit::blocks::{branch_target, width, Blocks};
use vm::jit::site_caches::{is_interface, SiteCaches};
use vm::jit::{helpers, layout, CompileEnv, JitContext, JitResult, ENTRY_PC_MASK, ENTRY_RET_VIA_VM};

mod objects;

/// The condition of a compare-and-branch op.
fn branch_cc(op: Op) -> IntCC {
    match op {
        Op::JmpLtI | Op::JmpLtIK => IntCC::SignedLessThan,
        Op::JmpLeI | Op::JmpLeIK => IntCC::SignedLessThanOrEqual,
        Op::JmpGtIK => IntCC::SignedGreaterThan,
        Op::JmpGeIK => IntCC::SignedGreaterThanOrEqual,
        Op::JmpEqI | Op::JmpEqIK => IntCC::Equal,
        _ => IntCC::NotEqual,
    }
}

/// What the current bytecode block knows of a scalar slot: its value as an `i64`, as
/// an `f64`, or both (the same bits); nothing means "load it from the frame".
#[derive(Clone, Copy, Default)]
struct Known {
    int: Option<Value>,
    float: Option<Value>,
}

impl Known {
    fn is_empty(&self) -> bool {
        self.int.is_none() && self.float.is_none()
    }
}

/// Imported helper signatures and addresses.
struct Helpers {
    op: cranelift_codegen::ir::SigRef,
    direct: cranelift_codegen::ir::SigRef,
    push: cranelift_codegen::ir::SigRef,
    fallback: cranelift_codegen::ir::SigRef,
    iface: cranelift_codegen::ir::SigRef,
    native: cranelift_codegen::ir::SigRef,
    remember: cranelift_codegen::ir::SigRef,
}

pub(crate) struct Translator<'a> {
    b: FunctionBuilder<'a>,
    program: &'a Program,
    f: &'a Function,
    env: &'a CompileEnv,
    ptr: types::Type,
    vars: Vec<Option<Variable>>,
    /// Scalar variables defined in the current bytecode block whose frame slots are not
    /// written yet (see [`Translator::flush`]), in definition order, and as a set.
    pending: Vec<u16>,
    is_pending: Vec<bool>,
    /// Per scalar slot: its value as the current bytecode block last saw it.
    known: Vec<Known>,
    /// The slots with something in `known`.
    touched: Vec<u16>,
    blocks: Vec<Option<Block>>,
    ctx: Value,
    fp: Value,
    entry: Value,
    /// The preemption budget, in a register for the whole activation: loaded on entry,
    /// stored before every call out of this code and on every way out, re-read after
    /// every call ("Preemption" in `vm::jit`).
    budget: Variable,
    exit: Block,
    h: Helpers,
    has_defers: bool,
    frontend: cranelift_codegen::isa::TargetFrontendConfig,
    mode: RefMode,
    /// This function's inline caches (kept alive with the code by the strategy).
    caches: &'a mut SiteCaches,
}

impl<'a> Translator<'a> {
    pub(crate) fn new(
        mut b: FunctionBuilder<'a>,
        program: &'a Program,
        f: &'a Function,
        env: &'a CompileEnv,
        frontend: cranelift_codegen::isa::TargetFrontendConfig,
        mode: RefMode,
        caches: &'a mut SiteCaches,
    ) -> Translator<'a> {
        let ptr = frontend.pointer_type();
        let sig = |params: &[types::Type], ret: Option<types::Type>| {
            let mut s = Signature::new(cranelift_codegen::isa::CallConv::SystemV);
            s.params.extend(params.iter().map(|t| AbiParam::new(*t)));
            s.returns.extend(ret.map(AbiParam::new));
            s
        };
        use types::{I32, I64};
        let h = Helpers {
            op: b.import_signature(sig(&[I64, I64, I32], Some(I32))),
            direct: b.import_signature(sig(&[I64, I64, I64, I64, I64], Some(I32))),
            push: b.import_signature(sig(&[I64, I32, I64, I32], Some(I64))),
            fallback: b.import_signature(sig(&[I64, I32], Some(I32))),
            iface: b.import_signature(sig(&[I64, I64, I32], Some(I64))),
            native: b.import_signature(sig(&[I64, I64, I32], Some(I32))),
            remember: b.import_signature(sig(&[I64, I64], None)),
        };
        let entry_block = b.create_block();
        b.append_block_params_for_function_params(entry_block);
        b.switch_to_block(entry_block);
        let params = b.block_params(entry_block).to_vec();
        let exit = b.create_block();
        b.append_block_param(exit, I32);
        let has_defers = f.code.iter().any(|i| matches!(i.op, Op::DeferCall | Op::DeferClosure));
        let budget = b.declare_var(I64);
        let initial = b.ins().load(I64, Self::mem(), params[0], JitContext::OFFSET_BUDGET);
        b.def_var(budget, initial);
        Translator {
            b,
            program,
            f,
            env,
            ptr,
            vars: Vec::new(),
            pending: Vec::new(),
            is_pending: Vec::new(),
            known: Vec::new(),
            touched: Vec::new(),
            blocks: Vec::new(),
            ctx: params[0],
            fp: params[1],
            entry: params[2],
            budget,
            exit,
            h,
            has_defers,
            frontend,
            mode,
            caches,
        }
    }

    pub(crate) fn translate(mut self) -> Result<(), String> {
        let code = &self.f.code;
        let n = code.len();
        // Block leaders, and the entry points (pc 0 and loop headers).
        let bl = Blocks::of(code)?;
        let (leader, entries) = (&bl.leader, &bl.entries);
        self.blocks = (0..n).map(|i| if leader[i] { Some(self.b.create_block()) } else { None }).collect();

        // Reference slots in `Regmap` live in variables (declared to need stack maps
        // before their first definition), read from the frame on entry. Scalar slots are
        // block-local values (see `Known`).
        for i in 0..self.f.slot_count as usize {
            if self.f.ref_slots[i] && self.mode == RefMode::Regmap {
                let v = self.b.declare_var(types::I64);
                self.b.declare_var_needs_stack_map(v);
                let x = self.load_slot_mem(i as u16);
                self.b.def_var(v, x);
                self.vars.push(Some(v));
            } else {
                self.vars.push(None);
            }
        }
        let slots = self.f.slot_count as usize;
        self.is_pending = vec![false; slots];
        self.known = vec![Known::default(); slots];
        // Dispatch on the entry pc.
        let bad_entry = self.b.create_block();
        let pcv = self.b.ins().band_imm_s(self.entry, ENTRY_PC_MASK as i64);
        let mut sw = Switch::new();
        for &e in entries {
            sw.set_entry(e as u128, self.blocks[e].expect("entry is a leader"));
        }
        sw.emit(&mut self.b, pcv, bad_entry);
        self.b.switch_to_block(bad_entry);
        let st = self.call_helper(self.h.fallback, helpers::jit_fallback as *const () as usize, &[self.ctx, pcv]);
        self.ret(st);

        let mut pc = 0;
        let mut open = false;
        while pc < n {
            let ins = code[pc];
            if let Some(blk) = self.blocks[pc] {
                if open {
                    self.flush();
                    self.b.ins().jump(blk, &[]);
                }
                self.b.switch_to_block(blk);
                self.start_block();
                open = true;
                if self.env.count_native {
                    // Counting mode: the block's instructions ran natively.
                    let len = bl.len_at(code, pc);
                    self.count_native(len);
                }
            }
            if !open {
                // Unreachable code after a terminator: skip to the next block.
                pc += width(ins);
                continue;
            }
            open = self.instruction(pc, ins)?;
            pc += width(ins);
        }
        if open {
            // Falling off the end cannot happen in verified code.
            let st = self.b.ins().iconst(types::I32, JitResult::FallBack as i64);
            self.ret(st);
        }
        self.b.switch_to_block(self.exit);
        let st = self.b.block_params(self.exit)[0];
        self.ret(st);
        self.b.seal_all_blocks();
        self.b.finalize(self.frontend);
        Ok(())
    }

    // ------------------------------------------------------------ slots

    fn mem() -> MemFlagsData {
        MemFlagsData::trusted()
    }

    fn load_slot_mem(&mut self, i: u16) -> Value {
        self.b.ins().load(types::I64, Self::mem(), self.fp, i as i32 * 8)
    }

    /// Whether slot `i` is a scalar slot of the frame (not a reference, not the window).
    fn is_scalar(&self, i: u16) -> bool {
        (i as usize) < self.known.len() && !self.f.ref_slots[i as usize]
    }

    fn know(&mut self, i: u16, k: Known) {
        if self.known[i as usize].is_empty() {
            self.touched.push(i);
        }
        self.known[i as usize] = k;
    }

    /// The value of slot `i`: a scalar as the block knows it (else loaded once per
    /// block), a `Regmap` reference's variable, or a load (references in `Reload`, and
    /// the window). Call it only where the current Cranelift block dominates the rest of
    /// the bytecode block (what it learns is kept for the block).
    fn get(&mut self, i: u16) -> Value {
        if self.is_scalar(i) {
            return self.scalar(i, types::I64);
        }
        match self.vars.get(i as usize).copied().flatten() {
            Some(v) => self.b.use_var(v),
            None => self.load_slot_mem(i),
        }
    }

    /// Slot `i` as a float (scalar slots keep their float value, so float code does
    /// not move values between register files).
    fn getf(&mut self, i: u16) -> Value {
        if self.is_scalar(i) {
            return self.scalar(i, types::F64);
        }
        let x = self.get(i);
        self.b.ins().bitcast(types::F64, MemFlagsData::new(), x)
    }

    /// Scalar slot `i` as `ty` (`I64` or `F64`): the value the block knows, else the
    /// one it knows in the other register file bit-cast, else a load; what it finds is
    /// known for the rest of the block.
    fn scalar(&mut self, i: u16, ty: types::Type) -> Value {
        let k = self.known[i as usize];
        let float = ty == types::F64;
        let (want, other) = if float { (k.float, k.int) } else { (k.int, k.float) };
        if let Some(v) = want {
            return v;
        }
        let v = match other {
            Some(o) => self.b.ins().bitcast(ty, MemFlagsData::new(), o),
            None => self.b.ins().load(ty, Self::mem(), self.fp, i as i32 * 8),
        };
        let k = if float { Known { float: Some(v), ..k } } else { Known { int: Some(v), ..k } };
        self.know(i, k);
        v
    }

    /// Define slot `i`. A scalar's frame slot is written at the next point where the
    /// frame must be current ([`Translator::flush`]), so a slot defined twice in a
    /// block is stored once; references and the window are written through.
    fn set(&mut self, i: u16, x: Value) {
        if self.is_scalar(i) {
            self.know(i, Known { int: Some(x), float: None });
            self.pend(i);
            return;
        }
        if let Some(v) = self.vars.get(i as usize).copied().flatten() {
            self.b.def_var(v, x);
        }
        self.b.ins().store(Self::mem(), x, self.fp, i as i32 * 8);
    }

    fn setf(&mut self, i: u16, x: Value) {
        if self.is_scalar(i) {
            self.know(i, Known { int: None, float: Some(x) });
            self.pend(i);
            return;
        }
        let y = self.b.ins().bitcast(types::I64, MemFlagsData::new(), x);
        self.set(i, y);
    }

    fn pend(&mut self, i: u16) {
        if !self.is_pending[i as usize] {
            self.is_pending[i as usize] = true;
            self.pending.push(i);
        }
    }

    fn set_bool(&mut self, i: u16, c: Value) {
        let x = self.b.ins().uextend(types::I64, c);
        self.set(i, x);
    }

    /// Make the frame current: store the block's pending definitions. Done at the end
    /// of every bytecode block (so every block starts with a current frame), before
    /// every helper call and at every exit: the points where the runtime or the
    /// interpreter may read the frame. The collector reads only reference slots, which
    /// are written through. The set is kept until the block ends: a flush on one arm
    /// of a branch does not flush the other (and a flush learns nothing).
    fn flush(&mut self) {
        for k in 0..self.pending.len() {
            let i = self.pending[k];
            let known = self.known[i as usize];
            // (A pending slot is known unless a helper rewrote it since: then the frame
            // is current already.)
            if let Some(x) = known.float.or(known.int) {
                self.b.ins().store(Self::mem(), x, self.fp, i as i32 * 8);
            }
        }
    }

    /// A new bytecode block starts: its frame is current and nothing is known.
    fn start_block(&mut self) {
        for &i in &self.pending {
            self.is_pending[i as usize] = false;
        }
        self.pending.clear();
        for &i in &self.touched {
            self.known[i as usize] = Known::default();
        }
        self.touched.clear();
    }

    /// Forget slot `i` (a helper may have written its frame slot): a scalar is loaded
    /// again at its next use, a `Regmap` reference's variable is re-read now.
    fn reload(&mut self, i: u16) {
        if self.is_scalar(i) {
            self.known[i as usize] = Known::default();
            if self.is_pending[i as usize] {
                self.is_pending[i as usize] = false;
                self.pending.retain(|&p| p != i);
            }
        } else if let Some(v) = self.vars.get(i as usize).copied().flatten() {
            let x = self.load_slot_mem(i);
            self.b.def_var(v, x);
        }
    }

    fn reload_all(&mut self) {
        for i in 0..self.known.len() {
            self.reload(i as u16);
        }
    }

    /// Re-read the slots instruction `ins` may have written.
    fn reload_defs(&mut self, ins: Instr) {
        match ins.op {
            Op::MapNext | Op::Select => self.reload_all(),
            _ if ins.op.operands()[0] == Operand::Reg => {
                self.reload(ins.a);
                self.reload(ins.a.wrapping_add(1));
            }
            _ => {}
        }
    }

    // ------------------------------------------------------------ helpers

    fn call_helper(&mut self, sig: cranelift_codegen::ir::SigRef, addr: usize, args: &[Value]) -> Value {
        self.flush();
        if self.mode == RefMode::Regmap {
            // Where the collector's walk of native frames starts (see `jit`).
            let sp = self.b.ins().get_stack_pointer(types::I64);
            let fp = self.b.ins().get_frame_pointer(types::I64);
            self.b.ins().store(Self::mem(), sp, self.ctx, JitContext::OFFSET_NATIVE_SP);
            self.b.ins().store(Self::mem(), fp, self.ctx, JitContext::OFFSET_NATIVE_FP);
        }
        let callee = self.b.ins().iconst(self.ptr, addr as i64);
        let call = self.call_out(sig, callee, args);
        self.b.inst_results(call).first().copied().unwrap_or(callee)
    }

    /// A call out of this code (a helper, a callee) with the budget handed over: in the
    /// context during the call, re-read after it.
    fn call_out(
        &mut self,
        sig: cranelift_codegen::ir::SigRef,
        callee: Value,
        args: &[Value],
    ) -> cranelift_codegen::ir::Inst {
        self.store_budget();
        let call = self.b.ins().call_indirect(sig, callee, args);
        let budget = self.b.ins().load(types::I64, Self::mem(), self.ctx, JitContext::OFFSET_BUDGET);
        self.b.def_var(self.budget, budget);
        call
    }

    fn store_budget(&mut self) {
        let budget = self.b.use_var(self.budget);
        self.b.ins().store(Self::mem(), budget, self.ctx, JitContext::OFFSET_BUDGET);
    }

    /// Return `st`: every way out of native code comes here (the budget goes back to
    /// the context first).
    fn ret(&mut self, st: Value) {
        self.store_budget();
        self.b.ins().return_(&[st]);
    }

    fn count_native(&mut self, n: usize) {
        let off = JitContext::OFFSET_NATIVE_INSTRUCTIONS;
        let x = self.b.ins().load(types::I64, Self::mem(), self.ctx, off);
        let y = self.b.ins().iadd_imm_s(x, n as i64);
        self.b.ins().store(Self::mem(), y, self.ctx, off);
    }

    /// Continue in a new block when `ok`, else go to `otherwise`.
    fn continue_if(&mut self, ok: Value, otherwise: Block) {
        let next = self.b.create_block();
        self.b.ins().brif(ok, next, &[], otherwise, &[]);
        self.b.switch_to_block(next);
    }

    /// Leave with result `st` when it is non-zero.
    fn exit_if_nonzero(&mut self, st: Value) {
        let cont = self.b.create_block();
        self.b.ins().brif(st, self.exit, &[st.into()], cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// The out-of-line path of instruction `pc`: `jit_op`, then continue or leave.
    fn slow(&mut self, pc: usize, ins: Instr) {
        let st = self.call_op(pc);
        self.reload_defs(ins);
        self.exit_if_nonzero(st);
    }

    /// The out-of-line path of instruction `pc` (the frame made current first): its
    /// direct helper when it has one (`helpers::direct_call`: the instruction as
    /// immediates), else `jit_op`; its result.
    fn call_op(&mut self, pc: usize) -> Value {
        match helpers::direct_call(self.f, pc) {
            Some(d) => {
                let words = [d.operands, d.ext, d.pc_slots].map(|w| self.b.ins().iconst(types::I64, w as i64));
                let args = [self.ctx, self.fp, words[0], words[1], words[2]];
                self.call_helper(self.h.direct, d.helper, &args)
            }
            None => {
                let pcv = self.b.ins().iconst(types::I32, pc as i64);
                self.call_helper(self.h.op, helpers::jit_op as *const () as usize, &[self.ctx, self.fp, pcv])
            }
        }
    }

    /// Leave for the interpreter at `pc` with result `st`, without a call: store `pc` as
    /// the running frame's resume pc (its control record is the top one while this code
    /// runs) and return. A call is a safepoint, and Cranelift keeps a reference that is
    /// live across any safepoint in a stack slot for its whole life, so the rare paths
    /// of hot code (failed checks, the preemption tick) leave rather than call.
    fn exit_at(&mut self, pc: usize, st: JitResult) {
        self.flush();
        let m = Self::mem();
        let cs = self.b.ins().load(types::I64, m, self.ctx, JitContext::OFFSET_CONTROL);
        let ptr = self.b.ins().load(types::I64, m, cs, layout::CONTROL_PTR);
        let len = self.b.ins().load(types::I64, m, cs, layout::CONTROL_LEN);
        let top = self.b.ins().imul_imm_s(len, layout::FRAME_BYTES);
        let rec = self.b.ins().iadd(ptr, top);
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        self.b.ins().store(m, pcv, rec, layout::FRAME_PC - layout::FRAME_BYTES as i32);
        let st = self.b.ins().iconst(types::I32, st as i64);
        self.ret(st);
    }

    /// `if fail { leave for the interpreter at pc } else { fast() }`: `fail` is a check
    /// whose failure is a Go panic, which the interpreter raises when it executes the
    /// instruction again.
    fn checked(&mut self, fail: Value, pc: usize, fast: impl FnOnce(&mut Self)) {
        let fast_blk = self.b.create_block();
        let fail_blk = self.b.create_block();
        self.b.set_cold_block(fail_blk);
        self.b.ins().brif(fail, fail_blk, &[], fast_blk, &[]);
        self.b.switch_to_block(fail_blk);
        self.exit_at(pc, JitResult::FallBack);
        self.b.switch_to_block(fast_blk);
        fast(self);
    }

    fn block_at(&self, pc: usize) -> Block {
        self.blocks[pc].expect("branch targets are leaders")
    }

    /// Jump to `target`; a backward jump charges the preemption budget first and leaves
    /// with [`JitResult::Tick`] when it runs out.
    fn goto(&mut self, pc: usize, target: usize) {
        self.flush();
        self.jump_to(pc, target);
    }

    /// [`Translator::goto`] with the frame already current.
    fn jump_to(&mut self, pc: usize, target: usize) {
        let tb = self.block_at(target);
        if target > pc {
            self.b.ins().jump(tb, &[]);
            return;
        }
        let budget = self.b.use_var(self.budget);
        let left = self.b.ins().iadd_imm_s(budget, -1);
        self.b.def_var(self.budget, left);
        let out = self.b.ins().icmp_imm_s(IntCC::SignedLessThanOrEqual, left, 0);
        let tick = self.b.create_block();
        self.b.set_cold_block(tick);
        self.b.ins().brif(out, tick, &[], tb, &[]);
        self.b.switch_to_block(tick);
        self.exit_at(target, JitResult::Tick);
    }

    /// A conditional branch: to `target` when `cond`, else to the next instruction.
    fn branch(&mut self, pc: usize, cond: Value, target: usize) {
        self.flush();
        let next = self.block_at(pc + 1);
        if target > pc {
            let tb = self.block_at(target);
            self.b.ins().brif(cond, tb, &[], next, &[]);
        } else {
            let back = self.b.create_block();
            self.b.ins().brif(cond, back, &[], next, &[]);
            self.b.switch_to_block(back);
            self.jump_to(pc, target);
        }
    }

    /// Leave for the interpreter at `pc` through `jit_fallback` (a return the
    /// interpreter must make: shorter code than [`Translator::exit_at`], and off the
    /// hot paths, where a call costs nothing).
    fn fallback(&mut self, pc: usize) {
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let st = self.call_helper(self.h.fallback, helpers::jit_fallback as *const () as usize, &[self.ctx, pcv]);
        self.ret(st);
    }

    /// The write barrier after storing reference `v` into object `obj`: the inline
    /// range test of `Heap::write_barrier` (old object, young value), and the runtime
    /// only on that rare path.
    fn barrier(&mut self, obj: Value, v: Value) {
        let (start, size) = self.env.nursery;
        let dv = self.b.ins().iadd_imm_s(v, -(start as i64));
        let young_v = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, dv, size as i64);
        let dobj = self.b.ins().iadd_imm_s(obj, -(start as i64));
        let old_obj = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, dobj, size as i64);
        let both = self.b.ins().band(young_v, old_obj);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let cont = self.b.create_block();
        self.b.ins().brif(both, slow, &[], cont, &[]);
        self.b.switch_to_block(slow);
        self.call_helper(self.h.remember, helpers::jit_remember as *const () as usize, &[self.ctx, obj]);
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// `value(obj)` computed only when `obj` is not nil; 0 for nil.
    fn zero_if_nil(&mut self, obj: Value, value: impl FnOnce(&mut Self) -> Value) -> Value {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
        let nz = self.b.create_block();
        let cont = self.b.create_block();
        self.b.append_block_param(cont, types::I64);
        let zero = self.b.ins().iconst(types::I64, 0);
        self.b.ins().brif(is_nil, cont, &[zero.into()], nz, &[]);
        self.b.switch_to_block(nz);
        let v = value(self);
        self.b.ins().jump(cont, &[v.into()]);
        self.b.switch_to_block(cont);
        self.b.block_params(cont)[0]
    }

    /// The header word of object `obj`.
    fn header(&mut self, obj: Value) -> Value {
        self.b.ins().load(types::I64, Self::mem(), obj, 0)
    }

    // ------------------------------------------------------------ instructions

    /// Translate one instruction; false when it ends the block.
    fn instruction(&mut self, pc: usize, ins: Instr) -> Result<bool, String> {
        use types::{F64, I64};
        let (a, bb, c) = (ins.a, ins.b, ins.c);
        macro_rules! int2 {
            ($m:ident) => {{
                let x = self.get(bb);
                let y = self.get(c);
                let r = self.b.ins().$m(x, y);
                self.set(a, r);
            }};
        }
        macro_rules! float2 {
            ($m:ident) => {{
                let x = self.getf(bb);
                let y = self.getf(c);
                let r = self.b.ins().$m(x, y);
                self.setf(a, r);
            }};
        }
        macro_rules! float1 {
            ($m:ident) => {{
                let x = self.getf(bb);
                let r = self.b.ins().$m(x);
                self.setf(a, r);
            }};
        }
        macro_rules! icmp {
            ($cc:expr) => {{
                let x = self.get(bb);
                let y = self.get(c);
                let r = self.b.ins().icmp($cc, x, y);
                self.set_bool(a, r);
            }};
        }
        macro_rules! fcmp {
            ($cc:expr) => {{
                let x = self.getf(bb);
                let y = self.getf(c);
                let r = self.b.ins().fcmp($cc, x, y);
                self.set_bool(a, r);
            }};
        }
        macro_rules! jcmp {
            ($cc:expr) => {{
                let x = self.get(a);
                let y = self.get(bb);
                let r = self.b.ins().icmp($cc, x, y);
                self.branch(pc, r, branch_target(pc, ins));
            }};
        }
        macro_rules! jcmpk {
            ($cc:expr) => {{
                let x = self.get(a);
                let r = self.b.ins().icmp_imm_s($cc, x, ins.b_i16() as i64);
                self.branch(pc, r, branch_target(pc, ins));
            }};
        }
        match ins.op {
            Op::Nop | Op::Ext => {}
            Op::Move => {
                let x = self.get(bb);
                self.set(a, x);
            }
            Op::LoadInt => {
                let x = self.b.ins().iconst(I64, ins.bc_i32() as i64);
                self.set(a, x);
            }
            Op::LoadConst => {
                // SAFETY-free: a verified constant index; the table is read at compile time.
                // SAFETY: `consts` is the program's constant table and `b` a verified index.
                let k = unsafe { *self.env.consts.add(bb as usize) };
                let x = self.b.ins().iconst(I64, k as i64);
                self.set(a, x);
            }
            Op::LoadNil => {
                let x = self.b.ins().iconst(I64, 0);
                self.set(a, x);
            }
            Op::LoadStr => {
                let table = self.b.ins().iconst(self.ptr, self.env.string_consts as i64);
                let x = self.b.ins().load(I64, Self::mem(), table, bb as i32 * 8);
                self.set(a, x);
            }
            Op::GetGlobal => {
                let g = self.b.ins().iconst(self.ptr, self.env.globals as i64);
                let x = self.b.ins().load(I64, Self::mem(), g, bb as i32 * 8);
                self.set(a, x);
            }
            Op::SetGlobal => {
                let x = self.get(bb);
                let g = self.b.ins().iconst(self.ptr, self.env.globals as i64);
                self.b.ins().store(Self::mem(), x, g, a as i32 * 8);
            }
            Op::AddI => int2!(iadd),
            Op::SubI => int2!(isub),
            Op::MulI => int2!(imul),
            Op::AndI => int2!(band),
            Op::OrI => int2!(bor),
            Op::XorI => int2!(bxor),
            Op::AndNotI => int2!(band_not),
            Op::DivI | Op::RemI => {
                // Zero (Go's panic) and -1 (MinInt / -1 wraps in Go, traps in hardware)
                // go to the helper.
                let d = self.get(c);
                let bad = self.b.ins().iadd_imm_s(d, 1);
                let fail = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThanOrEqual, bad, 1);
                self.checked(fail, pc, |t| {
                    let x = t.get(bb);
                    let d = t.get(c);
                    let r = if ins.op == Op::DivI { t.b.ins().sdiv(x, d) } else { t.b.ins().srem(x, d) };
                    t.set(a, r);
                });
            }
            Op::ShlI | Op::ShrI => {
                let n = self.get(c);
                let fail = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, n, 0);
                self.checked(fail, pc, |t| {
                    let x = t.get(bb);
                    let n = t.get(c);
                    let big = t.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, n, 63);
                    let r = if ins.op == Op::ShlI {
                        let s = t.b.ins().ishl(x, n);
                        let z = t.b.ins().iconst(I64, 0);
                        t.b.ins().select(big, z, s)
                    } else {
                        let k = t.b.ins().iconst(I64, 63);
                        let m = t.b.ins().select(big, k, n);
                        t.b.ins().sshr(x, m)
                    };
                    t.set(a, r);
                });
            }
            Op::AddIK => {
                let x = self.get(bb);
                let r = self.b.ins().iadd_imm_s(x, ins.c_i16() as i64);
                self.set(a, r);
            }
            Op::MulIK => {
                let x = self.get(bb);
                let r = self.b.ins().imul_imm_s(x, ins.c_i16() as i64);
                self.set(a, r);
            }
            Op::AndIK => {
                let x = self.get(bb);
                let r = self.b.ins().band_imm_s(x, ins.c_i16() as i64);
                self.set(a, r);
            }
            Op::ShlIK => {
                let x = self.get(bb);
                let r = self.b.ins().ishl_imm_s(x, (c & 63) as i64);
                self.set(a, r);
            }
            Op::ShrIK => {
                let x = self.get(bb);
                let r = self.b.ins().sshr_imm_s(x, (c & 63) as i64);
                self.set(a, r);
            }
            Op::DivIK | Op::RemIK => {
                let x = self.get(bb);
                let k = ins.c_i16() as i64;
                let r = match (ins.op, k) {
                    (Op::DivIK, -1) => self.b.ins().ineg(x),
                    (Op::RemIK, -1) => self.b.ins().iconst(I64, 0),
                    (Op::DivIK, _) => self.b.ins().sdiv_imm_s(x, k),
                    _ => self.b.ins().srem_imm_s(x, k),
                };
                self.set(a, r);
            }
            Op::NegI => {
                let x = self.get(bb);
                let r = self.b.ins().ineg(x);
                self.set(a, r);
            }
            Op::NotI => {
                let x = self.get(bb);
                let r = self.b.ins().bnot(x);
                self.set(a, r);
            }
            Op::WrapU8 => {
                let x = self.get(bb);
                let r = self.b.ins().band_imm_s(x, 0xff);
                self.set(a, r);
            }
            Op::WrapI32 => {
                let x = self.get(bb);
                let y = self.b.ins().ireduce(types::I32, x);
                let r = self.b.ins().sextend(I64, y);
                self.set(a, r);
            }
            Op::AddF => float2!(fadd),
            Op::SubF => float2!(fsub),
            Op::MulF => float2!(fmul),
            Op::DivF => float2!(fdiv),
            Op::NegF => float1!(fneg),
            Op::SqrtF => float1!(sqrt),
            Op::AbsF => float1!(fabs),
            Op::FloorF => float1!(floor),
            Op::IntToFloat => {
                let x = self.get(bb);
                let r = self.b.ins().fcvt_from_sint(F64, x);
                self.setf(a, r);
            }
            Op::FloatToInt => {
                // Go on amd64: truncation; NaN and out-of-range values give MinInt.
                let x = self.getf(bb);
                let lo = self.b.ins().f64const(-9_223_372_036_854_775_808.0);
                let hi = self.b.ins().f64const(9_223_372_036_854_775_808.0);
                let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
                let lt = self.b.ins().fcmp(FloatCC::LessThan, x, hi);
                let ok = self.b.ins().band(ge, lt);
                let t = self.b.ins().fcvt_to_sint_sat(I64, x);
                let min = self.b.ins().iconst(I64, i64::MIN);
                let r = self.b.ins().select(ok, t, min);
                self.set(a, r);
            }
            Op::EqI => icmp!(IntCC::Equal),
            Op::NeI => icmp!(IntCC::NotEqual),
            Op::LtI => icmp!(IntCC::SignedLessThan),
            Op::LeI => icmp!(IntCC::SignedLessThanOrEqual),
            Op::EqF => fcmp!(FloatCC::Equal),
            Op::NeF => fcmp!(FloatCC::NotEqual),
            Op::LtF => fcmp!(FloatCC::LessThan),
            Op::LeF => fcmp!(FloatCC::LessThanOrEqual),
            Op::Not => {
                let x = self.get(bb);
                let r = self.b.ins().icmp_imm_s(IntCC::Equal, x, 0);
                self.set_bool(a, r);
            }
            Op::Jmp => {
                self.goto(pc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpTrue | Op::JmpFalse => {
                let x = self.get(a);
                let cc = if ins.op == Op::JmpTrue { IntCC::NotEqual } else { IntCC::Equal };
                let r = self.b.ins().icmp_imm_s(cc, x, 0);
                self.branch(pc, r, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpLtI | Op::JmpLeI | Op::JmpEqI | Op::JmpNeI => {
                jcmp!(branch_cc(ins.op));
                return Ok(false);
            }
            Op::JmpLtIK | Op::JmpLeIK | Op::JmpGtIK | Op::JmpGeIK | Op::JmpEqIK | Op::JmpNeIK => {
                jcmpk!(branch_cc(ins.op));
                return Ok(false);
            }
            Op::IncJmpLtI | Op::IncJmpLeI => {
                let x = self.get(a);
                let v = self.b.ins().iadd_imm_s(x, 1);
                self.set(a, v);
                let n = self.get(bb);
                let cc = if ins.op == Op::IncJmpLtI { IntCC::SignedLessThan } else { IntCC::SignedLessThanOrEqual };
                let r = self.b.ins().icmp(cc, v, n);
                self.branch(pc, r, branch_target(pc, ins));
                return Ok(false);
            }
            Op::StrLen | Op::MapLen => {
                // Length in the header's high half; nil is 0.
                let s = self.get(bb);
                let r = self.zero_if_nil(s, |t| {
                    let h = t.header(s);
                    t.b.ins().ushr_imm_s(h, 32)
                });
                self.set(a, r);
            }
            Op::SliceLen | Op::SliceCap | Op::IfaceData => {
                let off = match ins.op {
                    Op::SliceLen => vm::heap::layout::SLICE_LEN,
                    Op::SliceCap => vm::heap::layout::SLICE_CAP,
                    _ => vm::heap::layout::IFACE_DATA,
                } as i32;
                let s = self.get(bb);
                let r = self.zero_if_nil(s, |t| t.b.ins().load(I64, Self::mem(), s, off));
                self.set(a, r);
            }
            Op::GetField | Op::BoxGet => {
                let obj = self.get(bb);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
                let word = if ins.op == Op::GetField { c as i32 } else { 0 };
                self.checked(fail, pc, |t| {
                    let obj = t.get(bb);
                    let x = t.b.ins().load(I64, Self::mem(), obj, 8 + word * 8);
                    t.set(a, x);
                });
            }
            Op::SetField | Op::BoxSet | Op::SetFieldR | Op::BoxSetR => {
                let obj = self.get(a);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
                let field = matches!(ins.op, Op::SetField | Op::SetFieldR);
                let (word, src) = if field { (bb as i32, c) } else { (0, bb) };
                self.checked(fail, pc, |t| {
                    let obj = t.get(a);
                    let v = t.get(src);
                    t.b.ins().store(Self::mem(), v, obj, 8 + word * 8);
                    if matches!(ins.op, Op::SetFieldR | Op::BoxSetR) {
                        t.barrier(obj, v);
                    }
                });
            }
            Op::ArrayGet | Op::ArraySet | Op::ArraySetR => {
                let (arr_slot, idx_slot) = if ins.op == Op::ArrayGet { (bb, c) } else { (a, bb) };
                let arr = self.get(arr_slot);
                let i = self.get(idx_slot);
                // nil, or index >= length (unsigned: negative indices too).
                let nil = self.b.ins().icmp_imm_s(IntCC::Equal, arr, 0);
                let safe = self.b.ins().select(nil, self.fp, arr);
                let h = self.header(safe);
                let n = self.b.ins().ushr_imm_s(h, 32);
                let out = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, n);
                let fail = self.b.ins().bor(nil, out);
                self.checked(fail, pc, |t| {
                    let arr = t.get(arr_slot);
                    let i = t.get(idx_slot);
                    let off = t.b.ins().ishl_imm_s(i, 3);
                    let addr = t.b.ins().iadd(arr, off);
                    if ins.op == Op::ArrayGet {
                        let x = t.b.ins().load(I64, Self::mem(), addr, 8);
                        t.set(a, x);
                    } else {
                        let v = t.get(c);
                        t.b.ins().store(Self::mem(), v, addr, 8);
                        if ins.op == Op::ArraySetR {
                            t.barrier(arr, v);
                        }
                    }
                });
            }
            Op::SliceGet | Op::SliceSet | Op::SliceSetR => {
                let (s_slot, idx_slot) = if ins.op == Op::SliceGet { (bb, c) } else { (a, bb) };
                let s = self.get(s_slot);
                let i = self.get(idx_slot);
                let len =
                    self.zero_if_nil(s, |t| t.b.ins().load(I64, Self::mem(), s, vm::heap::layout::SLICE_LEN as i32));
                let fail = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, len);
                self.checked(fail, pc, |t| {
                    let s = t.get(s_slot);
                    let i = t.get(idx_slot);
                    let arr = t.b.ins().load(I64, Self::mem(), s, vm::heap::layout::SLICE_ARRAY as i32);
                    let off = t.b.ins().load(I64, Self::mem(), s, vm::heap::layout::SLICE_OFFSET as i32);
                    let k = t.b.ins().iadd(off, i);
                    let k8 = t.b.ins().ishl_imm_s(k, 3);
                    let addr = t.b.ins().iadd(arr, k8);
                    if ins.op == Op::SliceGet {
                        let x = t.b.ins().load(I64, Self::mem(), addr, 8);
                        t.set(a, x);
                    } else {
                        let v = t.get(c);
                        t.b.ins().store(Self::mem(), v, addr, 8);
                        if ins.op == Op::SliceSetR {
                            t.barrier(arr, v);
                        }
                    }
                });
            }
            Op::LoadCapture => {
                // The running closure is in this frame's control record, the top one
                // while this code runs; its captures follow the header.
                let m = Self::mem();
                let cs = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_CONTROL);
                let ptr = self.b.ins().load(I64, m, cs, layout::CONTROL_PTR);
                let len = self.b.ins().load(I64, m, cs, layout::CONTROL_LEN);
                let top = self.b.ins().imul_imm_s(len, layout::FRAME_BYTES);
                let rec = self.b.ins().iadd(ptr, top);
                let clo = self.b.ins().load(I64, m, rec, layout::FRAME_CLOSURE - layout::FRAME_BYTES as i32);
                let x = self.b.ins().load(I64, m, clo, 8 + c as i32 * 8);
                self.set(a, x);
            }
            Op::New | Op::BoxNew | Op::ToIface if inline_alloc(self.program, ins, self.env.large_words).is_some() => {
                self.alloc_inline(pc, ins)
            }
            Op::ToIface if is_interface(self.program, c) => {
                // Interface to interface: the same object.
                let x = self.get(bb);
                self.set(a, x);
            }
            Op::IfaceIs | Op::Assert2 | Op::Assert => self.type_test(pc, ins),
            Op::CallIface => self.call_iface(pc, ins),
            Op::Call => {
                let fid = self.b.ins().iconst(types::I32, a as i64);
                let zero = self.b.ins().iconst(I64, 0);
                let callee = &self.program.funcs[a as usize];
                self.call(pc, fid, zero, Some(callee));
            }
            Op::CallClosure => {
                let clo = self.get(a);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, clo, 0);
                let ok = self.b.create_block();
                let nil = self.b.create_block();
                self.b.set_cold_block(nil);
                self.b.ins().brif(fail, nil, &[], ok, &[]);
                self.b.switch_to_block(nil);
                // (the interpreter raises the nil-func panic)
                self.exit_at(pc, JitResult::FallBack);
                self.b.switch_to_block(ok);
                let clo = self.get(a);
                let h = self.header(clo);
                let aux = self.b.ins().ushr_imm_s(h, 8);
                let fid64 = self.b.ins().band_imm_s(aux, 0xff_ffff);
                let fid = self.b.ins().ireduce(types::I32, fid64);
                self.call(pc, fid, clo, None);
            }
            Op::Ret => {
                // Frames with defers, and frames whose return the interpreter must handle
                // (entry flag), return through the interpreter.
                if self.has_defers {
                    self.fallback(pc);
                    return Ok(false);
                }
                let via_vm = self.b.ins().band_imm_s(self.entry, ENTRY_RET_VIA_VM as i64);
                let vm_blk = self.b.create_block();
                let ret_blk = self.b.create_block();
                self.b.ins().brif(via_vm, vm_blk, &[], ret_blk, &[]);
                self.b.switch_to_block(vm_blk);
                self.fallback(pc);
                self.b.switch_to_block(ret_blk);
                let vals: Vec<Value> = (0..bb).map(|i| self.get(a + i)).collect();
                for (i, v) in vals.into_iter().enumerate() {
                    self.b.ins().store(Self::mem(), v, self.fp, i as i32 * 8);
                }
                let zero = self.b.ins().iconst(types::I32, JitResult::Returned as i64);
                self.ret(zero);
                return Ok(false);
            }
            Op::RunDefers => {
                self.fallback(pc);
                return Ok(false);
            }
            Op::Panic => {
                self.slow(pc, ins);
                let st = self.b.ins().iconst(types::I32, JitResult::Stopped as i64);
                self.b.ins().jump(self.exit, &[st.into()]);
                return Ok(false);
            }
            Op::MapNext => {
                let skip = self.call_op(pc);
                self.reload_all();
                let produced = self.block_at(pc + 2);
                let done = self.block_at(pc + 1);
                self.b.ins().brif(skip, produced, &[], done, &[]);
                return Ok(false);
            }
            _ => self.slow(pc, ins),
        }
        Ok(true)
    }
}
