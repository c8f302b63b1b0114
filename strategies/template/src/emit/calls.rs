//! The native entry, the call entry and native calls of template code: the entry
//! sequences every function begins with (see "The call convention" in `vm::jit`), the
//! inline call recipe ("Native calls" in `vm::jit`), and the adapter through which
//! template code calls another strategy's native entry. The templates of the other
//! opcodes are in the parent module; everything here runs on its register conventions.

use super::*;

/// A call entry (vm::jit's call convention) that runs another strategy's native entry
/// `entry` with entry 0: the budget goes to the context and back, the frame and context
/// become the System V arguments (the callee preserves `rbx`, `r12` and `rbp`).
pub(crate) fn call_adapter(entry: usize) -> Result<Vec<u8>, String> {
    let mut a = Asm::new();
    // rsp = 8 mod 16 on entry: 8 more align the call.
    a.alu_ri(Alu::Sub, RSP, 8);
    a.store(ctx(JitContext::OFFSET_BUDGET), BUDGET);
    a.mov_rr(RDI, CTX);
    a.mov_rr(RSI, FP);
    a.mov_ri(RDX, 0);
    a.mov_ri(RAX, entry as i64);
    a.call_r(RAX);
    a.load(BUDGET, ctx(JitContext::OFFSET_BUDGET));
    a.alu_ri(Alu::Add, RSP, 8);
    a.ret();
    a.finish()
}

impl Emitter<'_> {
    /// The native entry (System V), then the call entry. The native entry saves the
    /// callee-saved registers, pins the frame and the context, loads the budget, and
    /// calls the body through `dispatch` (which keeps the entry flags and goes to the
    /// entry pc); afterwards it stores the budget back and returns the body's result.
    /// The call entry follows (see "The call convention" in `vm::jit`): it keeps its
    /// entry flags (none) in the slot it pushes and falls into the body at pc 0.
    pub(super) fn prologue(&mut self, dispatch: Label, call_entry: Label, body: Label) {
        let a = &mut self.a;
        a.push(RBP);
        a.mov_rr(RBP, RSP);
        for r in SAVED {
            a.push(r);
        }
        // The return address, rbp and five registers make 56 bytes: 8 more align the
        // call below.
        a.alu_ri(Alu::Sub, RSP, 8);
        a.mov_rr(CTX, RDI);
        a.mov_rr(FP, RSI);
        a.load(BUDGET, ctx(JitContext::OFFSET_BUDGET));
        a.call(dispatch);
        a.store(ctx(JitContext::OFFSET_BUDGET), BUDGET);
        a.alu_ri(Alu::Add, RSP, 8);
        for r in SAVED.iter().rev() {
            a.pop(*r);
        }
        a.pop(RBP);
        a.ret();
        a.bind(call_entry);
        a.push_imm8(0);
        a.bind(body);
        if self.tiering() {
            // A call (entry at pc 0): count it down towards the second tier.
            let (at, cont) = (self.a.new_label(), self.a.new_label());
            self.countdown(TierCounters::OFFSET_CALLS, at);
            self.a.bind(cont);
            self.stub(Stub::TierUpCall { at, cont });
        }
    }

    /// The body's entry from the native entry (`edx` = the entry argument): keep it in
    /// the slot the call entry pushes, then go to the entry pc (`body`: pc 0, after the
    /// call entry's push; a loop header; anything else goes back to the interpreter).
    pub(super) fn dispatch(&mut self, dispatch: Label, body: Label, entries: &[usize]) {
        let a = &mut self.a;
        a.bind(dispatch);
        a.push(RDX);
        a.mov32_rr(RAX, RDX);
        a.alu_ri(Alu::And, RAX, ENTRY_PC_MASK as i32);
        a.jcc(Cond::E, body);
        for &e in &entries[1..] {
            a.alu_ri(Alu::Cmp, RAX, e as i32);
            a.jcc(Cond::E, self.labels[e].expect("entries are leaders"));
        }
        a.mov32_rr(RSI, RAX);
        a.mov_rr(RDI, CTX);
        self.call_helper(helpers::jit_fallback as *const () as usize);
        self.a.jmp(self.exit);
    }

    /// Every way out of the body: `eax` is the result, `r13` the budget (the native
    /// entry stores it; a native caller goes on with it).
    pub(super) fn epilogue(&mut self) {
        let a = &mut self.a;
        a.bind(self.stopped);
        a.mov_ri(RAX, JitResult::Stopped as i64);
        a.bind(self.exit);
        a.alu_ri(Alu::Add, RSP, 8);
        a.ret();
    }

    /// A call of the function whose id is `callee`: push its frame inline when every
    /// check passes (compiled, native depth, control-stack room, VM-stack room, budget),
    /// else through `jit_push_frame` (which may fall back or stop); run its code; pop
    /// its frame. See the contract in `vm::jit`.
    pub(super) fn call(&mut self, pc: usize, callee: Callee) {
        let slots = self.f.slot_count as i32;
        let a = &mut self.a;
        let slow = a.new_label();
        let join = a.new_label();
        // rax = the callee's call entry.
        a.load(RAX, ctx(JitContext::OFFSET_CALL_TABLE));
        match callee {
            Callee::Static(fid) => a.load(RAX, mem(RAX, fid as i32 * 8)),
            Callee::Dynamic(_) => {
                a.load(RAX, mem_index(RAX, CALLEE, 8, 0));
                // The callee's record in the VM's function table.
                a.mov_ri(CALLEE_INFO, self.env.funcs as i64);
                a.mov_rr(RSI, CALLEE);
                a.shift_ri(Shift::Shl, RSI, layout::FUNC_BYTES.trailing_zeros() as u8);
                a.alu_rr(Alu::Add, CALLEE_INFO, RSI);
            }
        }
        a.test_rr(RAX, RAX);
        a.jcc(Cond::E, slow);
        a.alu_rm(Alu::Cmp, RSP, ctx(JitContext::OFFSET_NATIVE_STACK_LIMIT));
        a.jcc(Cond::Be, slow);
        // rcx = the control stack, rdx = its length.
        a.load(RCX, ctx(JitContext::OFFSET_CONTROL));
        a.load(RDX, mem(RCX, layout::CONTROL_LEN));
        a.alu_rm(Alu::Cmp, RDX, mem(RCX, layout::CONTROL_CAP));
        a.jcc(Cond::Ae, slow);
        // r8 = the end of the callee's frame, against the end of the VM stack.
        match callee {
            Callee::Static(fid) => {
                let g = &self.program.funcs[fid as usize];
                a.lea(R8, mem(FP, (slots + g.frame_size() as i32) * 8));
            }
            Callee::Dynamic(_) => {
                a.load32(R8, mem(CALLEE_INFO, layout::FUNC_FRAME_SIZE));
                a.lea(R8, mem_index(FP, R8, 8, slots * 8));
            }
        }
        a.alu_rm(Alu::Cmp, R8, ctx(JitContext::OFFSET_STACK_END));
        a.jcc(Cond::A, slow);
        a.alu_ri(Alu::Cmp, BUDGET, 1);
        a.jcc(Cond::Le, slow);
        // rdx = the callee's record (above the caller's, the top one).
        a.shift_ri(Shift::Shl, RDX, layout::FRAME_BYTES.trailing_zeros() as u8);
        a.alu_rm(Alu::Add, RDX, mem(RCX, layout::CONTROL_PTR));
        let caller = -(layout::FRAME_BYTES as i32);
        a.store32_imm(mem(RDX, caller + layout::FRAME_PC), pc as i32 + 1);
        a.load32(R8, mem(RDX, caller + layout::FRAME_BASE));
        a.alu_ri(Alu::Add, R8, slots);
        a.store32(mem(RDX, layout::FRAME_BASE), R8);
        match callee {
            Callee::Static(fid) => {
                a.store_imm(mem(RDX, layout::FRAME_CLOSURE), 0);
                a.store32_imm(mem(RDX, layout::FRAME_FUNC), fid as i32);
            }
            Callee::Dynamic(clo) => {
                match clo {
                    Some(s) => {
                        a.load(R9, slot(s));
                        a.store(mem(RDX, layout::FRAME_CLOSURE), R9);
                    }
                    None => a.store_imm(mem(RDX, layout::FRAME_CLOSURE), 0),
                }
                a.store32(mem(RDX, layout::FRAME_FUNC), CALLEE);
            }
        }
        // pc and panic index, then the mode (and padding).
        a.store_imm(mem(RDX, layout::FRAME_PC), 0);
        a.store_imm(mem(RDX, layout::FRAME_PC + 8), 0);
        a.alu_mi(Alu::Add, mem(RCX, layout::CONTROL_LEN), 1);
        a.alu_ri(Alu::Sub, BUDGET, 1);
        // The callee's locals start zeroed (its slot map must see no stale references).
        match callee {
            Callee::Static(fid) => {
                let g = &self.program.funcs[fid as usize];
                let (from, to) = (g.param_count as i32, g.slot_count as i32);
                let refs = g.local_ref_slots();
                if refs.len() <= 8 {
                    for i in refs {
                        a.store_imm(mem(FP, (slots + i as i32) * 8), 0);
                    }
                } else {
                    a.mov_ri(R8, from as i64);
                    a.mov_ri(R9, to as i64);
                    Self::zero_loop(a, slots);
                }
            }
            Callee::Dynamic(_) => {
                a.load32(R8, mem(CALLEE_INFO, layout::FUNC_PARAM_COUNT));
                a.load32(R9, mem(CALLEE_INFO, layout::FUNC_SLOT_COUNT));
                Self::zero_loop(a, slots);
            }
        }
        // Through the call entry: the frame register moves to the callee's frame and
        // back; the budget stays in its register.
        a.alu_ri(Alu::Add, FP, slots * 8);
        a.call_r(RAX);
        a.alu_ri(Alu::Sub, FP, slots * 8);
        a.bind(join);
        a.test32_rr(RAX, RAX);
        a.jcc(Cond::Ne, self.exit);
        // Pop the callee's record (as `jit_pop_frame` does).
        a.load(RCX, ctx(JitContext::OFFSET_CONTROL));
        a.alu_mi(Alu::Sub, mem(RCX, layout::CONTROL_LEN), 1);
        self.stub(Stub::Push { at: slow, pc: pc as u32, callee, join });
    }

    /// Zero callee slots `r8 .. r9` (the callee's frame starts at slot `slots`).
    fn zero_loop(a: &mut Asm, slots: i32) {
        let head = a.new_label();
        let done = a.new_label();
        a.bind(head);
        a.alu_rr(Alu::Cmp, R8, R9);
        a.jcc(Cond::Ae, done);
        a.store_imm(mem_index(FP, R8, 8, slots * 8), 0);
        a.alu_ri(Alu::Add, R8, 1);
        a.jmp(head);
        a.bind(done);
    }
}
