//! One bytecode function to x86-64, one template per opcode, in a single pass. This
//! module holds the pass, the register conventions, the out-of-line stubs and most
//! templates; `calls` holds the entries and native calls, `objects` heap-object access
//! (fields, elements, slices, write barriers), inline allocation, the interface-call
//! dispatch and the type tests' inline caches.
//!
//! Register use: `rbx` = the frame (slot 0), `r12` = the [`JitContext`], `r13` = the
//! preemption budget (see "Preemption" in `vm::jit`), `r14`/`r15` = callee ids and
//! function-table records during a call. Two entries (see "The call convention" in
//! `vm::jit`): the native entry (System V) saves all five, loads them and calls the
//! body; the call entry, used by calls between template (or dynasm) functions, finds
//! them loaded and saves nothing. Either way the body runs with `rsp` 16-byte aligned
//! (every helper call is aligned) and the `entry` argument in the slot at `[rsp]` (its
//! `ENTRY_RET_VIA_VM` flag is tested at `Ret`). `rax`, `rcx`, `rdx`, `rsi`, `rdi`,
//! `r8`–`r11`, `xmm0`, `xmm1` are scratch inside a template.
//!
//! **No instrumentation.** Timed code counts nothing: only in counting mode
//! (`CompileEnv::count_native`) does each block add its length to its
//! executed-instruction counter.
//!
//! **Frames in memory.** Every slot lives in the VM frame; a template loads its
//! operands, computes, and stores its result. No value stays in a register across a
//! helper call, so a moving collection never leaves a stale reference behind.
//!
//! **The last result in a register.** The seed's top-of-stack cache, adapted to a
//! register VM: a template that stores its result leaves it in `rax` (or `xmm0` for a
//! float), and the *next* instruction reads that slot from the register instead of the
//! frame ([`Held`]). The store still happens (the frame stays current), so the cache
//! only saves loads; it is dropped at every block leader and after every helper call,
//! and an out-of-line slow path that rejoins reloads the register from the frame.
//!
//! **Out of line.** Slow paths (the helper behind a failed check, the preemption tick,
//! the write barrier's remembered-set call, a call's `jit_push_frame`) are emitted
//! after the body as stubs, so the straight-line code stays short.
//!
//! **As a first tier** (`CompileEnv::tier_counters` set; see `vm::jit::tiered`): the
//! entry at pc 0 and every back edge count down the function's second-tier counters
//! (`jit_tier_up` out of line at zero; at a back edge the new code is entered at the
//! loop header); below a second tier with stack maps (`CompileEnv::anchor_frames`) SP
//! and FP are stored before every helper call for the stack-map walk. Without them the
//! code is exactly the standalone strategy's.

use vm::bytecode::{Function, Instr, Op, Program};
use vm::heap::layout as heap_layout;
use vm::jit::alloc::inline_alloc;
use vm::jit::blocks::{branch_target, width, Blocks};
use vm::jit::code_map::{CodeKind, PcMap, PcMapBuilder};
use vm::jit::site_caches::{is_interface, SiteCaches};
use vm::jit::tiered::TierCounters;
use vm::jit::x86::regs;
use vm::jit::{helpers, layout, CompileEnv, JitContext, JitResult, ENTRY_PC_MASK, ENTRY_RET_VIA_VM};

use crate::x86::*;

mod calls;
mod objects;
pub(crate) use calls::call_adapter;

/// The call convention's registers (`vm::jit::x86::regs`).
const FP: Reg = Reg(regs::FRAME);
const CTX: Reg = Reg(regs::CTX);
/// The preemption budget (see the module doc).
const BUDGET: Reg = Reg(regs::BUDGET);
/// The callee's function id during a call whose callee is known only at run time.
const CALLEE: Reg = R14;
/// Its record in the VM's function table.
const CALLEE_INFO: Reg = R15;

/// Slot `i` of the frame.
fn slot(i: u16) -> Mem {
    mem(FP, i as i32 * 8)
}

/// A context field.
fn ctx(offset: i32) -> Mem {
    mem(CTX, offset)
}

/// The callee-saved registers the native entry saves (after `rbp`): the body and its
/// callees through call entries may change all of them but `rbx` and `r12`.
const SAVED: [Reg; 5] = [RBX, R12, R13, R14, R15];

/// The `entry` argument, in the slot the body's entry pushes.
fn entry_arg() -> Mem {
    mem(RSP, 0)
}

/// Which slot's value `rax` / `xmm0` holds right now (the last result).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Held {
    Nothing,
    /// `rax` holds the slot.
    Int(u16),
    /// `xmm0` holds the slot.
    Float(u16),
}

/// How a call finds its callee.
#[derive(Clone, Copy)]
enum Callee {
    /// `Call`: a function id known now (its frame sizes are constants).
    Static(u32),
    /// The id is in `CALLEE`, computed at run time; the closure is in this slot
    /// (`CallClosure`) or none (`CallIface`).
    Dynamic(Option<u16>),
}

/// An out-of-line path, emitted after the body.
enum Stub {
    /// `jit_op` for instruction `pc`; then back to `cont` with the result register
    /// reloaded (`restore`), or out with its result.
    Slow { at: Label, pc: u32, cont: Label, restore: Held },
    /// The preemption budget ran out at a back edge to `target`.
    Tick { at: Label, target: usize },
    /// The write barrier's slow path for old object `obj`.
    Remember { at: Label, obj: Reg, cont: Label },
    /// `jit_fallback` at `pc` (a `Ret` the interpreter must make).
    Fallback { at: Label, pc: u32 },
    /// A call's frame is pushed by `jit_push_frame` (a check of the inline push failed),
    /// and the callee runs through its native entry; the result goes on at `join`.
    Push { at: Label, pc: u32, callee: Callee, join: Label },
    /// A `CallIface` whose receiver is nil (or has no such method): `jit_iface_target`
    /// raises the panic (or finds the method and writes the payload).
    IfaceMiss { at: Label, pc: u32, cont: Label },
    /// `tiered`: this function's call countdown reached zero on entry.
    TierUpCall { at: Label, cont: Label },
    /// `tiered`: its back-edge countdown reached zero at a back edge to `target`:
    /// enter the second tier's code there if there is some, else continue at `cont`.
    TierUpLoop { at: Label, target: usize, cont: Label },
    /// A type test against an interface type missed its cache (the dynamic type is in
    /// `rcx`): `jit_op` runs it, then the cache learns the type and the result (slot
    /// `learn`: the bool of `IfaceIs`/`Assert2`; none for `Assert`, cached on success).
    TypeMiss { at: Label, pc: u32, cache: usize, learn: Option<u16>, cont: Label, restore: Held },
}

pub(crate) struct Emitter<'a> {
    a: Asm,
    program: &'a Program,
    func: u32,
    f: &'a Function,
    env: &'a CompileEnv,
    /// Per pc: the label of a block leader.
    labels: Vec<Option<Label>>,
    /// The epilogue: returns `eax`.
    exit: Label,
    /// Sets `eax` = `Stopped`, then the epilogue.
    stopped: Label,
    /// Out-of-line paths to emit after the body, each with the pc it serves (none for
    /// the entry's).
    stubs: Vec<(Option<u32>, Stub)>,
    /// The instruction being emitted (none in the entry code).
    pc: Option<u32>,
    /// The pc map under construction (`vm::jit::code_map`).
    pc_map: PcMapBuilder,
    /// What the previous instruction left in `rax`/`xmm0` (read by this one).
    held: Held,
    /// What this instruction leaves (set by its final store).
    result: Held,
    /// The end of the current instruction (slow paths rejoin here), made on demand.
    cont: Option<Label>,
    has_defers: bool,
    /// This function's inline caches (see [`SiteCaches`]), handed out in pc order.
    caches: SiteCaches,
}

/// One function's machine code: the native entry at offset 0, the call entry at
/// `call_entry`.
pub(crate) struct Code {
    pub bytes: Vec<u8>,
    pub call_entry: usize,
    pub caches: SiteCaches,
    pub pc_map: PcMap,
}

/// Compile `f` to machine code (position-independent: helpers are called through
/// absolute addresses, jumps are relative).
pub(crate) fn compile(program: &Program, func: u32, env: &CompileEnv) -> Result<Code, String> {
    let f = &program.funcs[func as usize];
    let mut a = Asm::new();
    let exit = a.new_label();
    let stopped = a.new_label();
    let mut e = Emitter {
        a,
        program,
        func,
        f,
        env,
        labels: Vec::new(),
        exit,
        stopped,
        stubs: Vec::new(),
        pc: None,
        pc_map: PcMapBuilder::with_capacity(2 * f.code.len() + 8),
        held: Held::Nothing,
        result: Held::Nothing,
        cont: None,
        has_defers: f.code.iter().any(|i| matches!(i.op, Op::DeferCall | Op::DeferClosure)),
        caches: SiteCaches::for_function(program, f),
    };
    let call_entry = e.function()?;
    let pc_map = e.pc_map.finish(e.a.len());
    Ok(Code { bytes: e.a.finish()?, call_entry, caches: e.caches, pc_map })
}

impl Emitter<'_> {
    /// The whole function; returns where its call entry is (an offset into the code).
    fn function(&mut self) -> Result<usize, String> {
        let code = &self.f.code;
        let n = code.len();
        let blocks = Blocks::of(code)?;
        let leader = &blocks.leader;
        self.labels = (0..n).map(|i| leader[i].then(|| self.a.new_label())).collect();

        let (dispatch, call_entry, body) = (self.a.new_label(), self.a.new_label(), self.a.new_label());
        self.mark(CodeKind::Entry);
        self.prologue(dispatch, call_entry, body);
        let mut pc = 0;
        let mut open = true;
        while pc < n {
            let ins = code[pc];
            self.pc = Some(pc as u32);
            self.mark(CodeKind::Instr);
            if let Some(l) = self.labels[pc] {
                self.a.bind(l);
                open = true;
                self.held = Held::Nothing;
                if self.env.count_native {
                    // Counting mode: the block's instructions ran natively.
                    let len = blocks.len_at(code, pc) as i32;
                    self.a.mov_ri(RAX, self.env.native_counter as i64);
                    self.a.alu_mi(Alu::Add, mem(RAX, 0), len);
                }
            }
            if open {
                // Unreachable code after a terminator is skipped up to the next leader.
                open = self.instruction(pc, ins)?;
            }
            pc += width(ins);
        }
        self.pc = None;
        self.mark(CodeKind::Glue);
        if open {
            // Falling off the end cannot happen in verified code.
            self.a.mov_ri(RAX, JitResult::FallBack as i64);
            self.a.jmp(self.exit);
        }
        self.stubs()?;
        self.mark(CodeKind::Glue);
        self.epilogue();
        self.mark(CodeKind::Entry);
        self.dispatch(dispatch, body, &blocks.entries);
        Ok(self.a.offset_of(call_entry).expect("bound by the prologue"))
    }

    /// The code from here on is of `kind`, serving the current pc (`self.pc`).
    fn mark(&mut self, kind: CodeKind) {
        let pc = if matches!(kind, CodeKind::Instr | CodeKind::SlowPath) { self.pc } else { None };
        self.pc_map.mark(self.a.len(), kind, pc);
    }

    /// An out-of-line path for after the body, serving the current instruction.
    fn stub(&mut self, stub: Stub) {
        self.stubs.push((self.pc, stub));
    }

    /// Compiling the first tier of `tiered` (see `vm::jit::tiered`).
    fn tiering(&self) -> bool {
        !self.env.tier_counters.is_null()
    }

    /// Decrement this function's tier countdown at `offset`; at zero, go to `at`.
    /// Clobbers `rax` (called where nothing is held).
    fn countdown(&mut self, offset: i32, at: Label) {
        self.a.mov_ri(RAX, self.env.tier_counters as i64);
        self.a.alu_mi(Alu::Sub, mem(RAX, offset), 1);
        self.a.jcc(Cond::Le, at);
    }

    // ------------------------------------------------------------ slots and the cache

    /// `reg = slot i`, from the register that holds it when the previous instruction
    /// left it there.
    fn ld(&mut self, reg: Reg, i: u16) {
        match self.held {
            Held::Int(s) if s == i => {
                if reg != RAX {
                    self.a.mov_rr(reg, RAX);
                }
            }
            Held::Float(s) if s == i => self.a.movq_rx(reg, XMM0),
            _ => self.a.load(reg, slot(i)),
        }
        if reg == RAX && self.held != Held::Int(i) && matches!(self.held, Held::Int(_)) {
            self.held = Held::Nothing;
        }
    }

    /// `x = slot i` as a double.
    fn ldf(&mut self, x: Xmm, i: u16) {
        match self.held {
            Held::Float(s) if s == i => {
                if x != XMM0 {
                    self.a.movapd(x, XMM0);
                }
            }
            Held::Int(s) if s == i => self.a.movq_xr(x, RAX),
            _ => self.a.movsd_load(x, slot(i)),
        }
        if x == XMM0 && self.held != Held::Float(i) && matches!(self.held, Held::Float(_)) {
            self.held = Held::Nothing;
        }
    }

    fn holds(&self, i: u16) -> bool {
        matches!(self.held, Held::Int(s) | Held::Float(s) if s == i)
    }

    /// Store `rax` to slot `i`: the instruction's result (left in `rax` for the next).
    fn st(&mut self, i: u16) {
        self.a.store(slot(i), RAX);
        self.result = Held::Int(i);
    }

    /// Store `xmm0` to slot `i`: the instruction's result (left in `xmm0`).
    fn stf(&mut self, i: u16) {
        self.a.movsd_store(slot(i), XMM0);
        self.result = Held::Float(i);
    }

    /// `rax = slot b`, and where slot `c` can be read as a second operand: `rcx` or the
    /// frame (so a cached `c` survives loading `b`).
    fn operands(&mut self, b: u16, c: u16) -> Option<Mem> {
        if self.holds(c) && !self.holds(b) {
            self.ld(RCX, c);
            self.ld(RAX, b);
            None
        } else {
            self.ld(RAX, b);
            Some(slot(c))
        }
    }

    /// `rax = slot b  op  slot c`.
    fn int2(&mut self, op: Alu, b: u16, c: u16) {
        match self.operands(b, c) {
            Some(m) => self.a.alu_rm(op, RAX, m),
            None => self.a.alu_rr(op, RAX, RCX),
        }
    }

    /// `xmm0 = slot b`, `xmm1 = slot c`.
    fn float_operands(&mut self, b: u16, c: u16) {
        if self.holds(c) && !self.holds(b) {
            self.ldf(XMM1, c);
            self.ldf(XMM0, b);
        } else {
            self.ldf(XMM0, b);
            self.ldf(XMM1, c);
        }
    }

    /// `rax = cc ? 1 : 0` from the flags.
    fn set_bool(&mut self, cc: Cond) {
        self.a.setcc(cc, RAX);
        self.a.movzx8(RAX, RAX);
    }

    // ------------------------------------------------------------ helpers and stubs

    /// Call helper `addr` (arguments already in place; `rsp` is aligned in the body).
    /// The budget is in the context while the helper runs (it may read or reset it, or
    /// run other native code) and is re-read after it. Below a second tier with stack
    /// maps (`CompileEnv::anchor_frames`), SP and FP are stored first: a collection in
    /// the helper walks the native frames from there (second-tier frames further out
    /// hold references in stack-mapped spill slots; see `vm::jit::tiered`).
    fn call_helper(&mut self, addr: usize) {
        if self.env.anchor_frames {
            self.a.store(ctx(JitContext::OFFSET_NATIVE_SP), RSP);
            self.a.store(ctx(JitContext::OFFSET_NATIVE_FP), RBP);
        }
        self.a.mov_ri(RAX, addr as i64);
        self.call_out(RAX);
    }

    /// `call target` with the budget handed over: stored before, re-read after.
    fn call_out(&mut self, target: Reg) {
        self.a.store(ctx(JitContext::OFFSET_BUDGET), BUDGET);
        self.a.call_r(target);
        self.a.load(BUDGET, ctx(JitContext::OFFSET_BUDGET));
    }

    /// The label where the current instruction ends.
    fn cont(&mut self) -> Label {
        match self.cont {
            Some(l) => l,
            None => {
                let l = self.a.new_label();
                self.cont = Some(l);
                l
            }
        }
    }

    /// A label for the slow path of instruction `pc`: `jit_op` runs it (raising the
    /// panic, or doing the work), and execution rejoins at the instruction's end.
    fn slow_stub(&mut self, pc: usize) -> Label {
        let at = self.a.new_label();
        let cont = self.cont();
        // `restore` is filled in when the instruction is done (see `instruction`).
        self.stub(Stub::Slow { at, pc: pc as u32, cont, restore: Held::Nothing });
        at
    }

    /// `jit_op` for instruction `pc`, inline; leave when it stops.
    fn op_inline(&mut self, pc: usize) {
        self.helper_op(pc);
        self.a.test32_rr(RAX, RAX);
        self.a.jcc(Cond::Ne, self.exit);
    }

    /// The out-of-line path of instruction `pc`: its direct helper when it has one
    /// (`helpers::direct_call`: the instruction as immediates), else `jit_op`.
    fn helper_op(&mut self, pc: usize) {
        self.a.mov_rr(RDI, CTX);
        self.a.mov_rr(RSI, FP);
        match helpers::direct_call(self.f, pc) {
            Some(d) => {
                self.a.mov_ri(RDX, d.operands as i64);
                self.a.mov_ri(RCX, d.ext as i64);
                self.a.mov_ri(R8, d.pc_slots as i64);
                self.call_helper(d.helper);
            }
            None => {
                self.a.mov_ri(RDX, pc as i64);
                self.call_helper(helpers::jit_op as *const () as usize);
            }
        }
    }

    /// Leave for the interpreter at `pc`.
    fn fallback(&mut self, pc: u32) {
        self.a.mov_rr(RDI, CTX);
        self.a.mov_ri(RSI, pc as i64);
        self.call_helper(helpers::jit_fallback as *const () as usize);
        self.a.jmp(self.exit);
    }

    fn stubs(&mut self) -> Result<(), String> {
        for (pc, stub) in std::mem::take(&mut self.stubs) {
            // A stub made by the entry code (a tier-up on entry) is entry code too.
            self.pc = pc;
            self.mark(if pc.is_some() { CodeKind::SlowPath } else { CodeKind::Entry });
            match stub {
                Stub::Slow { at, pc, cont, restore } => {
                    self.a.bind(at);
                    self.op_inline(pc as usize);
                    match restore {
                        Held::Int(i) => self.a.load(RAX, slot(i)),
                        Held::Float(i) => self.a.movsd_load(XMM0, slot(i)),
                        Held::Nothing => {}
                    }
                    self.a.jmp(cont);
                }
                Stub::Tick { at, target } => {
                    self.a.bind(at);
                    self.a.mov_rr(RDI, CTX);
                    self.a.mov_ri(RSI, target as i64);
                    self.call_helper(helpers::jit_tick as *const () as usize);
                    self.a.test32_rr(RAX, RAX);
                    self.a.jcc(Cond::Ne, self.exit);
                    self.a.jmp(self.labels[target].expect("targets are leaders"));
                }
                Stub::TierUpCall { at, cont } => {
                    self.a.bind(at);
                    self.tier_up(false);
                    self.a.jmp(cont);
                }
                Stub::TierUpLoop { at, target, cont } => {
                    self.a.bind(at);
                    self.tier_up(true);
                    self.a.test_rr(RAX, RAX);
                    self.a.jcc(Cond::E, cont);
                    // OSR: the second tier's code runs this frame from the loop header
                    // (with this entry's `Ret` flag); its result is ours.
                    self.a.mov_rr(RDI, CTX);
                    self.a.mov_rr(RSI, FP);
                    self.a.load32(RDX, entry_arg());
                    self.a.alu_ri(Alu::And, RDX, ENTRY_RET_VIA_VM as i32);
                    self.a.alu_ri(Alu::Or, RDX, target as i32);
                    self.call_out(RAX);
                    self.a.jmp(self.exit);
                }
                Stub::Remember { at, obj, cont } => {
                    self.a.bind(at);
                    self.a.mov_rr(RSI, obj);
                    self.a.mov_rr(RDI, CTX);
                    self.call_helper(helpers::jit_remember as *const () as usize);
                    self.a.jmp(cont);
                }
                Stub::Fallback { at, pc } => {
                    self.a.bind(at);
                    self.fallback(pc);
                }
                Stub::IfaceMiss { at, pc, cont } => {
                    self.a.bind(at);
                    self.a.mov_rr(RDI, CTX);
                    self.a.mov_rr(RSI, FP);
                    self.a.mov_ri(RDX, pc as i64);
                    self.call_helper(helpers::jit_iface_target as *const () as usize);
                    self.a.alu_ri(Alu::Cmp, RAX, -1);
                    self.a.jcc(Cond::E, self.stopped);
                    self.a.mov_rr(CALLEE, RAX);
                    self.a.jmp(cont);
                }
                Stub::TypeMiss { at, pc, cache, learn, cont, restore } => {
                    self.a.bind(at);
                    self.a.mov_rr(CALLEE_INFO, RCX);
                    self.op_inline(pc as usize);
                    match learn {
                        Some(s) => self.a.load(RCX, slot(s)),
                        None => self.a.mov_ri(RCX, 1),
                    }
                    self.learn(cache, CALLEE_INFO, RCX);
                    match restore {
                        Held::Int(i) => self.a.load(RAX, slot(i)),
                        Held::Float(i) => self.a.movsd_load(XMM0, slot(i)),
                        Held::Nothing => {}
                    }
                    self.a.jmp(cont);
                }
                Stub::Push { at, pc, callee, join } => {
                    self.a.bind(at);
                    self.a.mov_rr(RDI, CTX);
                    match callee {
                        Callee::Static(fid) => {
                            self.a.mov_ri(RSI, fid as i64);
                            self.a.mov_ri(RDX, 0);
                        }
                        Callee::Dynamic(clo) => {
                            self.a.mov_rr(RSI, CALLEE);
                            match clo {
                                Some(s) => self.a.load(RDX, slot(s)),
                                None => self.a.mov_ri(RDX, 0),
                            }
                        }
                    }
                    self.a.mov_ri(RCX, pc as i64);
                    self.call_helper(helpers::jit_push_frame as *const () as usize);
                    self.a.test_rr(RAX, RAX);
                    self.a.jcc(Cond::E, self.stopped);
                    // The frame is pushed: run the callee's native entry, then rejoin.
                    self.a.mov_rr(RDI, CTX);
                    self.a.lea(RSI, slot(self.f.slot_count));
                    self.a.mov_ri(RDX, 0);
                    self.call_out(RAX);
                    self.a.jmp(join);
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ control flow

    fn label_at(&self, pc: usize) -> Label {
        self.labels[pc].expect("branch targets are leaders")
    }

    /// `rax` = `jit_tier_up(ctx, func, at_loop)`: the second tier's entry or null.
    fn tier_up(&mut self, at_loop: bool) {
        self.a.mov_rr(RDI, CTX);
        self.a.mov_ri(RSI, self.func as i64);
        self.a.mov_ri(RDX, at_loop as i64);
        self.call_helper(helpers::jit_tier_up as *const () as usize);
    }

    /// Jump to `target`; a backward jump charges the preemption budget first (and for
    /// `tiered`, the back-edge countdown).
    fn goto(&mut self, pc: usize, target: usize) {
        if target > pc {
            self.a.jmp(self.label_at(target));
            return;
        }
        if self.tiering() {
            let (at, cont) = (self.a.new_label(), self.a.new_label());
            self.countdown(TierCounters::OFFSET_LOOPS, at);
            self.a.bind(cont);
            self.stub(Stub::TierUpLoop { at, target, cont });
        }
        self.a.alu_ri(Alu::Sub, BUDGET, 1);
        let tick = self.a.new_label();
        self.stub(Stub::Tick { at: tick, target });
        self.a.jcc(Cond::Le, tick);
        self.a.jmp(self.label_at(target));
    }

    /// Branch to `target` when `cc` holds, else fall through to the next instruction
    /// (a leader, bound right after).
    fn branch(&mut self, pc: usize, cc: Cond, target: usize) {
        if target > pc {
            self.a.jcc(cc, self.label_at(target));
        } else {
            let skip = self.a.new_label();
            self.a.jcc(cc.inverse(), skip);
            self.goto(pc, target);
            self.a.bind(skip);
        }
    }

    /// `rax` = byte `[i]` of string `[s]`, for instruction `pc`: a nil string or an
    /// index at or past the end goes to the instruction's slow path (returned).
    fn string_byte(&mut self, pc: usize, s: u16, i: u16) -> Label {
        self.ld(RCX, i);
        self.ld(RAX, s);
        let slow = self.slow_stub(pc);
        let a = &mut self.a;
        a.test_rr(RAX, RAX);
        a.jcc(Cond::E, slow);
        a.load(RDX, mem(RAX, 0));
        a.shift_ri(Shift::Shr, RDX, heap_layout::LEN_SHIFT as u8);
        a.alu_rr(Alu::Cmp, RCX, RDX);
        a.jcc(Cond::Ae, slow);
        a.load8(RAX, mem_index(RAX, RCX, 1, heap_layout::STR_BYTES as i32));
        slow
    }

    // ------------------------------------------------------------ instructions

    /// Emit one instruction; false when it ends the block.
    fn instruction(&mut self, pc: usize, ins: Instr) -> Result<bool, String> {
        self.result = Held::Nothing;
        self.cont = None;
        let first_stub = self.stubs.len();
        let open = self.template(pc, ins)?;
        if let Some(l) = self.cont.take() {
            self.a.bind(l);
        }
        // Slow paths that rejoin reload what this instruction leaves in a register.
        for s in &mut self.stubs[first_stub..] {
            if let (_, Stub::Slow { restore, .. } | Stub::TypeMiss { restore, .. }) = s {
                *restore = self.result;
            }
        }
        self.held = self.result;
        Ok(open)
    }

    fn template(&mut self, pc: usize, ins: Instr) -> Result<bool, String> {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        match ins.op {
            Op::Nop | Op::Ext => {}
            Op::Move => {
                self.ld(RAX, b);
                self.st(a);
            }
            Op::LoadInt => {
                self.a.mov_ri(RAX, ins.bc_i32() as i64);
                self.st(a);
            }
            Op::LoadConst => {
                // SAFETY: `consts` is the program's constant table and `b` a verified index.
                let k = unsafe { *self.env.consts.add(b as usize) };
                self.a.mov_ri(RAX, k as i64);
                self.st(a);
            }
            Op::LoadNil => {
                self.a.mov_ri(RAX, 0);
                self.st(a);
            }
            Op::LoadStr | Op::GetGlobal => {
                // String constants are roots the collector updates: load at each use.
                let table =
                    if ins.op == Op::LoadStr { self.env.string_consts as usize } else { self.env.globals as usize };
                self.a.mov_ri(RAX, (table + b as usize * 8) as i64);
                self.a.load(RAX, mem(RAX, 0));
                self.st(a);
            }
            Op::SetGlobal => {
                self.ld(RCX, b);
                self.a.mov_ri(RDX, (self.env.globals as usize + a as usize * 8) as i64);
                self.a.store(mem(RDX, 0), RCX);
            }
            Op::AddI | Op::SubI | Op::AndI | Op::OrI | Op::XorI => {
                let op = match ins.op {
                    Op::AddI => Alu::Add,
                    Op::SubI => Alu::Sub,
                    Op::AndI => Alu::And,
                    Op::OrI => Alu::Or,
                    _ => Alu::Xor,
                };
                self.int2(op, b, c);
                self.st(a);
            }
            Op::MulI => {
                match self.operands(b, c) {
                    Some(m) => self.a.imul_rm(RAX, m),
                    None => self.a.imul_rr(RAX, RCX),
                }
                self.st(a);
            }
            Op::AndNotI => {
                self.ld(RCX, c);
                self.ld(RAX, b);
                self.a.not(RCX);
                self.a.alu_rr(Alu::And, RAX, RCX);
                self.st(a);
            }
            Op::DivI | Op::RemI => {
                // Zero (Go's panic) and -1 (MinInt / -1 wraps in Go, traps in hardware)
                // go to the helper.
                self.ld(RCX, c);
                self.a.lea(RDX, mem(RCX, 1));
                self.a.alu_ri(Alu::Cmp, RDX, 1);
                let slow = self.slow_stub(pc);
                self.a.jcc(Cond::Be, slow);
                self.ld(RAX, b);
                self.a.cqo();
                self.a.idiv(RCX);
                if ins.op == Op::RemI {
                    self.a.mov_rr(RAX, RDX);
                }
                self.st(a);
            }
            Op::DivU | Op::RemU => {
                // Zero (Go's panic) goes to the helper; unsigned division cannot
                // overflow with a zero high half.
                self.ld(RCX, c);
                self.a.test_rr(RCX, RCX);
                let slow = self.slow_stub(pc);
                self.a.jcc(Cond::E, slow);
                self.ld(RAX, b);
                self.a.mov_ri(RDX, 0);
                self.a.div(RCX);
                if ins.op == Op::RemU {
                    self.a.mov_rr(RAX, RDX);
                }
                self.st(a);
            }
            Op::ShlI | Op::ShrI | Op::ShrU => {
                self.ld(RCX, c);
                self.a.test_rr(RCX, RCX);
                let slow = self.slow_stub(pc);
                self.a.jcc(Cond::S, slow);
                self.ld(RAX, b);
                if ins.op != Op::ShrI {
                    // Counts above 63 give 0 (left, and logical right).
                    let op = if ins.op == Op::ShlI { Shift::Shl } else { Shift::Shr };
                    self.a.shift_cl(op, RAX);
                    self.a.mov_ri(RDX, 0);
                    self.a.alu_ri(Alu::Cmp, RCX, 63);
                    self.a.cmov(Cond::A, RAX, RDX);
                } else {
                    // Counts above 63 shift by 63.
                    self.a.mov_ri(RDX, 63);
                    self.a.alu_ri(Alu::Cmp, RCX, 63);
                    self.a.cmov(Cond::A, RCX, RDX);
                    self.a.shift_cl(Shift::Sar, RAX);
                }
                self.st(a);
            }
            Op::AddIK | Op::AndIK => {
                self.ld(RAX, b);
                let op = if ins.op == Op::AddIK { Alu::Add } else { Alu::And };
                self.a.alu_ri(op, RAX, ins.c_i16() as i32);
                self.st(a);
            }
            Op::MulIK => {
                self.ld(RAX, b);
                self.a.imul_rri(RAX, RAX, ins.c_i16() as i32);
                self.st(a);
            }
            Op::ShlIK | Op::ShrIK | Op::ShrUK => {
                self.ld(RAX, b);
                let op = match ins.op {
                    Op::ShlIK => Shift::Shl,
                    Op::ShrIK => Shift::Sar,
                    _ => Shift::Shr,
                };
                self.a.shift_ri(op, RAX, (c & 63) as u8);
                self.st(a);
            }
            Op::DivIK | Op::RemIK => {
                self.ld(RAX, b);
                let k = ins.c_i16() as i64;
                match (ins.op, k) {
                    (Op::DivIK, -1) => self.a.neg(RAX),
                    (Op::RemIK, -1) => self.a.mov_ri(RAX, 0),
                    _ => {
                        self.a.mov_ri(RCX, k);
                        self.a.cqo();
                        self.a.idiv(RCX);
                        if ins.op == Op::RemIK {
                            self.a.mov_rr(RAX, RDX);
                        }
                    }
                }
                self.st(a);
            }
            Op::NegI
            | Op::NotI
            | Op::WrapU8
            | Op::WrapI32
            | Op::WrapI8
            | Op::WrapI16
            | Op::WrapU16
            | Op::WrapU32
            | Op::NegF
            | Op::AbsF => {
                self.ld(RAX, b);
                match ins.op {
                    Op::NegI => self.a.neg(RAX),
                    Op::NotI => self.a.not(RAX),
                    Op::WrapU8 => self.a.alu_ri(Alu::And, RAX, 0xff),
                    Op::WrapI32 => self.a.movsxd(RAX, RAX),
                    Op::WrapI8 => self.a.movsx8(RAX, RAX),
                    Op::WrapI16 => self.a.movsx16(RAX, RAX),
                    Op::WrapU16 => self.a.movzx16(RAX, RAX),
                    // A 32-bit move zero-extends.
                    Op::WrapU32 => self.a.mov32_rr(RAX, RAX),
                    // Floats by their bits: flip or clear the sign.
                    Op::NegF => self.a.btc(RAX, 63),
                    _ => self.a.btr(RAX, 63),
                }
                self.st(a);
            }
            Op::AddF | Op::SubF | Op::MulF | Op::DivF => {
                let op = match ins.op {
                    Op::AddF => Sse::Add,
                    Op::SubF => Sse::Sub,
                    Op::MulF => Sse::Mul,
                    _ => Sse::Div,
                };
                if self.holds(c) && !self.holds(b) {
                    self.float_operands(b, c);
                    self.a.sse_rr(op, XMM0, XMM1);
                } else {
                    self.ldf(XMM0, b);
                    self.a.sse_rm(op, XMM0, slot(c));
                }
                self.stf(a);
            }
            Op::SqrtF | Op::FloorF => {
                self.ldf(XMM0, b);
                if ins.op == Op::SqrtF {
                    self.a.sse_rr(Sse::Sqrt, XMM0, XMM0);
                } else {
                    // Toward -inf, no precision exception (math.Floor, also for ±0,
                    // ±Inf and NaN).
                    self.a.roundsd(XMM0, XMM0, 9);
                }
                self.stf(a);
            }
            Op::IntToFloat => {
                self.ld(RAX, b);
                self.a.cvtsi2sd(XMM0, RAX);
                self.stf(a);
            }
            Op::UintToFloat => {
                // Below 2^63 the signed conversion; from 2^63 the conversion of x / 2
                // with the low bit kept (sticky, so the rounding is still correct),
                // doubled.
                self.ld(RAX, b);
                let (big, done) = (self.a.new_label(), self.a.new_label());
                self.a.test_rr(RAX, RAX);
                self.a.jcc(Cond::S, big);
                self.a.cvtsi2sd(XMM0, RAX);
                self.a.jmp(done);
                self.a.bind(big);
                self.a.mov_rr(RCX, RAX);
                self.a.shift_ri(Shift::Shr, RCX, 1);
                self.a.alu_ri(Alu::And, RAX, 1);
                self.a.alu_rr(Alu::Or, RCX, RAX);
                self.a.cvtsi2sd(XMM0, RCX);
                self.a.sse_rr(Sse::Add, XMM0, XMM0);
                self.a.bind(done);
                self.stf(a);
            }
            Op::CountU => {
                // min(b, 64) unsigned.
                self.ld(RAX, b);
                self.a.mov_ri(RCX, 64);
                self.a.alu_rr(Alu::Cmp, RAX, RCX);
                self.a.cmov(Cond::A, RAX, RCX);
                self.st(a);
            }
            Op::FloatToInt => {
                // Truncation; NaN and out-of-range values give MinInt (as Go on amd64).
                self.ldf(XMM0, b);
                self.a.cvttsd2si(RAX, XMM0);
                self.st(a);
            }
            Op::EqI | Op::NeI | Op::LtI | Op::LeI | Op::LtU | Op::LeU => {
                self.int2(Alu::Cmp, b, c);
                let cc = match ins.op {
                    Op::EqI => Cond::E,
                    Op::NeI => Cond::Ne,
                    Op::LtI => Cond::L,
                    Op::LeI => Cond::Le,
                    Op::LtU => Cond::B,
                    _ => Cond::Be,
                };
                self.set_bool(cc);
                self.st(a);
            }
            Op::EqF | Op::NeF => {
                // Unordered (NaN) sets ZF and PF: equal means ZF and not PF.
                self.float_operands(b, c);
                self.a.ucomisd(XMM0, XMM1);
                let (cc, parity, combine) =
                    if ins.op == Op::EqF { (Cond::E, Cond::Np, Alu::And) } else { (Cond::Ne, Cond::P, Alu::Or) };
                self.a.setcc(cc, RAX);
                self.a.setcc(parity, RCX);
                self.a.movzx8(RAX, RAX);
                self.a.movzx8(RCX, RCX);
                self.a.alu_rr(combine, RAX, RCX);
                self.st(a);
            }
            Op::LtF | Op::LeF => {
                // b < c  as  c > b: "above" is false when unordered.
                self.float_operands(b, c);
                self.a.ucomisd(XMM1, XMM0);
                self.set_bool(if ins.op == Op::LtF { Cond::A } else { Cond::Ae });
                self.st(a);
            }
            Op::Not => {
                self.ld(RAX, b);
                self.a.test_rr(RAX, RAX);
                self.set_bool(Cond::E);
                self.st(a);
            }
            Op::Jmp => {
                self.goto(pc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpTrue | Op::JmpFalse => {
                self.ld(RAX, a);
                self.a.test_rr(RAX, RAX);
                let cc = if ins.op == Op::JmpTrue { Cond::Ne } else { Cond::E };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpLtI | Op::JmpLeI | Op::JmpEqI | Op::JmpNeI => {
                self.int2(Alu::Cmp, a, b);
                let cc = match ins.op {
                    Op::JmpLtI => Cond::L,
                    Op::JmpLeI => Cond::Le,
                    Op::JmpEqI => Cond::E,
                    _ => Cond::Ne,
                };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpLtIK | Op::JmpLeIK | Op::JmpGtIK | Op::JmpGeIK | Op::JmpEqIK | Op::JmpNeIK => {
                self.ld(RAX, a);
                self.a.alu_ri(Alu::Cmp, RAX, ins.b_i16() as i32);
                let cc = match ins.op {
                    Op::JmpLtIK => Cond::L,
                    Op::JmpLeIK => Cond::Le,
                    Op::JmpGtIK => Cond::G,
                    Op::JmpGeIK => Cond::Ge,
                    Op::JmpEqIK => Cond::E,
                    _ => Cond::Ne,
                };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::IncJmpLtI | Op::IncJmpLeI => {
                self.ld(RAX, a);
                self.a.alu_ri(Alu::Add, RAX, 1);
                self.a.store(slot(a), RAX);
                self.a.alu_rm(Alu::Cmp, RAX, slot(b));
                let cc = if ins.op == Op::IncJmpLtI { Cond::L } else { Cond::Le };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::StrLen | Op::MapLen | Op::SliceLen | Op::SliceCap | Op::IfaceData => {
                // nil gives 0 (rax already is).
                self.ld(RAX, b);
                self.a.test_rr(RAX, RAX);
                let skip = self.a.new_label();
                self.a.jcc(Cond::E, skip);
                match ins.op {
                    Op::StrLen | Op::MapLen => {
                        // The length is the header's high half.
                        self.a.load(RAX, mem(RAX, 0));
                        self.a.shift_ri(Shift::Shr, RAX, 32);
                    }
                    Op::SliceLen => self.a.load(RAX, mem(RAX, heap_layout::SLICE_LEN as i32)),
                    Op::SliceCap => self.a.load(RAX, mem(RAX, heap_layout::SLICE_CAP as i32)),
                    _ => self.a.load(RAX, mem(RAX, heap_layout::IFACE_DATA as i32)),
                }
                self.a.bind(skip);
                self.st(a);
            }
            Op::GetField | Op::BoxGet => self.field_get(pc, ins),
            Op::SetField | Op::SetFieldR | Op::BoxSet | Op::BoxSetR => self.field_set(pc, ins),
            Op::ArrayGet => self.array_get(pc, ins),
            Op::ArraySet | Op::ArraySetR => self.array_set(pc, ins),
            Op::SliceGet => self.slice_get(pc, ins),
            Op::SliceSet | Op::SliceSetR => self.slice_set(pc, ins),
            Op::New | Op::BoxNew | Op::ToIface if inline_alloc(self.program, ins, self.env.large_words).is_some() => {
                self.alloc_inline(pc, ins)
            }
            Op::StrIndex => {
                // nil (the empty string) and out-of-range indices: the helper's panic.
                self.string_byte(pc, b, c);
                self.st(a);
            }
            Op::EqStr => {
                // Inline: the same string; different lengths; equal lengths up to 8
                // bytes (one payload word each: compare the first `len` bytes). The
                // helper compares longer strings (and nil with "").
                self.ld(RCX, c);
                self.ld(RAX, b);
                let slow = self.slow_stub(pc);
                let (one, zero, done) = (self.a.new_label(), self.a.new_label(), self.a.new_label());
                let a_ = &mut self.a;
                a_.alu_rr(Alu::Cmp, RAX, RCX);
                a_.jcc(Cond::E, one);
                a_.test_rr(RAX, RAX);
                a_.jcc(Cond::E, slow);
                a_.test_rr(RCX, RCX);
                a_.jcc(Cond::E, slow);
                a_.load(RDX, mem(RAX, 0));
                a_.shift_ri(Shift::Shr, RDX, heap_layout::LEN_SHIFT as u8);
                a_.load(R8, mem(RCX, 0));
                a_.shift_ri(Shift::Shr, R8, heap_layout::LEN_SHIFT as u8);
                a_.alu_rr(Alu::Cmp, RDX, R8);
                a_.jcc(Cond::Ne, zero);
                a_.test_rr(RDX, RDX);
                a_.jcc(Cond::E, one);
                a_.alu_ri(Alu::Cmp, RDX, 8);
                a_.jcc(Cond::A, slow);
                // r8 = the first words' difference, shifted left by 64 - 8 * len: zero
                // when the first `len` bytes agree.
                a_.load(R8, mem(RAX, heap_layout::STR_BYTES as i32));
                a_.alu_rm(Alu::Xor, R8, mem(RCX, heap_layout::STR_BYTES as i32));
                a_.mov_rr(RCX, RDX);
                a_.shift_ri(Shift::Shl, RCX, 3);
                a_.neg(RCX);
                a_.alu_ri(Alu::Add, RCX, 64);
                a_.shift_cl(Shift::Shl, R8);
                a_.mov_ri(RDX, 0);
                a_.test_rr(R8, R8);
                a_.setcc(Cond::E, RDX);
                a_.jmp(done);
                a_.bind(zero);
                a_.mov_ri(RDX, 0);
                a_.jmp(done);
                a_.bind(one);
                a_.mov_ri(RDX, 1);
                a_.bind(done);
                a_.mov_rr(RAX, RDX);
                self.st(a);
            }
            Op::StrDecodeRune => {
                // An ASCII byte inline: the rune is the byte, its width 1. A nil string,
                // an index at or past the end and a multi-byte rune: the helper.
                let slow = self.string_byte(pc, b, c);
                self.a.alu_ri(Alu::Cmp, RAX, 0x80);
                self.a.jcc(Cond::Ae, slow);
                self.a.store(slot(a), RAX);
                self.a.store_imm(slot(a + 1), 1);
            }
            Op::LoadCapture => {
                // The running closure is in this frame's control record, the top one
                // while this code runs; its captures follow the header.
                self.a.load(RCX, ctx(JitContext::OFFSET_CONTROL));
                self.a.load(RAX, mem(RCX, layout::CONTROL_LEN));
                self.a.shift_ri(Shift::Shl, RAX, layout::FRAME_BYTES.trailing_zeros() as u8);
                self.a.alu_rm(Alu::Add, RAX, mem(RCX, layout::CONTROL_PTR));
                self.a.load(RAX, mem(RAX, layout::FRAME_CLOSURE - layout::FRAME_BYTES as i32));
                self.a.load(RAX, mem(RAX, heap_layout::CLOSURE_CAPTURES as i32 + c as i32 * 8));
                self.st(a);
            }
            Op::Call => self.call(pc, Callee::Static(a as u32)),
            Op::CallClosure => {
                self.ld(RAX, a);
                self.a.test_rr(RAX, RAX);
                // (the helper raises the nil-func panic)
                let slow = self.slow_stub(pc);
                self.a.jcc(Cond::E, slow);
                // The function id is the header's aux field.
                self.a.load(CALLEE, mem(RAX, 0));
                self.a.shift_ri(Shift::Shr, CALLEE, heap_layout::AUX_SHIFT as u8);
                self.a.alu_ri(Alu::And, CALLEE, heap_layout::AUX_MASK as i32);
                self.call(pc, Callee::Dynamic(Some(a)));
            }
            Op::CallIface => {
                self.iface_method(pc, ins);
                self.call(pc, Callee::Dynamic(None));
            }
            Op::IfaceIs | Op::Assert2 => self.type_test(pc, ins),
            Op::Assert => self.type_assert(pc, ins),
            Op::ToIface if is_interface(self.program, c) => self.iface_to_iface(ins),
            Op::ChanLen | Op::ChanCap => {
                // nil gives 0 (rax already is).
                self.ld(RAX, b);
                self.a.test_rr(RAX, RAX);
                let skip = self.a.new_label();
                self.a.jcc(Cond::E, skip);
                if ins.op == Op::ChanLen {
                    self.a.load(RAX, mem(RAX, heap_layout::CHAN_COUNT as i32));
                } else {
                    self.a.load(RAX, mem(RAX, 0));
                    self.a.shift_ri(Shift::Shr, RAX, heap_layout::LEN_SHIFT as u8);
                    self.a.alu_ri(Alu::Sub, RAX, heap_layout::CHAN_FIXED_WORDS as i32);
                }
                self.a.bind(skip);
                self.st(a);
            }
            Op::Ret => {
                // Frames with defers, and frames whose return the interpreter must
                // handle (the entry flag), return through the interpreter.
                if self.has_defers {
                    self.fallback(pc as u32);
                    return Ok(false);
                }
                let via_vm = self.a.new_label();
                self.stub(Stub::Fallback { at: via_vm, pc: pc as u32 });
                self.a.load32(RCX, entry_arg());
                self.a.test32_ri(RCX, ENTRY_RET_VIA_VM);
                self.a.jcc(Cond::Ne, via_vm);
                // Results to slots 0..b (ascending is safe: a >= 0).
                for i in 0..b {
                    if a != 0 {
                        self.ld(RAX, a + i);
                        self.a.store(slot(i), RAX);
                        self.held = Held::Nothing;
                    }
                }
                self.a.mov_ri(RAX, JitResult::Returned as i64);
                self.a.jmp(self.exit);
                return Ok(false);
            }
            Op::RunDefers => {
                self.fallback(pc as u32);
                return Ok(false);
            }
            Op::Panic => {
                self.helper_op(pc);
                self.a.test32_rr(RAX, RAX);
                self.a.jcc(Cond::Ne, self.exit);
                self.a.jmp(self.stopped);
                return Ok(false);
            }
            Op::MapNext => {
                // 1: an entry was produced, skip the next instruction.
                self.helper_op(pc);
                self.a.test32_rr(RAX, RAX);
                self.a.jcc(Cond::Ne, self.label_at(pc + 2));
                self.a.jmp(self.label_at(pc + 1));
                return Ok(false);
            }
            // Everything else: the helper, inline (the next instruction reads the frame).
            _ => self.op_inline(pc),
        }
        Ok(true)
    }
}
