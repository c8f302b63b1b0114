//! The interpreter: the bytecode dispatch loop (`Vm::run_loop`), over the VM object
//! (`machine`: the `Vm` struct, its options, errors and entry points) and its stacks
//! (`stacks`: frames, the control stack, VM stack memory).
//!
//! # Stacks
//!
//! Every goroutine is a *fiber* (see `runtime::sched`) that owns two stacks:
//!
//! ```text
//!   VM stack (u64 slots, allocated once, never moved)
//!   +-----------------------+-----------------+--------------------+------
//!   | frame of main         | main's window   |                    |
//!   | (slot_count slots)    | = callee frame -> frame of f  | f's window | ...
//!   +-----------------------+-----------------+--------------------+------
//!   ^ base(main)            ^ base(f) = base(main) + main.slot_count
//!
//!   control stack (`ControlStack`): one record per active call
//!   { func, base, pc (resume pc while not running), closure, mode, panic_index }
//! ```
//!
//! **Architecture Invariant (stack stability):** a VM stack is one allocation of zeroed
//! slots (lazily committed by the OS): `VmOptions::stack_slots` for the main goroutine,
//! made when the VM is created; `VmOptions::goroutine_stack_slots` for every other
//! goroutine, carved from an arena when it starts. A stack is never reallocated or
//! moved (a switch between fibers swaps which stack the VM runs on, it does not copy
//! frames), so a pointer to a frame stays valid for the frame's whole life, also while
//! its fiber is parked. JIT code may keep its frame pointer in a register across helper
//! calls. Every entry into a frame checks `base + frame_size <= stack_len` (else Go's
//! `fatal error: stack overflow`), and the verifier guarantees that every register
//! operand is below `frame_size`: together they make every slot access in bounds, which
//! is what the unchecked accesses in the dispatch loop rely on.
//!
//! # Calls
//!
//! `Call` puts the callee's frame at `base + slot_count` (the caller's window, where the
//! arguments already are), zeroes the callee's non-parameter slots (so the slot map is
//! precise), and pushes a `Frame` record; `Ret` copies the results to the frame's first
//! slots (the caller's window) and pops. The running function's code pointer, frame
//! pointer and instruction pointer live in Rust locals; they are reloaded from the top
//! record whenever control changes frames (`reload!`). Deferred calls and calls made by
//! the runtime (fmt calling `String` methods, the harness calling `run`) start frames at
//! the top frame's `base + frame_size`, above its window.
//!
//! Re-entrant calls from Rust (`call_function`) push an `Entry` frame and run a nested
//! dispatch loop whose *boundary* is that frame: its `Ret` leaves the loop, and a panic
//! that unwinds past it leaves the loop with `Unwind::Panic` for the caller to continue.
//! Each such loop has a depth, recorded in the fiber's `nest`; other fibers may run
//! inside it, but only its starter leaves it (see "Re-entrant calls" in
//! `runtime::sched`).
//!
//! # Panics and defers
//!
//! See `runtime::panics`: defers are records on a per-fiber stack tagged with the depth
//! of the deferring frame; a panic runs them as ordinary frames marked `PANIC_DEFER`, so
//! the dispatch loop never recurses for a panic.
//!
//! # Fibers, scheduling and the blocking contract
//!
//! The running fiber's stacks, defer records and panic chain are the `Vm`'s own fields;
//! the scheduler (`runtime::sched`) swaps them with a parked fiber's saved state. There
//! is one OS thread, and no separate scheduler loop: whichever dispatch loop is running
//! (the one of `Vm::call`, or a re-entrant one) runs whichever fiber is current. When
//! straight-line execution stops, the loop hands the reason to `Vm::stopped`, reloads
//! its locals (stack, frame, boundary) from the VM, and goes on — possibly in another
//! fiber. The reasons, as `Unwind` values a helper returns:
//!
//! - `Block`: a `BLOCK` instruction (`ChanSend`, `ChanRecv`, `ChanRecv2`, `Select`)
//!   cannot complete. The helper has registered the fiber in the channels' wait queues
//!   and recorded in its `Wait` where results go (absolute slots of its own stack: the
//!   receive destination, the comma-ok slot, the select's index slot). The resume pc,
//!   already stored in the frame record by the loop before calling the helper (`save_pc!`
//!   in `helper!`), is the instruction after the blocking one and its `Ext` word. The
//!   loop calls `Vm::park_current`, which switches to the next runnable fiber.
//! - Completion is done by *another* fiber: a sender handing a value to a parked
//!   receiver writes it (and ok) straight into the receiver's frame; a receiver taking a
//!   parked sender's value reads it from the sender's frame; a select's waker writes the
//!   chosen case index and removes it from its other channels; `close` wakes everyone.
//!   The woken fiber is queued, and when the scheduler resumes it, execution continues
//!   at its resume pc with the operation complete: the loop just reloads the frame. A
//!   sender woken by `close` raises `send on closed channel` as it resumes.
//! - `Yield`: preemption. The loop keeps a budget (`VmOptions::preempt_quantum`) in a
//!   register and counts it down at every taken back edge (a negative jump offset,
//!   `IncJmp*` included) and every call (`enter!`); at zero, if another fiber is
//!   runnable, it stores the resume pc (the jump target, or the callee's entry) and
//!   yields. The cost is a decrement and a never-taken branch per back edge.
//! - `Switch`: the running fiber changed (it finished: a `MODE_GOROUTINE` frame
//!   returned; or a woken fiber panicked on resume): reload.
//!
//! **How a JIT plugs in:** a blocking op compiles to a call of the same helper
//! (`op_chan_send` and friends, over the frame in memory, with the frame's resume pc
//! stored first). On `Block` the native code returns "must block" to the interpreter,
//! which calls `Vm::park_current`; when the fiber runs again the interpreter continues
//! at the resume pc (or re-enters native code there through `entry_pc`). Results are in
//! the frame, written by the waker: code that caches slots in registers treats a
//! `BLOCK` op as a point where everything is written back before and reloaded after. A
//! JIT charges the same preemption ticks and returns "yield" with the resume pc stored.
//! Because stacks never move, nothing else changes for native frames across a switch.
//!
//! # Speed
//!
//! One `match` over the opcode in a loop (LLVM makes it a jump table); `ip`, `fp` and
//! the running function's code pointer live in registers; operands are read with
//! unchecked pointer arithmetic (sound by the verifier, see above). Everything rare or
//! large (allocation, panics, maps, natives, calls into the runtime) is an
//! `#[inline(never)]` helper, so the loop's hot handlers stay small and its registers
//! are not spilled. Small ops with a check (division, shifts, element, field and box
//! access, lengths) call `#[inline(always)]` functions of `runtime` that `Vm::exec_op`
//! (the JIT's out-of-line path) calls too, so each op's semantics is written once; their
//! `Fault` is raised after `save_pc!` on the error path only. A `Call` touches one
//! packed `FuncInfo` and pushes one 32-byte `Frame`; `Ret` of a plain frame tests one
//! byte (`mode`) and pops. Result copies and slot zeroing are inline store loops (never
//! `memset`/`memmove` calls: frames are small). The instruction counter behind
//! `Vm::instructions_executed` is a register increment per dispatch, flushed when the
//! loop exits; it costs nothing measurable (the counted-loop benchmark runs at the same
//! speed without it). So does the preemption budget (a register decrement per back edge
//! and call).

mod machine;
mod stacks;

pub(crate) use machine::Unwind;
pub use machine::{Vm, VmError, VmOptions};
pub(crate) use stacks::*;

use crate::bytecode::{Instr, Op, RKind};
use crate::heap;
use crate::runtime::arith::{div_i, div_u, float_to_uint, rem_i, rem_u, shl_i, shr_i, shr_u, uint_to_float};
use crate::runtime::chans::{chan_cap, chan_len};
use crate::runtime::ifaces::iface_data;
use crate::runtime::maps::{map_len, op_map_iter_init};
use crate::runtime::slices::{array_get, array_set, slice_cap, slice_get, slice_len, slice_set};
use crate::runtime::strings::{str_eq, str_index, str_le, str_lt};
use crate::runtime::values::{box_get, box_set, get_field, set_field};
use crate::runtime::Regs;
use std::sync::Arc;

impl Vm {
    /// The dispatch loop. Runs until the frame at index `boundary` of the control stack
    /// returns (`Ok`), or a panic unwinds past it / a fatal error occurs (`Err`).
    pub(crate) fn run_loop(&mut self, boundary: usize) -> Result<(), Unwind> {
        let program = Arc::clone(&self.program);
        let funcs: *const FuncInfo = self.funcs.as_ptr();
        // The running fiber's stack and boundary frame (they change on a switch).
        let mut stack: *mut u64 = self.stack.ptr();
        let mut boundary = boundary;
        // The preemption budget (see `runtime::sched`), counted down in a register.
        let quantum = self.sched.quantum;
        let mut budget: u32 = quantum;
        let globals: *mut u64 = self.globals.as_mut_ptr();
        let consts: *const u64 = program.consts.as_ptr();
        let jit_on = self.jit.is_some();

        let mut func: *const FuncInfo;
        let mut fp: *mut u64;
        let mut code: *const Instr;
        let mut ip: *const Instr;
        let mut base: usize;

        // Reload the running frame's state from the top control record.
        macro_rules! reload {
            () => {{
                // SAFETY: the loop only runs while the control stack holds at least the
                // boundary frame; records name verified functions and bases whose frames
                // were checked to fit the stack when pushed.
                let top = *self.frames.last().unwrap_unchecked();
                func = funcs.add(top.func as usize);
                base = top.base as usize;
                fp = stack.add(base);
                code = (*func).code;
                ip = code.add(top.pc as usize);
            }};
        }
        // Store the running frame's resume pc (the instruction after the current one).
        macro_rules! save_pc {
            () => {{
                let pc = ip.offset_from(code) as u32;
                self.frames.last_mut().unwrap_unchecked().pc = pc;
            }};
        }
        // Straight-line execution stopped (a panic, a fiber blocking or yielding, a
        // switch): continue in the frame that runs now (maybe another fiber's) or leave.
        // A fiber that parked in native code resumes there (`jit_resume_entry`); if
        // that code stops again, the stop is handled here in turn.
        macro_rules! unwind {
            ($u:expr) => {{
                let mut u = $u;
                let stop = loop {
                    match self.stopped(u) {
                        Ok(()) => {
                            stack = self.stack.ptr();
                            boundary = self.cur_boundary();
                            budget = quantum;
                            reload!();
                            if let Some((entry, pc)) = if jit_on { self.jit_resume_entry() } else { None } {
                                let r = self.run_native_code(entry, fp, pc);
                                if r == crate::jit::JitResult::Returned as u32 {
                                    self.frames.pop();
                                } else if let Some(next) = self.jit_pending.take() {
                                    u = next;
                                    continue;
                                }
                                reload!();
                            }
                            break None;
                        }
                        Err(r) => break Some(r),
                    }
                };
                match stop {
                    None => continue,
                    Some(r) => break r,
                }
            }};
        }
        // One preemption tick (a back edge or a call): when the budget is used up and
        // another fiber is runnable, yield. The resume pc is the current `ip`.
        macro_rules! tick {
            () => {{
                budget -= 1;
                if budget == 0 {
                    budget = quantum;
                    if self.sched.others_runnable() {
                        save_pc!();
                        unwind!(Unwind::Yield);
                    }
                }
            }};
        }
        // The result of an inline op's semantics (a `runtime` function shared with
        // `Vm::exec_op`); on a `Fault`, store the resume pc (on that path only) and raise
        // its panic.
        macro_rules! check {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(f) => {
                        save_pc!();
                        unwind!(self.raise(f));
                    }
                }
            };
        }
        // Run a helper that may panic, allocate or call.
        macro_rules! helper {
            ($e:expr) => {{
                save_pc!();
                if let Err(u) = $e {
                    unwind!(u);
                }
            }};
        }
        macro_rules! r {
            ($i:expr) => {
                *fp.add($i as usize)
            };
        }
        macro_rules! ri {
            ($i:expr) => {
                (*fp.add($i as usize) as i64)
            };
        }
        macro_rules! rf {
            ($i:expr) => {
                f64::from_bits(*fp.add($i as usize))
            };
        }
        // Run the running frame natively from `$pc` (see the contract in `jit`): on
        // `Returned` finish its `Ret` (pop it), else continue with the frames it left.
        macro_rules! native {
            ($entry:expr, $pc:expr) => {{
                let r = self.run_native_code($entry, fp, $pc);
                if r == crate::jit::JitResult::Returned as u32 {
                    self.frames.pop();
                    reload!();
                } else {
                    match self.jit_pending.take() {
                        Some(u) => unwind!(u),
                        None => reload!(),
                    }
                }
            }};
        }
        // Take a branch; a backward one is a loop back edge: it charges the budget and,
        // with a JIT, counts towards compiling the function and enters its native code
        // at the loop header (OSR).
        macro_rules! jump_by {
            ($off:expr) => {{
                let off = $off as isize;
                ip = ip.offset(off);
                if off < 0 {
                    tick!();
                    if jit_on {
                        let top = *self.frames.last().unwrap_unchecked();
                        let entry = self.jit_loop_entry(top.func);
                        if !entry.is_null() {
                            let pc = ip.offset_from(code) as u32;
                            let flags = if top.mode != MODE_NORMAL { crate::jit::ENTRY_RET_VIA_VM } else { 0 };
                            native!(entry, pc | flags);
                        }
                    }
                }
            }};
        }
        macro_rules! jump16 {
            ($ins:expr) => {
                jump_by!($ins.c_i16())
            };
        }
        macro_rules! jump32 {
            ($ins:expr) => {
                jump_by!($ins.bc_i32())
            };
        }
        // Enter the callee whose arguments are in the window.
        macro_rules! enter {
            ($fid:expr, $closure:expr) => {{
                let fid = $fid as usize;
                let callee = funcs.add(fid);
                let new_base = base + (*func).slot_count as usize;
                if !self.check_frame(new_base, &*callee) {
                    save_pc!();
                    break Err(self.stack_overflow());
                }
                save_pc!();
                self.frames.push(Frame {
                    closure: $closure,
                    func: fid as u32,
                    base: new_base as u32,
                    pc: 0,
                    panic_index: 0,
                    mode: MODE_NORMAL,
                });
                func = callee;
                base = new_base;
                fp = stack.add(base);
                zero_slots(fp, (*func).param_count as usize, (*func).slot_count as usize);
                code = (*func).code;
                ip = code;
                tick!();
                if jit_on {
                    let entry = self.jit_call_entry(fid as u32);
                    if !entry.is_null() {
                        native!(entry, 0);
                    }
                }
            }};
        }

        // SAFETY: see `reload!`: the top record is the boundary frame just pushed.
        unsafe { reload!() };
        let mut executed: u64 = 0;
        let result = loop {
            // SAFETY: (the whole instruction body) `ip` points into the running function's
            // code: it starts at a verified pc and every jump target, fall-through and
            // skipped `Ext` word was checked by `verify` to stay inside the code. Every
            // register operand was verified to be below the function's `frame_size`, and
            // the frame was checked to fit the stack when it was entered, so `fp.add(r)`
            // is in bounds. Constant, global, string, function and type indices were
            // verified against the program's tables. Heap objects are accessed through
            // references the code generator guarantees to have the right kind (a
            // type-correct program); nil is checked wherever Go can observe it.
            unsafe {
                let ins = *ip;
                ip = ip.add(1);
                executed += 1;
                match ins.op {
                    Op::Nop | Op::Ext => {}
                    Op::Move => r!(ins.a) = r!(ins.b),
                    Op::LoadInt => r!(ins.a) = ins.bc_i32() as i64 as u64,
                    Op::LoadConst => r!(ins.a) = *consts.add(ins.b as usize),
                    Op::LoadStr => r!(ins.a) = self.load_str(ins.b),
                    Op::LoadNil => r!(ins.a) = 0,
                    Op::LoadFunc => {
                        let c = self.interned_func(ins.b);
                        if c != 0 {
                            r!(ins.a) = c;
                        } else {
                            helper!(self.op_load_func(Regs(fp), ins));
                        }
                    }
                    Op::GetGlobal => r!(ins.a) = *globals.add(ins.b as usize),
                    Op::SetGlobal => *globals.add(ins.a as usize) = r!(ins.b),

                    Op::AddI => r!(ins.a) = r!(ins.b).wrapping_add(r!(ins.c)),
                    Op::SubI => r!(ins.a) = r!(ins.b).wrapping_sub(r!(ins.c)),
                    Op::MulI => r!(ins.a) = r!(ins.b).wrapping_mul(r!(ins.c)),
                    Op::DivI => r!(ins.a) = check!(div_i(r!(ins.b), r!(ins.c))),
                    Op::RemI => r!(ins.a) = check!(rem_i(r!(ins.b), r!(ins.c))),
                    Op::AndI => r!(ins.a) = r!(ins.b) & r!(ins.c),
                    Op::OrI => r!(ins.a) = r!(ins.b) | r!(ins.c),
                    Op::XorI => r!(ins.a) = r!(ins.b) ^ r!(ins.c),
                    Op::AndNotI => r!(ins.a) = r!(ins.b) & !r!(ins.c),
                    Op::ShlI => r!(ins.a) = check!(shl_i(r!(ins.b), r!(ins.c))),
                    Op::ShrI => r!(ins.a) = check!(shr_i(r!(ins.b), r!(ins.c))),
                    Op::AddIK => r!(ins.a) = r!(ins.b).wrapping_add(ins.c_i16() as i64 as u64),
                    Op::MulIK => r!(ins.a) = r!(ins.b).wrapping_mul(ins.c_i16() as i64 as u64),
                    Op::AndIK => r!(ins.a) = r!(ins.b) & (ins.c_i16() as i64 as u64),
                    Op::ShlIK => r!(ins.a) = r!(ins.b) << (ins.c & 63),
                    Op::ShrIK => r!(ins.a) = (ri!(ins.b) >> (ins.c & 63)) as u64,
                    Op::DivIK => r!(ins.a) = ri!(ins.b).wrapping_div(ins.c_i16() as i64) as u64,
                    Op::RemIK => r!(ins.a) = ri!(ins.b).wrapping_rem(ins.c_i16() as i64) as u64,
                    Op::NegI => r!(ins.a) = r!(ins.b).wrapping_neg(),
                    Op::NotI => r!(ins.a) = !r!(ins.b),
                    Op::WrapU8 => r!(ins.a) = r!(ins.b) & 0xff,
                    Op::WrapI32 => r!(ins.a) = r!(ins.b) as i32 as i64 as u64,
                    Op::WrapI8 => r!(ins.a) = r!(ins.b) as i8 as i64 as u64,
                    Op::WrapI16 => r!(ins.a) = r!(ins.b) as i16 as i64 as u64,
                    Op::WrapU16 => r!(ins.a) = r!(ins.b) & 0xffff,
                    Op::WrapU32 => r!(ins.a) = r!(ins.b) & 0xffff_ffff,
                    Op::DivU => r!(ins.a) = check!(div_u(r!(ins.b), r!(ins.c))),
                    Op::RemU => r!(ins.a) = check!(rem_u(r!(ins.b), r!(ins.c))),
                    Op::ShrU => r!(ins.a) = check!(shr_u(r!(ins.b), r!(ins.c))),
                    Op::ShrUK => r!(ins.a) = r!(ins.b) >> (ins.c & 63),
                    Op::CountU => r!(ins.a) = r!(ins.b).min(64),
                    Op::LtU => r!(ins.a) = (r!(ins.b) < r!(ins.c)) as u64,
                    Op::LeU => r!(ins.a) = (r!(ins.b) <= r!(ins.c)) as u64,
                    Op::UintToFloat => r!(ins.a) = uint_to_float(r!(ins.b)).to_bits(),
                    Op::FloatToUint => r!(ins.a) = float_to_uint(rf!(ins.b)),

                    Op::AddF => r!(ins.a) = (rf!(ins.b) + rf!(ins.c)).to_bits(),
                    Op::SubF => r!(ins.a) = (rf!(ins.b) - rf!(ins.c)).to_bits(),
                    Op::MulF => r!(ins.a) = (rf!(ins.b) * rf!(ins.c)).to_bits(),
                    Op::DivF => r!(ins.a) = (rf!(ins.b) / rf!(ins.c)).to_bits(),
                    Op::NegF => r!(ins.a) = (-rf!(ins.b)).to_bits(),
                    Op::SqrtF => r!(ins.a) = rf!(ins.b).sqrt().to_bits(),
                    Op::AbsF => r!(ins.a) = rf!(ins.b).abs().to_bits(),
                    Op::FloorF => r!(ins.a) = rf!(ins.b).floor().to_bits(),
                    Op::IntToFloat => r!(ins.a) = (ri!(ins.b) as f64).to_bits(),
                    Op::FloatToInt => r!(ins.a) = float_to_int(rf!(ins.b)) as u64,

                    Op::EqI => r!(ins.a) = (r!(ins.b) == r!(ins.c)) as u64,
                    Op::NeI => r!(ins.a) = (r!(ins.b) != r!(ins.c)) as u64,
                    Op::LtI => r!(ins.a) = (ri!(ins.b) < ri!(ins.c)) as u64,
                    Op::LeI => r!(ins.a) = (ri!(ins.b) <= ri!(ins.c)) as u64,
                    Op::EqF => r!(ins.a) = (rf!(ins.b) == rf!(ins.c)) as u64,
                    Op::NeF => r!(ins.a) = (rf!(ins.b) != rf!(ins.c)) as u64,
                    Op::LtF => r!(ins.a) = (rf!(ins.b) < rf!(ins.c)) as u64,
                    Op::LeF => r!(ins.a) = (rf!(ins.b) <= rf!(ins.c)) as u64,
                    Op::EqStr => r!(ins.a) = str_eq(r!(ins.b), r!(ins.c)) as u64,
                    Op::LtStr => r!(ins.a) = str_lt(r!(ins.b), r!(ins.c)) as u64,
                    Op::LeStr => r!(ins.a) = str_le(r!(ins.b), r!(ins.c)) as u64,
                    Op::Not => r!(ins.a) = (r!(ins.b) == 0) as u64,
                    Op::EqIface => helper!(self.op_eq_iface(Regs(fp), ins)),
                    Op::EqAgg => helper!(self.op_eq_agg(Regs(fp), ins)),

                    Op::Jmp => jump32!(ins),
                    Op::JmpTrue => {
                        if r!(ins.a) != 0 {
                            jump32!(ins)
                        }
                    }
                    Op::JmpFalse => {
                        if r!(ins.a) == 0 {
                            jump32!(ins)
                        }
                    }
                    Op::JmpLtI => {
                        if ri!(ins.a) < ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLeI => {
                        if ri!(ins.a) <= ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpEqI => {
                        if r!(ins.a) == r!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpNeI => {
                        if r!(ins.a) != r!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLtIK => {
                        if ri!(ins.a) < ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpLeIK => {
                        if ri!(ins.a) <= ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpGtIK => {
                        if ri!(ins.a) > ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpGeIK => {
                        if ri!(ins.a) >= ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpEqIK => {
                        if ri!(ins.a) == ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::JmpNeIK => {
                        if ri!(ins.a) != ins.b_i16() as i64 {
                            jump16!(ins)
                        }
                    }
                    Op::IncJmpLtI => {
                        let v = ri!(ins.a).wrapping_add(1);
                        r!(ins.a) = v as u64;
                        if v < ri!(ins.b) {
                            jump16!(ins)
                        }
                    }
                    Op::IncJmpLeI => {
                        let v = ri!(ins.a).wrapping_add(1);
                        r!(ins.a) = v as u64;
                        if v <= ri!(ins.b) {
                            jump16!(ins)
                        }
                    }

                    // ---- strings
                    Op::Concat => helper!(self.op_concat(Regs(fp), ins)),
                    Op::StrLen => r!(ins.a) = heap::str_len(r!(ins.b)) as u64,
                    Op::StrIndex => r!(ins.a) = check!(str_index(r!(ins.b), r!(ins.c))),
                    Op::SliceStr => helper!(self.op_slice_str(Regs(fp), ins)),
                    Op::StrDecodeRune => crate::runtime::strings::op_decode_rune(Regs(fp), ins),
                    Op::StrFromBytes => helper!(self.op_str_from_bytes(Regs(fp), ins)),
                    Op::BytesFromStr => helper!(self.op_bytes_from_str(Regs(fp), ins)),
                    Op::StrFromRune => helper!(self.op_str_from_rune(Regs(fp), ins)),
                    Op::Itoa => helper!(self.op_itoa(Regs(fp), ins)),

                    // ---- arrays, slices
                    Op::New => helper!(self.op_new(Regs(fp), ins)),
                    Op::MakeSlice => helper!(self.op_make_slice(Regs(fp), ins)),
                    Op::ArrayGet => r!(ins.a) = check!(array_get(r!(ins.b), r!(ins.c))),
                    Op::ArraySet | Op::ArraySetR => {
                        check!(array_set(&mut self.heap, r!(ins.a), r!(ins.b), r!(ins.c), ins.op == Op::ArraySetR))
                    }
                    Op::SliceGet => r!(ins.a) = check!(slice_get(r!(ins.b), r!(ins.c))),
                    Op::SliceSet | Op::SliceSetR => {
                        check!(slice_set(&mut self.heap, r!(ins.a), r!(ins.b), r!(ins.c), ins.op == Op::SliceSetR))
                    }
                    Op::SliceLen => r!(ins.a) = slice_len(r!(ins.b)),
                    Op::SliceCap => r!(ins.a) = slice_cap(r!(ins.b)),
                    Op::SliceSlice => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_slice_slice(Regs(fp), ins, ext));
                    }
                    Op::Append => helper!(self.op_append(Regs(fp), ins)),
                    Op::AppendSlice => helper!(self.op_append_slice(Regs(fp), ins)),
                    Op::AppendStr => helper!(self.op_append_str(Regs(fp), ins)),
                    Op::CopySlice => self.op_copy_slice(Regs(fp), ins),
                    Op::CopyStr => self.op_copy_str(Regs(fp), ins),

                    // ---- structs, boxes, aggregates
                    Op::GetField => r!(ins.a) = check!(get_field(r!(ins.b), ins.c as usize)),
                    Op::SetField | Op::SetFieldR => {
                        check!(set_field(&mut self.heap, r!(ins.a), ins.b as usize, r!(ins.c), ins.op == Op::SetFieldR))
                    }
                    Op::BoxGet => r!(ins.a) = check!(box_get(r!(ins.b))),
                    Op::BoxSet | Op::BoxSetR => {
                        check!(box_set(&mut self.heap, r!(ins.a), r!(ins.b), ins.op == Op::BoxSetR))
                    }
                    Op::BoxNew => helper!(self.op_box_new(Regs(fp), ins)),
                    Op::Clone => helper!(self.op_clone(Regs(fp), ins)),
                    Op::CopyInto => helper!(self.op_copy_into(Regs(fp), ins)),

                    // ---- maps
                    Op::MakeMap => helper!(self.op_make_map(Regs(fp), ins)),
                    Op::MapGet => self.op_map_get(Regs(fp), ins),
                    Op::MapGet2 => self.op_map_get2(Regs(fp), ins),
                    Op::MapSet => helper!(self.op_map_set(Regs(fp), ins)),
                    Op::MapDelete => self.op_map_delete(Regs(fp), ins),
                    Op::MapLen => r!(ins.a) = map_len(r!(ins.b)),
                    Op::MapIterInit => op_map_iter_init(Regs(fp), ins),
                    Op::MapNext => {
                        if self.op_map_next(Regs(fp), ins) {
                            ip = ip.add(1);
                        }
                    }

                    // ---- interfaces
                    Op::ToIface => helper!(self.op_to_iface(Regs(fp), ins)),
                    Op::IfaceData => r!(ins.a) = iface_data(r!(ins.b)),
                    Op::IfaceIs => self.op_iface_is(Regs(fp), ins),
                    Op::Assert => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_assert(Regs(fp), ins, ext));
                    }
                    Op::Assert2 => self.op_assert2(Regs(fp), ins),

                    // ---- calls
                    Op::Call => enter!(ins.a, 0),
                    Op::CallClosure => {
                        let clo = r!(ins.a);
                        if clo == 0 {
                            save_pc!();
                            unwind!(self.panic_nil());
                        }
                        enter!(heap::obj_aux(clo), clo)
                    }
                    Op::CallIface => {
                        let iface = r!(ins.b);
                        if iface == 0 {
                            save_pc!();
                            unwind!(self.panic_nil());
                        }
                        let ty = heap::load(iface, heap::layout::IFACE_TYPE) as u32;
                        let payload = heap::load(iface, heap::layout::IFACE_DATA);
                        let Some(fid) = self.methods.lookup(ty, ins.a as u32) else {
                            save_pc!();
                            break Err(self.internal_error(format!(
                                "method {} not found on {}",
                                program.method_names[ins.a as usize], program.types[ty as usize].name
                            )));
                        };
                        *fp.add((*func).slot_count as usize) = payload;
                        enter!(fid.0, 0)
                    }
                    Op::CallNative | Op::CallNativeSpread => {
                        let window = Regs(fp.add((*func).slot_count as usize));
                        helper!(self.op_call_native(window, ins));
                    }
                    Op::Ret => {
                        let top = self.frames.last_mut().unwrap_unchecked();
                        if top.mode != MODE_NORMAL {
                            save_pc!();
                            match self.ret_slow(ins, boundary) {
                                Ok(true) => {
                                    reload!();
                                    continue;
                                }
                                Ok(false) => break Ok(()),
                                Err(u) => unwind!(u),
                            }
                        }
                        move_results(fp, ins.a as usize, ins.b as usize);
                        self.frames.pop();
                        reload!();
                    }
                    Op::LoadCapture => r!(ins.a) = self.load_capture(ins.c),
                    Op::MakeClosure => helper!(self.op_make_closure(Regs(fp), ins)),

                    // ---- defer, panic, recover
                    Op::DeferCall | Op::DeferClosure => {
                        let window = fp.add((*func).slot_count as usize);
                        helper!(self.op_defer(Regs(fp), Regs(window), ins));
                    }
                    Op::RunDefers => {
                        let depth = self.frames.len() - 1;
                        if let Some(d) = self.defers.last() {
                            if d.depth as usize == depth {
                                // Re-execute RunDefers when the deferred call returns.
                                ip = ip.sub(1);
                                save_pc!();
                                let rec = self.defers.pop().unwrap_unchecked();
                                if let Err(u) = self.push_deferred_call(rec, MODE_NORMAL, 0) {
                                    // The deferred call could not start (a nil func):
                                    // the panic belongs to this frame, after RunDefers.
                                    ip = ip.add(1);
                                    save_pc!();
                                    unwind!(u);
                                }
                                reload!();
                            }
                        }
                    }
                    Op::Panic => {
                        save_pc!();
                        let v = r!(ins.a);
                        unwind!(self.op_panic(v));
                    }
                    Op::Recover => r!(ins.a) = self.op_recover(),

                    // ---- goroutines and channels (see `runtime::sched`, `runtime::chans`)
                    Op::Go | Op::GoClosure => {
                        let window = fp.add((*func).slot_count as usize);
                        helper!(self.op_go(Regs(fp), Regs(window), ins));
                    }
                    Op::MakeChan => helper!(self.op_make_chan(Regs(fp), ins)),
                    Op::ChanSend => helper!(self.op_chan_send(Regs(fp), ins, base)),
                    Op::ChanRecv | Op::ChanRecv2 => helper!(self.op_chan_recv(Regs(fp), ins, base)),
                    Op::ChanClose => helper!(self.op_chan_close(Regs(fp), ins)),
                    Op::ChanLen => r!(ins.a) = chan_len(r!(ins.b)),
                    Op::ChanCap => r!(ins.a) = chan_cap(r!(ins.b)),
                    Op::Select => {
                        let ext = *ip;
                        ip = ip.add(1);
                        helper!(self.op_select(Regs(fp), ins, ext, base));
                    }

                    // ---- islands and ports (see `runtime::islands`)
                    Op::IslandGo => helper!(self.op_island_go(Regs(fp), ins)),
                    Op::PortNew => helper!(self.op_port_new(Regs(fp), ins)),
                    Op::PortSend => helper!(self.op_port_send(Regs(fp), ins)),
                    Op::PortRecv => helper!(self.op_port_recv(Regs(fp), ins, base)),
                    Op::PortClose => helper!(self.op_port_close(Regs(fp), ins)),
                }
            }
        };
        self.executed += executed;
        result
    }
}

/// Zero slots `from..to` of the frame at `fp`.
///
/// Frames are small: a plain store loop beats a call to `memset`, which LLVM would
/// otherwise substitute for the loop (hence the volatile stores below 16 slots).
///
/// # Safety
/// `fp.add(to)` must be within the VM stack.
#[inline(always)]
pub(crate) unsafe fn zero_slots(fp: *mut u64, from: usize, to: usize) {
    if to.wrapping_sub(from) > 16 {
        // SAFETY: `from..to` is inside the stack (caller's guarantee).
        unsafe { std::ptr::write_bytes(fp.add(from), 0, to - from) };
        return;
    }
    let mut i = from;
    while i < to {
        // SAFETY: `i < to` and the caller guarantees `fp + to` is in the stack.
        unsafe { std::ptr::write_volatile(fp.add(i), 0) };
        i += 1;
    }
}

/// Copy `n` results from slots `a..a+n` down to `0..n` (forward: `a >= 0`, so a
/// forward copy is correct even when the ranges overlap).
///
/// # Safety
/// `fp.add(a + n)` must be within the VM stack.
#[inline(always)]
pub(crate) unsafe fn move_results(fp: *mut u64, a: usize, n: usize) {
    if a == 0 {
        return;
    }
    let mut i = 0;
    while i < n {
        // SAFETY: `i < n` and `a + n` is inside the frame (verified `Ret` operands).
        unsafe { std::ptr::write_volatile(fp.add(i), *fp.add(a + i)) };
        i += 1;
    }
}

/// Go's float64 -> int conversion on amd64: truncation; NaN and out-of-range values give
/// MinInt (what CVTTSD2SQ produces).
#[inline]
pub(crate) fn float_to_int(f: f64) -> i64 {
    // [-2^63, 2^63): both bounds are exact in f64.
    if (i64::MIN as f64..-(i64::MIN as f64)).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

/// Whether a type's values are aggregates (structs and arrays, stored as references to
/// their storage object).
#[inline]
pub(crate) fn is_aggregate(kind: &RKind) -> bool {
    matches!(kind, RKind::Struct(_) | RKind::Array(..))
}

#[cfg(test)]
pub(crate) mod asm;
#[cfg(test)]
mod conc_tests;
#[cfg(test)]
mod tests;
