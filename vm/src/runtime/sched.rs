//! Goroutines as fibers, and their scheduler.
//!
//! # Fibers
//!
//! A goroutine is a *fiber*: its own VM stack (allocated once, never moved: the
//! stack-stability invariant holds per fiber), its own control stack, defer records,
//! panic chain and re-entrant-call nest (`FiberState`). The running fiber's state
//! lives in the `Vm`'s own fields (`stack`, `frames`, `defers`, ...), so every helper
//! written before goroutines existed works unchanged on whichever fiber runs; a switch
//! swaps those fields with the saved state of the next fiber (`Vm::exchange`: a few
//! pointer swaps, no copying of frames). Parked fibers keep their state in
//! `Sched::fibers`.
//!
//! The main goroutine is fiber 0 (goroutine 1) and runs on the VM's big stack
//! (`VmOptions::stack_slots`); goroutines get stacks of `VmOptions::goroutine_stack_slots`
//! carved out of zeroed arenas (lazily committed by the OS; a finished goroutine's slot,
//! stack included, is reused by the next `go`). A goroutine's bottom frame has mode
//! `MODE_GOROUTINE`: its `Ret` ends the fiber. Goroutine ids are numbered as Go 1.19
//! numbers them in a program that starts no runtime goroutines of its own: main is 1,
//! the first `go` gets 5.
//!
//! # Scheduling
//!
//! Cooperative, round robin over one run queue (`Sched::run_queue`). A fiber runs
//! until it blocks (a channel operation or select that cannot complete: the helper
//! returns `Unwind::Block` and the dispatch loop calls `Vm::park_current`), finishes,
//! or exhausts its instruction budget: the dispatch loop counts down a register-held
//! budget of `VmOptions::preempt_quantum` ticks, one per back edge (a taken negative
//! jump, `IncJmp*` included) and one per call, and when it reaches zero and another
//! fiber is runnable it yields (`Unwind::Yield`): the fiber goes to the back of the
//! queue. Woken fibers go to the back of the queue too. There is one OS thread: the
//! scheduler runs inside the dispatch loop that happens to be running (the
//! `Vm::call` of the harness or of `run_main`), so "run the scheduler until this call
//! returns" is simply what the loop does.
//!
//! **Program end.** When the main goroutine's entry frame returns, the loop leaves and
//! the call returns: other goroutines are abandoned (they stay parked or runnable and
//! continue when the next `Vm::call` blocks or yields, as they would in a Go program
//! calling `run` repeatedly). An unrecovered panic in any goroutine ends the program
//! (`Unwind::Exit` with Go's `panic: ...` text, `goroutine N [running]:` trace and
//! `created by` line). When no fiber is runnable the run ends with Go's
//! `fatal error: all goroutines are asleep - deadlock!` and a trace of every
//! goroutine with its wait reason; an island (`runtime::islands`) instead sleeps until
//! a port wakes one of its fibers, and the deadlock is declared world-wide.
//!
//! **Re-entrant calls.** A dispatch loop started from Rust (fmt calling a `String`
//! method) has a *depth* (`Sched::loop_depth`); each fiber records, in its `nest`,
//! the depth and boundary frame of every loop it started. Any fiber may run inside
//! any loop, but a fiber may only *leave* a loop it started: a fiber whose entry frame
//! returns, or whose panic escapes its boundary, while a deeper loop is running waits
//! (`Wait::Loop`, the `Ret` is re-executed when it resumes) until the scheduler runs
//! in its own loop again. If nothing else is runnable meanwhile, the run ends as a
//! deadlock (a limitation: real Go would let the waiting goroutine go on).
//!
//! # The blocking contract
//!
//! See "Blocking" in `bytecode`: a `BLOCK` operation that cannot complete *registers*
//! the running fiber in the channel wait queues, records where its results go
//! (`Wait`: absolute slot indices in its own stack), and returns `Unwind::Block`.
//! The caller (the dispatch loop; a JIT's helper trampoline) has already stored the
//! frame's resume pc (the instruction after the blocking one and its `Ext` word) and
//! now calls `Vm::park_current`, which switches to another fiber. The fiber that
//! completes the operation writes the results straight into the parked frame's slots
//! (frames never move, and slots are roots, so no barrier), and makes the fiber
//! runnable; when it is resumed execution continues at the resume pc with the
//! operation complete. A sender woken by `close` resumes by raising `send on closed
//! channel` at that point.

use crate::bytecode::{Instr, Op};
use crate::heap;
use crate::interp::{DeferRecord, Frame, PanicRecord, StackMemory, Unwind, Vm, VmError, VmOptions, MODE_GOROUTINE};
use crate::runtime::Regs;
use std::collections::VecDeque;
use std::fmt::Write as _;

/// A waiter's `case` for a plain send or receive (not a select).
pub(crate) const NO_CASE: u32 = u32::MAX;

/// Go's deadlock message (its first line).
pub(crate) const DEADLOCK_TEXT: &str = "fatal error: all goroutines are asleep - deadlock!\n";

/// Goroutine id of the first `go` (Go 1.19 starts runtime goroutines 2 to 4 first).
const FIRST_GOROUTINE_ID: u64 = 5;

/// Bytes of goroutine stack per arena allocation.
const ARENA_BYTES: usize = 64 << 20;

/// One re-entrant dispatch loop started by a fiber: its depth and boundary frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Nest {
    pub depth: u32,
    pub boundary: u32,
}

/// Everything of a fiber that the VM holds in its own fields while the fiber runs.
pub(crate) struct FiberState {
    pub stack: StackMemory,
    pub max_frames: usize,
    pub frames: crate::interp::ControlStack,
    pub defers: Vec<DeferRecord>,
    pub defer_args: Vec<u64>,
    pub panics: Vec<PanicRecord>,
    pub panic_trace: String,
    pub nest: Vec<Nest>,
}

impl FiberState {
    /// The state of a fiber that has none (the running fiber's slot; a free slot's
    /// stack is kept for reuse).
    pub(crate) fn empty(stack: StackMemory, max_frames: usize) -> FiberState {
        FiberState {
            stack,
            max_frames,
            frames: crate::interp::ControlStack::new(max_frames),
            defers: Vec::new(),
            defer_args: Vec::new(),
            panics: Vec::new(),
            panic_trace: String::new(),
            nest: Vec::new(),
        }
    }
}

/// What a parked fiber waits for, and where the completing fiber writes its results.
/// Slots are absolute indices into the parked fiber's own stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wait {
    None,
    /// `ChanRecv`/`ChanRecv2`: the value goes to `slot`, and when `ok` the comma-ok
    /// bool to `slot + 1`.
    Recv {
        slot: u32,
        ok: bool,
    },
    /// `ChanSend` of the value in `slot` (the receiver reads it from there).
    Send {
        slot: u32,
    },
    /// `Select` with its operands; the frame starts at `base`. The completing fiber
    /// writes the case index to `base + a`, and for a receive the value to
    /// `base + b + 2 case + 1` and the comma-ok bool to `base + a + 1`.
    Select {
        base: u32,
        a: u16,
        b: u16,
        count: u16,
        send_mask: u32,
    },
    /// `PortRecv` on port index `port`: the value goes to `slot`, the bool to `slot + 1`
    /// (written when the fiber resumes, from its `delivery`).
    PortRecv {
        port: u32,
        slot: u32,
    },
    /// `PortSend` that holds ticket `ticket` of port index `port`.
    PortSend {
        port: u32,
        ticket: u64,
    },
    /// Blocked for good (a nil channel, `select {}`); the text is the trace's reason.
    Forever(&'static str),
    /// Waiting to leave dispatch loop `depth` (see "Re-entrant calls"): re-execute the
    /// entry frame's `Ret`, or leave with the panic.
    Loop {
        depth: u32,
        panicked: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// The slot is unused (its stack is kept for the next goroutine).
    Free,
    Running,
    Runnable,
    Blocked,
    /// Its re-entrant call was abandoned when the outermost call returned (see
    /// "Re-entrant calls"): it never runs again.
    Abandoned,
}

/// A goroutine.
pub(crate) struct Fiber {
    pub goid: u64,
    pub status: Status,
    pub wait: Wait,
    /// Raised when the fiber resumes (a sender woken by `close`).
    pub resume_panic: Option<&'static str>,
    /// A port message (or the closed port's nil, false) to write when it resumes.
    pub delivery: Option<crate::runtime::islands::Delivery>,
    /// The function and pc of the `go` statement that started it.
    pub created_by: Option<(u32, u32)>,
    /// Saved state while not running.
    pub st: FiberState,
}

/// A parked fiber in a channel's wait queue (`case`: its select case, or `NO_CASE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Waiter {
    pub fiber: u32,
    pub case: u32,
}

/// The wait queues of one channel (FIFO), found through the channel's `CHAN_WAITQ`
/// word. Only allocated while someone waits; `chan_id` validates the link.
#[derive(Default)]
pub(crate) struct WaitQueues {
    pub chan_id: u64,
    pub recv: VecDeque<Waiter>,
    pub send: VecDeque<Waiter>,
}

/// Goroutine statistics (`Vm::fiber_stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FiberStats {
    /// Goroutines started by `go`.
    pub goroutines_created: u64,
    /// Most goroutines alive at once, main included.
    pub max_live: u64,
    /// Goroutines alive now, main included.
    pub live: u64,
    /// Switches from one fiber to another.
    pub switches: u64,
    /// Switches because a fiber used up its budget.
    pub preemptions: u64,
}

/// Goroutine stacks: carved out of large zeroed arenas, never moved or freed while the
/// VM lives (a finished goroutine's stack stays with its fiber slot for reuse).
struct StackArenas {
    arenas: Vec<StackMemory>,
    /// Stacks carved from the last arena.
    used: usize,
    per_arena: usize,
    slots: usize,
}

impl StackArenas {
    fn new(slots: usize) -> StackArenas {
        StackArenas { arenas: Vec::new(), used: 0, per_arena: (ARENA_BYTES / (slots * 8)).max(1), slots }
    }

    fn take(&mut self) -> Option<StackMemory> {
        if self.arenas.is_empty() || self.used == self.per_arena {
            self.arenas.push(StackMemory::try_new(self.per_arena * self.slots)?);
            self.used = 0;
        }
        let arena = self.arenas.last().expect("an arena");
        // SAFETY: stack `used` of the arena lies inside it (`used < per_arena`).
        let ptr = unsafe { arena.ptr().add(self.used * self.slots) };
        self.used += 1;
        // SAFETY: the range is inside an arena the VM keeps until it is dropped, and
        // is handed out once.
        Some(unsafe { StackMemory::borrowed(ptr, self.slots) })
    }
}

/// The scheduler's state (one per VM).
pub(crate) struct Sched {
    pub fibers: Vec<Fiber>,
    free: Vec<u32>,
    /// The running fiber.
    pub cur: u32,
    pub run_queue: VecDeque<u32>,
    pub waitqs: Vec<WaitQueues>,
    pub free_waitqs: Vec<u32>,
    pub next_chan_id: u64,
    next_goid: u64,
    /// Dispatch loops active on the Rust stack.
    pub loop_depth: u32,
    /// Fibers in the run queue waiting for a loop depth (`Wait::Loop`).
    loop_waiters: usize,
    rng: crate::rng::SplitMix64,
    /// The preemption budget, in ticks (back edges and calls).
    pub quantum: u32,
    /// This VM is an island of a world (`runtime::islands`): preemption points and an
    /// empty run queue consult the world.
    pub islands_active: bool,
    stacks: StackArenas,
    goroutine_max_frames: usize,
    pub stats: FiberStats,
}

impl Sched {
    pub(crate) fn new(options: &VmOptions) -> Sched {
        let slots = options.goroutine_stack_slots.max(64);
        let main = Fiber {
            goid: 1,
            status: Status::Running,
            wait: Wait::None,
            resume_panic: None,
            delivery: None,
            created_by: None,
            st: FiberState::empty(StackMemory::empty(), 0),
        };
        Sched {
            fibers: vec![main],
            free: Vec::new(),
            cur: 0,
            run_queue: VecDeque::new(),
            waitqs: Vec::new(),
            free_waitqs: Vec::new(),
            next_chan_id: 0,
            next_goid: FIRST_GOROUTINE_ID,
            loop_depth: 0,
            loop_waiters: 0,
            rng: crate::rng::SplitMix64::new(options.seed),
            quantum: options.preempt_quantum.max(1),
            islands_active: false,
            stacks: StackArenas::new(slots),
            goroutine_max_frames: (slots / 4).max(16),
            stats: FiberStats { live: 1, max_live: 1, ..Default::default() },
        }
    }

    /// The next pseudo-random number (splitmix64: seedable, reproducible).
    pub(crate) fn next_random(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// A pseudo-random number in `0..n` (n > 0).
    pub(crate) fn random_below(&mut self, n: usize) -> usize {
        ((self.next_random() as u128 * n as u128) >> 64) as usize
    }

    /// Whether another fiber could run now (the preemption test; an island also stops
    /// to look at its world).
    #[inline(always)]
    pub(crate) fn others_runnable(&self) -> bool {
        !self.run_queue.is_empty() || self.islands_active
    }
}

impl Vm {
    // ------------------------------------------------------------ fiber state

    /// Swap the VM's running-fiber fields with fiber `id`'s saved state.
    fn exchange(&mut self, id: u32) {
        let st = &mut self.sched.fibers[id as usize].st;
        std::mem::swap(&mut self.stack, &mut st.stack);
        std::mem::swap(&mut self.max_frames, &mut st.max_frames);
        std::mem::swap(&mut self.frames, &mut st.frames);
        std::mem::swap(&mut self.defers, &mut st.defers);
        std::mem::swap(&mut self.defer_args, &mut st.defer_args);
        std::mem::swap(&mut self.panics, &mut st.panics);
        std::mem::swap(&mut self.panic_trace, &mut st.panic_trace);
        std::mem::swap(&mut self.nest, &mut st.nest);
    }

    /// Make fiber `id` the running one (saving the current one's state).
    pub(crate) fn make_current(&mut self, id: u32) {
        let cur = self.sched.cur;
        if id != cur {
            self.exchange(cur);
            self.exchange(id);
            self.sched.cur = id;
            self.sched.stats.switches += 1;
        }
    }

    /// The boundary frame of the running fiber's innermost dispatch loop (0 for a
    /// goroutine that runs no re-entrant call).
    #[inline]
    pub(crate) fn cur_boundary(&self) -> usize {
        self.nest.last().map_or(0, |n| n.boundary as usize)
    }

    /// The running goroutine's id.
    pub(crate) fn cur_goid(&self) -> u64 {
        self.sched.fibers[self.sched.cur as usize].goid
    }

    /// Goroutine statistics so far.
    pub fn fiber_stats(&self) -> crate::runtime::sched::FiberStats {
        self.sched.stats
    }

    /// Drop every goroutine and wait queue; the main fiber runs again with empty stacks
    /// (after a failed run).
    pub(crate) fn reset_fibers(&mut self) {
        self.make_current(0);
        for (i, f) in self.sched.fibers.iter_mut().enumerate() {
            if i != 0 && f.status != Status::Free {
                f.status = Status::Free;
                f.st.frames.clear();
                f.st.defers.clear();
                f.st.defer_args.clear();
                f.st.panics.clear();
                f.st.nest.clear();
                self.sched.free.push(i as u32);
            }
            f.wait = Wait::None;
            f.resume_panic = None;
            f.delivery = None;
        }
        self.sched.fibers[0].status = Status::Running;
        self.sched.run_queue.clear();
        self.sched.waitqs.clear();
        self.sched.free_waitqs.clear();
        self.sched.loop_depth = 0;
        self.sched.loop_waiters = 0;
        self.sched.stats.live = 1;
        self.nest.clear();
    }

    // ------------------------------------------------------------ go

    /// `Go` / `GoClosure`: start a goroutine; its arguments are in the window.
    #[inline(never)]
    pub(crate) fn op_go(&mut self, regs: Regs, window: Regs, ins: Instr) -> Result<(), Unwind> {
        let (func, closure) = if ins.op == Op::Go {
            (ins.a as u32, 0)
        } else {
            // SAFETY: `a` is a verified register.
            let clo = unsafe { regs.get(ins.a) };
            if clo == 0 {
                return Err(Unwind::Fatal(format!("fatal error: go of nil func value\n\n{}", self.traceback())));
            }
            // SAFETY: a non-nil closure register holds a closure object.
            (unsafe { heap::obj_aux(clo) }, clo)
        };
        let info = self.funcs[func as usize];
        // SAFETY: the loop runs only with a frame on the control stack.
        let top = unsafe { *self.frames.last().unwrap_unchecked() };
        let running = self.funcs[top.func as usize];
        let window_size = (running.frame_size - running.slot_count) as usize;
        let n = info.param_count as usize;
        if n > window_size {
            return Err(self.internal_error(format!("go statement needs {n} arguments, window has {window_size}")));
        }
        if info.frame_size as usize > self.sched.stacks.slots {
            return Err(self.stack_overflow());
        }
        let id = self.new_fiber()?;
        let f = &mut self.sched.fibers[id as usize];
        debug_assert_eq!(f.st.stack.len(), self.sched.stacks.slots);
        // SAFETY: the frame fits the new stack (every goroutine stack has
        // `stacks.slots` slots; checked above); the window has `n` slots (checked above).
        unsafe {
            let fp = f.st.stack.ptr();
            std::ptr::copy_nonoverlapping(window.0, fp, n);
            crate::interp::zero_slots(fp, n, info.slot_count as usize);
        }
        f.st.frames.push(Frame { closure, func, base: 0, pc: 0, panic_index: 0, mode: MODE_GOROUTINE });
        f.created_by = Some((top.func, top.pc));
        f.status = Status::Runnable;
        self.sched.run_queue.push_back(id);
        Ok(())
    }

    /// A fresh goroutine slot with an empty state and a stack.
    fn new_fiber(&mut self) -> Result<u32, Unwind> {
        let goid = self.sched.next_goid;
        self.sched.next_goid += 1;
        let s = &mut self.sched;
        s.stats.goroutines_created += 1;
        s.stats.live += 1;
        s.stats.max_live = s.stats.max_live.max(s.stats.live);
        if let Some(id) = s.free.pop() {
            let f = &mut s.fibers[id as usize];
            f.goid = goid;
            f.wait = Wait::None;
            f.resume_panic = None;
            f.delivery = None;
            return Ok(id);
        }
        let Some(stack) = s.stacks.take() else {
            return Err(Unwind::Fatal(crate::runtime::OUT_OF_MEMORY_TEXT.to_string()));
        };
        let max_frames = s.goroutine_max_frames;
        s.fibers.push(Fiber {
            goid,
            status: Status::Free,
            wait: Wait::None,
            resume_panic: None,
            delivery: None,
            created_by: None,
            st: FiberState::empty(stack, max_frames),
        });
        Ok((s.fibers.len() - 1) as u32)
    }

    // ------------------------------------------------------------ parking and switching

    /// Record what the running fiber is about to wait for (then return `Unwind::Block`).
    #[inline]
    pub(crate) fn set_wait(&mut self, wait: Wait) {
        let cur = self.sched.cur as usize;
        self.sched.fibers[cur].wait = wait;
    }

    /// Make parked fiber `id` runnable (it goes to the back of the run queue).
    #[inline]
    pub(crate) fn ready(&mut self, id: u32) {
        let f = &mut self.sched.fibers[id as usize];
        if f.status != Status::Abandoned {
            f.status = Status::Runnable;
            self.sched.run_queue.push_back(id);
        }
    }

    /// Fiber `id`'s re-entrant call is being abandoned: it never runs again (its frames
    /// stay, so wait queues that still name it can complete into them harmlessly).
    pub(crate) fn abandon_fiber(&mut self, id: u32) {
        let s = &mut self.sched;
        let f = &mut s.fibers[id as usize];
        if let Wait::Loop { .. } = f.wait {
            if f.status == Status::Runnable {
                s.loop_waiters -= 1;
            }
        }
        f.status = Status::Abandoned;
        f.wait = Wait::Forever("abandoned");
        s.run_queue.retain(|&q| q != id);
    }

    /// `Unwind::Block`: park the running fiber (its `wait` is recorded) and switch to
    /// the next runnable one. Returns what the dispatch loop does next.
    pub(crate) fn park_current(&mut self) -> Unwind {
        let cur = self.sched.cur;
        let f = &mut self.sched.fibers[cur as usize];
        if let Wait::Loop { .. } = f.wait {
            f.status = Status::Runnable;
            self.sched.loop_waiters += 1;
            self.sched.run_queue.push_back(cur);
        } else {
            f.status = Status::Blocked;
        }
        self.switch_from_current(false)
    }

    /// `Unwind::Yield`: the running fiber used up its budget; the next one runs.
    pub(crate) fn yield_current(&mut self) -> Unwind {
        if self.sched.islands_active {
            if let Err(u) = self.island_checkpoint() {
                return u;
            }
        }
        if self.sched.run_queue.is_empty() {
            return Unwind::Switch;
        }
        let cur = self.sched.cur;
        self.sched.fibers[cur as usize].status = Status::Runnable;
        self.sched.run_queue.push_back(cur);
        self.sched.stats.preemptions += 1;
        self.switch_from_current(false)
    }

    /// The running goroutine's bottom frame returned: free it and switch.
    pub(crate) fn fiber_done(&mut self) -> Unwind {
        let cur = self.sched.cur;
        self.sched.fibers[cur as usize].status = Status::Free;
        self.switch_from_current(true)
    }

    /// Switch from the running fiber (already parked, queued or finished) to the next
    /// runnable one; with none, the run ends as a deadlock.
    fn switch_from_current(&mut self, done: bool) -> Unwind {
        let next = loop {
            if let Some(next) = self.pick_next() {
                break next;
            }
            if !self.sched.islands_active {
                return self.deadlock();
            }
            // An island sleeps until a port wakes one of its fibers.
            if let Err(u) = self.island_sleep() {
                return u;
            }
        };
        let cur = self.sched.cur;
        self.make_current(next);
        if done {
            self.free_fiber(cur);
        }
        self.resume_current()
    }

    /// The next fiber to run: the head of the run queue, skipping fibers that wait to
    /// leave a loop other than the running one.
    fn pick_next(&mut self) -> Option<u32> {
        let s = &mut self.sched;
        if s.loop_waiters == 0 {
            return s.run_queue.pop_front();
        }
        for _ in 0..s.run_queue.len() {
            let id = s.run_queue.pop_front()?;
            match s.fibers[id as usize].wait {
                Wait::Loop { depth, .. } if depth != s.loop_depth => s.run_queue.push_back(id),
                _ => return Some(id),
            }
        }
        None
    }

    /// The fiber just made current resumes: what the dispatch loop does next.
    fn resume_current(&mut self) -> Unwind {
        let cur = self.sched.cur as usize;
        let f = &mut self.sched.fibers[cur];
        f.status = Status::Running;
        match std::mem::replace(&mut f.wait, Wait::None) {
            Wait::Loop { panicked, .. } => {
                self.sched.loop_waiters -= 1;
                if panicked {
                    return Unwind::LeaveLoop(true);
                }
            }
            Wait::PortRecv { slot, .. } => {
                if let Some(d) = f.delivery.take() {
                    if let Err(u) = self.deliver(slot, d) {
                        return u;
                    }
                }
            }
            _ => {}
        }
        let f = &mut self.sched.fibers[cur];
        if let Some(msg) = f.resume_panic.take() {
            return self.panic_message(msg, false);
        }
        Unwind::Switch
    }

    /// Return a finished goroutine's slot (and stack) for reuse.
    fn free_fiber(&mut self, id: u32) {
        let s = &mut self.sched;
        let f = &mut s.fibers[id as usize];
        f.status = Status::Free;
        f.wait = Wait::None;
        f.resume_panic = None;
        f.delivery = None;
        f.st.frames.clear();
        f.st.defers.clear();
        f.st.defer_args.clear();
        f.st.panics.clear();
        f.st.panic_trace.clear();
        f.st.nest.clear();
        s.free.push(id);
        s.stats.live -= 1;
    }

    /// A panic escaped the running fiber's innermost boundary (`unwind` returned
    /// `Err(Panic)`): leave the loop with it, wait to leave the fiber's own loop, or
    /// end the program (the panic left a goroutine, or main, for good).
    pub(crate) fn panic_escaped(&mut self) -> Unwind {
        match self.nest.last().copied() {
            Some(n) if n.depth == self.sched.loop_depth => Unwind::LeaveLoop(true),
            Some(n) if n.boundary != 0 => {
                self.set_wait(Wait::Loop { depth: n.depth, panicked: true });
                Unwind::Block
            }
            _ => {
                let text = self.panic_text();
                Unwind::Exit(VmError::Panic(text))
            }
        }
    }

    /// An entry frame returned. `None`: the dispatch loop it belongs to is the running
    /// one (leave it). Otherwise the caller re-executes the `Ret` later, after the
    /// returned stop: the fiber waits for its loop (`Block`), or, for the outermost
    /// call, every deeper loop is abandoned (`Abandon`): the call returns, as a Go
    /// program ends when main returns, whatever other goroutines are doing.
    pub(crate) fn entry_returns_here(&mut self) -> Option<Unwind> {
        match self.nest.last().copied() {
            Some(n) if n.depth != self.sched.loop_depth => {
                if n.depth == 1 {
                    return Some(Unwind::Abandon);
                }
                self.set_wait(Wait::Loop { depth: n.depth, panicked: false });
                Some(Unwind::Block)
            }
            _ => None,
        }
    }

    /// Handle a stop of the dispatch loop's straight-line execution: a panic to unwind,
    /// a fiber to park or preempt, a switch that happened. `Ok`: reload the running
    /// frame (maybe of another fiber) and continue; `Err(r)`: leave the loop with `r`.
    #[cold]
    #[inline(never)]
    pub(crate) fn stopped(&mut self, mut u: Unwind) -> Result<(), Result<(), Unwind>> {
        loop {
            u = match u {
                Unwind::Panic => match self.unwind(self.cur_boundary()) {
                    Ok(()) => return Ok(()),
                    Err(Unwind::Panic) => self.panic_escaped(),
                    Err(e) => e,
                },
                Unwind::Block => self.park_current(),
                Unwind::Yield => self.yield_current(),
                Unwind::Switch => return Ok(()),
                Unwind::LeaveLoop(false) => return Err(Ok(())),
                Unwind::LeaveLoop(true) => return Err(Err(Unwind::Panic)),
                other => return Err(Err(other)),
            }
        }
    }

    // ------------------------------------------------------------ deadlock, traces

    /// No fiber can run: Go's deadlock error with every goroutine's trace.
    #[cold]
    pub(crate) fn deadlock(&mut self) -> Unwind {
        let mut s = String::from(DEADLOCK_TEXT);
        let mut ids: Vec<usize> = (0..self.sched.fibers.len())
            .filter(|&i| !matches!(self.sched.fibers[i].status, Status::Free | Status::Abandoned))
            .collect();
        ids.sort_by_key(|&i| self.sched.fibers[i].goid);
        for i in ids {
            let f = &self.sched.fibers[i];
            let frames = if i == self.sched.cur as usize { &self.frames } else { &f.st.frames };
            let reason = match f.wait {
                Wait::Recv { .. } => "chan receive",
                Wait::Send { .. } | Wait::PortSend { .. } => "chan send",
                Wait::PortRecv { .. } => "chan receive",
                Wait::Select { .. } => "select",
                Wait::Forever(r) => r,
                Wait::Loop { .. } => "running",
                Wait::None => "runnable",
            };
            s.push('\n');
            s.push_str(&self.fiber_trace(f.goid, reason, frames, f.created_by));
        }
        Unwind::Fatal(s)
    }

    /// Go's trace of one goroutine (function names and lines; no addresses).
    pub(crate) fn fiber_trace(
        &self,
        goid: u64,
        state: &str,
        frames: &[Frame],
        created_by: Option<(u32, u32)>,
    ) -> String {
        let mut s = format!("goroutine {goid} [{state}]:\n");
        let line_of = |func: u32, pc: u32| {
            let f = &self.program.funcs[func as usize];
            f.lines.get((pc as usize).saturating_sub(1)).copied().unwrap_or(0)
        };
        for (n, f) in frames.iter().rev().enumerate() {
            if n == 100 {
                s.push_str("...additional frames elided...\n");
                break;
            }
            let name = &self.program.funcs[f.func as usize].name;
            let _ = writeln!(s, "{name}(...)\n\t{}:{}", self.program.file, line_of(f.func, f.pc));
        }
        if let Some((func, pc)) = created_by {
            let name = &self.program.funcs[func as usize].name;
            let _ = writeln!(s, "created by {name}\n\t{}:{}", self.program.file, line_of(func, pc));
        }
        s
    }

    /// The running fiber's `created by` record.
    pub(crate) fn cur_created_by(&self) -> Option<(u32, u32)> {
        self.sched.fibers[self.sched.cur as usize].created_by
    }
}

/// The roots of the parked fibers (the running one's are the VM's own fields).
pub(crate) fn visit_fiber_roots(fibers: &mut [Fiber], visit_state: &mut dyn FnMut(u64, &mut FiberState)) {
    for f in fibers.iter_mut() {
        if f.status != Status::Free {
            visit_state(f.goid, &mut f.st);
        }
    }
}
