//! A map's contents: an insertion-ordered entry vector and an open-addressing index.
//!
//! ```text
//!   entries: [ (k0,v0) (k1,v1) (dead) (k3,v3) ... ]   insertion order, tombstones
//!   index:   [ EMPTY | hash32<<32 | entry# | DELETED | ... ]   linear probing
//! ```
//!
//! Deleting marks the entry dead and its index slot `DELETED`; entries never move except
//! in a *compaction* (when at least as many entries are dead as live, on the next
//! insertion), which renumbers them and bumps the table's `epoch`.
//!
//! Iteration (`MapIterInit`/`MapNext`) keeps one integer of state per loop: the position
//! `((epoch + 1) << 32) | next_entry`, or 0 for "not started". Because entries do not
//! move between compactions, deleting during iteration is safe (a deleted entry that was
//! not reached yet is simply skipped), and an entry inserted during iteration is visited
//! (Go allows either). When a compaction happened since the position was taken, the
//! position is renumbered through the compaction log (the removed positions of the last
//! [`COMPACTION_LOG`] compactions). An iterator older than that stops: unreachable in
//! practice (it needs that many compactions, each inserting as many entries as the map
//! holds, inside one `range` loop), and documented here rather than hidden.
//!
//! Keys are hashed by value: scalars by their 64 bits, strings by content (a nil string
//! equals any empty string), other references (pointers) by address — so the collector's
//! [`MapTable::trace`] rebuilds the index of a table whose pointer keys moved.

use super::{str_bytes, GcRef};
use crate::rng::mix64;
use std::collections::VecDeque;

/// How keys are hashed and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// int, byte, rune, bool, float64 (by bits): compared as 64-bit words.
    Scalar,
    /// Strings: hashed and compared by content.
    Str,
    /// Other references (pointers): by address.
    Ref,
}

/// How many compactions an iterator position survives (see the module doc).
pub const COMPACTION_LOG: usize = 8;

const EMPTY: u64 = u64::MAX;
const DELETED: u64 = u64::MAX - 1;

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u64,
    value: u64,
    hash: u32,
    live: bool,
}

/// The contents of one map object.
#[derive(Debug)]
pub struct MapTable {
    pub key_kind: KeyKind,
    pub value_is_ref: bool,
    entries: Vec<Entry>,
    live: usize,
    dead: usize,
    index: Vec<u64>,
    /// Index slots that are not `EMPTY` (live or `DELETED`).
    index_used: usize,
    epoch: u32,
    /// `(epoch before the compaction, sorted old positions removed by it)`.
    compactions: VecDeque<(u32, Vec<u32>)>,
}

#[inline]
fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8-byte chunk"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    mix64(h)
}

impl MapTable {
    pub fn new(key_kind: KeyKind, value_is_ref: bool) -> MapTable {
        MapTable {
            key_kind,
            value_is_ref,
            entries: Vec::new(),
            live: 0,
            dead: 0,
            index: Vec::new(),
            index_used: 0,
            epoch: 0,
            compactions: VecDeque::new(),
        }
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// # Safety
    /// For `KeyKind::Str`, `key` must be 0 or a live string.
    #[inline]
    unsafe fn hash(&self, key: u64) -> u32 {
        let h = match self.key_kind {
            KeyKind::Scalar | KeyKind::Ref => mix64(key),
            // SAFETY: forwarded to the caller.
            KeyKind::Str => hash_bytes(unsafe { str_bytes(key) }),
        };
        h as u32
    }

    /// # Safety
    /// For `KeyKind::Str`, both keys must be 0 or live strings.
    #[inline]
    unsafe fn key_eq(&self, a: u64, b: u64) -> bool {
        match self.key_kind {
            KeyKind::Scalar | KeyKind::Ref => a == b,
            // SAFETY: forwarded to the caller.
            KeyKind::Str => a == b || unsafe { str_bytes(a) == str_bytes(b) },
        }
    }

    /// `(index slot, entry number)` of `key`.
    ///
    /// # Safety
    /// For `KeyKind::Str`, `key` must be 0 or a live string (and so must every key stored).
    unsafe fn find(&self, key: u64) -> Option<(usize, usize)> {
        if self.index.is_empty() {
            return None;
        }
        // SAFETY: forwarded to the caller.
        let h = unsafe { self.hash(key) };
        let mask = self.index.len() - 1;
        let mut pos = h as usize & mask;
        loop {
            let slot = self.index[pos];
            if slot == EMPTY {
                return None;
            }
            if slot != DELETED && (slot >> 32) as u32 == h {
                let e = slot as u32 as usize;
                // SAFETY: forwarded to the caller.
                if unsafe { self.key_eq(self.entries[e].key, key) } {
                    return Some((pos, e));
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The value stored under `key`.
    ///
    /// # Safety
    /// For `KeyKind::Str`, `key` must be 0 or a live string.
    pub unsafe fn get(&self, key: u64) -> Option<u64> {
        // SAFETY: forwarded to the caller.
        unsafe { self.find(key) }.map(|(_, e)| self.entries[e].value)
    }

    /// Store `value` under `key`; returns true when the key is new.
    ///
    /// # Safety
    /// For `KeyKind::Str`, `key` must be 0 or a live string.
    pub unsafe fn insert(&mut self, key: u64, value: u64) -> bool {
        // SAFETY: forwarded to the caller.
        if let Some((_, e)) = unsafe { self.find(key) } {
            self.entries[e].value = value;
            return false;
        }
        if self.dead >= 8 && self.dead >= self.live {
            self.compact();
        }
        if (self.index_used + 1) * 4 > self.index.len() * 3 {
            let want = ((self.live + 1) * 2).next_power_of_two().max(8);
            self.rebuild_index_with(want);
        }
        // SAFETY: forwarded to the caller.
        let h = unsafe { self.hash(key) };
        let e = self.entries.len();
        assert!(e < (u32::MAX - 2) as usize, "map too large");
        self.entries.push(Entry { key, value, hash: h, live: true });
        self.live += 1;
        self.place(h, e);
        true
    }

    /// Remove `key`; returns true when it was present.
    ///
    /// # Safety
    /// For `KeyKind::Str`, `key` must be 0 or a live string.
    pub unsafe fn remove(&mut self, key: u64) -> bool {
        // SAFETY: forwarded to the caller.
        let Some((pos, e)) = (unsafe { self.find(key) }) else {
            return false;
        };
        self.index[pos] = DELETED;
        let entry = &mut self.entries[e];
        entry.live = false;
        // Drop the references so a collector does not keep them alive.
        entry.key = 0;
        entry.value = 0;
        self.live -= 1;
        self.dead += 1;
        true
    }

    /// Put entry `e` with hash `h` into the index (the key is known to be absent).
    fn place(&mut self, h: u32, e: usize) {
        let mask = self.index.len() - 1;
        let mut pos = h as usize & mask;
        loop {
            let slot = self.index[pos];
            if slot == EMPTY || slot == DELETED {
                if slot == EMPTY {
                    self.index_used += 1;
                }
                self.index[pos] = (h as u64) << 32 | e as u64;
                return;
            }
            pos = (pos + 1) & mask;
        }
    }

    fn rebuild_index_with(&mut self, capacity: usize) {
        self.index.clear();
        self.index.resize(capacity, EMPTY);
        self.index_used = 0;
        for e in 0..self.entries.len() {
            if self.entries[e].live {
                let h = self.entries[e].hash;
                self.place(h, e);
            }
        }
    }

    /// Recompute every hash and the index (after a moving collection, for `Ref` keys).
    ///
    /// # Safety
    /// For `KeyKind::Str`, every stored key must be a live string.
    pub unsafe fn rebuild_index(&mut self) {
        for e in 0..self.entries.len() {
            if self.entries[e].live {
                // SAFETY: forwarded to the caller.
                self.entries[e].hash = unsafe { self.hash(self.entries[e].key) };
            }
        }
        let cap = (self.live * 2).next_power_of_two().max(8);
        self.rebuild_index_with(cap);
    }

    /// Drop dead entries, renumbering the rest; logged for iterators.
    fn compact(&mut self) {
        let removed: Vec<u32> =
            self.entries.iter().enumerate().filter(|(_, e)| !e.live).map(|(i, _)| i as u32).collect();
        self.entries.retain(|e| e.live);
        self.dead = 0;
        self.compactions.push_back((self.epoch, removed));
        if self.compactions.len() > COMPACTION_LOG {
            self.compactions.pop_front();
        }
        self.epoch = self.epoch.wrapping_add(1);
        let cap = self.index.len().max(8);
        self.rebuild_index_with(cap);
        // Post-invariant: every entry is live; `epoch` names the new numbering.
    }

    /// Advance an iterator: from position `pos` (0 = start), the next live entry as
    /// `(new position, key, value)`, or None at the end.
    pub fn next(&self, pos: u64) -> Option<(u64, u64, u64)> {
        let (mut epoch, mut i) =
            if pos == 0 { (self.epoch, 0usize) } else { (((pos >> 32) as u32).wrapping_sub(1), pos as u32 as usize) };
        while epoch != self.epoch {
            let (_, removed) = self.compactions.iter().find(|(before, _)| *before == epoch)?;
            i -= removed.partition_point(|&r| (r as usize) < i);
            epoch = epoch.wrapping_add(1);
        }
        while i < self.entries.len() {
            let e = &self.entries[i];
            if e.live {
                let next = ((epoch.wrapping_add(1) as u64) << 32) | (i as u64 + 1);
                return Some((next, e.key, e.value));
            }
            i += 1;
        }
        None
    }

    /// Live `(key, value)` pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.entries.iter().filter(|e| e.live).map(|e| (e.key, e.value))
    }

    /// Visit every reference the table holds (for the collector): string and pointer
    /// keys, and values when `value_is_ref`; `f` may update them (the objects moved).
    /// When a pointer key changes, the index is rebuilt (those keys hash by address).
    pub fn trace(&mut self, mut f: impl FnMut(&mut GcRef)) {
        let keys = self.key_kind != KeyKind::Scalar;
        let value_is_ref = self.value_is_ref;
        if !keys && !value_is_ref {
            return;
        }
        let mut moved_ref_key = false;
        for e in self.entries.iter_mut().filter(|e| e.live) {
            if keys {
                let before = e.key;
                f(&mut e.key);
                moved_ref_key |= e.key != before;
            }
            if value_is_ref {
                f(&mut e.value);
            }
        }
        if moved_ref_key && self.key_kind == KeyKind::Ref {
            for e in self.entries.iter_mut().filter(|e| e.live) {
                e.hash = mix64(e.key) as u32;
            }
            let cap = self.index.len().max(8);
            self.rebuild_index_with(cap);
        }
    }

    /// Visit every reference the table holds, without changing them (verification).
    pub fn for_each_ref(&self, mut f: impl FnMut(GcRef, &'static str)) {
        let keys = self.key_kind != KeyKind::Scalar;
        for e in self.entries.iter().filter(|e| e.live) {
            if keys {
                f(e.key, "key");
            }
            if self.value_is_ref {
                f(e.value, "value");
            }
        }
    }

    /// Whether every live entry is found through the index under its own key (the
    /// index is consistent with the keys' current hashes).
    ///
    /// # Safety
    /// For `KeyKind::Str`, every stored key must be 0 or a live string.
    pub unsafe fn index_consistent(&self) -> bool {
        self.entries.iter().enumerate().filter(|(_, e)| e.live).all(|(i, e)| {
            // SAFETY: forwarded to the caller.
            matches!(unsafe { self.find(e.key) }, Some((_, j)) if j == i)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(t: &MapTable) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((p, k, v)) = t.next(pos) {
            out.push((k, v));
            pos = p;
        }
        out
    }

    #[test]
    fn insert_get_remove_in_order() {
        let mut t = MapTable::new(KeyKind::Scalar, false);
        // SAFETY: scalar keys.
        unsafe {
            for k in 0..1000u64 {
                assert!(t.insert(k * 7, k));
            }
            assert!(!t.insert(7, 100));
            assert_eq!(t.get(7), Some(100));
            assert_eq!(t.get(8), None);
            for k in 0..500u64 {
                assert!(t.remove(k * 7));
            }
            assert!(!t.remove(0));
            assert_eq!(t.len(), 500);
            let all = drain(&t);
            assert_eq!(all.len(), 500);
            assert_eq!(all[0], (500 * 7, 500));
            // Re-inserting after many deletes compacts and keeps everything findable.
            for k in 0..500u64 {
                assert!(t.insert(k * 7, k + 1));
            }
            for k in 0..1000u64 {
                assert!(t.get(k * 7).is_some(), "key {k}");
            }
        }
    }

    #[test]
    fn delete_during_iteration_skips_unreached() {
        let mut t = MapTable::new(KeyKind::Scalar, false);
        // SAFETY: scalar keys.
        unsafe {
            for k in 0..10u64 {
                t.insert(k, k);
            }
            let mut seen = Vec::new();
            let mut pos = 0;
            while let Some((p, k, _)) = t.next(pos) {
                seen.push(k);
                pos = p;
                if k == 2 {
                    t.remove(5);
                    t.remove(1);
                }
            }
            assert_eq!(seen, vec![0, 1, 2, 3, 4, 6, 7, 8, 9]);
        }
    }

    #[test]
    fn iteration_survives_compaction() {
        let mut t = MapTable::new(KeyKind::Scalar, false);
        // SAFETY: scalar keys.
        unsafe {
            for k in 0..40u64 {
                t.insert(k, k);
            }
            let mut seen = Vec::new();
            let mut pos = 0;
            while let Some((p, k, _)) = t.next(pos) {
                seen.push(k);
                pos = p;
                if k == 20 {
                    // Delete everything before and some after, then insert to compact.
                    for d in 0..20 {
                        t.remove(d);
                    }
                    t.remove(30);
                    t.insert(1000, 0);
                }
            }
            let mut want: Vec<u64> = (0..=20).chain(21..40).filter(|&k| k != 30).collect();
            want.push(1000);
            assert_eq!(seen, want);
        }
    }
}
