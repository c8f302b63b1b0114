//! The runtime helpers every strategy calls, with the C ABI (see the contract in
//! `jit`). They are thin: each reaches the `Vm` through the context and runs the same
//! runtime code the interpreter runs, so a strategy inherits the interpreter's
//! semantics for everything it does not emit inline.
//!
//! Status convention: a helper returning `u32` returns 0 to continue native execution,
//! or a non-zero [`JitResult`] that the native function returns unchanged (the frame's
//! resume pc is already stored and `Vm::jit_pending` holds the reason).
//!
//! **Safety of the context.** Native code is entered only through `Vm::run_native`,
//! which stores the VM's address in the context and does not touch the VM until native
//! code returns; a helper therefore has the only live access to the VM while it runs.

use crate::bytecode::{Instr, Op};
use crate::heap;
use crate::interp::{Frame, Unwind, Vm, MODE_NORMAL};
use crate::jit::{machine_sp, JitContext, JitResult};
use crate::runtime::arith::{div_i, div_u, float_to_uint, rem_i, rem_u, shl_i, shr_i, shr_u, uint_to_float};
use crate::runtime::chans::{chan_cap, chan_len};
use crate::runtime::ifaces::iface_data;
use crate::runtime::maps::{map_len, op_map_iter_init};
use crate::runtime::slices::{array_get, array_set, slice_cap, slice_get, slice_len, slice_set};
use crate::runtime::strings::{op_decode_rune, str_eq, str_index, str_le, str_lt};
use crate::runtime::values::{box_get, box_set, get_field, set_field};
use crate::runtime::Regs;

/// The VM behind a context.
///
/// # Safety
/// `ctx` must be the context of a VM that is running native code (see the module doc).
#[inline(always)]
unsafe fn vm<'a>(ctx: *mut JitContext) -> &'a mut Vm {
    // SAFETY: forwarded to the caller: `run_native` set `vm` and does not use the VM
    // while native code (and so this helper) runs.
    unsafe { &mut *(*ctx).vm }
}

impl Vm {
    /// Record why native execution stops, and the result code to return.
    pub(crate) fn jit_stop(&mut self, u: Unwind) -> u32 {
        let r = match u {
            Unwind::Panic => JitResult::Panicked,
            Unwind::Block => JitResult::Blocked,
            _ => JitResult::Stopped,
        };
        self.jit_pending = Some(u);
        r as u32
    }

    /// The preemption budget ran out at a back edge whose resume pc is stored: reset
    /// the budget, then yield if another fiber is runnable (`Stopped`), else
    /// `FallBack` (continue at the stored pc). Shared by `jit_tick` and the invoker's
    /// handling of [`JitResult::Tick`].
    pub(crate) fn jit_tick_exit(&mut self) -> u32 {
        let quantum = self.sched.quantum as i64;
        if let Some(jit) = self.jit.as_mut() {
            jit.ctx.budget = quantum;
        }
        if self.sched.others_runnable() {
            return self.jit_stop(Unwind::Yield);
        }
        JitResult::FallBack as u32
    }

    /// Store `pc` as the running (top) frame's resume pc.
    #[inline]
    fn set_top_pc(&mut self, pc: u32) {
        if let Some(f) = self.frames.last_mut() {
            f.pc = pc;
        }
    }

    /// Execute instruction `pc` of the running frame out of line: the slow path of every
    /// operation a strategy does not emit inline (and the failing path of those it
    /// does: the checks are repeated here and raise the panic). `Ok(true)`: skip the
    /// next instruction (`MapNext` produced an entry).
    ///
    /// Every arm is a call of the function the interpreter's dispatch loop calls for the
    /// same op (an `op_*` helper, or an inline op's `runtime` function whose `Fault`
    /// is raised here): this path holds no semantics of its own.
    ///
    /// # Safety
    /// `fp` must be the running frame's slot 0 and `pc` a verified pc of its function.
    pub(crate) unsafe fn exec_op(&mut self, fp: *mut u64, pc: u32) -> Result<bool, Unwind> {
        let top = *self.frames.last().expect("a running frame");
        let info = self.funcs[top.func as usize];
        // SAFETY: `pc` is a verified pc; an `EXT` op's word follows it (verified).
        let ins = unsafe { *info.code.add(pc as usize) };
        // SAFETY: as above.
        let ext = (ins.width() == 2).then(|| unsafe { *info.code.add(pc as usize + 1) });
        // SAFETY: forwarded to the caller; `ins` and `ext` are the code at `pc`.
        unsafe { self.exec_decoded(fp, pc, ins, ext, info.slot_count) }
    }

    /// [`Vm::exec_op`] with the instruction at `pc` (and its `Ext` word) already in hand,
    /// and the function's slot count (where the call window starts): what the direct
    /// helpers run, with the op a constant the match folds away.
    ///
    /// # Safety
    /// As [`Vm::exec_op`]; `ins`/`ext` are the instruction at `pc` of the running
    /// frame's function and `slot_count` is that function's.
    #[inline(always)]
    pub(crate) unsafe fn exec_decoded(
        &mut self,
        fp: *mut u64,
        pc: u32,
        ins: Instr,
        ext: Option<Instr>,
        slot_count: u32,
    ) -> Result<bool, Unwind> {
        // The resume pc, as the interpreter's `save_pc!` stores it.
        self.set_top_pc(pc + ins.width() as u32);
        let top = *self.frames.last().expect("a running frame");
        let regs = Regs(fp);
        // SAFETY: (for the whole match) `fp` is the running frame, every register operand
        // was verified against the function's frame size, and the frame fits the stack;
        // heap references come from a type-correct program (see `interp::run_loop`);
        // constant, string and function indices were verified.
        unsafe {
            let r = |i: u16| *fp.add(i as usize);
            let set = |i: u16, v: u64| *fp.add(i as usize) = v;
            let window = Regs(fp.add(slot_count as usize));
            match ins.op {
                Op::LoadFunc => self.op_load_func(regs, ins)?,
                Op::LoadStr => set(ins.a, self.load_str(ins.b)),
                Op::DivI => set(ins.a, div_i(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::RemI => set(ins.a, rem_i(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::ShlI => set(ins.a, shl_i(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::ShrI => set(ins.a, shr_i(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                // The integer operations of the sized and unsigned types: the dispatch
                // loop's arithmetic, for strategies that do not emit them inline.
                Op::WrapI8 => set(ins.a, r(ins.b) as i8 as i64 as u64),
                Op::WrapI16 => set(ins.a, r(ins.b) as i16 as i64 as u64),
                Op::WrapU16 => set(ins.a, r(ins.b) & 0xffff),
                Op::WrapU32 => set(ins.a, r(ins.b) & 0xffff_ffff),
                Op::DivU => set(ins.a, div_u(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::RemU => set(ins.a, rem_u(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::ShrU => set(ins.a, shr_u(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::ShrUK => set(ins.a, r(ins.b) >> (ins.c & 63)),
                Op::CountU => set(ins.a, r(ins.b).min(64)),
                Op::LtU => set(ins.a, (r(ins.b) < r(ins.c)) as u64),
                Op::LeU => set(ins.a, (r(ins.b) <= r(ins.c)) as u64),
                Op::UintToFloat => set(ins.a, uint_to_float(r(ins.b)).to_bits()),
                Op::FloatToUint => set(ins.a, float_to_uint(f64::from_bits(r(ins.b)))),
                Op::EqIface => self.op_eq_iface(regs, ins)?,
                Op::EqAgg => self.op_eq_agg(regs, ins)?,
                Op::EqStr => set(ins.a, str_eq(r(ins.b), r(ins.c)) as u64),
                Op::LtStr => set(ins.a, str_lt(r(ins.b), r(ins.c)) as u64),
                Op::LeStr => set(ins.a, str_le(r(ins.b), r(ins.c)) as u64),
                Op::Concat => self.op_concat(regs, ins)?,
                Op::StrLen => set(ins.a, heap::str_len(r(ins.b)) as u64),
                Op::StrIndex => set(ins.a, str_index(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::SliceStr => self.op_slice_str(regs, ins)?,
                Op::StrDecodeRune => op_decode_rune(regs, ins),
                Op::StrFromBytes => self.op_str_from_bytes(regs, ins)?,
                Op::BytesFromStr => self.op_bytes_from_str(regs, ins)?,
                Op::StrFromRune => self.op_str_from_rune(regs, ins)?,
                Op::Itoa => self.op_itoa(regs, ins)?,
                Op::New => self.op_new(regs, ins)?,
                Op::MakeSlice => self.op_make_slice(regs, ins)?,
                Op::ArrayGet => set(ins.a, array_get(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::ArraySet | Op::ArraySetR => {
                    let barrier = ins.op == Op::ArraySetR;
                    array_set(&mut self.heap, r(ins.a), r(ins.b), r(ins.c), barrier).map_err(|f| self.raise(f))?
                }
                Op::SliceGet => set(ins.a, slice_get(r(ins.b), r(ins.c)).map_err(|f| self.raise(f))?),
                Op::SliceSet | Op::SliceSetR => {
                    let barrier = ins.op == Op::SliceSetR;
                    slice_set(&mut self.heap, r(ins.a), r(ins.b), r(ins.c), barrier).map_err(|f| self.raise(f))?
                }
                Op::SliceLen => set(ins.a, slice_len(r(ins.b))),
                Op::SliceCap => set(ins.a, slice_cap(r(ins.b))),
                Op::SliceSlice => self.op_slice_slice(regs, ins, ext.expect("EXT word"))?,
                Op::Append => self.op_append(regs, ins)?,
                Op::AppendSlice => self.op_append_slice(regs, ins)?,
                Op::AppendStr => self.op_append_str(regs, ins)?,
                Op::CopySlice => self.op_copy_slice(regs, ins),
                Op::CopyStr => self.op_copy_str(regs, ins),
                Op::GetField => set(ins.a, get_field(r(ins.b), ins.c as usize).map_err(|f| self.raise(f))?),
                Op::SetField | Op::SetFieldR => {
                    let barrier = ins.op == Op::SetFieldR;
                    set_field(&mut self.heap, r(ins.a), ins.b as usize, r(ins.c), barrier).map_err(|f| self.raise(f))?
                }
                Op::BoxGet => set(ins.a, box_get(r(ins.b)).map_err(|f| self.raise(f))?),
                Op::BoxSet | Op::BoxSetR => {
                    let barrier = ins.op == Op::BoxSetR;
                    box_set(&mut self.heap, r(ins.a), r(ins.b), barrier).map_err(|f| self.raise(f))?
                }
                Op::BoxNew => self.op_box_new(regs, ins)?,
                Op::Clone => self.op_clone(regs, ins)?,
                Op::CopyInto => self.op_copy_into(regs, ins)?,
                Op::MakeMap => self.op_make_map(regs, ins)?,
                Op::MapGet => self.op_map_get(regs, ins),
                Op::MapGet2 => self.op_map_get2(regs, ins),
                Op::MapSet => self.op_map_set(regs, ins)?,
                Op::MapDelete => self.op_map_delete(regs, ins),
                Op::MapLen => set(ins.a, map_len(r(ins.b))),
                Op::MapIterInit => op_map_iter_init(regs, ins),
                Op::MapNext => return Ok(self.op_map_next(regs, ins)),
                Op::ToIface => self.op_to_iface(regs, ins)?,
                Op::IfaceData => set(ins.a, iface_data(r(ins.b))),
                Op::IfaceIs => self.op_iface_is(regs, ins),
                Op::Assert => self.op_assert(regs, ins, ext.expect("EXT word"))?,
                Op::Assert2 => self.op_assert2(regs, ins),
                Op::CallNative | Op::CallNativeSpread => self.op_call_native(window, ins)?,
                Op::LoadCapture => set(ins.a, self.load_capture(ins.c)),
                Op::MakeClosure => self.op_make_closure(regs, ins)?,
                Op::DeferCall | Op::DeferClosure => self.op_defer(regs, window, ins)?,
                Op::Panic => return Err(self.op_panic(r(ins.a))),
                // Only their nil cases come here (a strategy makes the call itself). A
                // call's semantics is entering a frame, which the dispatch loop does
                // inline (`enter!`) and native code through `jit_push_frame`: there is
                // no runtime function to share. The nil case raises `panic_nil` as the
                // loop does.
                Op::CallClosure | Op::CallIface => return Err(self.panic_nil()),
                Op::Recover => set(ins.a, self.op_recover()),
                Op::Go | Op::GoClosure => self.op_go(regs, window, ins)?,
                Op::MakeChan => self.op_make_chan(regs, ins)?,
                Op::ChanLen => set(ins.a, chan_len(r(ins.b))),
                Op::ChanCap => set(ins.a, chan_cap(r(ins.b))),
                Op::ChanSend => self.op_chan_send(regs, ins, top.base as usize)?,
                Op::ChanRecv | Op::ChanRecv2 => self.op_chan_recv(regs, ins, top.base as usize)?,
                Op::ChanClose => self.op_chan_close(regs, ins)?,
                Op::Select => self.op_select(regs, ins, ext.expect("EXT word"), top.base as usize)?,
                Op::IslandGo => self.op_island_go(regs, ins)?,
                Op::PortNew => self.op_port_new(regs, ins)?,
                Op::PortSend => self.op_port_send(regs, ins)?,
                Op::PortRecv => self.op_port_recv(regs, ins, top.base as usize)?,
                Op::PortClose => self.op_port_close(regs, ins)?,
                other => {
                    return Err(self.internal_error(format!("{} has no out-of-line implementation", other.name())));
                }
            }
        }
        Ok(false)
    }
}

/// Execute instruction `pc` of the running frame out of line (see [`Vm::exec_op`]).
/// Returns 0 (continue), 1 (continue after skipping the next instruction: `MapNext`
/// produced an entry; never a result code, since result code 1 is never returned for
/// `MapNext`), or a stop result ≥ 1 for every other op.
///
/// # Safety
/// Called by native code of the running frame, with its `fp` and a verified `pc`.
pub unsafe extern "C" fn jit_op(ctx: *mut JitContext, fp: *mut u64, pc: u32) -> u32 {
    // SAFETY: forwarded to the caller (module doc).
    let vm = unsafe { vm(ctx) };
    // SAFETY: forwarded to the caller.
    match unsafe { vm.exec_op(fp, pc) } {
        Ok(false) => 0,
        Ok(true) => 1,
        Err(u) => vm.jit_stop(u),
    }
}

/// A call of a direct helper: the helper's address and the three words it takes after
/// `ctx` and `fp` (see [`direct_call`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirectCall {
    pub helper: usize,
    /// The instruction's operands: `a << 16 | b << 32 | c << 48`.
    pub operands: u64,
    /// Its `Ext` word's operands, the same way (0 without one).
    pub ext: u64,
    /// `pc | slot_count << 32`: the resume pc's base and where the call window starts.
    pub pc_slots: u64,
}

fn operand_bits(i: Instr) -> u64 {
    (i.a as u64) << 16 | (i.b as u64) << 32 | (i.c as u64) << 48
}

fn from_operand_bits(op: Op, bits: u64) -> Instr {
    Instr::new(op, (bits >> 16) as u16, (bits >> 32) as u16, (bits >> 48) as u16)
}

/// The direct helper for instruction `pc` of `f`, if its op has one: the out-of-line
/// path of the hot runtime operations without `jit_op`'s decode and dispatch. The code
/// generator passes the instruction itself (immediates), and the helper runs
/// [`Vm::exec_decoded`] with its op a constant, so the same runtime function runs as in
/// the interpreter and `jit_op` (one semantics), minus reading the code array, the
/// function table and the dispatch. Same result convention as [`jit_op`]. Every other
/// op goes through `jit_op`.
pub fn direct_call(f: &crate::bytecode::Function, pc: usize) -> Option<DirectCall> {
    let ins = f.code[pc];
    let helper = direct::address(ins.op)?;
    let ext = if ins.width() == 2 { operand_bits(f.code[pc + 1]) } else { 0 };
    Some(DirectCall { helper, operands: operand_bits(ins), ext, pc_slots: pc as u64 | (f.slot_count as u64) << 32 })
}

/// One `extern "C"` helper per op listed, and `address(op)`.
macro_rules! direct_helpers {
    ($($op:ident),* $(,)?) => {
        #[allow(non_snake_case)]
        mod direct {
            use super::*;

            /// The direct helper of `op`, if it has one.
            pub(super) fn address(op: Op) -> Option<usize> {
                match op {
                    $(Op::$op => Some($op as *const () as usize),)*
                    _ => None,
                }
            }

            $(
                /// The direct helper of this op (see [`direct_call`]).
                ///
                /// # Safety
                /// Called by native code of the running frame with the words
                /// [`direct_call`] gives for a verified instruction of its function.
                unsafe extern "C" fn $op(
                    ctx: *mut JitContext,
                    fp: *mut u64,
                    operands: u64,
                    ext: u64,
                    pc_slots: u64,
                ) -> u32 {
                    let ins = from_operand_bits(Op::$op, operands);
                    let ext = (ins.width() == 2).then(|| from_operand_bits(Op::Ext, ext));
                    // SAFETY: forwarded to the caller (module doc).
                    let vm = unsafe { vm(ctx) };
                    // SAFETY: forwarded to the caller: `ins` and `ext` are the code at
                    // the pc, of the running frame's function with that slot count.
                    match unsafe { vm.exec_decoded(fp, pc_slots as u32, ins, ext, (pc_slots >> 32) as u32) } {
                        Ok(false) => 0,
                        Ok(true) => 1,
                        Err(u) => vm.jit_stop(u),
                    }
                }
            )*
        }
    };
}

// The hot operations no strategy emits inline (maps, strings, slices, interfaces,
// channels, natives, allocation that is not inline).
direct_helpers!(
    MapGet,
    MapGet2,
    MapSet,
    MapDelete,
    MapNext,
    MakeMap,
    Concat,
    EqStr,
    LtStr,
    LeStr,
    SliceStr,
    StrDecodeRune,
    StrFromBytes,
    BytesFromStr,
    StrFromRune,
    Itoa,
    Append,
    AppendSlice,
    AppendStr,
    MakeSlice,
    CopySlice,
    ToIface,
    IfaceIs,
    Assert,
    Assert2,
    EqIface,
    EqAgg,
    Clone,
    CopyInto,
    New,
    BoxNew,
    MakeClosure,
    DeferCall,
    DeferClosure,
    ChanSend,
    ChanRecv,
    ChanRecv2,
    Select,
    CallNative,
    CallNativeSpread,
);

/// A native call of function `callee` (running closure `closure`) by the running
/// frame, whose `Call` is at `call_pc`: push the callee's control record and return its
/// native entry. Null: the call does not happen natively: a fall-back (the caller's
/// resume pc is the call: the interpreter makes it) or a stop (stack overflow, a
/// yield: `jit_pending` says).
///
/// # Safety
/// Called by native code of the running frame; `callee` is a verified function id
/// whose arguments are in the caller's window.
pub unsafe extern "C" fn jit_push_frame(ctx: *mut JitContext, callee: u32, closure: u64, call_pc: u32) -> *const u8 {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    let entry = vm.jit_call_entry(callee);
    let jit = vm.jit.as_mut().expect("native code runs with a JIT");
    jit.slow_calls += 1;
    if entry.is_null() || machine_sp() as u64 <= jit.ctx.native_stack_limit {
        vm.set_top_pc(call_pc);
        vm.jit_pending = None;
        return std::ptr::null();
    }
    let top = *vm.frames.last().expect("a running frame");
    let info = vm.funcs[callee as usize];
    let base = top.base as usize + vm.funcs[top.func as usize].slot_count as usize;
    if base + info.frame_size as usize > vm.stack.len() || vm.frames.len() >= vm.max_frames {
        vm.set_top_pc(call_pc + 1);
        let u = vm.stack_overflow();
        vm.jit_stop(u);
        return std::ptr::null();
    }
    vm.set_top_pc(call_pc + 1);
    // SAFETY: the callee's frame fits the stack (checked above).
    unsafe { crate::interp::zero_slots(vm.stack.ptr().add(base), info.param_count as usize, info.slot_count as usize) };
    vm.frames.push(Frame { closure, func: callee, base: base as u32, pc: 0, panic_index: 0, mode: MODE_NORMAL });
    let jit = vm.jit.as_mut().expect("native code runs with a JIT");
    // A call is a preemption tick (as in the interpreter, charged in the callee).
    jit.ctx.budget -= 1;
    if jit.ctx.budget <= 0 {
        jit.ctx.budget = vm.sched.quantum as i64;
        if vm.sched.others_runnable() {
            vm.jit_stop(Unwind::Yield);
            return std::ptr::null();
        }
    }
    entry
}

/// A native callee returned normally: pop its control record.
///
/// # Safety
/// Called by native code right after its callee returned `Returned`.
pub unsafe extern "C" fn jit_pop_frame(ctx: *mut JitContext) {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    vm.frames.pop();
}

/// The preemption budget ran out at a back edge whose target is `resume_pc`: yield if
/// another goroutine (or the island's world) wants to run.
///
/// # Safety
/// Called by native code of the running frame.
pub unsafe extern "C" fn jit_tick(ctx: *mut JitContext, resume_pc: u32) -> u32 {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    vm.set_top_pc(resume_pc);
    match vm.jit_tick_exit() {
        r if r == JitResult::FallBack as u32 => 0,
        r => r,
    }
}

/// A tiered pair: first-tier code of `func` counted down to zero (on entry, or at a back
/// edge when `at_loop` is non-zero): recompile it with the second tier (once) and
/// return the new entry, or null. At a back edge the caller enters the returned code
/// at the loop header on its own frame (OSR); on entry it continues in its own code.
///
/// # Safety
/// Called by native code of the running frame.
pub unsafe extern "C" fn jit_tier_up(ctx: *mut JitContext, func: u32, at_loop: u32) -> *const u8 {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    vm.jit_tier_up(func, at_loop != 0)
}

/// Leave native code for the interpreter at `pc` of the running frame.
///
/// # Safety
/// Called by native code of the running frame.
pub unsafe extern "C" fn jit_fallback(ctx: *mut JitContext, pc: u32) -> u32 {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    vm.set_top_pc(pc);
    vm.jit_pending = None;
    JitResult::FallBack as u32
}

/// `CallIface` at `pc`: the method's function id, with the receiver's payload written
/// to the first window slot; `u64::MAX` on a nil interface (the panic is pending).
///
/// # Safety
/// Called by native code of the running frame with its `fp` and a verified `pc`.
pub unsafe extern "C" fn jit_iface_target(ctx: *mut JitContext, fp: *mut u64, pc: u32) -> u64 {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    let top = *vm.frames.last().expect("a running frame");
    let info = vm.funcs[top.func as usize];
    // SAFETY: a verified pc and register operand; the window is inside the frame.
    unsafe {
        let ins: Instr = *info.code.add(pc as usize);
        let iface = *fp.add(ins.b as usize);
        if iface == 0 {
            vm.set_top_pc(pc + 1);
            let u = vm.panic_nil();
            vm.jit_stop(u);
            return u64::MAX;
        }
        let ty = heap::load(iface, heap::layout::IFACE_TYPE) as u32;
        let payload = heap::load(iface, heap::layout::IFACE_DATA);
        match vm.methods.lookup(ty, ins.a as u32) {
            Some(fid) => {
                *fp.add(info.slot_count as usize) = payload;
                fid.0 as u64
            }
            None => {
                vm.set_top_pc(pc + 1);
                let u = vm.internal_error("interface method not found".into());
                vm.jit_stop(u);
                u64::MAX
            }
        }
    }
}

/// The write barrier's slow path: old object `obj` now holds a young reference: put it
/// in the remembered set (once). Never allocates.
///
/// # Safety
/// Called by native code; `obj` is a live object outside the nursery.
pub unsafe extern "C" fn jit_remember(ctx: *mut JitContext, obj: u64) {
    // SAFETY: forwarded to the caller.
    let vm = unsafe { vm(ctx) };
    // SAFETY: forwarded to the caller.
    unsafe { vm.heap.remember(obj) };
}

/// The helper at `addr`, by name: code views name the absolute addresses native code
/// calls (`mov rax, 0x55...; call rax`).
pub fn helper_name(addr: u64) -> Option<&'static str> {
    let helpers: [(usize, &str); 8] = [
        (jit_op as *const () as usize, "jit_op"),
        (jit_push_frame as *const () as usize, "jit_push_frame"),
        (jit_pop_frame as *const () as usize, "jit_pop_frame"),
        (jit_tick as *const () as usize, "jit_tick"),
        (jit_tier_up as *const () as usize, "jit_tier_up"),
        (jit_fallback as *const () as usize, "jit_fallback"),
        (jit_iface_target as *const () as usize, "jit_iface_target"),
        (jit_remember as *const () as usize, "jit_remember"),
    ];
    helpers.iter().find(|(a, _)| *a as u64 == addr).map(|(_, n)| *n)
}
