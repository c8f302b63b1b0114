//! The register cache of one basic block: which frame slots live in which host
//! registers right now, and which of them are dirty (newer than the frame).
//!
//! A pure bookkeeping structure: it decides, the emitter emits. Slots enter the cache
//! when an instruction reads or defines them and leave it when a register is needed
//! for another slot (least recently used first, written back if dirty). The emitter
//! writes every dirty slot back at block exits, before helper calls and before any
//! path that leaves native code, and empties the cache after every helper call (the
//! registers are caller-saved, and a collection may move the objects the cached
//! references point to: references are reloaded from the frame after a safepoint).

/// Integer registers the cache may use (caller-saved, not used by the templates'
/// scratch code: rsi, rdi, r8–r11).
pub const INT_REGS: [u8; 6] = [6, 7, 8, 9, 10, 11];
/// SSE registers the cache may use (xmm2–xmm7; xmm0/xmm1 are scratch).
pub const FLOAT_REGS: [u8; 6] = [2, 3, 4, 5, 6, 7];

/// Where a cached slot lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A general-purpose register (hardware number).
    Int(u8),
    /// An SSE register (hardware number).
    Float(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    slot: u16,
    dirty: bool,
    /// Used by the current instruction: not evicted until it ends.
    pinned: bool,
    last_use: u32,
}

/// What the emitter must do to make room or to move a slot between register files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Store the register to the slot (a dirty entry is evicted).
    WriteBack(u16, Loc),
    /// Load the slot from the frame into the register.
    Load(u16, Loc),
    /// Copy the bits from one register to the other (int <-> float).
    Transfer { from: Loc, to: Loc },
}

/// The cache state (cloned for the snapshots slow paths need).
#[derive(Clone, Debug, Default)]
pub struct RegCache {
    int: [Option<Entry>; INT_REGS.len()],
    float: [Option<Entry>; FLOAT_REGS.len()],
    clock: u32,
}

impl RegCache {
    pub fn new() -> RegCache {
        RegCache::default()
    }

    /// Where `slot` is cached, if it is.
    pub fn find(&self, slot: u16) -> Option<Loc> {
        let i = self.int.iter().position(|e| e.is_some_and(|e| e.slot == slot));
        if let Some(i) = i {
            return Some(Loc::Int(INT_REGS[i]));
        }
        let f = self.float.iter().position(|e| e.is_some_and(|e| e.slot == slot));
        f.map(|f| Loc::Float(FLOAT_REGS[f]))
    }

    /// Every cached slot with its register and dirtiness.
    pub fn entries(&self) -> Vec<(u16, Loc, bool)> {
        let ints = self.int.iter().zip(INT_REGS).filter_map(|(e, r)| e.map(|e| (e.slot, Loc::Int(r), e.dirty)));
        let floats = self.float.iter().zip(FLOAT_REGS).filter_map(|(e, r)| e.map(|e| (e.slot, Loc::Float(r), e.dirty)));
        ints.chain(floats).collect()
    }

    /// The dirty slots (to write back).
    pub fn dirty(&self) -> Vec<(u16, Loc)> {
        self.entries().into_iter().filter(|e| e.2).map(|e| (e.0, e.1)).collect()
    }

    /// Mark everything clean (after the emitter wrote the dirty slots back).
    pub fn mark_clean(&mut self) {
        for e in self.int.iter_mut().chain(self.float.iter_mut()).flatten() {
            e.dirty = false;
        }
    }

    /// Forget everything (after a helper call, at a block leader).
    pub fn clear(&mut self) {
        *self = RegCache::default();
    }

    /// The current instruction is done: its registers may be evicted again.
    pub fn unpin(&mut self) {
        for e in self.int.iter_mut().chain(self.float.iter_mut()).flatten() {
            e.pinned = false;
        }
    }

    /// Forget `slot` (something wrote it behind the cache's back).
    pub fn forget(&mut self, slot: u16) {
        for e in self.int.iter_mut().chain(self.float.iter_mut()) {
            if e.is_some_and(|x| x.slot == slot) {
                *e = None;
            }
        }
    }

    fn file(&mut self, float: bool) -> (&mut [Option<Entry>], &'static [u8]) {
        if float {
            (&mut self.float, &FLOAT_REGS)
        } else {
            (&mut self.int, &INT_REGS)
        }
    }

    fn loc(float: bool, r: u8) -> Loc {
        if float {
            Loc::Float(r)
        } else {
            Loc::Int(r)
        }
    }

    /// A register of the file for a new entry: a free one, else the least recently used
    /// unpinned one (written back first when dirty).
    fn take_register(&mut self, float: bool, actions: &mut Vec<Action>) -> usize {
        let (file, regs) = self.file(float);
        if let Some(i) = file.iter().position(|e| e.is_none()) {
            return i;
        }
        let i = (0..file.len())
            .filter(|&i| !file[i].is_some_and(|e| e.pinned))
            .min_by_key(|&i| file[i].map_or(0, |e| e.last_use))
            .expect("more registers than operands of one instruction");
        let old = file[i].take().expect("an entry");
        if old.dirty {
            actions.push(Action::WriteBack(old.slot, Self::loc(float, regs[i])));
        }
        i
    }

    /// Make `slot` readable in a register of the file (`float`): the actions to emit
    /// first, and the register. The entry is pinned until [`RegCache::unpin`].
    pub fn read(&mut self, slot: u16, float: bool, actions: &mut Vec<Action>) -> u8 {
        self.clock += 1;
        let clock = self.clock;
        let other = self.find(slot);
        {
            let (file, regs) = self.file(float);
            if let Some(i) = file.iter().position(|e| e.is_some_and(|e| e.slot == slot)) {
                let e = file[i].as_mut().expect("found");
                e.pinned = true;
                e.last_use = clock;
                return regs[i];
            }
        }
        let i = self.take_register(float, actions);
        let (_, regs) = self.file(float);
        let r = regs[i];
        let mut dirty = false;
        match other {
            // Cached in the other file: move it over (the entry moves with its dirtiness).
            Some(from) => {
                actions.push(Action::Transfer { from, to: Self::loc(float, r) });
                dirty = self.entries().iter().any(|e| e.0 == slot && e.2);
                self.forget(slot);
            }
            None => actions.push(Action::Load(slot, Self::loc(float, r))),
        }
        let (file, _) = self.file(float);
        file[i] = Some(Entry { slot, dirty, pinned: true, last_use: clock });
        r
    }

    /// A register of the file (`float`) to hold a new value of `slot`, which becomes
    /// dirty (the frame is stale until it is written back). The actions make room.
    pub fn define(&mut self, slot: u16, float: bool, actions: &mut Vec<Action>) -> u8 {
        self.clock += 1;
        let clock = self.clock;
        {
            let (file, regs) = self.file(float);
            if let Some(i) = file.iter().position(|e| e.is_some_and(|e| e.slot == slot)) {
                let e = file[i].as_mut().expect("found");
                e.dirty = true;
                e.pinned = true;
                e.last_use = clock;
                return regs[i];
            }
        }
        // A copy in the other file is stale now.
        self.forget(slot);
        let i = self.take_register(float, actions);
        let (file, regs) = self.file(float);
        file[i] = Some(Entry { slot, dirty: true, pinned: true, last_use: clock });
        regs[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_load_once_and_defines_are_dirty_until_cleaned() {
        let mut c = RegCache::new();
        let mut acts = Vec::new();
        let r = c.read(3, false, &mut acts);
        assert_eq!(acts, vec![Action::Load(3, Loc::Int(r))]);
        acts.clear();
        assert_eq!(c.read(3, false, &mut acts), r);
        assert!(acts.is_empty(), "a cached slot is not loaded again");
        let d = c.define(5, false, &mut acts);
        assert_eq!(c.dirty(), vec![(5, Loc::Int(d))]);
        c.mark_clean();
        assert!(c.dirty().is_empty());
        c.clear();
        assert_eq!(c.find(3), None);
    }

    #[test]
    fn eviction_writes_back_dirty_slots_and_spares_pinned_ones() {
        let mut c = RegCache::new();
        let mut acts = Vec::new();
        for s in 0..INT_REGS.len() as u16 {
            c.define(s, false, &mut acts);
        }
        assert!(acts.is_empty());
        c.unpin();
        // Slot 0 is the least recently used; read slot 1 again so it is pinned.
        c.read(1, false, &mut acts);
        c.read(0, false, &mut acts);
        acts.clear();
        // Both 0 and 1 are pinned now: the victim is slot 2, dirty, written back.
        let r = c.read(100, false, &mut acts);
        assert_eq!(acts[0], Action::WriteBack(2, Loc::Int(r)));
        assert_eq!(acts[1], Action::Load(100, Loc::Int(r)));
        assert_eq!(c.find(2), None);
    }

    #[test]
    fn a_slot_moves_between_register_files_with_its_dirtiness() {
        let mut c = RegCache::new();
        let mut acts = Vec::new();
        let x = c.define(7, true, &mut acts);
        let r = c.read(7, false, &mut acts);
        assert_eq!(acts, vec![Action::Transfer { from: Loc::Float(x), to: Loc::Int(r) }]);
        assert_eq!(c.find(7), Some(Loc::Int(r)));
        assert_eq!(c.dirty(), vec![(7, Loc::Int(r))], "still newer than the frame");
        // Defining it as an int drops nothing else; defining as a float moves it back.
        acts.clear();
        let y = c.define(7, true, &mut acts);
        assert_eq!(c.find(7), Some(Loc::Float(y)));
        assert_eq!(c.entries().len(), 1);
    }
}
