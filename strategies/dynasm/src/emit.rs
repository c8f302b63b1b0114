//! One bytecode function to x86-64 with dynasm-rs, block by block, with a register
//! cache inside each block ([`RegCache`]).
//!
//! Registers: `rbx` = the frame, `r12` = the [`JitContext`], `r13` = the preemption
//! budget (see "Preemption" in `vm::jit`), `r14`/`r15` = the callee's id and
//! function-table record during a call. The native entry (System V) saves all five and
//! calls the body; the call entry (template's convention, "The call convention" in
//! `vm::jit`) finds them loaded. The body runs with `rsp` 16-byte aligned and the
//! `entry` argument in the slot at `[rsp]`. `rax`, `rcx`, `rdx`, `xmm0`, `xmm1` are an
//! instruction's scratch; `rsi`, `rdi`, `r8`–`r11` and `xmm2`–`xmm7` hold cached
//! slots (emptied at every call: a callee clobbers them).
//!
//! **Blocks.** At a leader the cache is empty. Within the block an instruction reads its
//! operands from the cache (loading a slot on first use) and defines its result in a
//! register, marked dirty: the frame store is deferred. Dirty slots are written back
//! before every helper call, before every jump out of the block and before the
//! fall-through into the next block, and on every path that leaves native code, so the
//! frame is current whenever anything but this block's code can look at it. After a
//! helper call the cache is empty (caller-saved registers; and a collection may have
//! moved objects, so references are reloaded from the frame, the root set).
//!
//! **No instrumentation.** Timed code counts nothing: only in counting mode
//! (`CompileEnv::count_native`) does each block add its length to its function's
//! executed-instruction counter.
//!
//! **As a first tier** (`CompileEnv::tier_counters` set; see `vm::jit::tiered`): as
//! template's, the entry at pc 0 and every back edge count down the function's
//! second-tier counters (`jit_tier_up` out of line at zero; at a back edge the new code
//! is entered at the loop header, the cache being written back there already); below a
//! second tier with stack maps (`CompileEnv::anchor_frames`) SP and FP are stored
//! before every helper call. Without them the code is exactly the standalone
//! strategy's.
//!
//! **Block linking.** Blocks jump straight to each other's code (dynamic labels), and a
//! call of compiled code jumps into it directly: nothing returns to a dispatcher.
//!
//! **Slow paths** (a failed nil or bounds check, the preemption tick, the write
//! barrier's remembered-set call, a call's `jit_push_frame`) are stubs after the body.
//! A stub writes back what was dirty where it branched off, runs the helper, and reloads
//! from the frame every register the main path has live where it rejoins.

// dynasm!'s expansion converts dynamic register numbers with `.into()`, also when they
// already are `u8`.
#![allow(clippy::useless_conversion)]

use dynasmrt::x64::Assembler;
use dynasmrt::{dynasm, AssemblyOffset, DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::regcache::{Action, Loc, RegCache};
use vm::bytecode::{Function, Instr, Op, Program};
use vm::heap::layout as heap_layout;
use vm::jit::alloc::inline_alloc;
use vm::jit::blocks::{branch_target, width, Blocks};
use vm::jit::code_map::{CodeKind, PcMap, PcMapBuilder};
use vm::jit::site_caches::{is_interface, SiteCaches};
use vm::jit::tiered::TierCounters;
use vm::jit::{helpers, layout, CompileEnv, JitContext, JitResult, ENTRY_PC_MASK, ENTRY_RET_VIA_VM};
// The condition codes, shared with template (`vm::jit::x86`).
use vm::jit::x86::{regs, Cond as Cc};

mod calls;
mod objects;
pub(crate) use calls::call_adapter;

// The call convention's registers (`vm::jit::x86::regs`), which the assembly below
// names as `rbx` (the frame), `r12` (the context) and `r13` (the budget).
const _: () = assert!(regs::FRAME == 3 && regs::CTX == 12 && regs::BUDGET == 13);

/// How a call finds its callee.
#[derive(Clone, Copy)]
enum Callee {
    /// `Call`: known now.
    Static(u32),
    /// The id is in r14; the closure is in this slot (`CallClosure`) or none.
    Dynamic(Option<u16>),
}

/// An out-of-line path, emitted after the body.
enum Stub {
    /// `jit_op` for instruction `pc`: write back `dirty` first; rejoin at `cont`
    /// reloading `live` (filled in when the instruction is done).
    /// With `learn`, a type test that missed its cache site (the dynamic type in rcx):
    /// afterwards the site learns the type and the result (the slot holding it, or
    /// none for `Assert`, which only continues on success).
    Slow {
        at: DynamicLabel,
        pc: u32,
        dirty: Vec<(u16, Loc)>,
        cont: DynamicLabel,
        live: Vec<(u16, Loc)>,
        learn: Option<(usize, Option<u16>)>,
    },
    /// A `CallIface` whose receiver type missed the site: `jit_iface_target`, then the
    /// site learns the type (from slot `iface`) and the method (the cache is flushed).
    IfaceMiss { at: DynamicLabel, pc: u32, found: DynamicLabel },
    /// The preemption budget ran out at a back edge to `target` (the cache is flushed).
    Tick { at: DynamicLabel, target: usize },
    /// The write barrier's slow path for old object `obj` (a scratch register).
    Remember { at: DynamicLabel, obj: u8, cont: DynamicLabel, live: Vec<(u16, Loc)> },
    /// `jit_fallback` at `pc` (the cache is flushed).
    Fallback { at: DynamicLabel, pc: u32 },
    /// `jit_push_frame` for a call at `pc` (the cache is flushed).
    Push { at: DynamicLabel, pc: u32, callee: Callee, join: DynamicLabel },
    /// `tiered`: this function's call countdown reached zero on entry (the cache is
    /// empty).
    TierUpCall { at: DynamicLabel, cont: DynamicLabel },
    /// `tiered`: its back-edge countdown reached zero at a back edge to `target` (the
    /// cache is written back): enter the second tier's code there if there is some,
    /// else continue at `cont`.
    TierUpLoop { at: DynamicLabel, target: usize, cont: DynamicLabel },
}

pub(crate) struct Emitter<'a> {
    ops: Assembler,
    program: &'a Program,
    func: u32,
    f: &'a Function,
    env: &'a CompileEnv,
    labels: Vec<Option<DynamicLabel>>,
    exit: DynamicLabel,
    stopped: DynamicLabel,
    /// Out-of-line paths to emit after the body, each with the pc it serves.
    stubs: Vec<(Option<u32>, Stub)>,
    /// The instruction being emitted (none in the entry code).
    pc: Option<u32>,
    /// The pc map under construction (`vm::jit::code_map`).
    pc_map: PcMapBuilder,
    cache: RegCache,
    /// This function's inline cache sites.
    sites: SiteCaches,
    /// The end of the current instruction, made on demand (slow paths rejoin there).
    cont: Option<DynamicLabel>,
    has_defers: bool,
}

/// One function's machine code: the native entry at the buffer's start (offset 0, where
/// the pc map's offsets start too), the call entry at `call_entry`, the code up to `end`
/// (then the guard, see [`finish`]).
pub(crate) struct Code {
    pub buf: dynasmrt::ExecutableBuffer,
    pub end: AssemblyOffset,
    pub call_entry: AssemblyOffset,
    pub sites: SiteCaches,
    pub pc_map: PcMap,
}

/// Compile `f`: the finished code (owned by the caller) and its entries.
pub(crate) fn compile(program: &Program, func: u32, env: &CompileEnv) -> Result<Code, String> {
    let f = &program.funcs[func as usize];
    let mut ops = Assembler::new().map_err(|e| format!("dynasm: {e}"))?;
    let exit = ops.new_dynamic_label();
    let stopped = ops.new_dynamic_label();
    debug_assert_eq!(ops.offset().0, 0, "the code starts at the buffer's start");
    let mut e = Emitter {
        ops,
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
        cache: RegCache::new(),
        sites: SiteCaches::for_function(program, f),
        cont: None,
        has_defers: f.code.iter().any(|i| matches!(i.op, Op::DeferCall | Op::DeferClosure)),
    };
    let call_entry = e.function()?;
    let (ops, sites) = (e.ops, e.sites);
    let (buf, end) = finish(ops)?;
    let pc_map = e.pc_map.finish(end.0);
    Ok(Code { buf, end, call_entry, sites, pc_map })
}

/// Close a function's assembly: `vm::jit::CODE_GUARD_BYTES` of `int3` after the code
/// (dynasmrt maps a buffer's pages exactly, so code could end at a page edge, where
/// Valgrind dies reading past it), then the executable buffer and where the code ended.
fn finish(mut ops: Assembler) -> Result<(dynasmrt::ExecutableBuffer, AssemblyOffset), String> {
    let end = ops.offset();
    for _ in 0..vm::jit::CODE_GUARD_BYTES {
        ops.push(0xcc);
    }
    ops.commit().map_err(|e| format!("dynasm: {e}"))?;
    let buf = ops.finalize().map_err(|_| "dynasm: the code is still in use".to_string())?;
    Ok((buf, end))
}

impl Emitter<'_> {
    /// The whole function; returns where its call entry is.
    fn function(&mut self) -> Result<AssemblyOffset, String> {
        let code = &self.f.code;
        let n = code.len();
        let blocks = Blocks::of(code)?;
        self.labels = (0..n).map(|i| blocks.leader[i].then(|| self.ops.new_dynamic_label())).collect();
        let (dispatch, body) = (self.ops.new_dynamic_label(), self.ops.new_dynamic_label());
        self.mark(CodeKind::Entry);
        let call_entry = self.prologue(dispatch, body);
        let mut pc = 0;
        let mut open = true;
        while pc < n {
            let ins = code[pc];
            let leader = self.labels[pc];
            if let Some(l) = leader {
                if open {
                    // Fall-through into the next block: the cache's write-back.
                    self.mark(CodeKind::Glue);
                    self.flush();
                }
                self.cache.clear();
                dynasm!(self.ops ; .arch x64 ; =>l);
                open = true;
            }
            self.pc = Some(pc as u32);
            self.mark(CodeKind::Instr);
            if leader.is_some() && self.env.count_native {
                // Counting mode: the block's instructions ran natively.
                let len = blocks.len_at(code, pc) as i32;
                let counter = self.env.native_counter as i64;
                dynasm!(self.ops ; .arch x64 ; mov rax, QWORD counter ; add QWORD [rax], len);
            }
            if open {
                open = self.instruction(pc, ins)?;
            }
            pc += width(ins);
        }
        self.pc = None;
        self.mark(CodeKind::Glue);
        if open {
            // Falling off the end cannot happen in verified code.
            self.flush();
            dynasm!(self.ops ; .arch x64 ; mov eax, JitResult::FallBack as i32 ; jmp =>self.exit);
        }
        self.stubs();
        self.mark(CodeKind::Glue);
        self.epilogue();
        self.mark(CodeKind::Entry);
        self.dispatch(dispatch, body, &blocks.entries);
        Ok(call_entry)
    }

    /// The code from here on is of `kind`, serving the current pc (`self.pc`).
    fn mark(&mut self, kind: CodeKind) {
        let pc = if matches!(kind, CodeKind::Instr | CodeKind::SlowPath) { self.pc } else { None };
        self.pc_map.mark(self.ops.offset().0, kind, pc);
    }

    /// An out-of-line path for after the body, serving the current instruction.
    fn stub(&mut self, stub: Stub) {
        self.stubs.push((self.pc, stub));
    }

    /// Compiling the first tier of a tiered pair (see `vm::jit::tiered`).
    fn tiering(&self) -> bool {
        !self.env.tier_counters.is_null()
    }

    /// Count down this function's tier countdown at `offset`: at zero, go to a
    /// [`Stub::TierUpCall`] or [`Stub::TierUpLoop`] (made by `stub` from the label it
    /// leaves at and the label it comes back to). Clobbers `rax`; nothing may be
    /// pending in the flags.
    fn countdown(&mut self, offset: i32, stub: impl FnOnce(DynamicLabel, DynamicLabel) -> Stub) {
        let (at, cont) = (self.ops.new_dynamic_label(), self.ops.new_dynamic_label());
        let counters = self.env.tier_counters as i64;
        dynasm!(self.ops
            ; .arch x64
            ; mov rax, QWORD counters
            ; sub QWORD [rax + offset], 1
            ; jle =>at
            ; =>cont
        );
        self.stub(stub(at, cont));
    }

    /// `rax` = `jit_tier_up(ctx, func, at_loop)`: the second tier's entry or null.
    fn tier_up(&mut self, at_loop: bool) {
        dynasm!(self.ops ; .arch x64 ; mov rdi, r12 ; mov esi, self.func as i32 ; mov edx, at_loop as i32);
        self.call_helper(helpers::jit_tier_up as *const () as usize);
    }

    // ------------------------------------------------------------ the cache

    fn emit_actions(&mut self, actions: Vec<Action>) {
        for a in actions {
            match a {
                Action::WriteBack(s, l) => self.store_loc(s, l),
                Action::Load(s, l) => self.load_loc(s, l),
                Action::Transfer { from: Loc::Int(r), to: Loc::Float(x) } => {
                    dynasm!(self.ops ; .arch x64 ; movq Rx(x), Rq(r))
                }
                Action::Transfer { from: Loc::Float(x), to: Loc::Int(r) } => {
                    dynasm!(self.ops ; .arch x64 ; movq Rq(r), Rx(x))
                }
                Action::Transfer { .. } => unreachable!("transfers cross register files"),
            }
        }
    }

    fn store_loc(&mut self, s: u16, l: Loc) {
        match l {
            Loc::Int(r) => dynasm!(self.ops ; .arch x64 ; mov QWORD [rbx + (s) as i32 * 8], Rq(r)),
            Loc::Float(x) => dynasm!(self.ops ; .arch x64 ; movsd QWORD [rbx + (s) as i32 * 8], Rx(x)),
        }
    }

    fn load_loc(&mut self, s: u16, l: Loc) {
        match l {
            Loc::Int(r) => dynasm!(self.ops ; .arch x64 ; mov Rq(r), QWORD [rbx + (s) as i32 * 8]),
            Loc::Float(x) => dynasm!(self.ops ; .arch x64 ; movsd Rx(x), QWORD [rbx + (s) as i32 * 8]),
        }
    }

    /// Slot `s` as an int register (loaded on first use).
    fn int(&mut self, s: u16) -> u8 {
        let mut acts = Vec::new();
        let r = self.cache.read(s, false, &mut acts);
        self.emit_actions(acts);
        r
    }

    /// Slot `s` as an SSE register.
    fn flt(&mut self, s: u16) -> u8 {
        let mut acts = Vec::new();
        let x = self.cache.read(s, true, &mut acts);
        self.emit_actions(acts);
        x
    }

    /// The register that will hold slot `s`'s new int value (dirty).
    fn def_int(&mut self, s: u16) -> u8 {
        let mut acts = Vec::new();
        let r = self.cache.define(s, false, &mut acts);
        self.emit_actions(acts);
        r
    }

    fn def_flt(&mut self, s: u16) -> u8 {
        let mut acts = Vec::new();
        let x = self.cache.define(s, true, &mut acts);
        self.emit_actions(acts);
        x
    }

    /// Slot `a` = rax.
    fn set_from_rax(&mut self, a: u16) {
        let r = self.def_int(a);
        dynasm!(self.ops ; .arch x64 ; mov Rq(r), rax);
    }

    /// Slot `a` = xmm0.
    fn set_from_xmm0(&mut self, a: u16) {
        let x = self.def_flt(a);
        dynasm!(self.ops ; .arch x64 ; movapd Rx(x), xmm0);
    }

    /// Write every dirty slot back (the registers keep their values).
    fn flush(&mut self) {
        for (s, l) in self.cache.dirty() {
            self.store_loc(s, l);
        }
        self.cache.mark_clean();
    }

    /// Write back and forget everything: a helper call follows.
    fn spill_all(&mut self) {
        self.flush();
        self.cache.clear();
    }

    // ------------------------------------------------------------ helpers and stubs

    /// Call helper `addr` (arguments in place), the budget handed over: in the context
    /// while the helper runs (it may read or reset it, or run other native code),
    /// re-read after it. Below a second tier with stack maps
    /// (`CompileEnv::anchor_frames`), SP and FP are stored first: a collection in the
    /// helper walks the native frames from there (see `vm::jit::tiered`).
    fn call_helper(&mut self, addr: usize) {
        if self.env.anchor_frames {
            dynasm!(self.ops
                ; .arch x64
                ; mov QWORD [r12 + JitContext::OFFSET_NATIVE_SP], rsp
                ; mov QWORD [r12 + JitContext::OFFSET_NATIVE_FP], rbp
            );
        }
        dynasm!(self.ops
            ; .arch x64
            ; mov rax, QWORD addr as i64
            ; mov QWORD [r12 + JitContext::OFFSET_BUDGET], r13
            ; call rax
            ; mov r13, QWORD [r12 + JitContext::OFFSET_BUDGET]
        );
    }

    fn cont(&mut self) -> DynamicLabel {
        match self.cont {
            Some(l) => l,
            None => {
                let l = self.ops.new_dynamic_label();
                self.cont = Some(l);
                l
            }
        }
    }

    /// A slow path for instruction `pc` branching off here.
    fn slow_stub(&mut self, pc: usize) -> DynamicLabel {
        let at = self.ops.new_dynamic_label();
        let cont = self.cont();
        self.stub(Stub::Slow { at, pc: pc as u32, dirty: self.cache.dirty(), cont, live: Vec::new(), learn: None });
        at
    }

    /// The out-of-line path of instruction `pc` (the cache written back): its direct
    /// helper when it has one (`helpers::direct_call`: the instruction as immediates),
    /// else `jit_op`.
    fn helper_op(&mut self, pc: usize) {
        dynasm!(self.ops ; .arch x64 ; mov rdi, r12 ; mov rsi, rbx);
        match helpers::direct_call(self.f, pc) {
            Some(d) => {
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rdx, QWORD d.operands as i64
                    ; mov rcx, QWORD d.ext as i64
                    ; mov r8, QWORD d.pc_slots as i64
                );
                self.call_helper(d.helper);
            }
            None => {
                dynasm!(self.ops ; .arch x64 ; mov edx, pc as i32);
                self.call_helper(helpers::jit_op as *const () as usize);
            }
        }
    }

    /// `jit_op` inline (the cache is written back and emptied first).
    fn op_inline(&mut self, pc: usize) {
        self.spill_all();
        self.helper_op(pc);
        dynasm!(self.ops ; .arch x64 ; test eax, eax ; jnz =>self.exit);
    }

    fn fallback(&mut self, pc: u32) {
        dynasm!(self.ops ; .arch x64 ; mov rdi, r12 ; mov esi, pc as i32);
        self.call_helper(helpers::jit_fallback as *const () as usize);
        dynasm!(self.ops ; .arch x64 ; jmp =>self.exit);
    }

    fn reload(&mut self, live: &[(u16, Loc)]) {
        for &(s, l) in live {
            self.load_loc(s, l);
        }
    }

    fn stubs(&mut self) {
        for (pc, stub) in std::mem::take(&mut self.stubs) {
            self.pc = pc;
            self.mark(if pc.is_some() { CodeKind::SlowPath } else { CodeKind::Entry });
            match stub {
                Stub::Slow { at, pc, dirty, cont, live, learn } => {
                    dynasm!(self.ops ; .arch x64 ; =>at);
                    for (s, l) in dirty {
                        self.store_loc(s, l);
                    }
                    if learn.is_some() {
                        // The dynamic type, across the helper.
                        dynasm!(self.ops ; .arch x64 ; mov r15, rcx);
                    }
                    self.helper_op(pc as usize);
                    dynasm!(self.ops ; .arch x64 ; test eax, eax ; jnz =>self.exit);
                    if let Some((site, result)) = learn {
                        match result {
                            Some(s) => dynasm!(self.ops ; .arch x64 ; mov rcx, QWORD [rbx + (s) as i32 * 8]),
                            None => dynasm!(self.ops ; .arch x64 ; mov ecx, 1),
                        }
                        self.learn(site);
                    }
                    self.reload(&live);
                    dynasm!(self.ops ; .arch x64 ; jmp =>cont);
                }
                Stub::IfaceMiss { at, pc, found } => {
                    dynasm!(self.ops ; .arch x64 ; =>at ; mov rdi, r12 ; mov rsi, rbx ; mov edx, pc as i32);
                    self.call_helper(helpers::jit_iface_target as *const () as usize);
                    // Not nil (the helper found the method and wrote the payload).
                    dynasm!(self.ops
                        ; .arch x64
                        ; cmp rax, -1
                        ; je =>self.stopped
                        ; mov r14, rax
                        ; jmp =>found
                    );
                }
                Stub::Tick { at, target } => {
                    let t = self.labels[target].expect("targets are leaders");
                    dynasm!(self.ops ; .arch x64 ; =>at ; mov rdi, r12 ; mov esi, target as i32);
                    self.call_helper(helpers::jit_tick as *const () as usize);
                    dynasm!(self.ops ; .arch x64 ; test eax, eax ; jnz =>self.exit ; jmp =>t);
                }
                Stub::Remember { at, obj, cont, live } => {
                    // jit_remember never collects, but it clobbers the caller-saved
                    // registers: the live cached slots are saved around it.
                    dynasm!(self.ops ; .arch x64 ; =>at);
                    for &(s, l) in &live {
                        self.store_loc(s, l);
                    }
                    dynasm!(self.ops ; .arch x64 ; mov rsi, Rq(obj) ; mov rdi, r12);
                    self.call_helper(helpers::jit_remember as *const () as usize);
                    self.reload(&live);
                    dynasm!(self.ops ; .arch x64 ; jmp =>cont);
                }
                Stub::Fallback { at, pc } => {
                    dynasm!(self.ops ; .arch x64 ; =>at);
                    self.fallback(pc);
                }
                Stub::Push { at, pc, callee, join } => {
                    dynasm!(self.ops ; .arch x64 ; =>at ; mov rdi, r12);
                    match callee {
                        Callee::Static(fid) => dynasm!(self.ops ; .arch x64 ; mov esi, fid as i32 ; xor edx, edx),
                        Callee::Dynamic(Some(s)) => {
                            dynasm!(self.ops ; .arch x64 ; mov rsi, r14 ; mov rdx, QWORD [rbx + (s) as i32 * 8])
                        }
                        Callee::Dynamic(None) => dynasm!(self.ops ; .arch x64 ; mov rsi, r14 ; xor edx, edx),
                    }
                    dynasm!(self.ops ; .arch x64 ; mov ecx, pc as i32);
                    self.call_helper(helpers::jit_push_frame as *const () as usize);
                    // The frame is pushed: run the callee's native entry, then rejoin.
                    let slots = self.f.slot_count as i32;
                    dynasm!(self.ops
                        ; .arch x64
                        ; test rax, rax
                        ; jz =>self.stopped
                        ; mov rdi, r12
                        ; lea rsi, [rbx + slots * 8]
                        ; xor edx, edx
                        ; mov QWORD [r12 + JitContext::OFFSET_BUDGET], r13
                        ; call rax
                        ; mov r13, QWORD [r12 + JitContext::OFFSET_BUDGET]
                        ; jmp =>join
                    );
                }
                Stub::TierUpCall { at, cont } => {
                    dynasm!(self.ops ; .arch x64 ; =>at);
                    self.tier_up(false);
                    dynasm!(self.ops ; .arch x64 ; jmp =>cont);
                }
                Stub::TierUpLoop { at, target, cont } => {
                    dynasm!(self.ops ; .arch x64 ; =>at);
                    self.tier_up(true);
                    // OSR: the second tier's code runs this frame from the loop header
                    // (with this entry's `Ret` flag); its result is ours.
                    dynasm!(self.ops
                        ; .arch x64
                        ; test rax, rax
                        ; jz =>cont
                        ; mov rdi, r12
                        ; mov rsi, rbx
                        ; mov edx, DWORD [rsp]
                        ; and edx, ENTRY_RET_VIA_VM as i32
                        ; or edx, target as i32
                        ; mov QWORD [r12 + JitContext::OFFSET_BUDGET], r13
                        ; call rax
                        ; mov r13, QWORD [r12 + JitContext::OFFSET_BUDGET]
                        ; jmp =>self.exit
                    );
                }
            }
        }
    }

    // ------------------------------------------------------------ control flow

    fn label_at(&self, pc: usize) -> DynamicLabel {
        self.labels[pc].expect("branch targets are leaders")
    }

    fn jcc(&mut self, cc: Cc, l: DynamicLabel) {
        match cc {
            Cc::E => dynasm!(self.ops ; .arch x64 ; je =>l),
            Cc::Ne => dynasm!(self.ops ; .arch x64 ; jne =>l),
            Cc::L => dynasm!(self.ops ; .arch x64 ; jl =>l),
            Cc::Le => dynasm!(self.ops ; .arch x64 ; jle =>l),
            Cc::G => dynasm!(self.ops ; .arch x64 ; jg =>l),
            Cc::Ge => dynasm!(self.ops ; .arch x64 ; jge =>l),
            Cc::B => dynasm!(self.ops ; .arch x64 ; jb =>l),
            Cc::Be => dynasm!(self.ops ; .arch x64 ; jbe =>l),
            Cc::A => dynasm!(self.ops ; .arch x64 ; ja =>l),
            Cc::Ae => dynasm!(self.ops ; .arch x64 ; jae =>l),
            Cc::P => dynasm!(self.ops ; .arch x64 ; jp =>l),
            Cc::Np => dynasm!(self.ops ; .arch x64 ; jnp =>l),
            Cc::O => dynasm!(self.ops ; .arch x64 ; jo =>l),
            Cc::No => dynasm!(self.ops ; .arch x64 ; jno =>l),
            Cc::S => dynasm!(self.ops ; .arch x64 ; js =>l),
            Cc::Ns => dynasm!(self.ops ; .arch x64 ; jns =>l),
        }
    }

    /// `al = cc`, zero-extended into rax.
    fn set_bool(&mut self, cc: Cc) {
        match cc {
            Cc::E => dynasm!(self.ops ; .arch x64 ; sete al),
            Cc::Ne => dynasm!(self.ops ; .arch x64 ; setne al),
            Cc::L => dynasm!(self.ops ; .arch x64 ; setl al),
            Cc::Le => dynasm!(self.ops ; .arch x64 ; setle al),
            Cc::A => dynasm!(self.ops ; .arch x64 ; seta al),
            Cc::Ae => dynasm!(self.ops ; .arch x64 ; setae al),
            Cc::B => dynasm!(self.ops ; .arch x64 ; setb al),
            Cc::Be => dynasm!(self.ops ; .arch x64 ; setbe al),
            _ => unreachable!("no such comparison"),
        }
        dynasm!(self.ops ; .arch x64 ; movzx eax, al);
    }

    /// Jump to `target` (the cache is flushed); backward jumps charge the budget first
    /// (and for a first tier, the back-edge countdown).
    fn goto(&mut self, pc: usize, target: usize) {
        let t = self.label_at(target);
        if target > pc {
            dynasm!(self.ops ; .arch x64 ; jmp =>t);
            return;
        }
        if self.tiering() {
            self.countdown(TierCounters::OFFSET_LOOPS, |at, cont| Stub::TierUpLoop { at, target, cont });
        }
        let tick = self.ops.new_dynamic_label();
        self.stub(Stub::Tick { at: tick, target });
        dynasm!(self.ops
            ; .arch x64
            ; sub r13, 1
            ; jle =>tick
            ; jmp =>t
        );
    }

    /// Branch to `target` on `cc` (flags already set, cache already flushed), else fall
    /// through.
    fn branch(&mut self, pc: usize, cc: Cc, target: usize) {
        if target > pc {
            let t = self.label_at(target);
            self.jcc(cc, t);
        } else {
            let skip = self.ops.new_dynamic_label();
            self.jcc(cc.inverse(), skip);
            self.goto(pc, target);
            dynasm!(self.ops ; .arch x64 ; =>skip);
        }
    }

    /// `eax` = byte `[i]` of string `[s]`, for instruction `pc`: a nil string or an
    /// index at or past the end goes to the instruction's slow path (returned).
    fn string_byte(&mut self, pc: usize, s: u16, i: u16) -> DynamicLabel {
        let (s, i) = (self.int(s), self.int(i));
        let slow = self.slow_stub(pc);
        dynasm!(self.ops
            ; .arch x64
            ; test Rq(s), Rq(s)
            ; jz =>slow
            ; mov rax, QWORD [Rq(s)]
            ; shr rax, heap_layout::LEN_SHIFT as i8
            ; cmp Rq(i), rax
            ; jae =>slow
            ; movzx eax, BYTE [Rq(s) + Rq(i) + heap_layout::STR_BYTES as i32]
        );
        slow
    }

    // ------------------------------------------------------------ instructions

    /// Emit one instruction; false when it ends the block.
    fn instruction(&mut self, pc: usize, ins: Instr) -> Result<bool, String> {
        self.cont = None;
        let first_stub = self.stubs.len();
        let open = self.template(pc, ins)?;
        self.cache.unpin();
        if let Some(l) = self.cont.take() {
            dynasm!(self.ops ; .arch x64 ; =>l);
        }
        // Slow paths that rejoin reload what the main path holds in registers here.
        let live: Vec<(u16, Loc)> = self.cache.entries().into_iter().map(|e| (e.0, e.1)).collect();
        for s in &mut self.stubs[first_stub..] {
            if let (_, Stub::Slow { live: l, .. }) = s {
                *l = live.clone();
            }
        }
        Ok(open)
    }

    fn template(&mut self, pc: usize, ins: Instr) -> Result<bool, String> {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        match ins.op {
            Op::Nop | Op::Ext => {}
            Op::Move => {
                let x = self.int(b);
                let d = self.def_int(a);
                if d != x {
                    dynasm!(self.ops ; .arch x64 ; mov Rq(d), Rq(x));
                }
            }
            Op::LoadInt | Op::LoadConst | Op::LoadNil => {
                let v = match ins.op {
                    Op::LoadInt => ins.bc_i32() as i64,
                    // SAFETY: `consts` is the program's constant table; `b` is verified.
                    Op::LoadConst => unsafe { *self.env.consts.add(b as usize) as i64 },
                    _ => 0,
                };
                let d = self.def_int(a);
                dynasm!(self.ops ; .arch x64 ; mov Rq(d), QWORD v);
            }
            Op::LoadStr | Op::GetGlobal => {
                // String constants are roots the collector updates: loaded at each use.
                let table =
                    if ins.op == Op::LoadStr { self.env.string_consts as usize } else { self.env.globals as usize };
                let d = self.def_int(a);
                dynasm!(self.ops ; .arch x64 ; mov rax, QWORD (table + b as usize * 8) as i64 ; mov Rq(d), QWORD [rax]);
            }
            Op::SetGlobal => {
                let x = self.int(b);
                let addr = self.env.globals as usize + a as usize * 8;
                dynasm!(self.ops ; .arch x64 ; mov rax, QWORD addr as i64 ; mov QWORD [rax], Rq(x));
            }
            Op::AddI | Op::SubI | Op::MulI | Op::AndI | Op::OrI | Op::XorI | Op::AndNotI => {
                let (x, y) = (self.int(b), self.int(c));
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x));
                match ins.op {
                    Op::AddI => dynasm!(self.ops ; .arch x64 ; add rax, Rq(y)),
                    Op::SubI => dynasm!(self.ops ; .arch x64 ; sub rax, Rq(y)),
                    Op::MulI => dynasm!(self.ops ; .arch x64 ; imul rax, Rq(y)),
                    Op::AndI => dynasm!(self.ops ; .arch x64 ; and rax, Rq(y)),
                    Op::OrI => dynasm!(self.ops ; .arch x64 ; or rax, Rq(y)),
                    Op::XorI => dynasm!(self.ops ; .arch x64 ; xor rax, Rq(y)),
                    _ => dynasm!(self.ops ; .arch x64 ; mov rcx, Rq(y) ; not rcx ; and rax, rcx),
                }
                self.set_from_rax(a);
            }
            Op::DivI | Op::RemI => {
                // 0 (Go's panic) and -1 (MinInt / -1 wraps in Go, traps in hardware): the
                // helper.
                let (x, y) = (self.int(b), self.int(c));
                let slow = self.slow_stub(pc);
                dynasm!(self.ops
                    ; .arch x64
                    ; lea rcx, [Rq(y) + 1]
                    ; cmp rcx, 1
                    ; jbe =>slow
                    ; mov rcx, Rq(y)
                    ; mov rax, Rq(x)
                    ; cqo
                    ; idiv rcx
                );
                if ins.op == Op::RemI {
                    dynasm!(self.ops ; .arch x64 ; mov rax, rdx);
                }
                self.set_from_rax(a);
            }
            Op::DivU | Op::RemU => {
                // 0 (Go's panic): the helper. Unsigned division cannot trap otherwise.
                let (x, y) = (self.int(b), self.int(c));
                let slow = self.slow_stub(pc);
                dynasm!(self.ops
                    ; .arch x64
                    ; test Rq(y), Rq(y)
                    ; jz =>slow
                    ; mov rcx, Rq(y)
                    ; mov rax, Rq(x)
                    ; xor edx, edx
                    ; div rcx
                );
                if ins.op == Op::RemU {
                    dynasm!(self.ops ; .arch x64 ; mov rax, rdx);
                }
                self.set_from_rax(a);
            }
            Op::ShrU => {
                // A negative count (as a signed value) panics: the helper. Counts above
                // 63 give 0.
                let (x, y) = (self.int(b), self.int(c));
                let slow = self.slow_stub(pc);
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rcx, Rq(y)
                    ; test rcx, rcx
                    ; js =>slow
                    ; mov rax, Rq(x)
                    ; shr rax, cl
                    ; xor edx, edx
                    ; cmp rcx, 63
                    ; cmova rax, rdx
                );
                self.set_from_rax(a);
            }
            Op::ShrUK => {
                let x = self.int(b);
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x) ; shr rax, (c & 63) as i8);
                self.set_from_rax(a);
            }
            Op::CountU => {
                // min([b], 64), unsigned.
                let x = self.int(b);
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x) ; mov edx, 64 ; cmp rax, rdx ; cmova rax, rdx);
                self.set_from_rax(a);
            }
            Op::ShlI | Op::ShrI => {
                let (x, y) = (self.int(b), self.int(c));
                let slow = self.slow_stub(pc);
                dynasm!(self.ops ; .arch x64 ; mov rcx, Rq(y) ; test rcx, rcx ; js =>slow ; mov rax, Rq(x));
                if ins.op == Op::ShlI {
                    // Counts above 63 give 0.
                    dynasm!(self.ops ; .arch x64 ; shl rax, cl ; xor edx, edx ; cmp rcx, 63 ; cmova rax, rdx);
                } else {
                    // Counts above 63 shift by 63.
                    dynasm!(self.ops ; .arch x64 ; mov edx, 63 ; cmp rcx, 63 ; cmova rcx, rdx ; sar rax, cl);
                }
                self.set_from_rax(a);
            }
            Op::AddIK | Op::AndIK | Op::MulIK | Op::ShlIK | Op::ShrIK => {
                let x = self.int(b);
                let k = ins.c_i16() as i32;
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x));
                match ins.op {
                    Op::AddIK => dynasm!(self.ops ; .arch x64 ; add rax, k),
                    Op::AndIK => dynasm!(self.ops ; .arch x64 ; and rax, k),
                    Op::MulIK => dynasm!(self.ops ; .arch x64 ; imul rax, rax, k),
                    Op::ShlIK => dynasm!(self.ops ; .arch x64 ; shl rax, (c & 63) as i8),
                    _ => dynasm!(self.ops ; .arch x64 ; sar rax, (c & 63) as i8),
                }
                self.set_from_rax(a);
            }
            Op::DivIK | Op::RemIK => {
                let x = self.int(b);
                let k = ins.c_i16() as i32;
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x));
                match (ins.op, k) {
                    (Op::DivIK, -1) => dynasm!(self.ops ; .arch x64 ; neg rax),
                    (Op::RemIK, -1) => dynasm!(self.ops ; .arch x64 ; xor eax, eax),
                    _ => {
                        dynasm!(self.ops ; .arch x64 ; mov rcx, k ; cqo ; idiv rcx);
                        if ins.op == Op::RemIK {
                            dynasm!(self.ops ; .arch x64 ; mov rax, rdx);
                        }
                    }
                }
                self.set_from_rax(a);
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
                let x = self.int(b);
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x));
                match ins.op {
                    Op::NegI => dynasm!(self.ops ; .arch x64 ; neg rax),
                    Op::NotI => dynasm!(self.ops ; .arch x64 ; not rax),
                    Op::WrapU8 => dynasm!(self.ops ; .arch x64 ; movzx eax, al),
                    Op::WrapI32 => dynasm!(self.ops ; .arch x64 ; movsxd rax, eax),
                    Op::WrapI8 => dynasm!(self.ops ; .arch x64 ; movsx rax, al),
                    Op::WrapI16 => dynasm!(self.ops ; .arch x64 ; movsx rax, ax),
                    Op::WrapU16 => dynasm!(self.ops ; .arch x64 ; movzx eax, ax),
                    // A 32-bit move zero-extends.
                    Op::WrapU32 => dynasm!(self.ops ; .arch x64 ; mov eax, eax),
                    // Floats by their bits: flip or clear the sign.
                    Op::NegF => dynasm!(self.ops ; .arch x64 ; btc rax, 63),
                    _ => dynasm!(self.ops ; .arch x64 ; btr rax, 63),
                }
                self.set_from_rax(a);
            }
            Op::AddF | Op::SubF | Op::MulF | Op::DivF => {
                let (x, y) = (self.flt(b), self.flt(c));
                dynasm!(self.ops ; .arch x64 ; movapd xmm0, Rx(x));
                match ins.op {
                    Op::AddF => dynasm!(self.ops ; .arch x64 ; addsd xmm0, Rx(y)),
                    Op::SubF => dynasm!(self.ops ; .arch x64 ; subsd xmm0, Rx(y)),
                    Op::MulF => dynasm!(self.ops ; .arch x64 ; mulsd xmm0, Rx(y)),
                    _ => dynasm!(self.ops ; .arch x64 ; divsd xmm0, Rx(y)),
                }
                self.set_from_xmm0(a);
            }
            Op::SqrtF | Op::FloorF => {
                let x = self.flt(b);
                if ins.op == Op::SqrtF {
                    dynasm!(self.ops ; .arch x64 ; sqrtsd xmm0, Rx(x));
                } else {
                    // Toward -inf, no precision exception (math.Floor).
                    dynasm!(self.ops ; .arch x64 ; roundsd xmm0, Rx(x), 9);
                }
                self.set_from_xmm0(a);
            }
            Op::IntToFloat => {
                let x = self.int(b);
                dynasm!(self.ops ; .arch x64 ; cvtsi2sd xmm0, Rq(x));
                self.set_from_xmm0(a);
            }
            Op::UintToFloat => {
                // Below 2^63 the signed conversion. From 2^63: halve, keeping the lost
                // bit as a sticky bit (round to odd), convert, double (exact): the same
                // rounding as converting the whole value.
                let x = self.int(b);
                let (big, done) = (self.ops.new_dynamic_label(), self.ops.new_dynamic_label());
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rax, Rq(x)
                    ; test rax, rax
                    ; js =>big
                    ; cvtsi2sd xmm0, rax
                    ; jmp =>done
                    ; =>big
                    ; mov rcx, rax
                    ; shr rcx, 1
                    ; and eax, 1
                    ; or rcx, rax
                    ; cvtsi2sd xmm0, rcx
                    ; addsd xmm0, xmm0
                    ; =>done
                );
                self.set_from_xmm0(a);
            }
            Op::FloatToInt => {
                // Truncation; NaN and out-of-range values give MinInt (as Go on amd64).
                let x = self.flt(b);
                dynasm!(self.ops ; .arch x64 ; cvttsd2si rax, Rx(x));
                self.set_from_rax(a);
            }
            Op::EqI | Op::NeI | Op::LtI | Op::LeI | Op::LtU | Op::LeU => {
                let (x, y) = (self.int(b), self.int(c));
                dynasm!(self.ops ; .arch x64 ; cmp Rq(x), Rq(y));
                let cc = match ins.op {
                    Op::EqI => Cc::E,
                    Op::NeI => Cc::Ne,
                    Op::LtI => Cc::L,
                    Op::LeI => Cc::Le,
                    Op::LtU => Cc::B,
                    _ => Cc::Be,
                };
                self.set_bool(cc);
                self.set_from_rax(a);
            }
            Op::EqF | Op::NeF => {
                // Unordered (NaN) sets ZF and PF: equal means ZF and not PF.
                let (x, y) = (self.flt(b), self.flt(c));
                dynasm!(self.ops ; .arch x64 ; ucomisd Rx(x), Rx(y));
                if ins.op == Op::EqF {
                    dynasm!(self.ops ; .arch x64 ; sete al ; setnp cl ; and al, cl ; movzx eax, al);
                } else {
                    dynasm!(self.ops ; .arch x64 ; setne al ; setp cl ; or al, cl ; movzx eax, al);
                }
                self.set_from_rax(a);
            }
            Op::LtF | Op::LeF => {
                // b < c as c > b: "above" is false when unordered.
                let (x, y) = (self.flt(b), self.flt(c));
                dynasm!(self.ops ; .arch x64 ; ucomisd Rx(y), Rx(x));
                self.set_bool(if ins.op == Op::LtF { Cc::A } else { Cc::Ae });
                self.set_from_rax(a);
            }
            Op::Not => {
                let x = self.int(b);
                dynasm!(self.ops ; .arch x64 ; test Rq(x), Rq(x));
                self.set_bool(Cc::E);
                self.set_from_rax(a);
            }
            Op::Jmp => {
                self.flush();
                self.goto(pc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpTrue | Op::JmpFalse => {
                let x = self.int(a);
                self.flush();
                dynasm!(self.ops ; .arch x64 ; test Rq(x), Rq(x));
                let cc = if ins.op == Op::JmpTrue { Cc::Ne } else { Cc::E };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpLtI | Op::JmpLeI | Op::JmpEqI | Op::JmpNeI => {
                let (x, y) = (self.int(a), self.int(b));
                self.flush();
                dynasm!(self.ops ; .arch x64 ; cmp Rq(x), Rq(y));
                let cc = match ins.op {
                    Op::JmpLtI => Cc::L,
                    Op::JmpLeI => Cc::Le,
                    Op::JmpEqI => Cc::E,
                    _ => Cc::Ne,
                };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::JmpLtIK | Op::JmpLeIK | Op::JmpGtIK | Op::JmpGeIK | Op::JmpEqIK | Op::JmpNeIK => {
                let x = self.int(a);
                self.flush();
                dynasm!(self.ops ; .arch x64 ; cmp Rq(x), ins.b_i16() as i32);
                let cc = match ins.op {
                    Op::JmpLtIK => Cc::L,
                    Op::JmpLeIK => Cc::Le,
                    Op::JmpGtIK => Cc::G,
                    Op::JmpGeIK => Cc::Ge,
                    Op::JmpEqIK => Cc::E,
                    _ => Cc::Ne,
                };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::IncJmpLtI | Op::IncJmpLeI => {
                let x = self.int(a);
                let y = self.int(b);
                let d = self.def_int(a);
                debug_assert_eq!(d, x, "a cached slot keeps its register");
                dynasm!(self.ops ; .arch x64 ; add Rq(d), 1);
                self.flush();
                dynasm!(self.ops ; .arch x64 ; cmp Rq(d), Rq(y));
                let cc = if ins.op == Op::IncJmpLtI { Cc::L } else { Cc::Le };
                self.branch(pc, cc, branch_target(pc, ins));
                return Ok(false);
            }
            Op::StrLen | Op::MapLen | Op::SliceLen | Op::SliceCap | Op::IfaceData | Op::ChanLen | Op::ChanCap => {
                // nil gives 0.
                let x = self.int(b);
                let skip = self.ops.new_dynamic_label();
                dynasm!(self.ops ; .arch x64 ; mov rax, Rq(x) ; test rax, rax ; jz =>skip);
                match ins.op {
                    Op::StrLen | Op::MapLen => dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax] ; shr rax, 32),
                    Op::SliceLen => {
                        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + heap_layout::SLICE_LEN as i32])
                    }
                    Op::SliceCap => {
                        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + heap_layout::SLICE_CAP as i32])
                    }
                    Op::IfaceData => {
                        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + heap_layout::IFACE_DATA as i32])
                    }
                    Op::ChanLen => {
                        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + heap_layout::CHAN_COUNT as i32])
                    }
                    _ => dynasm!(self.ops
                        ; .arch x64
                        ; mov rax, QWORD [rax]
                        ; shr rax, 32
                        ; sub rax, heap_layout::CHAN_FIXED_WORDS as i32
                    ),
                }
                dynasm!(self.ops ; .arch x64 ; =>skip);
                self.set_from_rax(a);
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
                self.string_byte(pc, b, c);
                self.set_from_rax(a);
            }
            Op::EqStr => {
                // Inline: the same string; different lengths; equal lengths up to 8
                // bytes (one payload word each: compare the first `len` bytes). The
                // helper compares longer strings (and nil with "").
                let (x, y) = (self.int(b), self.int(c));
                let slow = self.slow_stub(pc);
                let (one, zero, done) =
                    (self.ops.new_dynamic_label(), self.ops.new_dynamic_label(), self.ops.new_dynamic_label());
                let bytes = heap_layout::STR_BYTES as i32;
                dynasm!(self.ops
                    ; .arch x64
                    ; cmp Rq(x), Rq(y)
                    ; je =>one
                    ; test Rq(x), Rq(x)
                    ; jz =>slow
                    ; test Rq(y), Rq(y)
                    ; jz =>slow
                    ; mov rax, QWORD [Rq(x)]
                    ; shr rax, heap_layout::LEN_SHIFT as i8
                    ; mov rdx, QWORD [Rq(y)]
                    ; shr rdx, heap_layout::LEN_SHIFT as i8
                    ; cmp rax, rdx
                    ; jne =>zero
                    ; test rax, rax
                    ; jz =>one
                    ; cmp rax, 8
                    ; ja =>slow
                    // rdx = the first words' difference, shifted left by 64 - 8 * len:
                    // zero when the first `len` bytes agree.
                    ; mov rdx, QWORD [Rq(x) + bytes]
                    ; xor rdx, QWORD [Rq(y) + bytes]
                    ; lea ecx, [rax * 8]
                    ; neg ecx
                    ; add ecx, 64
                    ; shl rdx, cl
                    ; xor eax, eax
                    ; test rdx, rdx
                    ; sete al
                    ; jmp =>done
                    ; =>zero
                    ; xor eax, eax
                    ; jmp =>done
                    ; =>one
                    ; mov eax, 1
                    ; =>done
                );
                self.set_from_rax(a);
            }
            Op::StrDecodeRune => {
                // An ASCII byte inline: the rune is the byte, its width 1. A nil string,
                // an index at or past the end and a multi-byte rune: the helper.
                let slow = self.string_byte(pc, b, c);
                dynasm!(self.ops ; .arch x64 ; cmp eax, 0x80 ; jae =>slow);
                self.set_from_rax(a);
                let w = self.def_int(a + 1);
                dynasm!(self.ops ; .arch x64 ; mov Rq(w), 1);
            }
            Op::LoadCapture => {
                // The running closure is in this frame's control record (the top one).
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rcx, QWORD [r12 + JitContext::OFFSET_CONTROL]
                    ; mov rax, QWORD [rcx + layout::CONTROL_LEN]
                    ; shl rax, layout::FRAME_BYTES.trailing_zeros() as i8
                    ; add rax, QWORD [rcx + layout::CONTROL_PTR]
                    ; mov rax, QWORD [rax + layout::FRAME_CLOSURE - layout::FRAME_BYTES as i32]
                    ; mov rax, QWORD [rax + heap_layout::CLOSURE_CAPTURES as i32 + c as i32 * 8]
                );
                self.set_from_rax(a);
            }
            Op::Call => self.call(pc, Callee::Static(a as u32)),
            Op::CallClosure => {
                self.spill_all();
                let slow = self.slow_stub(pc);
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rax, QWORD [rbx + (a) as i32 * 8]
                    ; test rax, rax
                    ; jz =>slow
                    // The function id is the header's aux field.
                    ; mov r14, QWORD [rax]
                    ; shr r14, heap_layout::AUX_SHIFT as i8
                    ; and r14, heap_layout::AUX_MASK as i32
                );
                self.call(pc, Callee::Dynamic(Some(a)));
            }
            Op::CallIface => {
                self.iface_method(pc, ins);
                self.call(pc, Callee::Dynamic(None));
            }
            Op::IfaceIs | Op::Assert2 => self.type_test(pc, ins),
            Op::Assert => self.type_assert(pc, ins),
            Op::ToIface if is_interface(self.program, c) => self.iface_to_iface(ins),
            Op::Ret => {
                // Frames with defers, and frames whose return the interpreter must
                // handle (the entry flag), return through the interpreter.
                self.flush();
                if self.has_defers {
                    self.fallback(pc as u32);
                    return Ok(false);
                }
                let via_vm = self.ops.new_dynamic_label();
                self.stub(Stub::Fallback { at: via_vm, pc: pc as u32 });
                dynasm!(self.ops ; .arch x64 ; test DWORD [rsp], ENTRY_RET_VIA_VM as i32 ; jnz =>via_vm);
                // Results to slots 0..b (ascending is safe: a >= 0).
                if a != 0 {
                    for i in 0..b {
                        dynasm!(self.ops
                            ; .arch x64
                            ; mov rax, QWORD [rbx + (a + i) as i32 * 8]
                            ; mov QWORD [rbx + (i) as i32 * 8], rax
                        );
                    }
                }
                dynasm!(self.ops ; .arch x64 ; xor eax, eax ; jmp =>self.exit);
                return Ok(false);
            }
            Op::RunDefers => {
                self.flush();
                self.fallback(pc as u32);
                return Ok(false);
            }
            Op::Panic => {
                self.spill_all();
                self.helper_op(pc);
                dynasm!(self.ops ; .arch x64 ; test eax, eax ; jnz =>self.exit ; jmp =>self.stopped);
                return Ok(false);
            }
            Op::MapNext => {
                // 1: an entry was produced, skip the next instruction.
                self.spill_all();
                self.helper_op(pc);
                let (produced, done) = (self.label_at(pc + 2), self.label_at(pc + 1));
                dynasm!(self.ops ; .arch x64 ; test eax, eax ; jnz =>produced ; jmp =>done);
                return Ok(false);
            }
            // Everything else: the helper, inline, on a written-back frame.
            _ => self.op_inline(pc),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code that fills a page exactly is followed by readable `int3` guard bytes in its
    /// buffer, and runs under Valgrind.
    #[test]
    fn code_filling_a_page_runs_under_valgrind() {
        if !vm::jit::valgrind_test::in_rerun() {
            vm::jit::valgrind_test::rerun_under_valgrind("emit::tests::code_filling_a_page_runs_under_valgrind");
        }
        let page = 4096; // x86-64 Linux's page (a larger one would only move the edge)
        let mut ops = Assembler::new().unwrap();
        let start = ops.offset();
        for byte in vm::jit::valgrind_test::function_returning_42(page) {
            ops.push(byte);
        }
        let (buf, end) = finish(ops).unwrap();
        assert_eq!(end.0 - start.0, page);
        assert!(buf.len() >= end.0 + vm::jit::CODE_GUARD_BYTES);
        assert!(buf[end.0..end.0 + vm::jit::CODE_GUARD_BYTES].iter().all(|&b| b == 0xcc));
        // SAFETY: the buffer holds a complete function of this type and outlives the call.
        let f = unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(buf.ptr(start)) };
        assert_eq!(f(), 42);
    }
}
