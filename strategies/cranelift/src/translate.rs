//! One bytecode function to one Cranelift function (see the crate doc for the design):
//! block leaders and entry points, the slot variables and their frame traffic, exits
//! and helper calls, and one translation per opcode (calls, inline caches and
//! allocation in [`objects`]; what goes to the frame where in [`frame`]).

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, AbiParam, AliasRegionData, Block, InstBuilder, MemFlagsData, Signature, Value};
use cranelift_frontend::{FunctionBuilder, Switch, Variable};

use crate::{pc_map, RefMode};
use frame::{Clean, FramePlan};
use vm::bytecode::{Function, Instr, Op, Program};
use vm::jit::alloc::inline_alloc;
use vm::jit::blocks::{branch_target, width, Blocks};
use vm::jit::liveness::{Callees, Liveness};
use vm::jit::site_caches::{is_interface, SiteCaches};
use vm::jit::{helpers, layout, CompileEnv, JitContext, JitResult, ENTRY_PC_MASK, ENTRY_RET_VIA_VM};

mod calls;
mod frame;
mod inline;
mod objects;
mod slices;

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

/// What a nil reference reads as in the loads of immutable object words
/// ([`Translator::immutable`]): a slice of no elements, an interface of type 0 with no
/// payload, an array of length 0. Loads through it never fault, so they need no
/// branch.
static NIL_OBJECT: [u64; 8] = [0; 8];

/// The memory flags of the translated code: every access is aligned and cannot trap
/// (the code checks nil and bounds itself); the VM frame, the VM context (with the
/// runtime's tables) and the heap are distinct alias regions, so a heap store does not
/// make Cranelift reload a frame slot or a context word.
#[derive(Clone, Copy)]
struct Mem {
    frame: MemFlagsData,
    ctx: MemFlagsData,
    heap: MemFlagsData,
    /// Words of heap objects that never change once the object is built (slice
    /// headers, interface type and payload, array lengths): `readonly`, so no store
    /// of this code orders them and a second load of the same word is the first one's
    /// value. Objects move only at safepoints, after which every live reference is a
    /// new SSA value (reloaded, or from a stack-map spill slot), so a merged load never
    /// reads a moved object. Never `can_move`: that makes the load pure, and Cranelift
    /// may then place it at a use after a safepoint, where it reads the old address
    /// (found by `slice_append.go` under `--gc-stress`).
    immutable: MemFlagsData,
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
    mem: Mem,
    /// One variable per slot of `0..slot_count`, for the whole function.
    vars: Vec<Variable>,
    /// Per slot: its variable is an `f64` ([`frame::float_slots`]).
    float: Vec<bool>,
    callees: &'a Callees,
    live: Liveness,
    /// Where frame slots are known current (built in `translate`).
    clean: Option<Clean>,
    /// Per block leader: the block that forward edges and entries go to. At a loop
    /// header that is its preheader, which jumps to [`Translator::headers`]: the loop
    /// then has one way in from outside, so what is invariant in it is defined before
    /// it and Cranelift may hoist loads and arithmetic there (an OSR entry straight to
    /// the header would make every variable a phi of the header).
    blocks: Vec<Option<Block>>,
    /// Per loop header (target of a backward branch): the block backward edges go to.
    headers: Vec<Option<Block>>,
    /// Per slot: the loop-invariant header of a slice the current loop indexes
    /// ([`slices`]), and the slots that have one.
    slice_headers: Vec<Option<slices::SliceHeader>>,
    cached_slices: Vec<u16>,
    slice_plan: slices::SlicePlan,
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
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        mut b: FunctionBuilder<'a>,
        program: &'a Program,
        f: &'a Function,
        env: &'a CompileEnv,
        callees: &'a Callees,
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
        b.seal_block(entry_block);
        b.set_srcloc(pc_map::entry());
        let params = b.block_params(entry_block).to_vec();
        let exit = b.create_block();
        b.append_block_param(exit, I32);
        let has_defers = f.code.iter().any(|i| matches!(i.op, Op::DeferCall | Op::DeferClosure));
        let mut region = |user_id: u32, description: &'static str| {
            let r = b.func.dfg.alias_regions.insert(AliasRegionData { user_id, description: description.into() });
            MemFlagsData::trusted().with_alias_region(Some(r))
        };
        let (frame, ctx, heap) = (region(1, "vm frame"), region(2, "vm context"), region(3, "heap"));
        let mem = Mem { frame, ctx, heap, immutable: heap.with_readonly() };
        let budget = b.declare_var(I64);
        let initial = b.ins().load(I64, mem.ctx, params[0], JitContext::OFFSET_BUDGET);
        b.def_var(budget, initial);
        // Every slot a variable; references in `Regmap` need stack maps (declared
        // before their first definition).
        let float = frame::float_slots(f);
        let vars = (0..f.slot_count as usize)
            .map(|i| {
                let v = b.declare_var(if float[i] { types::F64 } else { I64 });
                if f.ref_slots[i] && mode == RefMode::Regmap {
                    b.declare_var_needs_stack_map(v);
                }
                v
            })
            .collect();
        Translator {
            b,
            program,
            f,
            env,
            ptr,
            mem,
            vars,
            float,
            callees,
            live: Liveness::with(callees, f),
            clean: None,
            blocks: Vec::new(),
            headers: Vec::new(),
            slice_headers: vec![None; f.slot_count as usize],
            cached_slices: Vec::new(),
            slice_plan: Default::default(),
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
        // Block leaders, and the entry points (pc 0, loop headers, resume points).
        let bl = Blocks::of(code)?;
        let (leader, entries) = (&bl.leader, &bl.entries);
        self.blocks = (0..n).map(|i| if leader[i] { Some(self.b.create_block()) } else { None }).collect();
        // Loop headers (targets of backward branches), each with its own block after
        // its preheader; their predecessors are complete only at the end.
        self.headers = vec![None; n];
        let mut loop_end = vec![0; n];
        let mut pc = 0;
        while pc < n {
            if let Some(t) = code[pc].jump_target(pc).filter(|&t| t <= pc && t < n) {
                if self.headers[t].is_none() {
                    self.headers[t] = Some(self.b.create_block());
                }
                loop_end[t] = loop_end[t].max(pc);
            }
            pc += width(code[pc]);
        }
        self.clean = Some(Clean::of(self.f, self.callees, &self.live, entries, &loop_end));
        self.plan_slice_headers(&loop_end);
        // Dispatch on the entry pc; each entry reads the slots live there from the frame.
        self.b.set_srcloc(pc_map::entry());
        let bad_entry = self.b.create_block();
        let pcv = self.b.ins().band_imm_s(self.entry, ENTRY_PC_MASK as i64);
        let mut sw = Switch::new();
        let entry_blocks: Vec<(usize, Block)> = entries.iter().map(|&e| (e, self.b.create_block())).collect();
        for &(e, blk) in &entry_blocks {
            sw.set_entry(e as u128, blk);
        }
        sw.emit(&mut self.b, pcv, bad_entry);
        for (e, blk) in entry_blocks {
            self.enter(blk);
            for i in FramePlan::entry_at(self.f, &self.live, e) {
                self.load_slot(i);
            }
            self.entry_slice_headers(e);
            let target = self.block_at(e);
            self.b.ins().jump(target, &[]);
        }
        self.enter(bad_entry);
        let st = self.call_helper(self.h.fallback, helpers::jit_fallback as *const () as usize, &[self.ctx, pcv]);
        self.ret(st);

        let mut pc = 0;
        let mut open = false;
        while pc < n {
            let ins = code[pc];
            self.expire_slice_headers(pc);
            self.b.set_srcloc(pc_map::glue());
            if let Some(blk) = self.blocks[pc] {
                if open {
                    self.b.ins().jump(blk, &[]);
                }
                self.enter(blk);
                if let Some(header) = self.headers[pc] {
                    // The preheader makes the loop's invariants clean (`Clean`).
                    let invariant = self.clean().invariant(pc).to_vec();
                    self.store_slots(&invariant);
                    self.cache_slice_headers(pc);
                    self.b.ins().jump(header, &[]);
                    self.b.switch_to_block(header);
                }
                open = true;
                self.b.set_srcloc(pc_map::of_pc(pc));
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
            self.b.set_srcloc(pc_map::of_pc(pc));
            open = self.instruction(pc, ins)?;
            pc += width(ins);
        }
        self.b.set_srcloc(pc_map::glue());
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

    /// Switch to `blk`, whose predecessors are all emitted already, and seal it (the
    /// SSA construction then resolves its variables at once).
    fn enter(&mut self, blk: Block) {
        self.b.switch_to_block(blk);
        self.b.seal_block(blk);
    }

    // ------------------------------------------------------------ slots

    fn load_slot_mem(&mut self, i: u16) -> Value {
        self.b.ins().load(types::I64, self.mem.frame, self.fp, i as i32 * 8)
    }

    /// Whether slot `i` has a variable (it is not in the call window).
    fn is_var(&self, i: u16) -> bool {
        (i as usize) < self.vars.len()
    }

    /// Write slot `i`'s variable to its frame slot.
    fn store_slot(&mut self, i: u16) {
        let x = self.b.use_var(self.vars[i as usize]);
        self.b.ins().store(self.mem.frame, x, self.fp, i as i32 * 8);
    }

    /// Read slot `i`'s variable from its frame slot.
    fn load_slot(&mut self, i: u16) {
        let ty = if self.float[i as usize] { types::F64 } else { types::I64 };
        let x = self.b.ins().load(ty, self.mem.frame, self.fp, i as i32 * 8);
        self.b.def_var(self.vars[i as usize], x);
    }

    fn store_slots(&mut self, slots: &[u16]) {
        for &i in slots {
            self.store_slot(i);
        }
    }

    fn load_slots(&mut self, slots: &[u16]) {
        for &i in slots {
            self.load_slot(i);
        }
    }

    /// The value of slot `i` as an `i64`: its variable, or a load (the call window).
    fn get(&mut self, i: u16) -> Value {
        if !self.is_var(i) {
            return self.load_slot_mem(i);
        }
        let x = self.b.use_var(self.vars[i as usize]);
        if self.float[i as usize] {
            self.b.ins().bitcast(types::I64, MemFlagsData::new(), x)
        } else {
            x
        }
    }

    /// Slot `i` as an `f64`.
    fn getf(&mut self, i: u16) -> Value {
        if !self.is_var(i) {
            return self.b.ins().load(types::F64, self.mem.frame, self.fp, i as i32 * 8);
        }
        if self.float[i as usize] {
            return self.b.use_var(self.vars[i as usize]);
        }
        let x = self.get(i);
        self.b.ins().bitcast(types::F64, MemFlagsData::new(), x)
    }

    /// Whether slot `i` is best read and written as an `f64`: a float variable.
    fn is_float(&self, i: u16) -> bool {
        self.is_var(i) && self.float[i as usize]
    }

    /// Define slot `i` as `x` (an `i64`): its variable, or a store (the call window).
    fn set(&mut self, i: u16, x: Value) {
        if !self.is_var(i) {
            self.b.ins().store(self.mem.frame, x, self.fp, i as i32 * 8);
        } else if self.float[i as usize] {
            let y = self.b.ins().bitcast(types::F64, MemFlagsData::new(), x);
            self.b.def_var(self.vars[i as usize], y);
        } else {
            self.b.def_var(self.vars[i as usize], x);
        }
    }

    /// Define slot `i` as `x` (an `f64`).
    fn setf(&mut self, i: u16, x: Value) {
        if !self.is_var(i) {
            self.b.ins().store(self.mem.frame, x, self.fp, i as i32 * 8);
        } else if self.float[i as usize] {
            self.b.def_var(self.vars[i as usize], x);
        } else {
            let y = self.b.ins().bitcast(types::I64, MemFlagsData::new(), x);
            self.set(i, y);
        }
    }

    fn set_bool(&mut self, i: u16, c: Value) {
        let x = self.b.ins().uextend(types::I64, c);
        self.set(i, x);
    }

    /// The frame traffic around a call out of native code at `pc`.
    fn plan(&self, pc: usize) -> FramePlan {
        FramePlan::at(self.f, self.callees, &self.live, self.clean(), self.mode, pc)
    }

    fn clean(&self) -> &Clean {
        self.clean.as_ref().expect("computed before the body is translated")
    }

    /// The slots an exit resuming the interpreter at `pc` must write, where `clean` is
    /// what is in the frame already.
    fn exit_slots(&self, clean: &vm::jit::liveness::SlotSet, pc: usize) -> Vec<u16> {
        FramePlan::exit_at(self.f, &self.live, clean, pc)
    }

    // ------------------------------------------------------------ helpers

    /// Call a runtime helper that may collect: in `Regmap`, tell the collector where
    /// this code's native frames start first. (The frame traffic is the caller's.)
    fn call_helper(&mut self, sig: cranelift_codegen::ir::SigRef, addr: usize, args: &[Value]) -> Value {
        if self.mode == RefMode::Regmap {
            // Where the collector's walk of native frames starts (see `jit`).
            let sp = self.b.ins().get_stack_pointer(types::I64);
            let fp = self.b.ins().get_frame_pointer(types::I64);
            self.b.ins().store(self.mem.ctx, sp, self.ctx, JitContext::OFFSET_NATIVE_SP);
            self.b.ins().store(self.mem.ctx, fp, self.ctx, JitContext::OFFSET_NATIVE_FP);
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
        let budget = self.b.ins().load(types::I64, self.mem.ctx, self.ctx, JitContext::OFFSET_BUDGET);
        self.b.def_var(self.budget, budget);
        call
    }

    fn store_budget(&mut self) {
        let budget = self.b.use_var(self.budget);
        self.b.ins().store(self.mem.ctx, budget, self.ctx, JitContext::OFFSET_BUDGET);
    }

    /// Return `st`: every way out of native code comes here (the budget goes back to
    /// the context first).
    fn ret(&mut self, st: Value) {
        self.store_budget();
        self.b.ins().return_(&[st]);
    }

    /// Counting mode: add `n` to the function's counter.
    fn count_native(&mut self, n: usize) {
        let at = self.b.ins().iconst(types::I64, self.env.native_counter as i64);
        let x = self.b.ins().load(types::I64, self.mem.ctx, at, 0);
        let y = self.b.ins().iadd_imm_s(x, n as i64);
        self.b.ins().store(self.mem.ctx, y, at, 0);
    }

    /// Continue in a new block when `ok`, else go to `otherwise`.
    fn continue_if(&mut self, ok: Value, otherwise: Block) {
        let next = self.b.create_block();
        self.b.ins().brif(ok, next, &[], otherwise, &[]);
        self.enter(next);
    }

    /// Leave with result `st` when it is non-zero, writing `plan.exit` first (the
    /// call that produced `st` was planned with `plan`).
    fn exit_if_nonzero(&mut self, st: Value, plan: &FramePlan) {
        let cont = self.b.create_block();
        let out = self.b.create_block();
        self.b.set_cold_block(out);
        self.b.ins().brif(st, out, &[], cont, &[]);
        self.enter(out);
        self.store_slots(&plan.exit);
        self.b.ins().jump(self.exit, &[st.into()]);
        self.enter(cont);
    }

    /// The out-of-line path of instruction `pc`: `jit_op` (or its direct helper) with
    /// the frame traffic of its plan, then continue or leave.
    fn slow(&mut self, pc: usize) {
        let (st, plan) = self.call_op(pc);
        self.exit_if_nonzero(st, &plan);
    }

    /// The out-of-line path of instruction `pc`: write what it needs to the frame, call
    /// its direct helper when it has one (`helpers::direct_call`: the instruction as
    /// immediates), else `jit_op`, and read back what it may have changed. Its result,
    /// and the plan (for the exit).
    fn call_op(&mut self, pc: usize) -> (Value, FramePlan) {
        let plan = self.plan(pc);
        self.store_slots(&plan.stores);
        let st = match helpers::direct_call(self.f, pc) {
            Some(d) => {
                let words = [d.operands, d.ext, d.pc_slots].map(|w| self.b.ins().iconst(types::I64, w as i64));
                let args = [self.ctx, self.fp, words[0], words[1], words[2]];
                self.call_helper(self.h.direct, d.helper, &args)
            }
            None => {
                let pcv = self.b.ins().iconst(types::I32, pc as i64);
                self.call_helper(self.h.op, helpers::jit_op as *const () as usize, &[self.ctx, self.fp, pcv])
            }
        };
        self.load_slots(&plan.reloads);
        self.refresh_slice_headers();
        (st, plan)
    }

    /// Leave for the interpreter at `pc` with result `st`, without a call: write the
    /// variables live at `pc` to the frame, store `pc` as the running frame's resume pc
    /// (its control record is the top one while this code runs) and return. A call is a
    /// safepoint, where `Regmap` spills every reference live across it, so the rare
    /// paths of hot code (failed checks, the preemption tick) leave rather than call.
    fn exit_at(&mut self, pc: usize, st: JitResult) {
        let clean = self.clean().before(pc).clone();
        let live = self.exit_slots(&clean, pc);
        self.leave_at(pc, &live, st);
    }

    /// [`Translator::exit_at`] for the preemption tick on the back edge from `from` to
    /// `target`: the frame is as `from` left it.
    fn tick_exit(&mut self, from: usize, target: usize) {
        let clean = self.clean().after(from).clone();
        let live = self.exit_slots(&clean, target);
        self.leave_at(target, &live, JitResult::Tick);
    }

    /// Write `live` to the frame, store `pc` as the resume pc and return `st`.
    fn leave_at(&mut self, pc: usize, live: &[u16], st: JitResult) {
        self.store_slots(live);
        let m = self.mem.ctx;
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
        self.enter(fail_blk);
        self.exit_at(pc, JitResult::FallBack);
        self.enter(fast_blk);
        fast(self);
    }

    /// The block a forward edge to `pc` goes to.
    fn block_at(&self, pc: usize) -> Block {
        self.blocks[pc].expect("branch targets are leaders")
    }

    /// The block an edge from `from` to `pc` goes to: a backward edge goes to the loop
    /// header itself, a forward one to its preheader.
    fn edge_to(&self, from: usize, pc: usize) -> Block {
        if pc <= from {
            self.headers[pc].expect("backward branch targets are loop headers")
        } else {
            self.block_at(pc)
        }
    }

    /// Jump to `target`; a backward jump charges the preemption budget first and leaves
    /// with [`JitResult::Tick`] when it runs out.
    fn jump_to(&mut self, pc: usize, target: usize) {
        let tb = self.edge_to(pc, target);
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
        self.enter(tick);
        self.tick_exit(pc, target);
    }

    /// A conditional branch: to `target` when `cond`, else to the next instruction.
    fn branch(&mut self, pc: usize, cond: Value, target: usize) {
        let next = self.block_at(pc + 1);
        if target > pc {
            let tb = self.block_at(target);
            self.b.ins().brif(cond, tb, &[], next, &[]);
        } else {
            let back = self.b.create_block();
            self.b.ins().brif(cond, back, &[], next, &[]);
            self.enter(back);
            self.jump_to(pc, target);
        }
    }

    /// Leave for the interpreter at `pc` through `jit_fallback` (a return the
    /// interpreter must make: shorter code than [`Translator::exit_at`], and off the
    /// hot paths, where a call costs nothing).
    fn fallback(&mut self, pc: usize) {
        let clean = self.clean().before(pc).clone();
        let live = self.exit_slots(&clean, pc);
        self.store_slots(&live);
        let pcv = self.b.ins().iconst(types::I32, pc as i64);
        let callee = self.b.ins().iconst(self.ptr, helpers::jit_fallback as *const () as usize as i64);
        let call = self.call_out(self.h.fallback, callee, &[self.ctx, pcv]);
        let st = self.b.inst_results(call)[0];
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
        self.enter(slow);
        // Not a safepoint: `jit_remember` never allocates, so nothing moves and no
        // frame slot is read.
        let callee = self.b.ins().iconst(self.ptr, helpers::jit_remember as *const () as usize as i64);
        self.call_out(self.h.remember, callee, &[self.ctx, obj]);
        self.b.ins().jump(cont, &[]);
        self.enter(cont);
    }

    /// `value(obj)` computed only when `obj` is not nil; 0 for nil.
    fn zero_if_nil(&mut self, obj: Value, value: impl FnOnce(&mut Self) -> Value) -> Value {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
        let nz = self.b.create_block();
        let cont = self.b.create_block();
        self.b.append_block_param(cont, types::I64);
        let zero = self.b.ins().iconst(types::I64, 0);
        self.b.ins().brif(is_nil, cont, &[zero.into()], nz, &[]);
        self.enter(nz);
        let v = value(self);
        self.b.ins().jump(cont, &[v.into()]);
        self.enter(cont);
        self.b.block_params(cont)[0]
    }

    /// Load the heap word at `addr + off` into slot `a` (as an `f64` when `a` is a
    /// float slot: no move between register files).
    fn load_to(&mut self, a: u16, addr: Value, off: i32) {
        if self.is_var(a) && self.float[a as usize] {
            let x = self.b.ins().load(types::F64, self.mem.heap, addr, off);
            self.setf(a, x);
        } else {
            let x = self.b.ins().load(types::I64, self.mem.heap, addr, off);
            self.set(a, x);
        }
    }

    /// Store slot `c` to the heap word at `addr + off`; its value as an `i64` (for
    /// the write barrier, whose values are references, never floats).
    fn store_from(&mut self, c: u16, addr: Value, off: i32) -> Value {
        if self.is_var(c) && self.float[c as usize] {
            let x = self.b.use_var(self.vars[c as usize]);
            self.b.ins().store(self.mem.heap, x, addr, off);
            return x;
        }
        let v = self.get(c);
        self.b.ins().store(self.mem.heap, v, addr, off);
        v
    }

    /// The header word of object `obj`.
    fn header(&mut self, obj: Value) -> Value {
        self.b.ins().load(types::I64, self.mem.heap, obj, 0)
    }

    /// Word `off` of object `obj`, one that never changes once the object is built
    /// (see `Mem::immutable`), or 0 when `obj` is nil: a branch-free load through
    /// [`NIL_OBJECT`].
    fn immutable(&mut self, obj: Value, off: i32) -> Value {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
        let nil = self.b.ins().iconst(self.ptr, NIL_OBJECT.as_ptr() as i64);
        let safe = self.b.ins().select(is_nil, nil, obj);
        self.b.ins().load(types::I64, self.mem.immutable, safe, off)
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
            Op::Move if self.is_float(a) || self.is_float(bb) => {
                // (A float moves as an f64: no trip through an integer register.)
                let x = self.getf(bb);
                self.setf(a, x);
            }
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
                if self.is_var(a) && self.float[a as usize] {
                    let x = self.b.ins().f64const(f64::from_bits(k));
                    self.setf(a, x);
                } else {
                    let x = self.b.ins().iconst(I64, k as i64);
                    self.set(a, x);
                }
            }
            Op::LoadNil => {
                let x = self.b.ins().iconst(I64, 0);
                self.set(a, x);
            }
            Op::LoadStr => {
                let table = self.b.ins().iconst(self.ptr, self.env.string_consts as i64);
                let x = self.b.ins().load(I64, self.mem.ctx, table, bb as i32 * 8);
                self.set(a, x);
            }
            Op::GetGlobal => {
                let g = self.b.ins().iconst(self.ptr, self.env.globals as i64);
                let x = self.b.ins().load(I64, self.mem.heap, g, bb as i32 * 8);
                self.set(a, x);
            }
            Op::SetGlobal => {
                let x = self.get(bb);
                let g = self.b.ins().iconst(self.ptr, self.env.globals as i64);
                self.b.ins().store(self.mem.heap, x, g, a as i32 * 8);
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
            Op::DivU | Op::RemU => {
                // Zero (Go's panic) goes to the interpreter, as for `DivI`.
                let d = self.get(c);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, d, 0);
                self.checked(fail, pc, |t| {
                    let x = t.get(bb);
                    let d = t.get(c);
                    let r = if ins.op == Op::DivU { t.b.ins().udiv(x, d) } else { t.b.ins().urem(x, d) };
                    t.set(a, r);
                });
            }
            Op::ShrU => {
                // A negative count (as i64) panics in the interpreter; >= 64 gives 0.
                let n = self.get(c);
                let fail = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, n, 0);
                self.checked(fail, pc, |t| {
                    let x = t.get(bb);
                    let n = t.get(c);
                    let big = t.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, n, 63);
                    let s = t.b.ins().ushr(x, n);
                    let z = t.b.ins().iconst(I64, 0);
                    let r = t.b.ins().select(big, z, s);
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
            Op::ShrUK => {
                let x = self.get(bb);
                let r = self.b.ins().ushr_imm_s(x, (c & 63) as i64);
                self.set(a, r);
            }
            Op::CountU => {
                let x = self.get(bb);
                let k = self.b.ins().iconst(I64, 64);
                let r = self.b.ins().umin(x, k);
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
            Op::WrapI8 | Op::WrapI16 | Op::WrapI32 => {
                let narrow = match ins.op {
                    Op::WrapI8 => types::I8,
                    Op::WrapI16 => types::I16,
                    _ => types::I32,
                };
                let x = self.get(bb);
                let y = self.b.ins().ireduce(narrow, x);
                let r = self.b.ins().sextend(I64, y);
                self.set(a, r);
            }
            Op::WrapU16 => {
                let x = self.get(bb);
                let r = self.b.ins().band_imm_s(x, 0xffff);
                self.set(a, r);
            }
            Op::WrapU32 => {
                // (A 32-bit move zero-extends; `band` would need the mask in a register.)
                let x = self.get(bb);
                let y = self.b.ins().ireduce(types::I32, x);
                let r = self.b.ins().uextend(I64, y);
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
            Op::UintToFloat => {
                let x = self.get(bb);
                let r = self.b.ins().fcvt_from_uint(F64, x);
                self.setf(a, r);
            }
            Op::FloatToUint => {
                // amd64's conversion (`runtime::arith::float_to_uint`): below 2^63 the
                // signed one; from 2^63 (and NaN) the signed one of `x - 2^63` with the
                // top bit set. The signed one gives MinInt for NaN and out of range.
                let x = self.getf(bb);
                let two63 = self.b.ins().f64const(9_223_372_036_854_775_808.0);
                let low = self.b.ins().fcmp(FloatCC::LessThan, x, two63);
                let shifted = self.b.ins().fsub(x, two63);
                let v = self.b.ins().select(low, x, shifted);
                let lo = self.b.ins().f64const(-9_223_372_036_854_775_808.0);
                let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, v, lo);
                let lt = self.b.ins().fcmp(FloatCC::LessThan, v, two63);
                let ok = self.b.ins().band(ge, lt);
                let t = self.b.ins().fcvt_to_sint_sat(I64, v);
                let min = self.b.ins().iconst(I64, i64::MIN);
                let cvt = self.b.ins().select(ok, t, min);
                let top = self.b.ins().bor(cvt, min);
                let r = self.b.ins().select(low, cvt, top);
                self.set(a, r);
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
            Op::LtU => icmp!(IntCC::UnsignedLessThan),
            Op::LeU => icmp!(IntCC::UnsignedLessThanOrEqual),
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
                self.jump_to(pc, branch_target(pc, ins));
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
                let r = self.immutable(s, off);
                self.set(a, r);
            }
            Op::GetField | Op::BoxGet => {
                let obj = self.get(bb);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
                let word = if ins.op == Op::GetField { c as i32 } else { 0 };
                self.checked(fail, pc, |t| {
                    let obj = t.get(bb);
                    t.load_to(a, obj, 8 + word * 8);
                });
            }
            Op::SetField | Op::BoxSet | Op::SetFieldR | Op::BoxSetR => {
                let obj = self.get(a);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
                let field = matches!(ins.op, Op::SetField | Op::SetFieldR);
                let (word, src) = if field { (bb as i32, c) } else { (0, bb) };
                self.checked(fail, pc, |t| {
                    let obj = t.get(a);
                    let v = t.store_from(src, obj, 8 + word * 8);
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
                // (An array's length never changes; nil reads as length 0.)
                let h = self.immutable(arr, 0);
                let n = self.b.ins().ushr_imm_s(h, 32);
                let fail = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, n);
                self.checked(fail, pc, |t| {
                    let arr = t.get(arr_slot);
                    let i = t.get(idx_slot);
                    let off = t.b.ins().ishl_imm_s(i, 3);
                    let addr = t.b.ins().iadd(arr, off);
                    if ins.op == Op::ArrayGet {
                        t.load_to(a, addr, 8);
                    } else {
                        let v = t.store_from(c, addr, 8);
                        if ins.op == Op::ArraySetR {
                            t.barrier(arr, v);
                        }
                    }
                });
            }
            Op::SliceGet | Op::SliceSet => {
                let (s_slot, idx_slot) = if ins.op == Op::SliceGet { (bb, c) } else { (a, bb) };
                let i = self.get(idx_slot);
                let (len, base) = self.slice_header(s_slot);
                let fail = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, len);
                self.checked(fail, pc, |t| {
                    let i8 = t.b.ins().ishl_imm_s(i, 3);
                    let addr = t.b.ins().iadd(base, i8);
                    if ins.op == Op::SliceGet {
                        t.load_to(a, addr, 8);
                    } else {
                        t.store_from(c, addr, 8);
                    }
                });
            }
            Op::SliceSetR => {
                // (Not through the loop cache: the write barrier needs the array.)
                let s = self.get(a);
                let i = self.get(bb);
                let len = self.immutable(s, vm::heap::layout::SLICE_LEN as i32);
                let fail = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, len);
                self.checked(fail, pc, |t| {
                    let arr = t.immutable(s, vm::heap::layout::SLICE_ARRAY as i32);
                    let off = t.immutable(s, vm::heap::layout::SLICE_OFFSET as i32);
                    let k = t.b.ins().iadd(off, i);
                    let k8 = t.b.ins().ishl_imm_s(k, 3);
                    let addr = t.b.ins().iadd(arr, k8);
                    let v = t.store_from(c, addr, 8);
                    t.barrier(arr, v);
                });
            }
            Op::LoadCapture => {
                // The running closure is in this frame's control record, the top one
                // while this code runs; its captures follow the header.
                let m = self.mem.ctx;
                let cs = self.b.ins().load(I64, m, self.ctx, JitContext::OFFSET_CONTROL);
                let ptr = self.b.ins().load(I64, m, cs, layout::CONTROL_PTR);
                let len = self.b.ins().load(I64, m, cs, layout::CONTROL_LEN);
                let top = self.b.ins().imul_imm_s(len, layout::FRAME_BYTES);
                let rec = self.b.ins().iadd(ptr, top);
                let clo = self.b.ins().load(I64, m, rec, layout::FRAME_CLOSURE - layout::FRAME_BYTES as i32);
                let x = self.b.ins().load(I64, self.mem.heap, clo, 8 + c as i32 * 8);
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
                let callee = &self.program.funcs[a as usize];
                let plan = self.plan(pc);
                if vm::jit::inline::inlinable(callee) {
                    self.call_inlined(pc, callee, &plan);
                } else {
                    self.call_direct(pc, callee, &plan);
                }
            }
            Op::CallClosure => {
                let clo = self.get(a);
                let fail = self.b.ins().icmp_imm_s(IntCC::Equal, clo, 0);
                let ok = self.b.create_block();
                let nil = self.b.create_block();
                self.b.set_cold_block(nil);
                self.b.ins().brif(fail, nil, &[], ok, &[]);
                self.enter(nil);
                // (the interpreter raises the nil-func panic)
                self.exit_at(pc, JitResult::FallBack);
                self.enter(ok);
                let plan = self.plan(pc);
                self.store_slots(&plan.stores);
                let clo = self.get(a);
                let h = self.header(clo);
                let aux = self.b.ins().ushr_imm_s(h, 8);
                let fid64 = self.b.ins().band_imm_s(aux, 0xff_ffff);
                let fid = self.b.ins().ireduce(types::I32, fid64);
                self.call(pc, fid, clo, None, &plan);
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
                self.enter(vm_blk);
                self.fallback(pc);
                self.enter(ret_blk);
                let vals: Vec<Value> = (0..bb).map(|i| self.get(a + i)).collect();
                for (i, v) in vals.into_iter().enumerate() {
                    self.b.ins().store(self.mem.frame, v, self.fp, i as i32 * 8);
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
                let (_, plan) = self.call_op(pc);
                self.store_slots(&plan.exit);
                let st = self.b.ins().iconst(types::I32, JitResult::Stopped as i64);
                self.b.ins().jump(self.exit, &[st.into()]);
                return Ok(false);
            }
            Op::MapNext => {
                let (skip, _) = self.call_op(pc);
                let produced = self.block_at(pc + 2);
                let done = self.block_at(pc + 1);
                self.b.ins().brif(skip, produced, &[], done, &[]);
                return Ok(false);
            }
            _ => self.slow(pc),
        }
        Ok(true)
    }
}
