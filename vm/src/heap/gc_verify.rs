//! Heap verification (`HeapOptions::verify`): run before and after every collection.
//!
//! Every space is walked object by object (sizes come from the headers), recording
//! where objects start. Then every root and every reference field of every object
//! (map side tables included) must be 0 or the start of one of those objects. After a
//! collection the nursery must be empty, so a reference into it is an error (a stale
//! reference, or an old object that missed a write barrier). Before a major
//! collection an old object that points into the nursery must be remembered (else a
//! write barrier is missing). Map objects must name distinct, existing side tables,
//! and tables with pointer keys must be indexed under their keys' current addresses.
//! The first problem found is returned as a message naming the root or the object.
//!
//! Before a *minor* collection only what that collection will follow is checked: the
//! roots, the remembered objects and the nursery's objects (a minor collection never
//! dereferences anything else); the full check right after it covers the rest. So the
//! collector never follows a broken reference, and every collection ends with a full
//! check.
//!
//! Cost: one pass over every object per full verification. The object starts of the
//! old generation are kept between verifications ([`VerifyCache`]): old chunks only
//! grow until the next major collection, so only objects added since the last
//! verification are walked to extend them.

use super::gc::{ref_fields, trace_fields};
use super::layout::{self, REMEMBERED_BIT};
use super::map_table::KeyKind;
use super::{header, load, payload_ptr, GcRef, Heap, ObjKind, RootSet};

/// One walked region (an old chunk, or the nursery) and its object starts.
struct Region {
    start: usize,
    /// Words walked so far (objects are packed from `start`).
    walked: usize,
    young: bool,
    /// Bit `i` set: an object starts at word `i`.
    starts: Vec<u64>,
}

impl Region {
    fn new(start: usize, capacity_words: usize, young: bool) -> Region {
        Region { start, walked: 0, young, starts: vec![0; capacity_words.div_ceil(64)] }
    }

    #[inline(always)]
    fn is_start(&self, word: usize) -> bool {
        self.starts[word / 64] >> (word % 64) & 1 != 0
    }

    #[inline(always)]
    fn end(&self) -> usize {
        self.start + self.walked * 8
    }
}

/// The object starts of the old generation, kept between verifications until the next
/// major collection.
#[derive(Default)]
pub(crate) struct VerifyCache {
    /// `major_collections` when the regions were made.
    majors: u64,
    /// Sorted by address.
    regions: Vec<Region>,
}

/// Where objects start: the old regions and the nursery's.
struct ObjectIndex<'a> {
    old: &'a [Region],
    young: Option<&'a Region>,
    young_start: usize,
    young_bytes: usize,
    after: bool,
    /// The old region the last lookup found.
    hint: std::cell::Cell<usize>,
}

impl ObjectIndex<'_> {
    /// Whether `r` is 0 or the start of a walked object (the fast path).
    #[inline(always)]
    fn ok(&self, r: GcRef) -> bool {
        if r == 0 {
            return true;
        }
        let a = r as usize;
        let g = if a.wrapping_sub(self.young_start) < self.young_bytes {
            match self.young {
                Some(g) => g,
                None => return false,
            }
        } else {
            // Most references point into the region of the previous one.
            let hint = &self.old[self.hint.get().min(self.old.len().saturating_sub(1))..];
            match hint.first() {
                Some(g) if a >= g.start && a < g.end() => g,
                _ => {
                    let i = self.old.partition_point(|g| g.start <= a);
                    if i == 0 {
                        return false;
                    }
                    self.hint.set(i - 1);
                    &self.old[i - 1]
                }
            }
        };
        a < g.end() && (a - g.start).is_multiple_of(8) && g.is_start((a - g.start) / 8)
    }

    /// Why `r` is not an object start (for messages).
    fn why(&self, r: GcRef) -> String {
        let a = r as usize;
        if a.wrapping_sub(self.young_start) < self.young_bytes {
            let inside = self.young.is_some_and(|g| a < g.end());
            return if inside {
                format!("{r:#x}, which points into the middle of an object")
            } else if self.after {
                format!(
                    "{r:#x}, which points into the nursery, empty after a collection (a stale reference, \
                     or a store into an old object that missed its write barrier)"
                )
            } else {
                format!("{r:#x}, which points into the unused part of the nursery")
            };
        }
        let i = self.old.partition_point(|g| g.start <= a);
        if i > 0 && a < self.old[i - 1].end() {
            return format!("{r:#x}, which points into the middle of an object");
        }
        format!("{r:#x}, which is not in the heap (a stale reference to freed memory, or not a reference)")
    }
}

/// Whether objects with header `h` need checks beyond their fields (slices, maps).
#[inline(always)]
fn needs_kind_check(h: u64) -> bool {
    let k = layout::header_kind(h);
    k == ObjKind::Slice as u8 || k == ObjKind::Map as u8
}

/// When a verification runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerifyWhen {
    /// Before a minor collection: roots, remembered objects and the nursery.
    BeforeMinor,
    /// Before a major collection: everything.
    BeforeMajor,
    /// Right after a collection: everything, and the nursery must be empty.
    After,
}

/// What one pass over the objects found.
struct PassState {
    remembered_flags: usize,
    /// For each map table: the map object using it (0: none yet).
    table_owner: Vec<GcRef>,
}

impl Heap {
    /// A description of object `obj` for messages: age, address, kind and type.
    fn describe_object(&self, obj: GcRef) -> String {
        // SAFETY: only called on walked objects.
        let h = unsafe { header(obj) };
        let kind = ObjKind::from_u8(layout::header_kind(h));
        let aux = layout::header_aux(h);
        let age = if self.is_young(obj) { "young" } else { "old" };
        match kind {
            Some(k @ (ObjKind::Struct | ObjKind::Box | ObjKind::Array | ObjKind::Map | ObjKind::Chan)) => {
                format!("{age} {k:?} object {obj:#x} (type {})", self.types.name(aux))
            }
            Some(ObjKind::Closure) => format!("{age} Closure object {obj:#x} (function #{aux})"),
            Some(k) => format!("{age} {k:?} object {obj:#x}"),
            None => format!("{age} object {obj:#x} with header {h:#x}"),
        }
    }

    /// Check one header: a known kind, known flags, a plausible type and length.
    fn check_header(&self, obj: GcRef, h: u64, young: bool, after: bool) -> Result<(), String> {
        let kind = layout::header_kind(h);
        let Some(k) = ObjKind::from_u8(kind) else {
            return Err(format!(
                "{} object at {obj:#x}: bad header {h:#x} (kind {kind:#x}: forwarded, corrupt, or not an object)",
                if young { "nursery" } else { "old" }
            ));
        };
        if h & 0x40 != 0 {
            return Err(format!("object {obj:#x}: unknown header flag in {h:#x}"));
        }
        if h & REMEMBERED_BIT != 0 && (after || young) {
            return Err(format!(
                "{}: remembered flag set {}",
                self.describe_object(obj),
                if young { "on a young object" } else { "after a collection" }
            ));
        }
        let len = layout::header_len(h);
        let aux = layout::header_aux(h);
        let fixed = match k {
            ObjKind::Slice => Some(layout::SLICE_WORDS as u32),
            ObjKind::Iface => Some(layout::IFACE_WORDS as u32),
            ObjKind::Box => Some(1),
            _ => None,
        };
        if fixed.is_some_and(|n| n != len) || (k == ObjKind::Chan && (len as usize) < layout::CHAN_FIXED_WORDS) {
            return Err(format!("{}: bad length {len} for its kind", self.describe_object(obj)));
        }
        let typed = matches!(k, ObjKind::Struct | ObjKind::Box | ObjKind::Map | ObjKind::Chan)
            || (matches!(k, ObjKind::Array | ObjKind::Slice) && aux != layout::AUX_SCALAR_ELEMS);
        if typed && aux as usize >= self.types.len() {
            return Err(format!("{}: aux {aux} is not a type id", self.describe_object(obj)));
        }
        Ok(())
    }

    /// Extend region `g` over the objects in `[g.walked, used)`.
    fn walk_region(&self, g: &mut Region, used: usize, after: bool) -> Result<(), String> {
        let mut w = g.walked;
        while w < used {
            let obj = (g.start + w * 8) as GcRef;
            // SAFETY: `w < used`: a word of the region, where an object starts.
            let h = unsafe { header(obj) };
            self.check_header(obj, h, g.young, after)?;
            let words = layout::object_words(h);
            if w + words > used {
                return Err(format!("{}: its {words} words overrun its chunk", self.describe_object(obj)));
            }
            g.starts[w / 64] |= 1 << (w % 64);
            w += words;
        }
        g.walked = used;
        Ok(())
    }

    /// Bring the cached old-generation regions up to date with the chunks.
    fn update_cache(&self, cache: &mut VerifyCache, after: bool) -> Result<(), String> {
        if cache.majors != self.stats.major_collections {
            cache.regions.clear();
            cache.majors = self.stats.major_collections;
        }
        for c in &self.old.chunks {
            let start = c.start();
            let i = cache.regions.partition_point(|g| g.start < start);
            if cache.regions.get(i).is_none_or(|g| g.start != start) {
                cache.regions.insert(i, Region::new(start, c.words, false));
            }
            self.walk_region(&mut cache.regions[i], c.used, after)?;
        }
        if cache.regions.len() != self.old.chunks.len() {
            return Err(format!(
                "{} old chunks but {} verified regions (a chunk was freed without a major collection)",
                self.old.chunks.len(),
                cache.regions.len()
            ));
        }
        Ok(())
    }

    /// Check the heap (see the module doc for what `when` checks). Returns the first
    /// problem found.
    pub(crate) fn verify(&mut self, roots: &mut dyn RootSet, when: VerifyWhen) -> Result<(), String> {
        let after = when == VerifyWhen::After;
        let young_used = (self.cursor - self.young_start) / 8;
        if after && young_used != 0 {
            return Err(format!("the nursery holds {young_used} words after a collection"));
        }
        if after && !self.remembered.is_empty() {
            return Err(format!("{} objects remembered after a collection", self.remembered.len()));
        }
        let mut cache = self.verify_cache.take().unwrap_or_default();
        let result = self.verify_with(&mut cache, roots, when, young_used);
        self.verify_cache = Some(cache);
        result
    }

    fn verify_with(
        &self,
        cache: &mut VerifyCache,
        roots: &mut dyn RootSet,
        when: VerifyWhen,
        young_used: usize,
    ) -> Result<(), String> {
        let after = when == VerifyWhen::After;
        self.update_cache(cache, after)?;
        let young = if young_used > 0 {
            let mut g = Region::new(self.young_start, young_used, true);
            self.walk_region(&mut g, young_used, after)?;
            Some(g)
        } else {
            None
        };
        let index = ObjectIndex {
            old: &cache.regions,
            young: young.as_ref(),
            young_start: self.young_start,
            young_bytes: self.young_bytes,
            after,
            hint: std::cell::Cell::new(0),
        };
        // Roots.
        for (i, &r) in self.roots.iter().enumerate() {
            if !index.ok(r) {
                return Err(format!("root handle {i} holds {}", index.why(r)));
            }
        }
        let mut bad = None;
        roots.visit_roots(&mut |slot, name| {
            if bad.is_none() && !index.ok(*slot) {
                bad = Some((name, *slot));
            }
        });
        if let Some((name, r)) = bad {
            return Err(format!("root {} holds {}", roots.describe(name), index.why(r)));
        }
        let mut state = PassState { remembered_flags: 0, table_owner: vec![0; self.maps.len()] };
        if when == VerifyWhen::BeforeMinor {
            // What the minor collection follows: the remembered objects and the nursery.
            for &r in &self.remembered {
                // SAFETY: checked to be an object start first.
                if !index.ok(r) || self.is_young(r) || unsafe { header(r) } & REMEMBERED_BIT == 0 {
                    return Err(format!("remembered set entry {r:#x} is not a flagged old object"));
                }
                // SAFETY: an object start.
                self.verify_object(&index, r, unsafe { header(r) }, false, &mut state)?;
            }
            if let Some(g) = &young {
                self.verify_region_objects(&index, g, after, &mut state)?;
            }
        } else {
            for g in cache.regions.iter().chain(young.as_ref()) {
                self.verify_region_objects(&index, g, after, &mut state)?;
            }
            // The remembered set: exactly the flagged objects, all old.
            if state.remembered_flags != self.remembered.len() {
                return Err(format!(
                    "{} objects carry the remembered flag but the remembered set has {}",
                    state.remembered_flags,
                    self.remembered.len()
                ));
            }
            for &r in &self.remembered {
                if !index.ok(r) || self.is_young(r) {
                    return Err(format!("remembered set entry {r:#x} is not an old object"));
                }
            }
        }
        for &i in &self.free_map_slots {
            if let Some(&owner) = state.table_owner.get(i) {
                if owner != 0 {
                    return Err(format!("map table {i} is on the free list but map {owner:#x} uses it"));
                }
            }
        }
        Ok(())
    }

    /// Check every object of region `g`.
    fn verify_region_objects(
        &self,
        index: &ObjectIndex,
        g: &Region,
        after: bool,
        state: &mut PassState,
    ) -> Result<(), String> {
        let mut w = 0;
        while w < g.walked {
            let obj = (g.start + w * 8) as GcRef;
            // SAFETY: an object start found by the walk.
            let h = unsafe { header(obj) };
            w += layout::object_words(h);
            if h & REMEMBERED_BIT != 0 {
                // Flags change between verifications: check them on every pass.
                self.check_header(obj, h, g.young, after)?;
                state.remembered_flags += 1;
            }
            // The fast path, inline: every field is an object start, and an old
            // unremembered object has no young field.
            if !self.fields_ok(index, obj, h, g.young) || needs_kind_check(h) {
                self.verify_object(index, obj, h, g.young, state)?;
            }
        }
        Ok(())
    }

    /// Whether every reference field of `obj` passes (see `verify_object`).
    #[inline(always)]
    fn fields_ok(&self, index: &ObjectIndex, obj: GcRef, h: u64, young: bool) -> bool {
        let unremembered_old = !young && h & REMEMBERED_BIT == 0;
        let mut ok = true;
        // SAFETY: `obj` is a walked object whose header is `h`; the indices are its
        // reference fields.
        unsafe {
            let (first, count, list) = ref_fields(&self.types, obj, h);
            let p = payload_ptr(obj);
            for i in first..first + count {
                let r = *p.add(i);
                ok &= index.ok(r) & !(unremembered_old & self.is_young(r));
            }
            for &i in list {
                let r = *p.add(i as usize);
                ok &= index.ok(r) & !(unremembered_old & self.is_young(r));
            }
        }
        ok
    }

    /// Check every reference of one object, and what its kind requires (the slow path:
    /// finds and describes the problem).
    #[inline(never)]
    fn verify_object(
        &self,
        index: &ObjectIndex,
        obj: GcRef,
        h: u64,
        young: bool,
        state: &mut PassState,
    ) -> Result<(), String> {
        let unremembered_old = !young && h & REMEMBERED_BIT == 0;
        let mut first_bad: Option<usize> = None;
        // SAFETY: `obj` is a walked object whose header is `h`.
        unsafe {
            trace_fields(&self.types, obj, h, |slot| {
                let r = *slot;
                if first_bad.is_none() && (!index.ok(r) || (unremembered_old && self.is_young(r))) {
                    first_bad = Some((slot as *mut GcRef as usize - obj as usize - layout::HEADER_BYTES) / 8);
                }
            });
        }
        if let Some(word) = first_bad {
            // SAFETY: `word` is a reference field of `obj`.
            let r = unsafe { super::word(obj, word) };
            return Err(self.bad_reference(index, obj, &format!("word {word}"), r));
        }
        let kind = layout::header_kind(h);
        if kind == ObjKind::Slice as u8 {
            // SAFETY: a slice header's first payload word is its array (checked above).
            let arr = unsafe { load(obj, layout::SLICE_ARRAY) };
            // SAFETY: `arr` is 0 or an object start.
            if arr != 0 && layout::header_kind(unsafe { header(arr) }) != ObjKind::Array as u8 {
                return Err(format!("{}: its array {arr:#x} is not an Array object", self.describe_object(obj)));
            }
        } else if kind == ObjKind::Map as u8 {
            self.verify_map(index, obj, unremembered_old, state)?;
        }
        Ok(())
    }

    /// The message for reference `r` in `what` of `obj`.
    fn bad_reference(&self, index: &ObjectIndex, obj: GcRef, what: &str, r: GcRef) -> String {
        if index.ok(r) {
            format!(
                "{} {what} points to young object {r:#x} but is not remembered (a missing write barrier)",
                self.describe_object(obj)
            )
        } else {
            format!("{} {what} holds {}", self.describe_object(obj), index.why(r))
        }
    }

    /// Check map object `obj`'s side table.
    fn verify_map(
        &self,
        index: &ObjectIndex,
        obj: GcRef,
        unremembered_old: bool,
        state: &mut PassState,
    ) -> Result<(), String> {
        // SAFETY: a map object's payload word is its table index.
        let t = unsafe { load(obj, layout::MAP_TABLE) } as usize;
        let Some(table) = self.maps.get(t) else {
            return Err(format!("{}: table index {t} out of range", self.describe_object(obj)));
        };
        if state.table_owner[t] != 0 {
            return Err(format!(
                "{}: table {t} is also used by map {:#x}",
                self.describe_object(obj),
                state.table_owner[t]
            ));
        }
        state.table_owner[t] = obj;
        let mut bad: Option<(GcRef, &str)> = None;
        table.for_each_ref(|r, what| {
            if bad.is_none() && (!index.ok(r) || (unremembered_old && self.is_young(r))) {
                bad = Some((r, what));
            }
        });
        if let Some((r, what)) = bad {
            return Err(self.bad_reference(index, obj, &format!("(table {t} {what})"), r));
        }
        if table.key_kind == KeyKind::Str {
            let mut non_string = None;
            table.for_each_ref(|r, what| {
                // SAFETY: `r` is 0 or an object start (checked above).
                if what == "key" && r != 0 && layout::header_kind(unsafe { header(r) }) != ObjKind::Str as u8 {
                    non_string = Some(r);
                }
            });
            if let Some(r) = non_string {
                return Err(format!("{}: table {t} has a non-string key {r:#x}", self.describe_object(obj)));
            }
        }
        // SAFETY: the keys were checked to be objects.
        if table.key_kind == KeyKind::Ref && !unsafe { table.index_consistent() } {
            return Err(format!("{}: table {t} is not indexed under its keys' addresses", self.describe_object(obj)));
        }
        // SAFETY: `obj` is a map object: its header's len mirrors the table.
        if unsafe { super::obj_len(obj) } != table.len() {
            return Err(format!(
                "{}: header length differs from table {t}'s {}",
                self.describe_object(obj),
                table.len()
            ));
        }
        Ok(())
    }
}
