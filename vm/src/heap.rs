//! The heap: object layouts, allocation, root handles and the map side table.
//!
//! # Object layout (a contract: the JITs inline it)
//!
//! Every object is 8-byte aligned and starts with one header word. A GC reference
//! ([`GcRef`]) is the address of that header word, or 0 for nil.
//!
//! ```text
//!   bit 63            32 31               8 7        0
//!  +--------------------+------------------+----------+
//!  |  len (u32)         |  aux (24 bits)   |  kind    |   header word, offset 0
//!  +--------------------+------------------+----------+
//!  |  payload word 0                                  |   offset 8
//!  |  payload word 1 ...                              |   offset 16 ...
//! ```
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
//!
//! Slice headers are immutable: `append` and reslicing make a new header object. A nil
//! string is the empty string; a nil slice has length and capacity 0. The byte offsets
//! are the constants of [`layout`]; every access in the VM goes through them.
//!
//! # Maps
//!
//! A map object is a small heap object whose contents live in a side table owned by the
//! heap ([`Heap::maps`], see [`map_table`]): an insertion-ordered entry vector plus an
//! open-addressing index. Keys are hashed by value (ints by bits, strings by content,
//! pointer keys by address). The object's header `len` mirrors the live entry count so
//! `len(m)` is one load.
//!
//! # Allocation and the GC rule
//!
//! Allocation is a bump pointer over large zeroed chunks; memory returned by
//! [`Heap::alloc`] is always zeroed. Nothing is freed yet. The next step turns this into
//! a precise **moving** collector, so the following rule holds everywhere already:
//!
//! **Architecture Invariant (GC roots):** across any call that may allocate, a reference
//! lives only in a frame slot (covered by the function's `ref_slots`), a global, a heap
//! field, a root handle ([`Heap::push_root`]), or one of the VM's explicit root tables
//! (interned string constants and function closures, deferred-call arguments, panic
//! values, call records' closures) — never in a Rust local. Code that allocates twice
//! pushes what it holds as roots and re-reads them after each allocation.
//!
//! The write barrier ([`Heap::write_barrier`]) is called on every store of a reference
//! into a heap object; it does nothing yet.

pub mod map_table;

use crate::bytecode::{FuncId, TypeId};
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
            _ => return None,
        })
    }
}

/// Byte offsets and header encoding: the one place JITs and the runtime take them from.
pub mod layout {
    use super::ObjKind;

    /// Size of the header word.
    pub const HEADER_BYTES: usize = 8;
    pub const KIND_MASK: u64 = 0xff;
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

    /// Encode a header word.
    #[inline(always)]
    pub const fn header(kind: ObjKind, aux: u32, len: u32) -> u64 {
        kind as u64 | ((aux as u64 & AUX_MASK) << AUX_SHIFT) | ((len as u64) << LEN_SHIFT)
    }
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

/// Fill a slice header made by [`Heap::alloc_slice`].
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

/// Words per ordinary chunk (2 MiB).
const CHUNK_WORDS: usize = 1 << 18;
/// Objects larger than this get a chunk of their own.
const LARGE_OBJECT_WORDS: usize = CHUNK_WORDS / 4;
/// Largest object the heap agrees to allocate (words): 32 GiB.
pub const MAX_OBJECT_WORDS: usize = 1 << 32;

/// A position in the root stack, returned by [`Heap::push_root`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RootHandle(usize);

impl RootHandle {
    /// A handle that names no root (reading it panics): for "no source" arguments.
    pub const NONE: RootHandle = RootHandle(usize::MAX);
}

/// Heap statistics.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapStats {
    pub bytes_allocated: u64,
    pub objects_allocated: u64,
    pub collections: u64,
}

/// The allocation failed: the request exceeds what the heap can provide.
#[derive(Debug)]
pub struct OutOfMemory;

/// The heap of one island: chunks, the root stack and the map side tables.
pub struct Heap {
    /// Every chunk ever allocated (never freed yet).
    chunks: Vec<Box<[u64]>>,
    /// Bump pointer and limit (addresses) in the current chunk.
    cursor: usize,
    limit: usize,
    /// Explicit root handles (see the module doc's GC rule).
    roots: Vec<GcRef>,
    /// Map contents, indexed by the word at `layout::MAP_TABLE` of each map object.
    pub maps: Vec<MapTable>,
    pub stats: HeapStats,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            chunks: Vec::new(),
            cursor: 0,
            limit: 0,
            roots: Vec::new(),
            maps: Vec::new(),
            stats: HeapStats::default(),
        }
    }

    /// Allocate `words` zeroed words (header included), 8-byte aligned.
    #[inline]
    pub fn alloc(&mut self, words: usize) -> Result<GcRef, OutOfMemory> {
        if words <= LARGE_OBJECT_WORDS {
            let bytes = words * 8;
            if self.limit - self.cursor >= bytes {
                self.stats.objects_allocated += 1;
                self.stats.bytes_allocated += bytes as u64;
                let r = self.cursor;
                self.cursor += bytes;
                return Ok(r as GcRef);
            }
        }
        self.alloc_slow(words)
    }

    #[cold]
    #[inline(never)]
    fn alloc_slow(&mut self, words: usize) -> Result<GcRef, OutOfMemory> {
        if words > MAX_OBJECT_WORDS {
            return Err(OutOfMemory);
        }
        self.stats.objects_allocated += 1;
        self.stats.bytes_allocated += words as u64 * 8;
        if words > LARGE_OBJECT_WORDS {
            let chunk = zeroed_chunk(words)?;
            let r = chunk.as_ptr() as usize;
            self.chunks.push(chunk);
            return Ok(r as GcRef);
        }
        let chunk = zeroed_chunk(CHUNK_WORDS)?;
        let start = chunk.as_ptr() as usize;
        self.chunks.push(chunk);
        self.cursor = start + words * 8;
        self.limit = start + CHUNK_WORDS * 8;
        Ok(start as GcRef)
    }

    /// Allocate an object with the given header and `payload_words` zeroed payload words.
    #[inline]
    pub fn alloc_object(
        &mut self,
        kind: ObjKind,
        aux: u32,
        len: u32,
        payload_words: usize,
    ) -> Result<GcRef, OutOfMemory> {
        let r = self.alloc(1 + payload_words)?;
        // SAFETY: `r` was just allocated with at least one word.
        unsafe { store(r, 0, layout::header(kind, aux, len)) };
        Ok(r)
    }

    /// A new string object holding `bytes` (the empty string is nil).
    pub fn alloc_str(&mut self, bytes: &[u8]) -> Result<GcRef, OutOfMemory> {
        if bytes.is_empty() {
            return Ok(0);
        }
        let r = self.alloc_str_uninit(bytes.len())?;
        // SAFETY: `r` is a fresh string with room for `bytes.len()` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), (r as usize + layout::STR_BYTES) as *mut u8, bytes.len())
        };
        Ok(r)
    }

    /// A new zeroed string object of `n` bytes (n > 0) for the caller to fill.
    pub fn alloc_str_uninit(&mut self, n: usize) -> Result<GcRef, OutOfMemory> {
        if n > u32::MAX as usize {
            return Err(OutOfMemory);
        }
        self.alloc_object(ObjKind::Str, 0, n as u32, n.div_ceil(8))
    }

    /// A new zeroed array object of `n` elements of type `elem`.
    pub fn alloc_array(&mut self, elem: TypeId, n: usize) -> Result<GcRef, OutOfMemory> {
        if n > u32::MAX as usize {
            return Err(OutOfMemory);
        }
        self.alloc_object(ObjKind::Array, elem.0, n as u32, n)
    }

    /// A new slice header with all four words zero; fill it with [`init_slice`] using
    /// values read *after* this allocation.
    pub fn alloc_slice(&mut self, elem: TypeId) -> Result<GcRef, OutOfMemory> {
        self.alloc_object(ObjKind::Slice, elem.0, layout::SLICE_WORDS as u32, layout::SLICE_WORDS)
    }

    /// A new closure object for `func` with `captures` zeroed capture words.
    pub fn alloc_closure(&mut self, func: FuncId, captures: usize) -> Result<GcRef, OutOfMemory> {
        self.alloc_object(ObjKind::Closure, func.0, captures as u32, captures)
    }

    /// A new interface value of dynamic type `dyn_type` with payload 0; store the
    /// payload (read after this allocation) at `layout::IFACE_DATA`.
    pub fn alloc_iface(&mut self, dyn_type: TypeId) -> Result<GcRef, OutOfMemory> {
        let r = self.alloc_object(ObjKind::Iface, 0, layout::IFACE_WORDS as u32, layout::IFACE_WORDS)?;
        // SAFETY: `r` is a fresh iface object with two payload words.
        unsafe { store(r, layout::IFACE_TYPE, dyn_type.0 as u64) };
        Ok(r)
    }

    /// A new empty map of type `map_type`.
    pub fn alloc_map(&mut self, map_type: TypeId, key_kind: KeyKind, value_is_ref: bool) -> Result<GcRef, OutOfMemory> {
        let r = self.alloc_object(ObjKind::Map, map_type.0, 0, layout::MAP_WORDS)?;
        let index = self.maps.len();
        self.maps.push(MapTable::new(key_kind, value_is_ref));
        // SAFETY: `r` is a fresh map object with one payload word.
        unsafe { store(r, layout::MAP_TABLE, index as u64) };
        Ok(r)
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

    /// The write barrier: called after storing reference `value` into object `obj`.
    /// A no-op until the generational collector arrives.
    #[inline(always)]
    pub fn write_barrier(&mut self, obj: GcRef, value: GcRef) {
        let _ = (obj, value);
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
}

fn zeroed_chunk(words: usize) -> Result<Box<[u64]>, OutOfMemory> {
    let mut v: Vec<u64> = Vec::new();
    v.try_reserve_exact(words).map_err(|_| OutOfMemory)?;
    // `resize` with zeros on a fresh allocation: large chunks come from mmap'd, already
    // zero pages, and the memset touches them once.
    v.resize(words, 0);
    Ok(v.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips() {
        let h = layout::header(ObjKind::Slice, 0xabcdef, 0xdead_beef);
        assert_eq!(layout::header_kind(h), ObjKind::Slice as u8);
        assert_eq!(layout::header_aux(h), 0xabcdef);
        assert_eq!(layout::header_len(h), 0xdead_beef);
    }

    #[test]
    fn objects_are_aligned_zeroed_and_distinct() {
        let mut heap = Heap::new();
        let a = heap.alloc_array(TypeId(3), 5).unwrap();
        let b = heap.alloc_str(b"hello, world").unwrap();
        let big = heap.alloc_array(TypeId(1), LARGE_OBJECT_WORDS + 10).unwrap();
        assert_eq!(a % 8, 0);
        assert_eq!(b % 8, 0);
        // SAFETY: all three are live objects of the kinds read.
        unsafe {
            assert_eq!(obj_len(a), 5);
            assert_eq!(obj_aux(a), 3);
            for i in 0..5 {
                assert_eq!(word(a, i), 0);
            }
            assert_eq!(str_bytes(b), b"hello, world");
            assert_eq!(obj_len(big), LARGE_OBJECT_WORDS + 10);
            assert_eq!(word(big, LARGE_OBJECT_WORDS + 9), 0);
        }
        assert_eq!(heap.alloc_str(b"").unwrap(), 0);
    }

    #[test]
    fn roots_stack() {
        let mut heap = Heap::new();
        let mark = heap.roots_mark();
        let h = heap.push_root(42);
        heap.set_root(h, 43);
        assert_eq!(heap.root(h), 43);
        heap.truncate_roots(mark);
        assert_eq!(heap.roots_mark(), mark);
    }
}
