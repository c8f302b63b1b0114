//! Tiered pairs: not a code generator of their own but a policy over two registered
//! ones (see `registry::register_tiered`; `tiered` is template then cranelift-regmap,
//! and `--tiers A,B` makes any pair `A+B` whose first tier offers what the second
//! needs). Functions start in the interpreter, are compiled by the first tier when the
//! interpreter's counters say they are hot (the usual thresholds), and are recompiled
//! by the second when counters kept by their first-tier code cross a second pair of
//! thresholds. This module owns that second step: the counters, the recompilation, the
//! switch of running loops to the new code (OSR) and the retirement of the code it
//! replaces. It names no implementation: what a tier must do is in its capabilities.
//!
//! # Which functions
//!
//! Not every hot function gains from an optimizing second tier. Cranelift's code wins
//! by keeping values in registers; it loses at calls, where its call sequence costs
//! more than the single-pass tiers' (on spectralnorm, a cranelift-regmap loop calling a
//! template leaf runs about 160 instructions per iteration where all-template runs 140
//! and all-regmap 103: callgrind, `harness run`). So by default ([`promotable`]) the
//! candidates are the functions where a call is rare:
//! - a function with a *register loop*: a loop whose body holds no safepoint (no call,
//!   no allocation), so the loop runs in registers;
//! - a *leaf*: a loop-free function with no safepoint, whose whole body runs in
//!   registers and which makes no call of its own.
//!
//! `JitOptions::tier2_all` makes every function a candidate (the tests' setting). The
//! counters of a function that is not a candidate are parked (they never reach zero).
//!
//! # Counters in first-tier code
//!
//! Each function has a [`TierCounters`] record (a table allocated once per VM, never
//! reallocated; its address reaches the first tier's code generator through
//! [`CompileEnv::tier_counters`](super::CompileEnv)). A first tier
//! ([`Capabilities::TIER_COUNTDOWNS`]) decrements `calls` on entry at pc 0 and `loops`
//! at every back edge; when one reaches zero its code calls
//! [`helpers::jit_tier_up`](super::helpers::jit_tier_up), which compiles the function
//! with the second tier. Counting down to zero makes the check one `sub` and one
//! never-taken branch.
//!
//! # Replacing code safely
//!
//! - **New calls** read the entry from the code table (interpreter, Cranelift) or the
//!   call table (template, dynasm) at every call, so they reach the new code as soon
//!   as it is installed. The call table names the new code through an adapter the
//!   first tier makes ([`Strategy::call_adapter`]: a call entry that calls the native
//!   entry).
//! - **Running frames** stay in the code they run: a first-tier activation whose
//!   callee tiered up simply returns into its own (old) code. At its next back edge the
//!   old code asks again (its `loops` counter is left at zero, so every back edge of
//!   old code asks) and enters the new code at the loop header (OSR): it calls the new
//!   code on the same VM frame with the loop header as the entry pc, and returns what
//!   it returns. Only the loop header is an OSR point: every strategy can be entered
//!   there with all state in the VM frame.
//! - **Old code is freed** ([`Strategy::release`]) when no frame can return into it.
//!   Native frames live only on the machine stack (interpreted frames resume in the
//!   interpreter, never in native code, and a native frame never survives a fiber
//!   switch), so once the outermost native segment of the VM has returned
//!   (`Vm::run_native_code`) no frame can return into any native code: retired code is
//!   released then.
//!
//! # Stack maps across tiers
//!
//! A second tier with [`Capabilities::STACK_MAPS`] (cranelift-regmap) keeps references
//! in spill slots found through stack maps, walked from the SP and FP stored before
//! each helper call along the frame-pointer chain. A first-tier frame in that chain
//! must not break the walk, so such a pair needs a first tier with
//! [`Capabilities::FRAME_ANCHORS`]: its native entry keeps a frame pointer, a frame
//! entered through a call entry (or an adapter) never writes `rbp` and holds no
//! references, so the walk steps over it to the nearest frame with a frame pointer; its
//! code stores SP and FP before every helper call
//! ([`CompileEnv::anchor_frames`](super::CompileEnv::anchor_frames)), and the walk
//! treats code of both tiers as native (`Tiering::contains`).
//!
//! **Invariant:** code on the retired list is never entered again (neither table
//! names it any longer and no frame runs in it after the outermost native segment ends).

use super::blocks;
use super::{Capabilities, Jit, JitOptions, Strategy};
use crate::bytecode::{FuncId, Function, Instr, Op, OpFlags, Program};

/// The second-tier countdowns of one function, read and written by first-tier code
/// (`repr(C)`: the layout is part of the contract with every first tier's code
/// generator, [`Capabilities::TIER_COUNTDOWNS`]).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct TierCounters {
    /// Calls left (entries at pc 0 of first-tier code) before the second tier.
    pub calls: i64,
    /// Back edges left (taken in first-tier code) before the second tier.
    pub loops: i64,
}

impl TierCounters {
    pub const OFFSET_CALLS: i32 = 0;
    pub const OFFSET_LOOPS: i32 = 8;
    /// A countdown that never reaches zero in practice (a parked counter).
    pub const PARKED: i64 = i64::MAX;
}

const _: () = {
    assert!(std::mem::offset_of!(TierCounters, calls) == TierCounters::OFFSET_CALLS as usize);
    assert!(std::mem::offset_of!(TierCounters, loops) == TierCounters::OFFSET_LOOPS as usize);
};

/// Default second-tier thresholds (see `JitOptions::tier2_call_threshold`): calls and
/// back edges counted in first-tier code before a candidate ([`promotable`]) is
/// recompiled by the second tier. Tuned for `tiered`: a `cranelift-regmap` compilation
/// costs about 40 times a template one per instruction, so a loop must run a while to
/// pay it back, and a leaf (a call each time it runs) longer. Measured (suite total
/// time, tiered over template in the same run; README, "tiered"): at the default size
/// 1000000:100000 0.92, 100000:100000 0.96, 1000000:10000000 0.99; at `--size quick`
/// every setting from 100000:100000 to 1000000:10000000 was within 5% (the noise).
/// Re-swept with issue 21's faster second tier: default size 0.90-0.92 for every
/// setting from 10000:1000 to 1000000:100000; quick 0.97 for 1000000:100000, 1.06-1.09
/// for the lower ones. The defaults stand.
pub const DEFAULT_TIER2_CALLS: u32 = 1_000_000;
pub const DEFAULT_TIER2_LOOPS: u32 = 100_000;

/// What a VM running a tiered pair keeps besides its first-tier JIT.
pub(crate) struct Tiering {
    /// The second tier's code generator (`cranelift-regmap` in `tiered`).
    pub optimizer: Box<dyn Strategy>,
    /// The second tier keeps references in native frames: first-tier code stores SP
    /// and FP before helper calls (`CompileEnv::anchor_frames`).
    pub anchor_frames: bool,
    /// Per function (never reallocated: first-tier code holds addresses into it).
    pub counters: Box<[TierCounters]>,
    /// Per function: the second tier was tried (successfully or not).
    pub tried: Vec<bool>,
    /// Per function: the second tier's code, or null.
    pub optimized: Vec<*const u8>,
    /// Replaced first-tier code waiting for no frame to be able to return into it.
    pub retired: Vec<*const u8>,
    /// Tier-ups that switched a running loop to the new code (OSR at a loop header).
    pub osr_entries: u64,
    /// Every function is a second-tier candidate (`JitOptions::tier2_all`), not only
    /// [`promotable`] ones.
    pub all: bool,
}

impl Tiering {
    pub(crate) fn new(options: &JitOptions, second: &str, funcs: usize) -> Result<Tiering, String> {
        let optimizer = super::registry::make_generator(second)?;
        let needs_anchors =
            super::registry::strategy(second).is_some_and(|s| s.capabilities.contains(Capabilities::STACK_MAPS));
        let fresh = TierCounters {
            calls: countdown(options.tier2_call_threshold),
            loops: countdown(options.tier2_loop_threshold),
        };
        Ok(Tiering {
            optimizer,
            anchor_frames: needs_anchors,
            counters: vec![fresh; funcs].into_boxed_slice(),
            tried: vec![false; funcs],
            optimized: vec![std::ptr::null(); funcs],
            retired: Vec::new(),
            osr_entries: 0,
            all: options.tier2_all,
        })
    }

    /// Whether `ra` is in code of either tier's generator (`first` is the first tier's).
    pub(crate) fn contains(&self, first: &dyn Strategy, ra: usize) -> bool {
        first.contains(ra) || self.optimizer.contains(ra)
    }
}

/// A threshold as a countdown (at least 1: the first count reaches it).
fn countdown(threshold: u32) -> i64 {
    threshold.max(1) as i64
}

impl crate::interp::Vm {
    /// First-tier code of `func` crossed a second-tier threshold (at a loop header when
    /// `at_loop`): its second-tier entry (compiled now, once), or null when the
    /// second tier failed. The caller (old code) enters the returned code at the loop
    /// header, or continues and lets the next call take it.
    pub(crate) fn jit_tier_up(&mut self, func: u32, at_loop: bool) -> *const u8 {
        let mut env = self.compile_env();
        let program = self.program.clone();
        let Some(jit) = self.jit.as_mut() else { return std::ptr::null() };
        env.native_counter = jit.native_counter(func);
        let Jit { tiering: Some(t), stats, code, calls, strategy, code_log, .. } = &mut **jit else {
            return std::ptr::null();
        };
        let f = func as usize;
        if !t.tried[f] {
            t.tried[f] = true;
            let (mut result, compile_ns) = super::measured_compile(&mut *t.optimizer, &program, FuncId(func), &env);
            let old = code[f];
            let event = stats.record(&program, func, compile_ns, t.optimizer.name(), 2, &result);
            debug_assert!(event.error.is_some() || !old.is_null());
            if let Ok(c) = &mut result {
                code_log.compiled(&program, func, t.optimizer.name(), 2, compile_ns, c);
                t.optimized[f] = c.entry as *const u8;
                code[f] = c.entry as *const u8;
                // First-tier callers reach the new code through a call entry: its own,
                // or the first tier's adapter to its native entry.
                calls[f] = if c.call_entry.is_null() { strategy.call_adapter(c.entry) } else { c.call_entry };
                if !old.is_null() {
                    t.retired.push(old);
                }
            }
        }
        let entry = t.optimized[f];
        let counters = &mut t.counters[f];
        if entry.is_null() {
            // The second tier failed: the first-tier code stays, and stops asking.
            *counters = TierCounters { calls: TierCounters::PARKED, loops: TierCounters::PARKED };
        } else {
            // New calls go through the code table; old code still running loops asks
            // at each back edge and moves over (see the module doc).
            *counters = TierCounters { calls: TierCounters::PARKED, loops: 0 };
            if at_loop {
                t.osr_entries += 1;
            }
        }
        entry
    }

    /// Release retired first-tier code. Only when no native frame is on the machine
    /// stack (the outermost native segment has returned).
    pub(crate) fn release_retired(&mut self) {
        let Some(jit) = self.jit.as_mut() else { return };
        let Jit { tiering: Some(t), strategy, stats, code_log, .. } = &mut **jit else { return };
        if code_log.perf.is_some() {
            // The perf map names this code: keep it mapped, so no later code reuses its
            // addresses and the map's lines never overlap.
            t.retired.clear();
            return;
        }
        for entry in t.retired.drain(..) {
            stats.code_bytes_freed += strategy.release(entry) as u64;
        }
    }
}

/// For `CompileEnv`: this function's counters when compiling the first tier of a
/// tiered VM, else null. A function that is not a second-tier candidate gets parked
/// counters: its first-tier code still counts (and still stores SP and FP for the
/// stack-map walk when the pair needs it) but never reaches zero.
pub(crate) fn counters_for(jit: &mut Jit, program: &Program, func: u32) -> *mut TierCounters {
    match &mut jit.tiering {
        Some(t) => {
            if !t.all && !promotable(program, &program.funcs[func as usize]) {
                t.counters[func as usize] = TierCounters { calls: TierCounters::PARKED, loops: TierCounters::PARKED };
            }
            &mut t.counters[func as usize]
        }
        None => std::ptr::null_mut(),
    }
}

/// Whether `f` (a function of `p`) is a second-tier candidate under the default policy
/// (see the module doc): it has a *register loop*, a loop whose body (header to back
/// edge, in code order) holds no safepoint, or it is a *leaf*, a loop-free function with
/// no safepoint at all. A safepoint is a call or an allocation (`OpFlags::CALL`,
/// `OpFlags::ALLOC`), except a direct call of a function the second tier inlines
/// ([`super::inline::inlinable`]).
pub fn promotable(p: &Program, f: &Function) -> bool {
    let code = &f.code;
    let inlined = |ins: &Instr| ins.op == Op::Call && p.funcs.get(ins.a as usize).is_some_and(super::inline::inlinable);
    let safepoint = |ins: &Instr| {
        !inlined(ins) && (ins.op.flags().contains(OpFlags::CALL) || ins.op.flags().contains(OpFlags::ALLOC))
    };
    let mut looped = false;
    let mut pc = 0;
    while pc < code.len() {
        let ins = code[pc];
        if let Some(header) = blocks::jump_target(pc, ins).filter(|&t| t <= pc) {
            if !code[header..=pc].iter().any(safepoint) {
                return true;
            }
            looped = true;
        }
        pc += blocks::width(ins);
    }
    !looped && !code.iter().any(safepoint)
}
