//! The collector: chunks, the old generation, allocation's slow path, minor and major
//! collections (see the heap module doc for the design).
//!
//! Both collections are Cheney copies into the old generation's bump chunks:
//!
//! ```text
//!   roots ──evacuate──▶ to-space: [ copied | copied | ... ]  ◀── scan pointer chases
//!                                   the copies, evacuating what their fields reach
//! ```
//!
//! A *minor* collection evacuates only nursery objects, starting from the roots and the
//! remembered set, and appends the copies to the current old chunks (old objects stay
//! where they are). A *major* collection evacuates everything into fresh chunks and
//! frees the previous ones. Evacuating an object copies it and overwrites its old
//! header with a forwarding word; scanning a copy evacuates what its reference fields
//! point to ([`trace_fields`]) and, for a map, what its side table holds.

use super::gc_verify::VerifyWhen;
use super::layout::{self, FORWARDED_KIND, REMEMBERED_BIT};
use super::map_table::{KeyKind, MapTable};
use super::{header, load, payload_ptr, store, GcError, GcRef, Heap, ObjKind, RootSet, MAX_OBJECT_WORDS};
use crate::bytecode::{RKind, RType};
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::time::Instant;

/// Words per ordinary old-generation chunk (2 MiB).
pub(crate) const CHUNK_WORDS: usize = 1 << 18;
/// Objects larger than this get an old-generation chunk of their own.
const DEDICATED_WORDS: usize = CHUNK_WORDS / 4;
/// The least major-collection budget (bytes promoted or allocated old since the last
/// major collection).
pub(crate) const MIN_MAJOR_BUDGET: usize = 8 << 20;
/// Freed ordinary chunks kept for reuse.
const POOL_CHUNKS: usize = 8;
/// In stress mode, every this many collections is a major one.
pub(crate) const STRESS_MAJOR_EVERY: u64 = 8;

// ---------------------------------------------------------------- tracing

/// What the collector needs to know about the program's types, precomputed from its
/// `RType`s: which types are references, and which fields of each struct are.
#[derive(Clone, Debug, Default)]
pub struct GcTypes {
    is_ref: Vec<bool>,
    struct_refs: Vec<Box<[u32]>>,
    /// Type names, for verification messages.
    names: Vec<Box<str>>,
}

impl GcTypes {
    pub fn new(types: &[RType]) -> GcTypes {
        let is_ref: Vec<bool> = types.iter().map(|t| t.kind.is_ref()).collect();
        let struct_refs = types
            .iter()
            .map(|t| match &t.kind {
                RKind::Struct(fields) => fields
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, ft))| is_ref.get(ft.0 as usize).copied().unwrap_or(false))
                    .map(|(i, _)| i as u32)
                    .collect(),
                _ => Box::default(),
            })
            .collect();
        let names = types.iter().map(|t| t.name.as_str().into()).collect();
        GcTypes { is_ref, struct_refs, names }
    }

    /// The name of type `t` (messages).
    pub fn name(&self, t: u32) -> &str {
        self.names.get(t as usize).map_or("?", |n| n)
    }

    /// Whether values of type `t` are references (unknown ids, such as
    /// `AUX_SCALAR_ELEMS`, are scalars).
    #[inline(always)]
    pub fn is_ref(&self, t: u32) -> bool {
        self.is_ref.get(t as usize).copied().unwrap_or(false)
    }

    /// The reference fields of struct type `t`.
    #[inline(always)]
    pub fn struct_refs(&self, t: u32) -> &[u32] {
        self.struct_refs.get(t as usize).map_or(&[], |b| b)
    }

    /// Number of types described.
    pub fn len(&self) -> usize {
        self.is_ref.len()
    }

    pub fn is_empty(&self) -> bool {
        self.is_ref.is_empty()
    }
}

/// Where the reference fields of an object with header `h` are, as payload word
/// indices: the range `first .. first + count`, then the words listed in `list`.
///
/// # Safety
/// For an `Iface`, `obj` must be the object (its dynamic type decides).
#[inline(always)]
pub(crate) unsafe fn ref_fields(types: &GcTypes, obj: GcRef, h: u64) -> (usize, usize, &[u32]) {
    let len = layout::header_len(h) as usize;
    let aux = layout::header_aux(h);
    match ObjKind::from_u8(layout::header_kind(h)) {
        Some(ObjKind::Array) if types.is_ref(aux) => (0, len, &[]),
        Some(ObjKind::Slice) => (0, 1, &[]),
        Some(ObjKind::Struct) => (0, 0, types.struct_refs(aux)),
        Some(ObjKind::Box) if types.is_ref(aux) => (0, 1, &[]),
        Some(ObjKind::Closure) => (0, len, &[]),
        Some(ObjKind::Chan) if types.is_ref(aux) => {
            (layout::CHAN_FIXED_WORDS, len.saturating_sub(layout::CHAN_FIXED_WORDS), &[])
        }
        // SAFETY: an interface's first payload word is its dynamic type.
        Some(ObjKind::Iface) if types.is_ref(unsafe { *payload_ptr(obj) } as u32) => (1, 1, &[]),
        _ => (0, 0, &[]),
    }
}

/// Call `f` on every reference field of object `obj` whose header is `h` (not the map
/// side table: see [`MapTable::trace`]).
///
/// # Safety
/// `obj` must be an object (not forwarded) whose payload matches `h`.
#[inline(always)]
pub unsafe fn trace_fields(types: &GcTypes, obj: GcRef, h: u64, mut f: impl FnMut(&mut GcRef)) {
    // SAFETY: every index below is a payload word of `obj` by its layout (caller's
    // guarantee that the header describes the object).
    unsafe {
        let (first, count, list) = ref_fields(types, obj, h);
        let p = payload_ptr(obj);
        for i in first..first + count {
            f(&mut *p.add(i));
        }
        for &i in list {
            f(&mut *p.add(i as usize));
        }
    }
}

// ---------------------------------------------------------------- chunks

/// A block of zero-initialised words from the system allocator, bump-allocated from
/// its start.
pub(crate) struct Chunk {
    ptr: *mut u64,
    /// Capacity in words.
    pub words: usize,
    /// Words in use (objects are packed from the start).
    pub used: usize,
    /// During a collection: words already scanned.
    scanned: usize,
}

impl Chunk {
    /// A zeroed chunk of `words` words, or None when the system refuses.
    pub(crate) fn new_zeroed(words: usize) -> Option<Chunk> {
        let layout = Layout::array::<u64>(words.max(1)).ok()?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { alloc_zeroed(layout) } as *mut u64;
        if ptr.is_null() {
            return None;
        }
        Some(Chunk { ptr, words, used: 0, scanned: 0 })
    }

    #[inline(always)]
    pub(crate) fn start(&self) -> usize {
        self.ptr as usize
    }

    /// Zero the first `words` words.
    pub(crate) fn zero_prefix(&mut self, words: usize) {
        debug_assert!(words <= self.words);
        // SAFETY: the chunk owns `self.words >= words` words.
        unsafe { std::ptr::write_bytes(self.ptr, 0, words) };
    }
}

impl Drop for Chunk {
    fn drop(&mut self) {
        let layout = Layout::array::<u64>(self.words.max(1)).expect("layout was valid at allocation");
        // SAFETY: `ptr` came from `alloc_zeroed` with this layout.
        unsafe { dealloc(self.ptr as *mut u8, layout) };
    }
}

/// The old generation: chunks in allocation order; the last ordinary one is bumped.
pub(crate) struct OldSpace {
    pub chunks: Vec<Chunk>,
    /// Index of the ordinary chunk being bumped (`usize::MAX`: none).
    cur: usize,
    /// Freed ordinary chunks, not zeroed.
    pool: Vec<Chunk>,
}

impl OldSpace {
    pub(crate) fn new() -> OldSpace {
        OldSpace { chunks: Vec::new(), cur: usize::MAX, pool: Vec::new() }
    }

    /// Room for an object of `words` words: its address and whether the memory is known
    /// to be zero (a fresh chunk from the system). None when the system refuses.
    #[inline]
    fn bump(&mut self, words: usize) -> Option<(usize, bool)> {
        if let Some(c) = self.chunks.get_mut(self.cur) {
            if c.words - c.used >= words {
                let r = c.start() + c.used * 8;
                c.used += words;
                return Some((r, false));
            }
        }
        self.bump_new_chunk(words)
    }

    #[cold]
    fn bump_new_chunk(&mut self, words: usize) -> Option<(usize, bool)> {
        if words > DEDICATED_WORDS {
            let mut c = Chunk::new_zeroed(words)?;
            c.used = words;
            let r = c.start();
            self.chunks.push(c);
            return Some((r, true));
        }
        let (mut c, fresh) = match self.pool.pop() {
            Some(c) => (c, false),
            None => (Chunk::new_zeroed(CHUNK_WORDS)?, true),
        };
        c.used = words;
        c.scanned = 0;
        let r = c.start();
        self.cur = self.chunks.len();
        self.chunks.push(c);
        Some((r, fresh))
    }

    /// Take every chunk out (the from-space of a major collection).
    fn take_all(&mut self) -> Vec<Chunk> {
        self.cur = usize::MAX;
        std::mem::take(&mut self.chunks)
    }

    /// Keep an ordinary from-space chunk for reuse, or free it.
    fn recycle(&mut self, mut c: Chunk) {
        if c.words == CHUNK_WORDS && self.pool.len() < POOL_CHUNKS {
            c.used = 0;
            c.scanned = 0;
            self.pool.push(c);
        }
    }
}

// ---------------------------------------------------------------- evacuation

/// The state of one collection.
struct Evac<'a> {
    young_start: u64,
    young_bytes: u64,
    major: bool,
    types: &'a GcTypes,
    old: &'a mut OldSpace,
    /// The map tables being built (major) or updated in place (minor).
    maps: &'a mut Vec<MapTable>,
    /// Major only: the tables of the previous heap, taken as their maps are copied.
    from_maps: Vec<MapTable>,
    copied: usize,
    /// The system refused a chunk: the collection cannot complete.
    failed: bool,
}

impl Evac<'_> {
    /// Update one reference slot: evacuate what it points to if this collection moves it.
    #[inline(always)]
    fn visit(&mut self, slot: &mut GcRef) {
        let r = *slot;
        let moves = if self.major { r != 0 } else { r.wrapping_sub(self.young_start) < self.young_bytes };
        if moves {
            // SAFETY: a root or traced field holds 0 or a live object of the from-space
            // (the heap's invariant, checked by `verify`).
            *slot = unsafe { self.forward(r) };
        }
    }

    /// The new address of from-space object `r`, copying it on first sight.
    ///
    /// # Safety
    /// `r` must be a from-space object (possibly already forwarded).
    #[inline]
    unsafe fn forward(&mut self, r: GcRef) -> GcRef {
        // SAFETY: forwarded to the caller.
        let h = unsafe { header(r) };
        if layout::header_kind(h) == FORWARDED_KIND {
            return h >> 8;
        }
        let words = layout::object_words(h);
        let Some((new, _)) = self.old.bump(words) else {
            self.failed = true;
            return r;
        };
        let new = new as GcRef;
        // SAFETY: `r` has `words` words; `new` is fresh room for as many, elsewhere.
        unsafe {
            std::ptr::copy_nonoverlapping(r as *const u64, new as *mut u64, words);
            store(new, 0, h & !REMEMBERED_BIT);
            if self.major && layout::header_kind(h) == ObjKind::Map as u8 {
                let old_index = load(new, layout::MAP_TABLE) as usize;
                let table = std::mem::replace(&mut self.from_maps[old_index], MapTable::new(KeyKind::Scalar, false));
                store(new, layout::MAP_TABLE, self.maps.len() as u64);
                self.maps.push(table);
            }
            debug_assert!(new < 1 << 56, "address too large for a forwarding word");
            store(r, 0, (new << 8) | FORWARDED_KIND as u64);
        }
        self.copied += words * 8;
        new
    }

    /// Evacuate everything object `obj` references (and its map table).
    ///
    /// # Safety
    /// `obj` must be a live, not forwarded object of the to-space or the old generation.
    unsafe fn scan_object(&mut self, obj: GcRef) {
        let types = self.types;
        // SAFETY: forwarded to the caller.
        unsafe {
            let h = header(obj);
            trace_fields(types, obj, h, |slot| self.visit(slot));
            if layout::header_kind(h) == ObjKind::Map as u8 {
                let index = load(obj, layout::MAP_TABLE) as usize;
                let mut table = std::mem::replace(&mut self.maps[index], MapTable::new(KeyKind::Scalar, false));
                table.trace(|slot| self.visit(slot));
                self.maps[index] = table;
            }
        }
    }

    /// Cheney's loop: scan copies until no unscanned copy is left. Chunks are scanned
    /// in order from `first`; copies may land in an earlier chunk that still has room
    /// after a later (dedicated) one was added, hence the outer loop.
    fn drain(&mut self, first: usize) {
        loop {
            let mut progress = false;
            let mut i = first;
            while i < self.old.chunks.len() {
                while self.old.chunks[i].scanned < self.old.chunks[i].used {
                    let c = &mut self.old.chunks[i];
                    let obj = (c.start() + c.scanned * 8) as GcRef;
                    // SAFETY: objects are packed from the chunk's start; `scanned` is
                    // the start of the next unscanned copy.
                    let words = layout::object_words(unsafe { header(obj) });
                    c.scanned += words;
                    // SAFETY: a copy made by this collection.
                    unsafe { self.scan_object(obj) };
                    progress = true;
                }
                i += 1;
            }
            if !progress {
                return;
            }
        }
    }
}

// ---------------------------------------------------------------- collections

impl Heap {
    /// Whether the next collection should be a major one (outside stress mode).
    fn major_due(&self) -> bool {
        self.old_since_major >= MIN_MAJOR_BUDGET.max(self.live_after_major)
            || self.maps.len() > 2 * self.maps_after_major + 4096
    }

    /// Whether holding `extra` more bytes would exceed `max_heap`.
    #[inline]
    fn over_limit(&self, extra: usize) -> bool {
        self.options.max_heap.is_some_and(|max| self.old_bytes + (self.cursor - self.young_start) + extra > max)
    }

    /// Stress mode's schedule: is the next collection a major one?
    fn stress_major_next(&self) -> bool {
        (self.stats.minor_collections + self.stats.major_collections + 1).is_multiple_of(STRESS_MAJOR_EVERY)
    }

    /// The allocation slow path: collect as needed, then allocate `words` words and
    /// write header `h`. Objects above the large-object size go to the old generation
    /// (remembered from birth, so initialising stores need no barrier).
    #[cold]
    #[inline(never)]
    pub fn alloc_slow(&mut self, words: usize, h: u64, roots: &mut dyn RootSet) -> Result<GcRef, GcError> {
        if self.broken || words > MAX_OBJECT_WORDS {
            return Err(GcError::OutOfMemory);
        }
        let bytes = words * 8;
        if words > self.large_words {
            return self.alloc_old(words, h, roots);
        }
        // The nursery is full, or stress mode collects at every allocation.
        let major = if self.options.stress { self.stress_major_next() } else { self.major_due() };
        self.collect(major, roots)?;
        if !major && self.over_limit(bytes) {
            self.collect(true, roots)?;
        }
        if self.over_limit(bytes) {
            return Err(GcError::OutOfMemory);
        }
        let r = self.cursor;
        debug_assert!(self.young_start + self.young_bytes - r >= bytes, "an empty nursery fits a small object");
        self.cursor = r + bytes;
        self.limit = self.nursery_limit();
        // SAFETY: `r` is fresh room for `words >= 1` words.
        unsafe { store(r as GcRef, 0, h) };
        Ok(r as GcRef)
    }

    /// Allocate a large object directly in the old generation.
    fn alloc_old(&mut self, words: usize, h: u64, roots: &mut dyn RootSet) -> Result<GcRef, GcError> {
        let bytes = words * 8;
        let mut majored = false;
        if self.options.stress {
            majored = self.stress_major_next();
            self.collect(majored, roots)?;
        } else if self.over_limit(bytes) || self.old_since_major + bytes > MIN_MAJOR_BUDGET.max(self.live_after_major) {
            self.collect(true, roots)?;
            majored = true;
        }
        if self.over_limit(bytes) && !majored {
            self.collect(true, roots)?;
        }
        if self.over_limit(bytes) {
            return Err(GcError::OutOfMemory);
        }
        let (r, zero) = self.old.bump(words).ok_or(GcError::OutOfMemory)?;
        if !zero {
            // SAFETY: `r` is room for `words` words inside an old chunk.
            unsafe { std::ptr::write_bytes(r as *mut u64, 0, words) };
        }
        self.old_bytes += bytes;
        self.old_since_major += bytes;
        self.stats.bytes_allocated += bytes as u64;
        self.limit = self.nursery_limit();
        // SAFETY: fresh room for the object; it is old, so remembered from birth.
        unsafe { store(r as GcRef, 0, h | REMEMBERED_BIT) };
        self.remembered.push(r as GcRef);
        Ok(r as GcRef)
    }

    /// Run a collection now (minor, or major when `major`), verifying before and after
    /// in verify mode.
    pub fn collect(&mut self, major: bool, roots: &mut dyn RootSet) -> Result<(), GcError> {
        if self.broken {
            return Err(GcError::OutOfMemory);
        }
        let kind = if major { "major" } else { "minor" };
        let number = self.stats.minor_collections + self.stats.major_collections + 1;
        if self.options.verify {
            let when = if major { VerifyWhen::BeforeMajor } else { VerifyWhen::BeforeMinor };
            self.verify(roots, when)
                .map_err(|e| GcError::Verify(format!("before {kind} collection #{number}: {e}")))?;
        }
        let start = Instant::now();
        self.stats.bytes_allocated += (self.cursor - self.young_start) as u64;
        if major {
            self.major(roots);
        } else {
            self.minor(roots);
        }
        let ns = start.elapsed().as_nanos() as u64;
        self.stats.total_pause_ns += ns;
        self.stats.max_pause_ns = self.stats.max_pause_ns.max(ns);
        if major {
            self.stats.major_collections += 1;
        } else {
            self.stats.minor_collections += 1;
        }
        if self.broken {
            return Err(GcError::OutOfMemory);
        }
        if self.options.verify {
            self.verify(roots, VerifyWhen::After)
                .map_err(|e| GcError::Verify(format!("after {kind} collection #{number}: {e}")))?;
        }
        Ok(())
    }

    /// Promote every live nursery object.
    fn minor(&mut self, roots: &mut dyn RootSet) {
        let first = self.old.cur.min(self.old.chunks.len());
        for c in &mut self.old.chunks[first..] {
            c.scanned = c.used;
        }
        let remembered = std::mem::take(&mut self.remembered);
        let mut ev = Evac {
            young_start: self.young_start as u64,
            young_bytes: self.young_bytes as u64,
            major: false,
            types: &self.types,
            old: &mut self.old,
            maps: &mut self.maps,
            from_maps: Vec::new(),
            copied: 0,
            failed: false,
        };
        for r in self.roots.iter_mut() {
            ev.visit(r);
        }
        roots.visit_roots(&mut |slot, _| ev.visit(slot));
        for &obj in &remembered {
            // SAFETY: remembered objects are live old objects with the flag set.
            unsafe {
                store(obj, 0, header(obj) & !REMEMBERED_BIT);
                ev.scan_object(obj);
            }
        }
        ev.drain(first);
        let (copied, failed) = (ev.copied, ev.failed);
        let mut remembered = remembered;
        remembered.clear();
        self.remembered = remembered;
        if failed {
            self.broken = true;
            return;
        }
        // Tables of maps that died young.
        for m in std::mem::take(&mut self.young_maps) {
            // SAFETY: `m` was a nursery map object: its header is intact or forwarded.
            unsafe {
                if layout::header_kind(header(m)) != FORWARDED_KIND {
                    let index = load(m, layout::MAP_TABLE) as usize;
                    self.maps[index] = MapTable::new(KeyKind::Scalar, false);
                    self.free_map_slots.push(index);
                }
            }
        }
        self.old_bytes += copied;
        self.old_since_major += copied;
        self.stats.bytes_copied += copied as u64;
        self.reset_nursery();
    }

    /// Copy every live object into fresh chunks and free the old ones.
    fn major(&mut self, roots: &mut dyn RootSet) {
        let from = self.old.take_all();
        let from_maps = std::mem::take(&mut self.maps);
        // From-space copies are dropped, and copies have the flag cleared.
        self.remembered.clear();
        self.young_maps.clear();
        self.free_map_slots.clear();
        let mut ev = Evac {
            young_start: self.young_start as u64,
            young_bytes: self.young_bytes as u64,
            major: true,
            types: &self.types,
            old: &mut self.old,
            maps: &mut self.maps,
            from_maps,
            copied: 0,
            failed: false,
        };
        for r in self.roots.iter_mut() {
            ev.visit(r);
        }
        roots.visit_roots(&mut |slot, _| ev.visit(slot));
        ev.drain(0);
        let (copied, failed) = (ev.copied, ev.failed);
        // Dead maps' tables go with `ev.from_maps`.
        drop(ev);
        if failed {
            // Objects were half moved: keep the from-space alive so that stale reads
            // on the way out do not touch freed memory.
            self.broken = true;
            std::mem::forget(from);
            return;
        }
        for c in from {
            self.old.recycle(c);
        }
        self.old_bytes = copied;
        self.live_after_major = copied;
        self.old_since_major = 0;
        self.maps_after_major = self.maps.len();
        self.stats.bytes_copied += copied as u64;
        self.reset_nursery();
    }

    /// Empty the nursery: zero what was used and rewind.
    fn reset_nursery(&mut self) {
        let used = (self.cursor - self.young_start) / 8;
        self.nursery.zero_prefix(used);
        self.cursor = self.young_start;
        self.limit = self.nursery_limit();
    }

    /// Where the fast path must stop: the nursery's end, or less when the heap limit
    /// leaves less room (so `max_heap` holds without a check on the fast path), or the
    /// cursor itself in stress mode.
    pub(super) fn nursery_limit(&self) -> usize {
        if self.options.stress {
            return self.cursor;
        }
        let end = self.young_start + self.young_bytes;
        match self.options.max_heap {
            None => end,
            Some(max) => {
                let room = max.saturating_sub(self.old_bytes) & !7;
                end.min(self.young_start.saturating_add(room)).max(self.cursor)
            }
        }
    }
}
