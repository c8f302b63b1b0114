//! The heap: object layouts, allocation, the generational moving collector's interface
//! (write barrier, roots, statistics) and the map side table.
//!
//! # Object layout (a contract: the JITs inline it)
//!
//! Every object is 8-byte aligned and starts with one header word. A GC reference
//! ([`GcRef`]) is the address of that header word, or 0 for nil.
//!
//! ```text
//!   bit 63            32 31               8 7 6 5    0
//!  +--------------------+------------------+-+-+------+
//!  |  len (u32)         |  aux (24 bits)   |R|0| kind |   header word, offset 0
//!  +--------------------+------------------+-+-+------+
//!  |  payload word 0                                  |   offset 8
//!  |  payload word 1 ...                              |   offset 16 ...
//! ```
//!
//! `R` ([`layout::REMEMBERED_BIT`]) is set while the object is in the remembered set;
//! read the kind through [`layout::header_kind`], which masks it off.
//!
//! | kind      | aux                      | len            | payload                               |
//! |-----------|--------------------------|----------------|---------------------------------------|
//! | `Str`     | 0                        | byte length    | the bytes, padded to 8                |
//! | `Array`   | element `TypeId`         | element count  | one word per element                  |
//! | `Slice`   | element `TypeId`         | 4              | array ref, offset, len, cap           |
//! | `Struct`  | the struct's `TypeId`    | field count    | one word per field                    |
//! | `Box`     | boxed value's `TypeId`   | 1              | the value                             |
//! | `Closure` | `FuncId`                 | capture count  | captures (box references)             |
//! | `Iface`   | 0                        | 2              | dynamic `TypeId`, payload             |
//! | `Map`     | the map's `TypeId`       | live entries   | index of its [`MapTable`]             |
//! | `Chan`    | element `TypeId`         | 5 + cap        | head, count, closed, wait queue, id, then the ring buffer (`cap` words) |
//!
//! The size of an object follows from its header alone ([`layout::object_words`]), so
//! every space can be walked object by object. Slice headers are immutable: `append`
//! and reslicing make a new header object. A nil string is the empty string; a nil
//! slice has length and capacity 0. The byte offsets are the constants of [`layout`];
//! every access in the VM goes through them.
//!
//! # Maps
//!
//! A map object is a small heap object whose contents live in a side table owned by the
//! heap ([`Heap::maps`], see [`map_table`]): an insertion-ordered entry vector plus an
//! open-addressing index. Keys are hashed by value (ints by bits, strings by content,
//! pointer keys by address). The object's header `len` mirrors the live entry count so
//! `len(m)` is one load. For the collector a table is part of its map object: it is
//! traced when the map is, a store into it is a store into the map (write barrier on
//! the map object), and it is freed when the map dies.
//!
//! # The collector
//!
//! A precise, copying, generational collector: **objects move**. Precise because every
//! reference is found through exact maps (slot maps, type descriptors); copying because
//! every surviving object is evacuated to a new address; generational because young
//! objects, which mostly die young, are collected without looking at old ones.
//!
//! ```text
//!   nursery: one fixed region (VmOptions::nursery_bytes, default 4 MiB)
//!   +--------------------------------+------------+
//!   | objects, bump allocated -->    |   free     |
//!   +--------------------------------+------------+
//!   ^ start                          ^ cursor     ^ limit (= end, or earlier: see max_heap)
//!
//!   old generation: chunks, bump allocated in allocation order
//!   +-----------+  +-----------+  +------------------------+
//!   | 2 MiB     |  | 2 MiB     |  | one object > 512 KiB   |   + a pool of freed chunks
//!   +-----------+  +-----------+  +------------------------+
//! ```
//!
//! ## Spaces and allocation
//!
//! Allocation bumps `cursor` in the nursery ([`Heap::try_alloc`]: a compare and an add,
//! inlined into the VM's allocation helpers; everything else is the cold
//! [`Heap::alloc_slow`]). Objects larger than `min(32 KiB, nursery / 4)` are allocated
//! directly in the old generation. Memory returned by allocation is always zeroed (the
//! nursery is zeroed again after each collection). The nursery never moves or changes
//! size, so its bounds are constants for the heap's lifetime.
//!
//! ## Collections
//!
//! - **Minor** (when the nursery is full): every nursery object reachable from the
//!   roots or from the remembered set is copied into the old generation (en-masse
//!   promotion: there is no survivor space), breadth first: the copies are scanned in
//!   the order they were made (Cheney), which evacuates what they reference in turn.
//!   The nursery is then empty. Old objects do not move in a minor collection. Side
//!   tables of maps that died young are freed.
//! - **Major**: every object reachable from the roots, young or old, is copied into
//!   fresh old chunks (Cheney again) and the previous chunks are freed (a few are kept
//!   for reuse). Old objects move too. Side tables of dead maps are dropped and the
//!   surviving ones renumbered. A major collection runs instead of a minor one when
//!   the bytes added to the old generation since the last major collection exceed
//!   `max(8 MiB, live bytes after the last major)`, when many map tables were created
//!   since, or when the heap limit is reached.
//! - **Forwarding**: a copied object's old header becomes `copy address << 8 |
//!   FORWARDED_KIND`, so every other reference to it finds the copy (sharing and cycles
//!   survive).
//!
//! **What may move when:** objects move only inside a collection, which only happens
//! at an allocation, i.e. at a safepoint (an instruction flagged `ALLOC` or `CALL`). A
//! minor collection moves every live young object; a major one moves every live
//! object. Between two safepoints no address changes, so code may hold a reference in
//! a Rust local (or a machine register) as long as it does not allocate in between.
//!
//! ## Roots
//!
//! The collector knows its own root handles ([`Heap::push_root`]); every other root is
//! enumerated by the heap's owner through [`RootSet`] (the VM's implementation is in
//! `runtime::gc`): every frame of every fiber's control stack (running, runnable or
//! parked) through its function's slot map (slots `0..slot_count` only: the top
//! frame's call window is never live at a safepoint), each frame's running closure,
//! the globals that hold references (`Program::global_refs`), each fiber's defer
//! records (closure and saved reference arguments) and panic values, and the interned
//! string constants and function closures. Channel wait queues hold no references:
//! what a parked sender offers and where a parked receiver's value goes are slots of
//! the parked frames.
//!
//! Tracing follows the object layouts ([`gc::trace_fields`]): struct fields by the
//! struct's field types, array elements by the element type, a box by its boxed type,
//! every closure capture, a slice's array, an interface's payload when its dynamic type
//! is a reference ([`RKind::is_ref`]), a channel's ring buffer when its element type
//! is a reference (every slot: free ones are kept zero), and a map's side table (keys
//! unless scalar, values when they are references). A table is only ever reached through its live
//! map object; a table with pointer keys is re-indexed when its keys move.
//!
//! **Architecture Invariant (GC roots):** across any call that may allocate, a reference
//! lives only in a frame slot (covered by the function's `ref_slots`), a global, a heap
//! field, a root handle ([`Heap::push_root`]), or one of the VM's explicit root tables
//! (interned string constants and function closures, deferred-call arguments, panic
//! values, call records' closures) — never in a Rust local. Code that allocates twice
//! pushes what it holds as roots and re-reads them after each allocation.
//!
//! ## The write barrier
//!
//! A minor collection does not scan the old generation, so every old object that may
//! point into the nursery must be in the *remembered set*, whose members are scanned
//! as extra roots (and leave the set) at the next minor collection.
//! [`Heap::write_barrier`] maintains it. Its contract:
//!
//! - Call `write_barrier(obj, value)` after every store of a reference `value` into a
//!   field of heap object `obj`, before the next safepoint. A store into a map's side
//!   table is a store into the map object. `obj` is a live non-nil object; `value` is
//!   any reference or 0.
//! - It records `obj` when `obj` is old and `value` is young, once (the header's
//!   `REMEMBERED_BIT` marks members); otherwise it does nothing. "Young" is one
//!   unsigned compare against the nursery bounds, which are fixed for the heap's
//!   lifetime ([`Heap::nursery_bounds`]): a JIT may inline the test with the bounds as
//!   immediates and call the cold [`Heap::remember`] only when it passes.
//! - After a bulk copy of references into an object (`copy`, `append`), call
//!   [`Heap::write_barrier_bulk`] instead: it records the object if it is old.
//! - Stores into an object allocated since the last safepoint need no barrier: the
//!   object is young, or it was allocated directly in the old generation and is
//!   remembered from birth.
//! - Stores into frame slots and globals need no barrier: they are roots.
//!
//! ## Limits, stress and verification ([`HeapOptions`])
//!
//! `max_heap` bounds the old generation's object bytes plus the nursery's used bytes
//! (map side tables are not counted). The nursery's `limit` is lowered when less room
//! than a whole nursery is left, so the fast path needs no extra check. When an
//! allocation would exceed the limit, a major collection runs first; if the live data
//! plus the request still exceed it, allocation fails with [`GcError::OutOfMemory`]
//! (the VM ends the run with Go's `fatal error: runtime: out of memory`, exit status
//! 2). Without a limit the heap takes what the system gives; a request the system
//! refuses fails the same way, never as an abort (if that happens in the middle of a
//! collection the heap is marked broken and every later allocation fails).
//!
//! `stress` collects at every allocation (a minor collection, every 8th a major one),
//! so every allocation site sees its objects move, old ones included. `verify` checks
//! the heap around every collection (`gc_verify`): after it, every root and every
//! reference in every object must point at the start of an object (walking the chunks
//! object by object gives the starts), and every map table must belong to exactly one
//! map object; before it, everything the collection will follow (and before a major
//! collection, everything: old objects pointing into the nursery must be remembered).
//! A failure names the root or object and stops the run with an internal error. Both
//! are test modes: stress with verify costs a walk of the heap per allocation.

pub mod gc;
mod gc_verify;
pub mod map_table;

#[cfg(doc)]
use crate::bytecode::RKind;
pub use gc::GcTypes;
pub use map_table::{KeyKind, MapTable};

/// A reference to a heap object (its address), or 0 for nil.
pub type GcRef = u64;

/// The kind byte of an object header.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjKind {
    Str = 1,
    Array = 2,
    Slice = 3,
    Struct = 4,
    Box = 5,
    Closure = 6,
    Iface = 7,
    Map = 8,
    Chan = 9,
}

impl ObjKind {
    pub fn from_u8(v: u8) -> Option<ObjKind> {
        Some(match v {
            1 => ObjKind::Str,
            2 => ObjKind::Array,
            3 => ObjKind::Slice,
            4 => ObjKind::Struct,
            5 => ObjKind::Box,
            6 => ObjKind::Closure,
            7 => ObjKind::Iface,
            8 => ObjKind::Map,
            9 => ObjKind::Chan,
            _ => return None,
        })
    }
}

/// Byte offsets and header encoding: the one place JITs and the runtime take them from.
pub mod layout {
    use super::ObjKind;

    /// Size of the header word.
    pub const HEADER_BYTES: usize = 8;
    /// The kind bits of the header (the flag bits above them are masked off).
    pub const KIND_MASK: u64 = 0x3f;
    /// Header flag: the object is in the remembered set (see the write barrier).
    pub const REMEMBERED_BIT: u64 = 0x80;
    /// During a collection only: the kind of an object that has been copied; the
    /// header's bits 8..64 hold the copy's address.
    pub const FORWARDED_KIND: u8 = 0x3f;
    pub const AUX_SHIFT: u32 = 8;
    pub const AUX_MASK: u64 = 0xff_ffff;
    pub const LEN_SHIFT: u32 = 32;
    /// Largest value an `aux` field can hold (type and function ids must stay below).
    pub const AUX_MAX: u32 = 0xff_ffff;
    /// An `Array`/`Slice` aux meaning "scalar elements of a type the program does not
    /// describe": byte slices made by `[]byte(s)` in a program with no `uint8` type.
    pub const AUX_SCALAR_ELEMS: u32 = AUX_MAX;

    /// Byte offset of payload word `i` of any object.
    #[inline(always)]
    pub const fn word_offset(i: usize) -> usize {
        HEADER_BYTES + 8 * i
    }

    /// Strings: the bytes start here.
    pub const STR_BYTES: usize = 8;
    /// Arrays: element `i` is at `ARRAY_ELEMS + 8 * i`.
    pub const ARRAY_ELEMS: usize = 8;
    /// Structs: field `i` is at `STRUCT_FIELDS + 8 * i`.
    pub const STRUCT_FIELDS: usize = 8;
    /// Slices: the backing array reference.
    pub const SLICE_ARRAY: usize = 8;
    /// Slices: the offset (in elements) of element 0 within the array.
    pub const SLICE_OFFSET: usize = 16;
    pub const SLICE_LEN: usize = 24;
    pub const SLICE_CAP: usize = 32;
    pub const SLICE_WORDS: usize = 4;
    /// Boxes: the boxed value.
    pub const BOX_VALUE: usize = 8;
    /// Closures: capture `i` is at `CLOSURE_CAPTURES + 8 * i`.
    pub const CLOSURE_CAPTURES: usize = 8;
    /// Interfaces: the dynamic `TypeId` (as a u64).
    pub const IFACE_TYPE: usize = 8;
    /// Interfaces: the payload.
    pub const IFACE_DATA: usize = 16;
    pub const IFACE_WORDS: usize = 2;
    /// Maps: the index of the map's side table in `Heap::maps`.
    pub const MAP_TABLE: usize = 8;
    pub const MAP_WORDS: usize = 1;
    /// Channels: index of the oldest buffered value in the ring.
    pub const CHAN_HEAD: usize = 8;
    /// Channels: number of buffered values (`len(ch)`).
    pub const CHAN_COUNT: usize = 16;
    /// Channels: 1 once closed.
    pub const CHAN_CLOSED: usize = 24;
    /// Channels: 1 + the index of the channel's wait queues in the VM's table, or 0
    /// when no goroutine waits on it (a scalar: the queues hold no references).
    pub const CHAN_WAITQ: usize = 32;
    /// Channels: a serial number unique in the VM (validates `CHAN_WAITQ`).
    pub const CHAN_ID: usize = 40;
    /// Channels: the ring buffer, `cap` words, starts here.
    pub const CHAN_BUF: usize = 48;
    /// Channels: payload words before the ring buffer; `len` in the header is
    /// `CHAN_FIXED_WORDS + cap`.
    pub const CHAN_FIXED_WORDS: usize = 5;

    /// Encode a header word.
    #[inline(always)]
    pub const fn header(kind: ObjKind, aux: u32, len: u32) -> u64 {
        kind as u64 | ((aux as u64 & AUX_MASK) << AUX_SHIFT) | ((len as u64) << LEN_SHIFT)
    }
    /// The kind byte without flags (an `ObjKind` value, or `FORWARDED_KIND`).
    #[inline(always)]
    pub const fn header_kind(h: u64) -> u8 {
        (h & KIND_MASK) as u8
    }
    #[inline(always)]
    pub const fn header_aux(h: u64) -> u32 {
        ((h >> AUX_SHIFT) & AUX_MASK) as u32
    }
    #[inline(always)]
    pub const fn header_len(h: u64) -> u32 {
        (h >> LEN_SHIFT) as u32
    }

    /// Words occupied by an object with header `h`, header included.
    #[inline(always)]
    pub const fn object_words(h: u64) -> usize {
        let len = header_len(h) as usize;
        let kind = header_kind(h);
        if kind == ObjKind::Str as u8 {
            1 + len.div_ceil(8)
        } else if kind == ObjKind::Map as u8 {
            1 + MAP_WORDS
        } else {
            1 + len
        }
    }
}

// ---------------------------------------------------------------- raw object access

/// Load the word at byte `offset` of object `r`.
///
/// # Safety
/// `r` must be a live, non-nil reference to an object that has a word at `offset`.
#[inline(always)]
pub unsafe fn load(r: GcRef, offset: usize) -> u64 {
    debug_assert!(r != 0, "load from a nil reference");
    // SAFETY: the caller guarantees that `r + offset` is a word inside a live object.
    unsafe { *((r as usize + offset) as *const u64) }
}

/// Store `v` at byte `offset` of object `r` (no write barrier: see [`Heap::write_barrier`]).
///
/// # Safety
/// `r` must be a live, non-nil reference to an object that has a word at `offset`.
#[inline(always)]
pub unsafe fn store(r: GcRef, offset: usize, v: u64) {
    debug_assert!(r != 0, "store to a nil reference");
    // SAFETY: the caller guarantees that `r + offset` is a word inside a live object.
    unsafe { *((r as usize + offset) as *mut u64) = v }
}

/// The header word of object `r`.
///
/// # Safety
/// `r` must be a live, non-nil object reference.
#[inline(always)]
pub unsafe fn header(r: GcRef) -> u64 {
    // SAFETY: every object starts with its header word.
    unsafe { load(r, 0) }
}

/// The `len` field of object `r`'s header.
///
/// # Safety
/// `r` must be a live, non-nil object reference.
#[inline(always)]
pub unsafe fn obj_len(r: GcRef) -> usize {
    // SAFETY: forwarded to the caller.
    layout::header_len(unsafe { header(r) }) as usize
}

/// The `aux` field of object `r`'s header.
///
/// # Safety
/// `r` must be a live, non-nil object reference.
#[inline(always)]
pub unsafe fn obj_aux(r: GcRef) -> u32 {
    // SAFETY: forwarded to the caller.
    layout::header_aux(unsafe { header(r) })
}

/// The kind of object `r`.
///
/// # Safety
/// `r` must be a live, non-nil object reference.
#[inline(always)]
pub unsafe fn obj_kind(r: GcRef) -> Option<ObjKind> {
    // SAFETY: forwarded to the caller.
    ObjKind::from_u8(layout::header_kind(unsafe { header(r) }))
}

/// Payload word `i` of `r`.
///
/// # Safety
/// `r` must be a live, non-nil object with more than `i` payload words.
#[inline(always)]
pub unsafe fn word(r: GcRef, i: usize) -> u64 {
    // SAFETY: forwarded to the caller.
    unsafe { load(r, layout::word_offset(i)) }
}

/// Set payload word `i` of `r`.
///
/// # Safety
/// `r` must be a live, non-nil object with more than `i` payload words.
#[inline(always)]
pub unsafe fn set_word(r: GcRef, i: usize, v: u64) {
    // SAFETY: forwarded to the caller.
    unsafe { store(r, layout::word_offset(i), v) }
}

/// Pointer to payload word 0 of `r`.
///
/// # Safety
/// `r` must be a live, non-nil object reference; the pointer is valid until the next
/// allocation (the collector may move the object then).
#[inline(always)]
pub unsafe fn payload_ptr(r: GcRef) -> *mut u64 {
    (r as usize + layout::HEADER_BYTES) as *mut u64
}

/// The bytes of string `r` (nil is the empty string).
///
/// # Safety
/// `r` must be 0 or a live `Str` object, and the returned slice must not be used after
/// the next allocation (the collector may move the string).
#[inline(always)]
pub unsafe fn str_bytes<'a>(r: GcRef) -> &'a [u8] {
    if r == 0 {
        return &[];
    }
    // SAFETY: `r` is a live string: `len` bytes follow the header.
    unsafe {
        debug_assert_eq!(obj_kind(r), Some(ObjKind::Str), "str_bytes of a non-string");
        let n = obj_len(r);
        std::slice::from_raw_parts((r as usize + layout::STR_BYTES) as *const u8, n)
    }
}

/// Length of string `r` (nil: 0).
///
/// # Safety
/// `r` must be 0 or a live `Str` object.
#[inline(always)]
pub unsafe fn str_len(r: GcRef) -> usize {
    if r == 0 {
        0
    } else {
        // SAFETY: forwarded to the caller.
        unsafe { obj_len(r) }
    }
}

/// The four words of slice `r` as `(array, offset, len, cap)`; nil gives zeros.
///
/// # Safety
/// `r` must be 0 or a live `Slice` object.
#[inline(always)]
pub unsafe fn slice_parts(r: GcRef) -> (GcRef, usize, usize, usize) {
    if r == 0 {
        return (0, 0, 0, 0);
    }
    // SAFETY: `r` is a live slice header with four payload words.
    unsafe {
        debug_assert_eq!(obj_kind(r), Some(ObjKind::Slice), "slice_parts of a non-slice");
        (
            load(r, layout::SLICE_ARRAY),
            load(r, layout::SLICE_OFFSET) as usize,
            load(r, layout::SLICE_LEN) as usize,
            load(r, layout::SLICE_CAP) as usize,
        )
    }
}

/// Fill a slice header made by `Vm::alloc_slice`.
///
/// # Safety
/// `h` must be a live `Slice` object.
#[inline(always)]
pub unsafe fn init_slice(h: GcRef, array: GcRef, offset: usize, len: usize, cap: usize) {
    // SAFETY: forwarded to the caller: `h` has four payload words.
    unsafe {
        store(h, layout::SLICE_ARRAY, array);
        store(h, layout::SLICE_OFFSET, offset as u64);
        store(h, layout::SLICE_LEN, len as u64);
        store(h, layout::SLICE_CAP, cap as u64);
    }
}

// ---------------------------------------------------------------- the heap

/// Largest object the heap agrees to allocate (words): 32 GiB.
pub const MAX_OBJECT_WORDS: usize = 1 << 32;
/// Default nursery size (`VmOptions::nursery_bytes`).
pub const DEFAULT_NURSERY_BYTES: usize = 4 << 20;
/// Smallest nursery: smaller requests are rounded up to this.
pub const MIN_NURSERY_BYTES: usize = 64 << 10;
/// Objects larger than this (or than a quarter of the nursery) are allocated directly in
/// the old generation.
pub const LARGE_OBJECT_BYTES: usize = 32 << 10;

/// A position in the root stack, returned by [`Heap::push_root`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RootHandle(usize);

impl RootHandle {
    /// A handle that names no root (reading it panics): for "no source" arguments.
    pub const NONE: RootHandle = RootHandle(usize::MAX);
}

/// Collector statistics (`Vm::gc_stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    pub minor_collections: u64,
    pub major_collections: u64,
    /// Bytes of objects allocated so far (headers included), nursery and old generation.
    pub bytes_allocated: u64,
    /// Bytes copied by collections: promotions by minor collections, every live object
    /// by major ones.
    pub bytes_copied: u64,
    /// Time spent in collections (verification excluded), and the longest one.
    pub total_pause_ns: u64,
    pub max_pause_ns: u64,
}

/// Why an allocation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GcError {
    /// The request does not fit under `max_heap` even after a major collection, or the
    /// system refused memory (Go: `fatal error: runtime: out of memory`).
    OutOfMemory,
    /// `verify` found a broken heap; the text names the root or object.
    Verify(String),
}

/// How a heap is configured (from `VmOptions`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapOptions {
    /// Size of the nursery in bytes (rounded down to a word, at least
    /// [`MIN_NURSERY_BYTES`]).
    pub nursery_bytes: usize,
    /// Limit on old-generation object bytes plus nursery bytes in use; None: no limit
    /// of the heap's own (the system's memory is the limit).
    pub max_heap: Option<usize>,
    /// Collect at every allocation (a minor each time, every 8th a major).
    pub stress: bool,
    /// Verify the heap before and after every collection (see `gc_verify`).
    pub verify: bool,
}

impl Default for HeapOptions {
    fn default() -> Self {
        HeapOptions { nursery_bytes: DEFAULT_NURSERY_BYTES, max_heap: None, stress: false, verify: false }
    }
}

/// Names a root for verification messages (see [`RootSet::describe`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootName {
    /// A root handle of the heap's own root stack.
    Handle(usize),
    /// Slot `slot` of the frame at control-stack depth `depth`, running function `func`.
    FrameSlot {
        depth: usize,
        func: u32,
        slot: usize,
    },
    /// The running closure of the frame at `depth`.
    FrameClosure {
        depth: usize,
        func: u32,
    },
    Global(usize),
    /// The closure of defer record `record`.
    DeferClosure(usize),
    /// Saved argument `arg` of defer record `record`.
    DeferArg {
        record: usize,
        arg: usize,
    },
    /// The value of panic `n` of the current chain.
    Panic(usize),
    /// Interned string constant `n`.
    StringConst(usize),
    /// Interned capture-less closure of function `n`.
    FuncClosure(usize),
    /// Slot `slot` of the frame at depth `depth` (function `func`) of goroutine `goid`
    /// (one that is not running).
    GoroutineSlot {
        goid: u64,
        depth: usize,
        func: u32,
        slot: usize,
    },
    /// Another root of goroutine `goid` (not running): what, and its index.
    GoroutineOther {
        goid: u64,
        what: &'static str,
        index: usize,
    },
    /// Anything else an owner wants to name.
    Other(&'static str, usize),
}

impl std::fmt::Display for RootName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            RootName::Handle(i) => write!(f, "root handle {i}"),
            RootName::FrameSlot { depth, func, slot } => write!(f, "frame {depth} (function #{func}) slot r{slot}"),
            RootName::FrameClosure { depth, func } => {
                write!(f, "the running closure of frame {depth} (function #{func})")
            }
            RootName::Global(i) => write!(f, "global g{i}"),
            RootName::DeferClosure(i) => write!(f, "the closure of defer record {i}"),
            RootName::DeferArg { record, arg } => write!(f, "argument {arg} of defer record {record}"),
            RootName::Panic(i) => write!(f, "the value of panic {i}"),
            RootName::StringConst(i) => write!(f, "string constant {i}"),
            RootName::FuncClosure(i) => write!(f, "the interned closure of function #{i}"),
            RootName::GoroutineSlot { goid, depth, func, slot } => {
                write!(f, "goroutine {goid} frame {depth} (function #{func}) slot r{slot}")
            }
            RootName::GoroutineOther { goid, what, index } => write!(f, "goroutine {goid}: {what} {index}"),
            RootName::Other(what, i) => write!(f, "{what} {i}"),
        }
    }
}

/// The roots a collection needs from the heap's owner, besides the heap's root handles.
pub trait RootSet {
    /// Call `f` exactly once on every root slot that may hold a reference (0 is fine).
    /// `f` may change the slot (the object moved).
    fn visit_roots(&mut self, f: &mut dyn FnMut(&mut GcRef, RootName));

    /// A readable name for `root` (verification messages).
    fn describe(&self, root: RootName) -> String {
        root.to_string()
    }
}

/// An owner with no roots of its own (tests; the heap's root handles still count).
pub struct NoRoots;

impl RootSet for NoRoots {
    fn visit_roots(&mut self, _: &mut dyn FnMut(&mut GcRef, RootName)) {}
}

/// The heap of one island: nursery, old generation, remembered set, root stack and map
/// side tables.
pub struct Heap {
    /// Nursery bump pointer and limit (addresses). `limit == cursor` forces every
    /// allocation onto the slow path (stress mode).
    cursor: usize,
    limit: usize,
    /// Nursery bounds, fixed for the heap's lifetime.
    young_start: usize,
    young_bytes: usize,
    /// Objects of more words than this are allocated in the old generation.
    large_words: usize,
    nursery: gc::Chunk,
    old: gc::OldSpace,
    /// Old objects that may point into the nursery (each has `REMEMBERED_BIT` set).
    remembered: Vec<GcRef>,
    /// Explicit root handles (see the module doc's GC rule).
    roots: Vec<GcRef>,
    /// Map contents, indexed by the word at `layout::MAP_TABLE` of each map object.
    pub maps: Vec<MapTable>,
    /// Map objects allocated in the nursery since the last collection (their tables are
    /// freed at the next minor collection if they die).
    young_maps: Vec<GcRef>,
    /// Indices of `maps` whose map died (reused by new maps).
    free_map_slots: Vec<usize>,
    types: GcTypes,
    options: HeapOptions,
    stats: GcStats,
    /// Object bytes in the old generation (live or not).
    old_bytes: usize,
    /// Bytes added to the old generation since the last major collection.
    old_since_major: usize,
    /// Old-generation bytes right after the last major collection.
    live_after_major: usize,
    /// Map tables right after the last major collection.
    maps_after_major: usize,
    /// A collection failed half-way (the system refused memory): nothing may allocate.
    broken: bool,
    /// Object starts of the old generation, kept between verifications.
    verify_cache: Option<gc_verify::VerifyCache>,
}

impl Heap {
    /// A heap tracing objects with `types` (see [`GcTypes::new`]).
    pub fn new(types: GcTypes, options: HeapOptions) -> Result<Heap, GcError> {
        let mut nursery_bytes = options.nursery_bytes.max(MIN_NURSERY_BYTES) & !7;
        if let Some(max) = options.max_heap {
            // A nursery larger than a quarter of the limit would hide the limit.
            nursery_bytes = nursery_bytes.min((max / 4).max(MIN_NURSERY_BYTES) & !7);
        }
        let nursery = gc::Chunk::new_zeroed(nursery_bytes / 8).ok_or(GcError::OutOfMemory)?;
        let young_start = nursery.start();
        let large_words = (LARGE_OBJECT_BYTES.min(nursery_bytes / 4)) / 8;
        let mut heap = Heap {
            cursor: young_start,
            limit: young_start,
            young_start,
            young_bytes: nursery_bytes,
            large_words,
            nursery,
            old: gc::OldSpace::new(),
            remembered: Vec::new(),
            roots: Vec::new(),
            maps: Vec::new(),
            young_maps: Vec::new(),
            free_map_slots: Vec::new(),
            types,
            options,
            stats: GcStats::default(),
            old_bytes: 0,
            old_since_major: 0,
            live_after_major: 0,
            maps_after_major: 0,
            broken: false,
            verify_cache: None,
        };
        heap.limit = heap.nursery_limit();
        Ok(heap)
    }

    /// The allocation fast path: bump `words` zeroed words in the nursery, or None when
    /// the nursery is full, the object is large, or stress mode is on (then call
    /// [`Heap::alloc_slow`], which may collect). The caller writes the header.
    #[inline(always)]
    pub fn try_alloc(&mut self, words: usize) -> Option<GcRef> {
        let cursor = self.cursor;
        if words <= self.large_words && words * 8 <= self.limit - cursor {
            self.cursor = cursor + words * 8;
            Some(cursor as GcRef)
        } else {
            None
        }
    }

    /// Allocate an object with the given header and `payload_words` zeroed payload
    /// words; may collect (`roots` are the owner's roots).
    #[inline]
    pub fn alloc_object(
        &mut self,
        kind: ObjKind,
        aux: u32,
        len: u32,
        payload_words: usize,
        roots: &mut dyn RootSet,
    ) -> Result<GcRef, GcError> {
        let words = 1 + payload_words;
        let h = layout::header(kind, aux, len);
        match self.try_alloc(words) {
            Some(r) => {
                // SAFETY: `r` was just allocated with at least one word.
                unsafe { store(r, 0, h) };
                Ok(r)
            }
            None => self.alloc_slow(words, h, roots),
        }
    }

    /// Give the freshly allocated map object `m` an empty side table.
    ///
    /// # Safety
    /// `m` must be a live `Map` object with no table yet.
    pub unsafe fn init_map(&mut self, m: GcRef, key_kind: KeyKind, value_is_ref: bool) {
        let table = MapTable::new(key_kind, value_is_ref);
        let index = match self.free_map_slots.pop() {
            Some(i) => {
                self.maps[i] = table;
                i
            }
            None => {
                self.maps.push(table);
                self.maps.len() - 1
            }
        };
        // SAFETY: `m` is a map object with one payload word (caller's guarantee).
        unsafe { store(m, layout::MAP_TABLE, index as u64) };
        if self.is_young(m) {
            self.young_maps.push(m);
        }
    }

    /// The side table of map `m`.
    ///
    /// # Safety
    /// `m` must be a live, non-nil `Map` object.
    #[inline]
    pub unsafe fn map_table(&mut self, m: GcRef) -> &mut MapTable {
        // SAFETY: `m` is a map object whose table word indexes `self.maps`.
        let i = unsafe {
            debug_assert_eq!(obj_kind(m), Some(ObjKind::Map), "map_table of a non-map");
            load(m, layout::MAP_TABLE) as usize
        };
        &mut self.maps[i]
    }

    /// Record that map `m` now has `live` entries (mirrored in its header).
    ///
    /// # Safety
    /// `m` must be a live, non-nil `Map` object.
    #[inline]
    pub unsafe fn set_map_len(m: GcRef, live: usize) {
        // SAFETY: forwarded to the caller.
        unsafe {
            let h = header(m);
            store(m, 0, (h & 0xffff_ffff) | ((live as u64) << layout::LEN_SHIFT));
        }
    }

    // ------------------------------------------------------------ the write barrier

    /// Whether `r` is in the nursery (false for nil). One unsigned compare.
    #[inline(always)]
    pub fn is_young(&self, r: GcRef) -> bool {
        r.wrapping_sub(self.young_start as u64) < self.young_bytes as u64
    }

    /// The nursery's `(start address, size in bytes)`: fixed for the heap's lifetime,
    /// so JIT code may embed them (the young test of the write barrier).
    pub fn nursery_bounds(&self) -> (usize, usize) {
        (self.young_start, self.young_bytes)
    }

    /// The addresses of the bump cursor and limit, for native code's inline allocation
    /// (`jit::alloc`): valid while the heap does not move (the VM is not moved while
    /// native code runs). Above the cursor the nursery is zero.
    pub(crate) fn bump_fields(&mut self) -> (*mut usize, *const usize) {
        (&mut self.cursor, &self.limit)
    }

    /// The largest object, in words, the bump allocator hands out.
    pub fn large_words(&self) -> usize {
        self.large_words
    }

    /// The write barrier: call it after storing reference `value` into a field of
    /// object `obj` (or into the side table of map `obj`), before the next safepoint.
    /// Records `obj` in the remembered set when it is old and `value` is young. See the
    /// module doc for the full contract.
    ///
    /// # Safety
    /// `obj` must be a live, non-nil object (the one just stored into).
    #[inline(always)]
    pub unsafe fn write_barrier(&mut self, obj: GcRef, value: GcRef) {
        if self.is_young(value) && !self.is_young(obj) {
            // SAFETY: forwarded to the caller.
            unsafe { self.remember(obj) };
        }
    }

    /// The barrier after a bulk copy of references into `obj` (`copy`, `append`):
    /// records `obj` when it is old, whatever was stored.
    ///
    /// # Safety
    /// `obj` must be 0 or a live object.
    #[inline]
    pub unsafe fn write_barrier_bulk(&mut self, obj: GcRef) {
        if obj != 0 && !self.is_young(obj) {
            // SAFETY: forwarded to the caller.
            unsafe { self.remember(obj) };
        }
    }

    /// Add old object `obj` to the remembered set (once: the header flag dedups).
    ///
    /// # Safety
    /// `obj` must be a live, non-nil object outside the nursery.
    #[cold]
    #[inline(never)]
    pub unsafe fn remember(&mut self, obj: GcRef) {
        // SAFETY: forwarded to the caller.
        unsafe {
            let h = header(obj);
            if h & layout::REMEMBERED_BIT == 0 {
                store(obj, 0, h | layout::REMEMBERED_BIT);
                self.remembered.push(obj);
            }
        }
    }

    // ------------------------------------------------------------ roots

    /// Keep `r` reachable (and updated by a moving collector) until the root stack is
    /// truncated below the returned handle.
    #[inline]
    pub fn push_root(&mut self, r: GcRef) -> RootHandle {
        self.roots.push(r);
        RootHandle(self.roots.len() - 1)
    }

    /// The current value of a root (re-read it after every allocation).
    #[inline]
    pub fn root(&self, h: RootHandle) -> GcRef {
        self.roots[h.0]
    }

    #[inline]
    pub fn set_root(&mut self, h: RootHandle, r: GcRef) {
        self.roots[h.0] = r;
    }

    /// The current depth of the root stack, to restore with [`Heap::truncate_roots`].
    #[inline]
    pub fn roots_mark(&self) -> usize {
        self.roots.len()
    }

    /// Pop every root pushed since `mark`.
    #[inline]
    pub fn truncate_roots(&mut self, mark: usize) {
        debug_assert!(mark <= self.roots.len(), "root stack truncated above its depth");
        self.roots.truncate(mark);
    }

    /// Pop the most recently pushed root and return its current value.
    #[inline]
    pub fn pop_root(&mut self) -> GcRef {
        self.roots.pop().expect("pop_root on an empty root stack")
    }

    // ------------------------------------------------------------ statistics

    /// Collector statistics so far.
    pub fn stats(&self) -> GcStats {
        let mut s = self.stats;
        s.bytes_allocated += (self.cursor - self.young_start) as u64;
        s
    }

    /// The remembered set: old objects that may point into the nursery.
    pub fn remembered(&self) -> &[GcRef] {
        &self.remembered
    }

    /// Object bytes in the old generation (live or not, until the next major).
    pub fn old_bytes(&self) -> usize {
        self.old_bytes
    }

    /// The type facts the collector traces objects with.
    pub fn types(&self) -> &GcTypes {
        &self.types
    }

    /// The options the heap was made with (the nursery size as requested).
    pub fn options(&self) -> &HeapOptions {
        &self.options
    }
}

#[cfg(test)]
mod tests;
