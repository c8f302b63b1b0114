//! The native entry, the call entry and native calls of dynasm code: the entry
//! sequences every function begins with (template's convention, "The call convention"
//! in `vm::jit`), the inline call recipe ("Native calls" in `vm::jit`), and the adapter
//! through which dynasm code calls another strategy's native entry. The other
//! opcodes are in the parent module; everything here runs on its register conventions.

use super::*;

/// A call entry (vm::jit's call convention) that runs another strategy's native entry
/// `entry` with entry 0, as template's adapters do: the budget goes to the context and
/// back, the frame and context become the System V arguments (the callee preserves
/// `rbx`, `r12` and `rbp`). The finished buffer (its code at offset 0) and the code's
/// length.
pub(crate) fn call_adapter(entry: usize) -> Result<(dynasmrt::ExecutableBuffer, usize), String> {
    let mut ops = Assembler::new().map_err(|e| format!("dynasm: {e}"))?;
    dynasm!(ops
        ; .arch x64
        // rsp = 8 mod 16 on entry: 8 more align the call.
        ; sub rsp, 8
        ; mov QWORD [r12 + JitContext::OFFSET_BUDGET], r13
        ; mov rdi, r12
        ; mov rsi, rbx
        ; xor edx, edx
        ; mov rax, QWORD entry as i64
        ; call rax
        ; mov r13, QWORD [r12 + JitContext::OFFSET_BUDGET]
        ; add rsp, 8
        ; ret
    );
    finish(ops).map(|(buf, end)| (buf, end.0))
}

impl Emitter<'_> {
    /// The native entry (System V), then the call entry (as template's, see "The call
    /// convention" in `vm::jit`): the native entry saves the callee-saved registers,
    /// pins the frame and the context, loads the budget and calls the body through
    /// `dispatch`; the call entry pushes its entry flags (none) and falls into the body.
    /// Returns the call entry's offset; `body` (pc 0) is bound after it, and for a first
    /// tier the call countdown follows.
    pub(super) fn prologue(&mut self, dispatch: DynamicLabel, body: DynamicLabel) -> AssemblyOffset {
        dynasm!(self.ops
            ; .arch x64
            ; push rbp
            ; mov rbp, rsp
            ; push rbx
            ; push r12
            ; push r13
            ; push r14
            ; push r15
            // The return address, rbp and five registers make 56 bytes: 8 more align
            // the call below.
            ; sub rsp, 8
            ; mov r12, rdi
            ; mov rbx, rsi
            ; mov r13, QWORD [r12 + JitContext::OFFSET_BUDGET]
            ; call =>dispatch
            ; mov QWORD [r12 + JitContext::OFFSET_BUDGET], r13
            ; add rsp, 8
            ; pop r15
            ; pop r14
            ; pop r13
            ; pop r12
            ; pop rbx
            ; pop rbp
            ; ret
        );
        let call_entry = self.ops.offset();
        dynasm!(self.ops ; .arch x64 ; push 0 ; =>body);
        if self.tiering() {
            // A call (entry at pc 0): count it down towards the second tier.
            self.countdown(TierCounters::OFFSET_CALLS, |at, cont| Stub::TierUpCall { at, cont });
        }
        call_entry
    }

    /// The body's entry from the native entry (`edx` = the entry argument): keep it in
    /// the slot the call entry pushes, then go to the entry pc (`body`: pc 0; a loop
    /// header; anything else goes back to the interpreter).
    pub(super) fn dispatch(&mut self, dispatch: DynamicLabel, body: DynamicLabel, entries: &[usize]) {
        dynasm!(self.ops
            ; .arch x64
            ; =>dispatch
            ; push rdx
            ; mov eax, edx
            ; and eax, ENTRY_PC_MASK as i32
            ; jz =>body
        );
        for &e in &entries[1..] {
            let l = self.labels[e].expect("entries are leaders");
            dynasm!(self.ops ; .arch x64 ; cmp eax, e as i32 ; je =>l);
        }
        dynasm!(self.ops ; .arch x64 ; mov esi, eax ; mov rdi, r12);
        self.call_helper(helpers::jit_fallback as *const () as usize);
        dynasm!(self.ops ; .arch x64 ; jmp =>self.exit);
    }

    /// Every way out of the body: `eax` is the result, `r13` the budget (the native
    /// entry stores it; a native caller goes on with it).
    pub(super) fn epilogue(&mut self) {
        dynasm!(self.ops
            ; .arch x64
            ; =>self.stopped
            ; mov eax, JitResult::Stopped as i32
            ; =>self.exit
            ; add rsp, 8
            ; ret
        );
    }

    /// A call of the function whose id is `callee` (see the contract in `vm::jit`):
    /// the frame is pushed inline when every check passes, else by `jit_push_frame`.
    /// The cache is written back and emptied first.
    pub(super) fn call(&mut self, pc: usize, callee: Callee) {
        self.spill_all();
        let slots = self.f.slot_count as i32;
        let slow = self.ops.new_dynamic_label();
        let join = self.ops.new_dynamic_label();
        // rax = the callee's call entry.
        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [r12 + JitContext::OFFSET_CALL_TABLE]);
        match callee {
            Callee::Static(fid) => dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + fid as i32 * 8]),
            Callee::Dynamic(_) => {
                dynasm!(self.ops
                    ; .arch x64
                    ; mov rax, QWORD [rax + r14 * 8]
                    ; mov r15, QWORD self.env.funcs as i64
                    ; mov rsi, r14
                    ; shl rsi, layout::FUNC_BYTES.trailing_zeros() as i8
                    ; add r15, rsi
                );
            }
        }
        dynasm!(self.ops
            ; .arch x64
            ; test rax, rax
            ; jz =>slow
            ; cmp rsp, QWORD [r12 + JitContext::OFFSET_NATIVE_STACK_LIMIT]
            ; jbe =>slow
            ; mov rcx, QWORD [r12 + JitContext::OFFSET_CONTROL]
            ; mov rdx, QWORD [rcx + layout::CONTROL_LEN]
            ; cmp rdx, QWORD [rcx + layout::CONTROL_CAP]
            ; jae =>slow
        );
        match callee {
            Callee::Static(fid) => {
                let end = (slots + self.program.funcs[fid as usize].frame_size() as i32) * 8;
                dynasm!(self.ops ; .arch x64 ; lea r8, [rbx + end]);
            }
            Callee::Dynamic(_) => {
                dynasm!(self.ops
                    ; .arch x64
                    ; mov r8d, DWORD [r15 + layout::FUNC_FRAME_SIZE]
                    ; lea r8, [rbx + r8 * 8 + slots * 8]
                );
            }
        }
        let caller_pc = layout::FRAME_PC - layout::FRAME_BYTES as i32;
        let caller_base = layout::FRAME_BASE - layout::FRAME_BYTES as i32;
        dynasm!(self.ops
            ; .arch x64
            ; cmp r8, QWORD [r12 + JitContext::OFFSET_STACK_END]
            ; ja =>slow
            ; cmp r13, 1
            ; jle =>slow
            // rdx = the callee's record (above the caller's).
            ; shl rdx, layout::FRAME_BYTES.trailing_zeros() as i8
            ; add rdx, QWORD [rcx + layout::CONTROL_PTR]
            ; mov DWORD [rdx + caller_pc], pc as i32 + 1
            ; mov r8d, DWORD [rdx + caller_base]
            ; add r8d, slots
            ; mov DWORD [rdx + layout::FRAME_BASE], r8d
        );
        match callee {
            Callee::Static(fid) => dynasm!(self.ops
                ; .arch x64
                ; mov QWORD [rdx + layout::FRAME_CLOSURE], 0
                ; mov DWORD [rdx + layout::FRAME_FUNC], fid as i32
            ),
            Callee::Dynamic(Some(s)) => dynasm!(self.ops
                ; .arch x64
                ; mov r9, QWORD [rbx + (s) as i32 * 8]
                ; mov QWORD [rdx + layout::FRAME_CLOSURE], r9
                ; mov DWORD [rdx + layout::FRAME_FUNC], r14d
            ),
            Callee::Dynamic(None) => dynasm!(self.ops
                ; .arch x64
                ; mov QWORD [rdx + layout::FRAME_CLOSURE], 0
                ; mov DWORD [rdx + layout::FRAME_FUNC], r14d
            ),
        }
        let mode_word = layout::FRAME_PC + 8;
        dynasm!(self.ops
            ; .arch x64
            // pc and panic index, then the mode (and padding).
            ; mov QWORD [rdx + layout::FRAME_PC], 0
            ; mov QWORD [rdx + mode_word], 0
            ; add QWORD [rcx + layout::CONTROL_LEN], 1
            ; sub r13, 1
        );
        // The callee's locals start zeroed (its slot map must see no stale references).
        match callee {
            Callee::Static(fid) => {
                let g = &self.program.funcs[fid as usize];
                for i in g.local_ref_slots() {
                    dynasm!(self.ops ; .arch x64 ; mov QWORD [rbx + (slots + i as i32) * 8], 0);
                }
            }
            Callee::Dynamic(_) => {
                let head = self.ops.new_dynamic_label();
                let done = self.ops.new_dynamic_label();
                dynasm!(self.ops
                    ; .arch x64
                    ; mov r8d, DWORD [r15 + layout::FUNC_PARAM_COUNT]
                    ; mov r9d, DWORD [r15 + layout::FUNC_SLOT_COUNT]
                    ; =>head
                    ; cmp r8, r9
                    ; jae =>done
                    ; mov QWORD [rbx + r8 * 8 + slots * 8], 0
                    ; add r8, 1
                    ; jmp =>head
                    ; =>done
                );
            }
        }
        dynasm!(self.ops
            ; .arch x64
            // Through the call entry: the frame register moves to the callee's frame
            // and back; the budget stays in its register.
            ; add rbx, slots * 8
            ; call rax
            ; sub rbx, slots * 8
            ; =>join
            ; test eax, eax
            ; jnz =>self.exit
            // Pop the callee's record (as `jit_pop_frame` does).
            ; mov rcx, QWORD [r12 + JitContext::OFFSET_CONTROL]
            ; sub QWORD [rcx + layout::CONTROL_LEN], 1
        );
        self.stub(Stub::Push { at: slow, pc: pc as u32, callee, join });
    }
}
