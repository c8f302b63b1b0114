//! Inline caches' data: per compiled function, a table of writable words beside its
//! code (which is never writable), one site per type test against an interface type.
//! (`CallIface` needs none: it indexes the method's dispatch row,
//! `runtime::method_table`.) A strategy embeds a site's address in its code, probes it with
//! the dynamic type, and on a miss runs the usual helper and enters what it learned.
//! The words hold type ids and function ids, never references, so the collector
//! ignores them. The strategy keeps the table alive as long as the code.
//!
//! A site is [`SITE_WAYS`] entries of two words, a dynamic type and what the site
//! learned about it (a type test's result), then one word
//! counting misses, which picks the entry the next miss replaces (round robin). Empty
//! entries hold [`NO_TYPE`].

use crate::bytecode::{Function, Instr, Op, Program, RKind};

/// Entries per site (a polymorphic inline cache).
pub const SITE_WAYS: usize = 4;
/// Words per site: the entries, then the miss counter.
pub const SITE_WORDS: usize = SITE_WAYS * 2 + 1;
/// An empty entry's type (no type id is this large).
pub const NO_TYPE: u64 = u64::MAX;

/// The cache sites of one compiled function, handed out in pc order.
pub struct SiteCaches {
    words: Box<[u64]>,
    next: usize,
}

/// Whether type `c` is an interface type (a type test against it needs a cache).
pub fn is_interface(program: &Program, c: u16) -> bool {
    matches!(program.types[c as usize].kind, RKind::Interface(_))
}

/// Whether instruction `ins` owns a cache site.
pub fn has_site(program: &Program, ins: Instr) -> bool {
    match ins.op {
        Op::IfaceIs | Op::Assert | Op::Assert2 => is_interface(program, ins.c),
        _ => false,
    }
}

impl SiteCaches {
    /// Empty sites for every instruction of `f` that owns one.
    pub fn for_function(program: &Program, f: &Function) -> SiteCaches {
        let sites = f.code.iter().filter(|i| has_site(program, **i)).count();
        let mut words = vec![0u64; sites * SITE_WORDS].into_boxed_slice();
        for site in words.chunks_mut(SITE_WORDS) {
            for way in 0..SITE_WAYS {
                site[way * 2] = NO_TYPE;
            }
        }
        SiteCaches { words, next: 0 }
    }

    /// The next site's address (to embed in the code).
    pub fn take(&mut self) -> usize {
        let at = &mut self.words[self.next * SITE_WORDS] as *mut u64 as usize;
        self.next += 1;
        at
    }
}
