//! Channels and `select`, with Go's semantics.
//!
//! # Layout
//!
//! A channel is one heap object (`ObjKind::Chan`, aux = the element `TypeId`): a few
//! scalar words (ring head, count, closed flag, wait-queue link, serial number; offsets
//! in `heap::layout`) followed by its ring buffer of `cap` words, traced by the
//! collector when the element type is a reference. `len(ch)` and `cap(ch)` are one
//! load each. Values in the ring are stored with the write barrier on the channel.
//!
//! The wait queues (FIFO, as Go's `recvq`/`sendq`) hold only scalars: a parked fiber
//! and its select case. Everything they refer to lives in the parked fiber's frame: the
//! value a sender offers, the slot a receiver's value goes to, a select's channels.
//! Frames are roots (by slot map) and never move, so the collector updates those
//! references where they are and the queues need no tracing. A queue is allocated in
//! the VM's table (`Sched::waitqs`) only while someone waits, linked from the channel's
//! `CHAN_WAITQ` word and validated by its `CHAN_ID`. A channel cannot die while a
//! fiber waits on it: the parked instruction's channel operand is a reference slot of
//! the parked frame (the verifier checks that).
//!
//! # Semantics
//!
//! - Send: to a waiting receiver, the value is handed over directly (written into the
//!   receiver's frame); else into the buffer if there is room; else the sender parks.
//!   A nil channel blocks forever; a closed one panics `send on closed channel`.
//! - Receive: from a waiting sender (unbuffered: its value; buffered, so full: the
//!   buffer's head, and the sender's value goes to the tail); else from the buffer;
//!   else, when closed, the zero value with ok = false (a closed buffered channel is
//!   drained first); else the receiver parks.
//! - Close: wakes every receiver (zero value, ok = false), then every sender, which
//!   panics `send on closed channel` when it resumes. `close(nil)` and a second close
//!   panic.
//! - Select: the cases are polled in a random order (the VM's seedable generator), so
//!   the first ready case in that order is a uniform choice among the ready ones; with
//!   none ready, the default case, or the fiber is enqueued on every case's channel at
//!   once. The first channel to complete one of the cases wins: it writes the case
//!   index (and the received value and comma-ok bool) into the parked frame and
//!   removes the fiber from every other queue.

use crate::bytecode::{Instr, RKind};
use crate::heap::{self, layout, GcRef, ObjKind};
use crate::interp::{Unwind, Vm};
use crate::runtime::sched::{Wait, WaitQueues, Waiter, NO_CASE};
use crate::runtime::Regs;

/// The largest buffer (the header's `len` is `CHAN_FIXED_WORDS + cap`, a u32).
const MAX_CHAN_CAP: u64 = u32::MAX as u64 - layout::CHAN_FIXED_WORDS as u64;

/// Which queue of a channel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Queue {
    Recv,
    Send,
}

/// The outcome of a send attempt that does not block.
enum Sent {
    Done,
    Closed,
    WouldBlock,
}

/// The capacity of (non-nil) channel `c`: its ring's length.
///
/// # Safety
/// `c` must be a live channel object.
#[inline(always)]
unsafe fn ring_cap(c: GcRef) -> usize {
    // SAFETY: forwarded to the caller.
    unsafe { heap::obj_len(c) - layout::CHAN_FIXED_WORDS }
}

/// `ChanLen`: `len(c)`, the buffered values (nil: 0).
///
/// # Safety
/// `c` must be 0 or a live channel object.
#[inline(always)]
pub(crate) unsafe fn chan_len(c: GcRef) -> u64 {
    if c == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller.
    unsafe { heap::load(c, layout::CHAN_COUNT) }
}

/// `ChanCap`: `cap(c)` (nil: 0).
///
/// # Safety
/// `c` must be 0 or a live channel object.
#[inline(always)]
pub(crate) unsafe fn chan_cap(c: GcRef) -> u64 {
    if c == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller.
    unsafe { ring_cap(c) as u64 }
}

/// Pointer to ring slot `i` of channel `c`.
///
/// # Safety
/// `c` must be a live channel object and `i < cap`.
#[inline(always)]
unsafe fn ring_slot(c: GcRef, i: usize) -> *mut u64 {
    (c as usize + layout::CHAN_BUF + 8 * i) as *mut u64
}

impl Vm {
    // ------------------------------------------------------------ wait queues

    /// The index of channel `c`'s wait queues, if it has any.
    #[inline]
    fn waitq_index(&self, c: GcRef) -> Option<usize> {
        // SAFETY: `c` is a live channel (callers).
        let (link, id) = unsafe { (heap::load(c, layout::CHAN_WAITQ), heap::load(c, layout::CHAN_ID)) };
        let i = (link as usize).checked_sub(1)?;
        (self.sched.waitqs.get(i)?.chan_id == id).then_some(i)
    }

    /// Append `w` to queue `q` of channel `c`.
    fn enqueue(&mut self, c: GcRef, q: Queue, w: Waiter) {
        let i = match self.waitq_index(c) {
            Some(i) => i,
            None => {
                // SAFETY: `c` is a live channel.
                let id = unsafe { heap::load(c, layout::CHAN_ID) };
                let i = match self.sched.free_waitqs.pop() {
                    Some(i) => i as usize,
                    None => {
                        self.sched.waitqs.push(WaitQueues::default());
                        self.sched.waitqs.len() - 1
                    }
                };
                self.sched.waitqs[i].chan_id = id;
                // SAFETY: as above; the link is a scalar (no barrier).
                unsafe { heap::store(c, layout::CHAN_WAITQ, i as u64 + 1) };
                i
            }
        };
        let wq = &mut self.sched.waitqs[i];
        match q {
            Queue::Recv => wq.recv.push_back(w),
            Queue::Send => wq.send.push_back(w),
        }
    }

    /// Take the first waiter of queue `q` of channel `c`.
    #[inline]
    fn dequeue(&mut self, c: GcRef, q: Queue) -> Option<Waiter> {
        let i = self.waitq_index(c)?;
        let wq = &mut self.sched.waitqs[i];
        let w = match q {
            Queue::Recv => wq.recv.pop_front(),
            Queue::Send => wq.send.pop_front(),
        }?;
        self.release_waitq_if_empty(c, i);
        Some(w)
    }

    /// Remove every entry of `fiber` from queue `q` of channel `c`.
    fn remove_waiter(&mut self, c: GcRef, q: Queue, fiber: u32) {
        let Some(i) = self.waitq_index(c) else { return };
        let wq = &mut self.sched.waitqs[i];
        match q {
            Queue::Recv => wq.recv.retain(|w| w.fiber != fiber),
            Queue::Send => wq.send.retain(|w| w.fiber != fiber),
        }
        self.release_waitq_if_empty(c, i);
    }

    /// Unlink channel `c`'s wait queues `i` when nobody waits any more.
    fn release_waitq_if_empty(&mut self, c: GcRef, i: usize) {
        let wq = &mut self.sched.waitqs[i];
        if wq.recv.is_empty() && wq.send.is_empty() {
            wq.chan_id = 0;
            self.sched.free_waitqs.push(i as u32);
            // SAFETY: `c` is a live channel.
            unsafe { heap::store(c, layout::CHAN_WAITQ, 0) };
        }
    }

    // ------------------------------------------------------------ waking parked fibers

    /// Complete parked receiver `w` with `(v, ok)` and make it runnable.
    fn wake_receiver(&mut self, w: Waiter, v: u64, ok: bool) {
        let f = &self.sched.fibers[w.fiber as usize];
        let sp = f.st.stack.ptr();
        // SAFETY: the slots recorded in a parked fiber's `Wait` are verified operands of
        // its top frame, which fits its stack and does not move while it is parked.
        unsafe {
            match f.wait {
                Wait::Recv { slot, ok: with_ok } => {
                    *sp.add(slot as usize) = v;
                    if with_ok {
                        *sp.add(slot as usize + 1) = ok as u64;
                    }
                }
                Wait::Select { base, a, b, .. } => {
                    let base = base as usize;
                    *sp.add(base + a as usize) = w.case as u64;
                    *sp.add(base + a as usize + 1) = ok as u64;
                    *sp.add(base + b as usize + 2 * w.case as usize + 1) = v;
                    self.leave_other_queues(w);
                }
                _ => debug_assert!(false, "woke a receiver that waits for {:?}", f.wait),
            }
        }
        self.ready(w.fiber);
    }

    /// The value parked sender `w` offers.
    fn sent_value(&self, w: Waiter) -> u64 {
        let f = &self.sched.fibers[w.fiber as usize];
        let sp = f.st.stack.ptr();
        // SAFETY: as in `wake_receiver`.
        unsafe {
            match f.wait {
                Wait::Send { slot } => *sp.add(slot as usize),
                Wait::Select { base, b, .. } => *sp.add(base as usize + b as usize + 2 * w.case as usize + 1),
                _ => {
                    debug_assert!(false, "a sender that waits for {:?}", f.wait);
                    0
                }
            }
        }
    }

    /// Complete parked sender `w` (its value was taken, or the channel was closed:
    /// `closed`, it panics when it resumes) and make it runnable.
    fn wake_sender(&mut self, w: Waiter, closed: bool) {
        let f = &mut self.sched.fibers[w.fiber as usize];
        if closed {
            f.resume_panic = Some("send on closed channel");
        }
        if let Wait::Select { base, a, .. } = f.wait {
            // SAFETY: as in `wake_receiver`.
            unsafe { *f.st.stack.ptr().add(base as usize + a as usize) = w.case as u64 };
            self.leave_other_queues(w);
        }
        self.ready(w.fiber);
    }

    /// A select completed by case `w.case`: remove the fiber from the queues of its
    /// other cases.
    fn leave_other_queues(&mut self, w: Waiter) {
        let f = &self.sched.fibers[w.fiber as usize];
        let Wait::Select { base, b, count, send_mask, .. } = f.wait else { return };
        let sp = f.st.stack.ptr();
        for i in 0..count as usize {
            // SAFETY: the case slots are verified operands of the parked frame.
            let c = unsafe { *sp.add(base as usize + b as usize + 2 * i) };
            if c != 0 {
                let q = if send_mask & (1 << i) != 0 { Queue::Send } else { Queue::Recv };
                self.remove_waiter(c, q, w.fiber);
            }
        }
    }

    // ------------------------------------------------------------ the operations

    /// Send `v` on non-nil channel `c` if that does not block.
    fn try_send(&mut self, c: GcRef, v: u64) -> Sent {
        // SAFETY: `c` is a live channel object (a typed channel operand).
        unsafe {
            if heap::load(c, layout::CHAN_CLOSED) != 0 {
                return Sent::Closed;
            }
            if let Some(w) = self.dequeue(c, Queue::Recv) {
                self.wake_receiver(w, v, true);
                return Sent::Done;
            }
            let cap = ring_cap(c);
            let count = heap::load(c, layout::CHAN_COUNT) as usize;
            if count < cap {
                let head = heap::load(c, layout::CHAN_HEAD) as usize;
                let mut i = head + count;
                if i >= cap {
                    i -= cap;
                }
                *ring_slot(c, i) = v;
                heap::store(c, layout::CHAN_COUNT, count as u64 + 1);
                self.heap.write_barrier(c, v);
                return Sent::Done;
            }
        }
        Sent::WouldBlock
    }

    /// Receive from non-nil channel `c` if that does not block: `(value, ok)`.
    fn try_recv(&mut self, c: GcRef) -> Option<(u64, bool)> {
        // SAFETY: `c` is a live channel object (a typed channel operand).
        unsafe {
            if let Some(w) = self.dequeue(c, Queue::Send) {
                let sv = self.sent_value(w);
                let cap = ring_cap(c);
                let v = if cap == 0 {
                    sv
                } else {
                    // The buffer is full: take its head, the sender's value goes to the
                    // tail (the slot just freed).
                    let head = heap::load(c, layout::CHAN_HEAD) as usize;
                    let v = *ring_slot(c, head);
                    *ring_slot(c, head) = sv;
                    self.heap.write_barrier(c, sv);
                    heap::store(c, layout::CHAN_HEAD, if head + 1 == cap { 0 } else { head as u64 + 1 });
                    v
                };
                self.wake_sender(w, false);
                return Some((v, true));
            }
            let count = heap::load(c, layout::CHAN_COUNT) as usize;
            if count > 0 {
                let cap = ring_cap(c);
                let head = heap::load(c, layout::CHAN_HEAD) as usize;
                let v = *ring_slot(c, head);
                *ring_slot(c, head) = 0;
                heap::store(c, layout::CHAN_HEAD, if head + 1 == cap { 0 } else { head as u64 + 1 });
                heap::store(c, layout::CHAN_COUNT, count as u64 - 1);
                return Some((v, true));
            }
            if heap::load(c, layout::CHAN_CLOSED) != 0 {
                return Some((0, false));
            }
        }
        None
    }

    /// Block the running fiber for good (a nil channel, `select {}`).
    fn block_forever(&mut self, reason: &'static str) -> Unwind {
        self.set_wait(Wait::Forever(reason));
        Unwind::Block
    }

    /// `MakeChan`.
    #[inline(never)]
    pub(crate) fn op_make_chan(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let prog = self.prog();
        let RKind::Chan(elem) = prog.types[ins.b as usize].kind else {
            return Err(self.internal_error("MakeChan of a non-channel type".into()));
        };
        // SAFETY: verified registers.
        let size = unsafe { regs.get(ins.c) } as i64;
        if size < 0 || size as u64 > MAX_CHAN_CAP {
            return Err(self.panic_message("makechan: size out of range", false));
        }
        let words = layout::CHAN_FIXED_WORDS + size as usize;
        let c = self.alloc_object(ObjKind::Chan, elem.0, words as u32, words)?;
        self.sched.next_chan_id += 1;
        // SAFETY: a fresh channel object; `a` is a verified register (the stack does not
        // move, so `regs` is still valid).
        unsafe {
            heap::store(c, layout::CHAN_ID, self.sched.next_chan_id);
            regs.set(ins.a, c);
        }
        Ok(())
    }

    /// `ChanSend`: `base` is the running frame's base (for the parked sender's slot).
    #[inline(never)]
    pub(crate) fn op_chan_send(&mut self, regs: Regs, ins: Instr, base: usize) -> Result<(), Unwind> {
        // SAFETY: verified registers.
        let (c, v) = unsafe { (regs.get(ins.a), regs.get(ins.b)) };
        if c == 0 {
            return Err(self.block_forever("chan send (nil chan)"));
        }
        match self.try_send(c, v) {
            Sent::Done => Ok(()),
            Sent::Closed => Err(self.panic_message("send on closed channel", false)),
            Sent::WouldBlock => {
                let fiber = self.sched.cur;
                self.enqueue(c, Queue::Send, Waiter { fiber, case: NO_CASE });
                self.set_wait(Wait::Send { slot: (base + ins.b as usize) as u32 });
                Err(Unwind::Block)
            }
        }
    }

    /// `ChanRecv` / `ChanRecv2`.
    #[inline(never)]
    pub(crate) fn op_chan_recv(&mut self, regs: Regs, ins: Instr, base: usize) -> Result<(), Unwind> {
        let with_ok = ins.op == crate::bytecode::Op::ChanRecv2;
        // SAFETY: verified registers.
        let c = unsafe { regs.get(ins.b) };
        if c == 0 {
            return Err(self.block_forever("chan receive (nil chan)"));
        }
        match self.try_recv(c) {
            Some((v, ok)) => {
                // SAFETY: verified registers (`a + 1` too for `ChanRecv2`).
                unsafe {
                    regs.set(ins.a, v);
                    if with_ok {
                        regs.set(ins.a + 1, ok as u64);
                    }
                }
                Ok(())
            }
            None => {
                let fiber = self.sched.cur;
                self.enqueue(c, Queue::Recv, Waiter { fiber, case: NO_CASE });
                self.set_wait(Wait::Recv { slot: (base + ins.a as usize) as u32, ok: with_ok });
                Err(Unwind::Block)
            }
        }
    }

    /// `ChanClose`.
    #[inline(never)]
    pub(crate) fn op_chan_close(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: a verified register.
        let c = unsafe { regs.get(ins.a) };
        if c == 0 {
            return Err(self.panic_message("close of nil channel", false));
        }
        // SAFETY: a live channel object.
        unsafe {
            if heap::load(c, layout::CHAN_CLOSED) != 0 {
                return Err(self.panic_message("close of closed channel", false));
            }
            heap::store(c, layout::CHAN_CLOSED, 1);
        }
        while let Some(w) = self.dequeue(c, Queue::Recv) {
            self.wake_receiver(w, 0, false);
        }
        while let Some(w) = self.dequeue(c, Queue::Send) {
            self.wake_sender(w, true);
        }
        Ok(())
    }

    /// `Select` (see the op's doc and the module doc).
    #[inline(never)]
    pub(crate) fn op_select(&mut self, regs: Regs, ins: Instr, ext: Instr, base: usize) -> Result<(), Unwind> {
        let n = ins.c as usize;
        let send_mask = ext.a as u32 | (ext.b as u32) << 16;
        let has_default = ext.c != 0;
        let is_send = |i: usize| send_mask & (1 << i) != 0;
        // Case i's channel is in slot `b + 2i`, its value (to send, or received) in the
        // next one; the chosen index goes to `a`, the comma-ok bool to `a + 1`.
        let slot = |i: usize| ins.b + 2 * i as u16;
        // SAFETY: `a`, `a + 1` and `b .. b + 2n` are verified registers of the frame.
        let get = |r: u16| unsafe { regs.get(r) };
        // SAFETY: as above.
        let set = |r: u16, v: u64| unsafe { regs.set(r, v) };
        // Poll in a random order: a uniform choice among the ready cases.
        let mut order = [0u8; 32];
        for (i, o) in order.iter_mut().enumerate().take(n) {
            *o = i as u8;
        }
        for i in (1..n).rev() {
            let j = self.sched.random_below(i + 1);
            order.swap(i, j);
        }
        for &i in &order[..n] {
            let i = i as usize;
            let c = get(slot(i));
            if c == 0 {
                continue;
            }
            if is_send(i) {
                match self.try_send(c, get(slot(i) + 1)) {
                    Sent::Done => {
                        set(ins.a, i as u64);
                        return Ok(());
                    }
                    Sent::Closed => {
                        set(ins.a, i as u64);
                        return Err(self.panic_message("send on closed channel", false));
                    }
                    Sent::WouldBlock => {}
                }
            } else if let Some((v, ok)) = self.try_recv(c) {
                set(slot(i) + 1, v);
                set(ins.a, i as u64);
                set(ins.a + 1, ok as u64);
                return Ok(());
            }
        }
        if has_default {
            set(ins.a, -1i64 as u64);
            return Ok(());
        }
        if n == 0 {
            return Err(self.block_forever("select (no cases)"));
        }
        let fiber = self.sched.cur;
        for i in 0..n {
            let c = get(slot(i));
            if c != 0 {
                let q = if is_send(i) { Queue::Send } else { Queue::Recv };
                self.enqueue(c, q, Waiter { fiber, case: i as u32 });
            }
        }
        self.set_wait(Wait::Select { base: base as u32, a: ins.a, b: ins.b, count: n as u16, send_mask });
        Err(Unwind::Block)
    }
}
