//! Islands and ports: isolated VMs on their own OS threads, and the channels between them.
//!
//! # Model
//!
//! An *island* is a whole [`Vm`]: its own heap, collector, globals, goroutines and
//! scheduler, running on its own OS thread. Islands share nothing but the loaded
//! [`Program`] (immutable, behind an `Arc`), the program's output, and *ports*. A new
//! island runs the package's initialisation again (its globals start as the program
//! declares them), then its entry function `f(p)`; it ends when `f` returns (goroutines
//! it started are abandoned then, as a program's are when `main` returns).
//!
//! A *port* is a channel of `interface{}` values between islands: `island.NewPort(n)`
//! has a buffer of `n` values (0: unbuffered, a send waits for its receiver). Ports are
//! not heap objects: a port value is a handle (an index into the world's port table
//! plus one; 0 is the nil port), so it can be stored anywhere, compared, and sent
//! across a port itself. A value sent on a port is *deep-copied*: the sender captures
//! the object graph reachable from it into a [`Message`] (plain Rust memory, sharing
//! and cycles preserved), and the receiver rebuilds it in its own heap. Channels and
//! closures that capture variables cannot cross (a Go panic in the sender).
//!
//! # The world
//!
//! The [`World`] is everything islands share: the port table, the counts behind
//! deadlock detection, the first failure, and the stop flag. It is created by the
//! first `PortNew` or `IslandGo` of a VM (the *main island*) and lives as long as that
//! VM. One mutex guards its state; one condition variable wakes sleeping islands.
//!
//! **Ports as tickets.** A send appends its message to the port's queue at once and
//! takes the next *ticket* (1, 2, ...); it completes when `taken + cap >= ticket`,
//! where `taken` counts messages received. So a buffered send completes while the
//! buffer has room, an unbuffered one when its message is taken, and queued messages
//! beyond the buffer are exactly those of parked senders, in FIFO order as in Go.
//! `close` drops those (their senders panic `send on closed channel` when they wake).
//!
//! **Waking across threads.** A fiber that cannot complete a port operation parks
//! (the blocking contract of `bytecode`, with `Wait::PortRecv`/`Wait::PortSend`) and
//! is listed in its island's `waiters`. Nobody writes into another island's frames:
//! an island *polls* its own waiters, under the world lock, when it has nothing else to
//! run, when its preemption budget runs out, and after each port operation of its own.
//! A received message waits in the fiber (`Fiber::delivery`) and is rebuilt in the
//! island's heap when the fiber resumes, in its own frame slots.
//!
//! **Sleeping and deadlock.** An island with no runnable goroutine and no ready waiter
//! sleeps on the condition variable. Every change of a port bumps the world's *epoch*
//! and wakes all sleepers, which poll again. `asleep` counts the islands that found
//! nothing to do since the last change; when it reaches `live` (the islands not yet
//! finished), no island can ever wake another: Go's `all goroutines are asleep -
//! deadlock!`.
//!
//! **Failure and program end.** The first unrecovered panic or fatal error of any
//! island is recorded and stops the world: every island notices the stop flag at its
//! next poll and leaves; the main island's call returns the error. When the main
//! island's outermost call returns, the world stops, every island thread is joined,
//! and the world is ready for the next call (ports survive; islands do not).

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use crate::bytecode::{FuncId, Instr, Program, RKind, TypeId};
use crate::heap::{self, layout, GcRef, ObjKind};
use crate::interp::{Unwind, Vm, VmError, VmOptions};
use crate::runtime::maps::key_kind_of;
use crate::runtime::sched::{Status, Wait, DEADLOCK_TEXT};
use crate::runtime::Regs;

/// The program's output, shared by every island (one lock per write).
pub(crate) type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// A [`Write`] into the shared output.
pub(crate) struct SharedOut(pub SharedWriter);

impl Write for SharedOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).flush()
    }
}

/// Rust stack of an island thread (the dispatch loop recurses for re-entrant calls).
const ISLAND_THREAD_STACK: usize = 16 << 20;

/// Largest port buffer (as for channels: beyond it `makechan: size out of range`).
const MAX_PORT_CAP: u64 = 1 << 32;

// ---------------------------------------------------------------- messages

/// A value deep-copied out of one heap, to be rebuilt in another. Reference words are
/// replaced by object numbers (index into `objects` plus one; 0 is nil).
#[derive(Debug, Default)]
pub(crate) struct Message {
    /// The interface value sent: 0 (nil) or an object number.
    root: u64,
    objects: Vec<MsgObject>,
}

#[derive(Debug)]
enum MsgObject {
    /// An object made of words (struct, array, box, interface, slice header,
    /// capture-less closure): its header, its payload, and which payload words are
    /// references (object numbers).
    Words { header: u64, words: Vec<u64>, refs: Vec<u32> },
    /// A string's bytes.
    Str(Box<[u8]>),
    /// A map: its type and entries in insertion order (reference keys and values as
    /// object numbers).
    Map { map_type: u32, entries: Vec<(u64, u64)>, key_is_ref: bool, value_is_ref: bool },
}

/// What a parked receiver gets when its island polls.
#[derive(Debug)]
pub(crate) enum Delivery {
    Value(Message),
    /// The port is closed and drained: nil, false.
    Closed,
}

// ---------------------------------------------------------------- the world

/// One port's state (see "Ports as tickets").
struct Port {
    cap: u64,
    /// Messages with their tickets, oldest first.
    queue: VecDeque<(u64, Message)>,
    /// Tickets handed out (messages ever sent).
    sent: u64,
    /// Messages ever received.
    taken: u64,
    closed: bool,
}

struct WorldState {
    ports: Vec<Port>,
    /// Bumped by every change of a port.
    epoch: u64,
    /// Islands that found nothing to do since the last change.
    asleep: usize,
    /// Islands started and not finished, the main one included.
    live: usize,
    /// The first unrecovered panic or fatal error of any island.
    failure: Option<VmError>,
    next_island: u64,
}

/// What all islands of one program share (see the module doc).
pub(crate) struct World {
    state: Mutex<WorldState>,
    changed: Condvar,
    /// Set when the program ends or fails: every island leaves at its next poll.
    stop: AtomicBool,
    program: Arc<Program>,
    options: VmOptions,
    out: SharedWriter,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl World {
    fn lock(&self) -> MutexGuard<'_, WorldState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A port changed: sleepers must look again.
    fn bump(&self, st: &mut WorldState) {
        st.epoch += 1;
        st.asleep = 0;
        self.changed.notify_all();
    }

    /// Record the first failure and stop every island.
    fn fail(&self, st: &mut WorldState, e: VmError) {
        if st.failure.is_none() {
            st.failure = Some(e);
        }
        self.stop.store(true, Ordering::SeqCst);
        self.changed.notify_all();
    }

    /// The error an island leaves with once the world has stopped.
    fn stopped_error(st: &WorldState) -> VmError {
        st.failure.clone().unwrap_or_else(|| VmError::Fatal(String::new()))
    }
}

/// A VM's membership in a world.
pub(crate) struct IslandLink {
    pub world: Arc<World>,
    /// This VM started the world (its calls end it).
    is_main: bool,
    /// Fibers of this island parked on a port.
    waiters: Vec<u32>,
    /// The epoch at which this island was counted asleep.
    asleep_at: Option<u64>,
}

/// The port index of handle `h`, or None for the nil port / an unknown handle.
fn port_index(st: &WorldState, h: u64) -> Option<usize> {
    let i = h.checked_sub(1)? as usize;
    (i < st.ports.len()).then_some(i)
}

impl Vm {
    /// This VM's link to its world, creating the world (this VM is the main island) on
    /// first use.
    fn island_link(&mut self) -> &mut IslandLink {
        if self.islands.is_none() {
            // Program output goes through one shared writer from now on.
            let own = std::mem::replace(&mut self.out, Box::new(std::io::sink()));
            let out: SharedWriter = Arc::new(Mutex::new(own));
            self.out = Box::new(SharedOut(out.clone()));
            let world = World {
                state: Mutex::new(WorldState {
                    ports: Vec::new(),
                    epoch: 0,
                    asleep: 0,
                    live: 1,
                    failure: None,
                    next_island: 1,
                }),
                changed: Condvar::new(),
                stop: AtomicBool::new(false),
                program: self.program.clone(),
                options: self.options.clone(),
                out,
                threads: Mutex::new(Vec::new()),
            };
            self.islands = Some(Box::new(IslandLink {
                world: Arc::new(world),
                is_main: true,
                waiters: Vec::new(),
                asleep_at: None,
            }));
            self.sched.islands_active = true;
        }
        self.islands.as_mut().expect("just created")
    }

    /// Replace the shared output's destination (`set_stdout` once a world exists);
    /// without a world `out` comes back.
    pub(crate) fn set_shared_out(&mut self, out: Box<dyn Write + Send>) -> Option<Box<dyn Write + Send>> {
        match &self.islands {
            Some(link) => {
                let mut w = link.world.out.lock().unwrap_or_else(|e| e.into_inner());
                let _ = w.flush();
                *w = out;
                None
            }
            None => Some(out),
        }
    }

    // ------------------------------------------------------------ operations

    /// `PortNew a, b`.
    #[inline(never)]
    pub(crate) fn op_port_new(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers.
        let cap = unsafe { regs.get(ins.b) } as i64;
        if cap < 0 || cap as u64 > MAX_PORT_CAP {
            return Err(self.panic_message("makechan: size out of range", false));
        }
        let world = self.island_link().world.clone();
        let mut st = world.lock();
        st.ports.push(Port { cap: cap as u64, queue: VecDeque::new(), sent: 0, taken: 0, closed: false });
        let handle = st.ports.len() as u64;
        drop(st);
        // SAFETY: a verified register.
        unsafe { regs.set(ins.a, handle) };
        Ok(())
    }

    /// `PortSend a, b`.
    #[inline(never)]
    pub(crate) fn op_port_send(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers.
        let (h, v) = unsafe { (regs.get(ins.a), regs.get(ins.b)) };
        let msg = match self.capture(v) {
            Ok(m) => m,
            Err(what) => {
                return Err(self.panic_message(&format!("island: {what} cannot be sent on a port"), false));
            }
        };
        let world = self.island_link().world.clone();
        let mut st = world.lock();
        let Some(i) = port_index(&st, h) else {
            drop(st);
            return Err(self.nil_port(h, "chan send (nil chan)"));
        };
        let port = &mut st.ports[i];
        if port.closed {
            drop(st);
            return Err(self.panic_message("send on closed channel", false));
        }
        port.sent += 1;
        let ticket = port.sent;
        port.queue.push_back((ticket, msg));
        world.bump(&mut st);
        // A receiver of this island may take the message at once.
        self.poll_waiters(&world, &mut st);
        let port = &st.ports[i];
        let done = port.taken + port.cap >= ticket;
        drop(st);
        if done {
            return Ok(());
        }
        self.park_on_port(Wait::PortSend { port: i as u32, ticket })
    }

    /// `PortRecv a, b`.
    #[inline(never)]
    pub(crate) fn op_port_recv(&mut self, regs: Regs, ins: Instr, base: usize) -> Result<(), Unwind> {
        // SAFETY: a verified register.
        let h = unsafe { regs.get(ins.b) };
        let world = self.island_link().world.clone();
        let mut st = world.lock();
        let Some(i) = port_index(&st, h) else {
            drop(st);
            return Err(self.nil_port(h, "chan receive (nil chan)"));
        };
        let delivery = take_message(&mut st.ports[i]);
        if let Some(Delivery::Value(_)) = delivery {
            world.bump(&mut st);
        }
        self.poll_waiters(&world, &mut st);
        drop(st);
        match delivery {
            Some(d) => self.deliver((base + ins.a as usize) as u32, d),
            None => self.park_on_port(Wait::PortRecv { port: i as u32, slot: (base + ins.a as usize) as u32 }),
        }
    }

    /// `PortClose a`.
    #[inline(never)]
    pub(crate) fn op_port_close(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: a verified register.
        let h = unsafe { regs.get(ins.a) };
        let world = self.island_link().world.clone();
        let mut st = world.lock();
        let Some(i) = port_index(&st, h) else {
            drop(st);
            return Err(self.panic_message("close of nil channel", false));
        };
        let port = &mut st.ports[i];
        if port.closed {
            drop(st);
            return Err(self.panic_message("close of closed channel", false));
        }
        port.closed = true;
        // Messages of parked senders are not delivered: those senders panic.
        let limit = port.taken + port.cap;
        port.queue.retain(|(ticket, _)| *ticket <= limit);
        world.bump(&mut st);
        self.poll_waiters(&world, &mut st);
        Ok(())
    }

    /// `IslandGo a, b`: start an island running closure `[a]` with port `[b]`.
    #[inline(never)]
    pub(crate) fn op_island_go(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers; `[a]` is 0 or a closure object.
        let (clo, port) = unsafe { (regs.get(ins.a), regs.get(ins.b)) };
        if clo == 0 {
            return Err(Unwind::Fatal(format!("fatal error: go of nil func value\n\n{}", self.traceback())));
        }
        // SAFETY: a live closure object.
        let (func, captures) = unsafe { (heap::obj_aux(clo), heap::obj_len(clo)) };
        if captures != 0 {
            return Err(self.panic_message("island: the function of island.Go must not capture variables", false));
        }
        let world = self.island_link().world.clone();
        let mut st = world.lock();
        if world.stop.load(Ordering::SeqCst) {
            return Err(Unwind::Exit(World::stopped_error(&st)));
        }
        st.live += 1;
        let id = st.next_island;
        st.next_island += 1;
        drop(st);
        let w = world.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("island-{id}"))
            .stack_size(ISLAND_THREAD_STACK)
            .spawn(move || island_main(w, id, FuncId(func), port));
        match spawned {
            Ok(handle) => {
                world.threads.lock().unwrap_or_else(|e| e.into_inner()).push(handle);
                Ok(())
            }
            Err(e) => {
                world.lock().live -= 1;
                Err(Unwind::Fatal(format!("fatal error: island: cannot start a thread: {e}\n")))
            }
        }
    }

    /// A port operation on the nil port blocks forever; an unknown handle is a VM bug.
    fn nil_port(&mut self, h: u64, reason: &'static str) -> Unwind {
        if h == 0 {
            self.set_wait(Wait::Forever(reason));
            Unwind::Block
        } else {
            self.internal_error(format!("unknown port handle {h}"))
        }
    }

    /// Park the running fiber on a port.
    fn park_on_port(&mut self, wait: Wait) -> Result<(), Unwind> {
        let cur = self.sched.cur;
        self.set_wait(wait);
        if let Some(link) = self.islands.as_mut() {
            link.waiters.push(cur);
        }
        Err(Unwind::Block)
    }

    /// A received value (or the closed port's nil, false) goes into slots `slot` and
    /// `slot + 1` of the running fiber's stack.
    pub(crate) fn deliver(&mut self, slot: u32, d: Delivery) -> Result<(), Unwind> {
        let (v, ok) = match d {
            Delivery::Value(m) => (self.materialize(&m)?, 1),
            Delivery::Closed => (0, 0),
        };
        let slot = slot as usize;
        debug_assert!(slot + 1 < self.stack.len());
        // SAFETY: `slot` and `slot + 1` are verified frame slots of the running fiber's
        // frame that issued the `PortRecv` (absolute indices into its stack, which never
        // moves); nothing allocates between the materialisation and these stores.
        unsafe {
            *self.stack.ptr().add(slot) = v;
            *self.stack.ptr().add(slot + 1) = ok;
        }
        Ok(())
    }

    // ------------------------------------------------------------ polling and sleeping

    /// Make every waiter of this island whose port operation can now complete
    /// runnable (under the world lock).
    fn poll_waiters(&mut self, world: &World, st: &mut WorldState) {
        let Some(link) = self.islands.as_mut() else { return };
        if link.waiters.is_empty() {
            return;
        }
        let mut waiters = std::mem::take(&mut link.waiters);
        let mut changed = false;
        waiters.retain(|&id| {
            let f = &mut self.sched.fibers[id as usize];
            if f.status != Status::Blocked {
                return false; // abandoned or reset
            }
            match f.wait {
                Wait::PortRecv { port, .. } => {
                    let Some(d) = take_message(&mut st.ports[port as usize]) else { return true };
                    changed |= matches!(d, Delivery::Value(_));
                    f.delivery = Some(d);
                }
                Wait::PortSend { port, ticket } => {
                    let p = &st.ports[port as usize];
                    if p.taken + p.cap < ticket {
                        if !p.closed {
                            return true;
                        }
                        f.resume_panic = Some("send on closed channel");
                    }
                }
                _ => return false,
            }
            f.status = Status::Runnable;
            self.sched.run_queue.push_back(id);
            false
        });
        if let Some(link) = self.islands.as_mut() {
            link.waiters.append(&mut waiters);
        }
        if changed {
            world.bump(st);
        }
    }

    /// At a preemption point of an island: leave if the world stopped, else wake the
    /// waiters that can go on.
    pub(crate) fn island_checkpoint(&mut self) -> Result<(), Unwind> {
        let Some(link) = self.islands.as_ref() else { return Ok(()) };
        let world = link.world.clone();
        let mut st = world.lock();
        if world.stop.load(Ordering::SeqCst) {
            return Err(Unwind::Exit(World::stopped_error(&st)));
        }
        self.poll_waiters(&world, &mut st);
        Ok(())
    }

    /// Nothing of this island can run: sleep until a waiter can go on (`Ok`), or leave
    /// with the world's failure, a deadlock, or the stop.
    pub(crate) fn island_sleep(&mut self) -> Result<(), Unwind> {
        let world = self.islands.as_ref().expect("island_sleep without a world").world.clone();
        let mut st = world.lock();
        loop {
            if world.stop.load(Ordering::SeqCst) {
                return Err(Unwind::Exit(World::stopped_error(&st)));
            }
            self.poll_waiters(&world, &mut st);
            if !self.sched.run_queue.is_empty() {
                let link = self.islands.as_mut().expect("a world");
                if link.asleep_at.take() == Some(st.epoch) {
                    st.asleep -= 1; // counted asleep at this epoch, awake again
                }
                return Ok(());
            }
            let link = self.islands.as_mut().expect("a world");
            if link.asleep_at != Some(st.epoch) {
                link.asleep_at = Some(st.epoch);
                st.asleep += 1;
            }
            if st.asleep >= st.live {
                let e = match self.deadlock() {
                    Unwind::Fatal(text) => VmError::Fatal(text),
                    _ => VmError::Fatal(DEADLOCK_TEXT.to_string()),
                };
                world.fail(&mut st, e.clone());
                return Err(Unwind::Exit(e));
            }
            st = world.changed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The main island's outermost call ended: stop every other island, join their
    /// threads, and make the world ready for the next call. Returns a failure an
    /// island recorded while the program was still running.
    pub(crate) fn end_islands(&mut self) -> Option<VmError> {
        let link = self.islands.as_mut()?;
        if !link.is_main {
            return None;
        }
        link.asleep_at = None;
        let world = link.world.clone();
        {
            let st = world.lock();
            world.stop.store(true, Ordering::SeqCst);
            world.changed.notify_all();
            drop(st);
        }
        loop {
            let handle = world.threads.lock().unwrap_or_else(|e| e.into_inner()).pop();
            match handle {
                Some(h) => {
                    let _ = h.join();
                }
                None => break,
            }
        }
        let mut st = world.lock();
        let failure = st.failure.take();
        st.asleep = 0;
        st.live = 1;
        world.stop.store(false, Ordering::SeqCst);
        failure
    }

    // ------------------------------------------------------------ deep copy

    /// Capture the object graph of interface value `v` (nothing allocates).
    fn capture(&mut self, v: u64) -> Result<Message, &'static str> {
        let mut msg = Message::default();
        if v == 0 {
            return Ok(msg);
        }
        let mut numbers: HashMap<GcRef, u64> = HashMap::new();
        let mut work: Vec<GcRef> = Vec::new();
        let number = |r: GcRef, numbers: &mut HashMap<GcRef, u64>, work: &mut Vec<GcRef>| -> u64 {
            if r == 0 {
                return 0;
            }
            let n = numbers.len() as u64 + 1;
            *numbers.entry(r).or_insert_with(|| {
                work.push(r);
                n
            })
        };
        msg.root = number(v, &mut numbers, &mut work);
        // Objects are numbered in discovery order and captured in the same order.
        let mut next = 0;
        while next < work.len() {
            let obj = work[next];
            next += 1;
            // SAFETY: `obj` is a live object reachable from a frame slot; nothing
            // allocates during the capture, so no object moves.
            let h = unsafe { heap::header(obj) };
            let kind = ObjKind::from_u8(layout::header_kind(h));
            let captured = match kind {
                Some(ObjKind::Str) => {
                    // SAFETY: a live string.
                    MsgObject::Str(unsafe { heap::str_bytes(obj) }.into())
                }
                Some(ObjKind::Map) => {
                    let map_type = layout::header_aux(h);
                    let RKind::Map(k, v) = &self.prog().types[map_type as usize].kind else {
                        return Err("a malformed map");
                    };
                    let key_is_ref = self.prog().types[k.0 as usize].kind.is_ref();
                    let value_is_ref = self.prog().types[v.0 as usize].kind.is_ref();
                    // SAFETY: a live map.
                    let raw = unsafe { self.map_entries(obj) };
                    let entries = raw
                        .into_iter()
                        .map(|(k, v)| {
                            let k = if key_is_ref { number(k, &mut numbers, &mut work) } else { k };
                            let v = if value_is_ref { number(v, &mut numbers, &mut work) } else { v };
                            (k, v)
                        })
                        .collect();
                    MsgObject::Map { map_type, entries, key_is_ref, value_is_ref }
                }
                Some(ObjKind::Chan) => return Err("a channel"),
                Some(ObjKind::Closure) if layout::header_len(h) != 0 => return Err("a closure with captures"),
                Some(
                    ObjKind::Array
                    | ObjKind::Slice
                    | ObjKind::Struct
                    | ObjKind::Box
                    | ObjKind::Closure
                    | ObjKind::Iface,
                ) => {
                    let n = layout::object_words(h) - 1;
                    // SAFETY: the payload of a live object has `n` words by its header.
                    let mut words = unsafe { std::slice::from_raw_parts(heap::payload_ptr(obj), n) }.to_vec();
                    // SAFETY: `obj` is a live object with header `h`.
                    let (first, count, list) = unsafe { heap::gc::ref_fields(self.heap.types(), obj, h) };
                    let refs: Vec<u32> = (first as u32..(first + count) as u32).chain(list.iter().copied()).collect();
                    for &i in &refs {
                        words[i as usize] = number(words[i as usize], &mut numbers, &mut work);
                    }
                    MsgObject::Words { header: h, words, refs }
                }
                _ => return Err("an unknown object"),
            };
            msg.objects.push(captured);
        }
        Ok(msg)
    }

    /// Rebuild a captured value in this VM's heap; returns the interface value.
    fn materialize(&mut self, msg: &Message) -> Result<u64, Unwind> {
        if msg.root == 0 {
            return Ok(0);
        }
        // Allocate every object first (each a root at once: later allocations may move
        // it), then fill them in with no allocation in between.
        let mark = self.heap.roots_mark();
        let mut handles = Vec::with_capacity(msg.objects.len());
        for o in &msg.objects {
            let r = match o {
                MsgObject::Str(bytes) => self.alloc_str(bytes)?,
                MsgObject::Map { map_type, .. } => {
                    let RKind::Map(k, v) = &self.prog().types[*map_type as usize].kind else {
                        return Err(self.internal_error("port message: malformed map type".into()));
                    };
                    let key_kind = key_kind_of(&self.prog().types[k.0 as usize].kind);
                    let value_is_ref = self.prog().types[v.0 as usize].kind.is_ref();
                    self.alloc_map(TypeId(*map_type), key_kind, value_is_ref)?
                }
                MsgObject::Words { header, words, .. } => {
                    let kind = ObjKind::from_u8(layout::header_kind(*header)).expect("captured kind");
                    self.alloc_object(kind, layout::header_aux(*header), layout::header_len(*header), words.len())?
                }
            };
            handles.push(self.heap.push_root(r));
        }
        let addrs: Vec<GcRef> = handles.iter().map(|&h| self.heap.root(h)).collect();
        let addr = |n: u64| if n == 0 { 0 } else { addrs[n as usize - 1] };
        for (o, &obj) in msg.objects.iter().zip(&addrs) {
            match o {
                MsgObject::Str(_) => {}
                MsgObject::Words { words, refs, .. } => {
                    // SAFETY: `obj` is the fresh object allocated for this record, with
                    // `words.len()` payload words; reference words become addresses of
                    // objects allocated above (all live: rooted), with the barrier.
                    unsafe {
                        let p = heap::payload_ptr(obj);
                        std::ptr::copy_nonoverlapping(words.as_ptr(), p, words.len());
                        for &i in refs {
                            let child = addr(words[i as usize]);
                            *p.add(i as usize) = child;
                            self.heap.write_barrier(obj, child);
                        }
                    }
                }
                MsgObject::Map { entries, key_is_ref, value_is_ref, .. } => {
                    for &(k, v) in entries {
                        let k = if *key_is_ref { addr(k) } else { k };
                        let v = if *value_is_ref { addr(v) } else { v };
                        // SAFETY: `obj` is a fresh map; keys are scalars or live objects
                        // (strings already hold their bytes).
                        unsafe {
                            let table = self.heap.map_table(obj);
                            table.insert(k, v);
                            let live = table.len();
                            heap::Heap::set_map_len(obj, live);
                            self.heap.write_barrier(obj, k);
                            self.heap.write_barrier(obj, v);
                        }
                    }
                }
            }
        }
        let root = addr(msg.root);
        self.heap.truncate_roots(mark);
        Ok(root)
    }
}

/// The next message of a port for a receiver, `Closed` once it is closed and drained,
/// or None (the receiver waits).
fn take_message(port: &mut Port) -> Option<Delivery> {
    match port.queue.pop_front() {
        Some((_, m)) => {
            port.taken += 1;
            Some(Delivery::Value(m))
        }
        None if port.closed => Some(Delivery::Closed),
        None => None,
    }
}

/// The body of an island thread: a fresh VM over the shared program runs the package
/// initialisation, then `func(port)`.
fn island_main(world: Arc<World>, id: u64, func: FuncId, port: u64) {
    let result = (|| -> Result<(), VmError> {
        let options =
            VmOptions { seed: world.options.seed ^ id.wrapping_mul(0x9e37_79b9_7f4a_7c15), ..world.options.clone() };
        let mut vm = Vm::new(world.program.clone(), options)
            .map_err(|e| VmError::Fatal(format!("fatal error: island: {e}\n")))?;
        vm.out = Box::new(SharedOut(world.out.clone()));
        vm.islands =
            Some(Box::new(IslandLink { world: world.clone(), is_main: false, waiters: Vec::new(), asleep_at: None }));
        vm.sched.islands_active = true;
        if let Some(init) = world.program.init {
            vm.call(init, &[])?;
        }
        vm.call(func, &[port])?;
        Ok(())
    })();
    let mut st = world.lock();
    st.live -= 1;
    if world.stop.load(Ordering::SeqCst) {
        return; // the program ended or failed: nothing to report
    }
    match result {
        Err(e) => world.fail(&mut st, e),
        Ok(()) => {
            // A finished island was running, not asleep; one island fewer may leave
            // everyone else asleep.
            if st.live > 0 && st.asleep >= st.live {
                world.fail(&mut st, VmError::Fatal(DEADLOCK_TEXT.to_string()));
            }
        }
    }
}
