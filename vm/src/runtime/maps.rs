//! Maps: the Go-level operations over `heap::MapTable` (see its module doc for the
//! table, hashing and iteration design).

use crate::bytecode::{Instr, RKind, TypeId};
use crate::heap::{self, GcRef, Heap, KeyKind};
use crate::interp::{Unwind, Vm};
use crate::runtime::Regs;

/// How keys of type `key` are hashed and compared.
pub(crate) fn key_kind_of(kind: &RKind) -> KeyKind {
    match kind {
        RKind::String => KeyKind::Str,
        RKind::Int | RKind::Byte | RKind::Rune | RKind::IntN(_) | RKind::Bool | RKind::Float => KeyKind::Scalar,
        _ => KeyKind::Ref,
    }
}

/// `MapLen`: `len(m)`, the number of entries (nil: 0).
///
/// # Safety
/// `m` must be 0 or a live map object.
#[inline(always)]
pub(crate) unsafe fn map_len(m: GcRef) -> u64 {
    if m == 0 {
        return 0;
    }
    // SAFETY: forwarded to the caller: a map's header length is its entry count.
    unsafe { heap::obj_len(m) as u64 }
}

/// `MapIterInit a, b`: start iterating map `[b]`: `[a]` = the map, `[a+1]` = position 0.
///
/// # Safety
/// `regs` is the running frame and `ins` a verified `MapIterInit` (`a + 1` too).
#[inline(always)]
pub(crate) unsafe fn op_map_iter_init(regs: Regs, ins: Instr) {
    // SAFETY: forwarded to the caller.
    unsafe {
        regs.set(ins.a, regs.get(ins.b));
        regs.set(ins.a + 1, 0);
    }
}

impl Vm {
    /// `MakeMap a, b`.
    #[inline(never)]
    pub(crate) fn op_make_map(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        let prog = self.prog();
        let RKind::Map(k, v) = prog.types[ins.b as usize].kind else {
            return Err(self.internal_error(format!("MakeMap of non-map type {}", prog.types[ins.b as usize].name)));
        };
        let key_kind = key_kind_of(&prog.types[k.0 as usize].kind);
        let value_is_ref = prog.types[v.0 as usize].kind.is_ref();
        let m = self.alloc_map(TypeId(ins.b as u32), key_kind, value_is_ref)?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, m) };
        Ok(())
    }

    /// `MapGet a, b, c`: `[a] = [b][[c]]` or 0.
    #[inline(never)]
    pub(crate) fn op_map_get(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers: `[b]` 0 or a map, `[c]` a key of its key type.
        unsafe {
            let m = regs.get(ins.b);
            let v = if m == 0 { 0 } else { self.heap.map_table(m).get(regs.get(ins.c)).unwrap_or(0) };
            regs.set(ins.a, v);
        }
    }

    /// `MapGet2 a, b, c`: `[a], [a+1] = [b][[c]]`.
    #[inline(never)]
    pub(crate) fn op_map_get2(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: as for `op_map_get`; `a + 1` is verified too.
        unsafe {
            let m = regs.get(ins.b);
            let found = if m == 0 { None } else { self.heap.map_table(m).get(regs.get(ins.c)) };
            regs.set(ins.a, found.unwrap_or(0));
            regs.set(ins.a + 1, found.is_some() as u64);
        }
    }

    /// `MapSet a, b, c`: `[a][[b]] = [c]`.
    #[inline(never)]
    pub(crate) fn op_map_set(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers: `[a]` 0 or a map, `[b]` a key, `[c]` a value.
        unsafe {
            let m = regs.get(ins.a);
            if m == 0 {
                return Err(self.panic_message("assignment to entry in nil map", false));
            }
            let (k, v) = (regs.get(ins.b), regs.get(ins.c));
            let table = self.heap.map_table(m);
            table.insert(k, v);
            let live = table.len();
            Heap::set_map_len(m, live);
            self.heap.write_barrier(m, k);
            self.heap.write_barrier(m, v);
        }
        Ok(())
    }

    /// `MapDelete a, b`.
    #[inline(never)]
    pub(crate) fn op_map_delete(&mut self, regs: Regs, ins: Instr) {
        // SAFETY: verified registers: `[a]` 0 or a map, `[b]` a key.
        unsafe {
            let m = regs.get(ins.a);
            if m == 0 {
                return;
            }
            let table = self.heap.map_table(m);
            table.remove(regs.get(ins.b));
            let live = table.len();
            Heap::set_map_len(m, live);
        }
    }

    /// `MapNext a, b, c`: true (skip the next instruction) when an entry was produced.
    #[inline(never)]
    pub(crate) fn op_map_next(&mut self, regs: Regs, ins: Instr) -> bool {
        // SAFETY: verified registers (`a + 1` too); `[a]` is 0 or a map.
        unsafe {
            let m = regs.get(ins.a);
            if m == 0 {
                return false;
            }
            match self.heap.map_table(m).next(regs.get(ins.a + 1)) {
                Some((pos, k, v)) => {
                    regs.set(ins.a + 1, pos);
                    regs.set(ins.b, k);
                    regs.set(ins.c, v);
                    true
                }
                None => false,
            }
        }
    }

    /// Live entries of map `m` (for fmt), in insertion order.
    ///
    /// # Safety
    /// `m` must be a live map; the keys and values are only valid until the next
    /// allocation unless rooted.
    pub(crate) unsafe fn map_entries(&mut self, m: heap::GcRef) -> Vec<(u64, u64)> {
        // SAFETY: forwarded to the caller.
        unsafe { self.heap.map_table(m).iter().collect() }
    }
}
