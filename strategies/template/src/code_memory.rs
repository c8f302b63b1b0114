//! Executable memory with W^X: pages are mapped with no access, made writable while
//! code is copied in, then switched to read+execute. No page is ever writable and
//! executable at once, and no mapping is ever RWX. Everything is unmapped when the
//! `CodeMemory` is dropped.
//!
//! Functions are packed into chunks of whole pages (16-byte aligned), each followed by a
//! few bytes of `int3` that stay readable with it (for Valgrind, see
//! `vm::jit::CODE_GUARD_BYTES`; a fall-through past the end traps). Installing a
//! function whose first page already holds code makes that page writable for the copy
//! and executable again before `install` returns: see [`CodeMemory::install`] for why
//! that is safe.
//!
//! A function can be freed ([`CodeMemory::free`], when `tiered` replaced it): its bytes
//! are overwritten with `int3` (so a stale jump into it traps at once), and the pages
//! no live function touches any more lose all access and their memory
//! (`MADV_DONTNEED`). Space is not reused; the chunks are unmapped on drop.

use std::ptr::NonNull;

/// Bytes reserved per chunk (more for a function that does not fit).
const CHUNK_BYTES: usize = 256 * 1024;

/// Readable bytes after each function (`vm::jit::CODE_GUARD_BYTES`); they count as the
/// function's for the pages it keeps alive.
const GUARD: usize = vm::jit::CODE_GUARD_BYTES;

const INT3: u8 = 0xcc;

struct Chunk {
    base: NonNull<u8>,
    size: usize,
    used: usize,
    /// Per page: the live functions with bytes on it.
    live: Vec<u32>,
}

/// The code memory of one strategy instance.
pub struct CodeMemory {
    chunks: Vec<Chunk>,
    page: usize,
    /// Live functions by address: (chunk index, length).
    functions: vm::jit::FixedHashMap<usize, (usize, usize)>,
}

impl Default for CodeMemory {
    fn default() -> Self {
        CodeMemory::new()
    }
}

impl CodeMemory {
    pub fn new() -> CodeMemory {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        CodeMemory {
            chunks: Vec::new(),
            page: if page > 0 { page as usize } else { 4096 },
            functions: Default::default(),
        }
    }

    /// Copy `code` into executable memory; returns its address.
    ///
    /// The pages the copy touches are made read+write for the copy, then read+execute.
    /// A page may already hold code of earlier functions; that is safe because a
    /// `CodeMemory` belongs to one strategy instance, which belongs to one VM, which runs
    /// on one thread (islands have their own), and `install` runs on that thread while
    /// it executes Rust (a compile request from the interpreter or a helper): none of
    /// this memory's code is executing during the copy, only suspended frames may
    /// return into it later, after the page is executable again.
    ///
    /// The function is followed by [`GUARD`] bytes of `int3`, readable like the code
    /// (see `vm::jit::CODE_GUARD_BYTES`: Valgrind reads past a function's last byte).
    pub fn install(&mut self, code: &[u8]) -> Result<*const u8, String> {
        let fits = |c: &Chunk| c.used.next_multiple_of(16) + code.len() + GUARD <= c.size;
        if !self.chunks.last().is_some_and(fits) {
            self.chunks.push(self.map_chunk(code.len() + GUARD)?);
        }
        let page = self.page;
        let chunk = self.chunks.last_mut().expect("a chunk");
        let start = chunk.used.next_multiple_of(16);
        let end = start + code.len() + GUARD;
        let first = start / page * page;
        let last = end.next_multiple_of(page);
        // SAFETY: [first, last) lies inside the chunk's mapping (`end <= size`, and the
        // size is a multiple of the page size).
        let pages = unsafe { chunk.base.as_ptr().add(first) };
        protect(pages, last - first, libc::PROT_READ | libc::PROT_WRITE)?;
        // SAFETY: the destination (code, then guard) is inside the mapping and now
        // writable; the source is a separate Rust slice.
        unsafe {
            let at = chunk.base.as_ptr().add(start);
            std::ptr::copy_nonoverlapping(code.as_ptr(), at, code.len());
            std::ptr::write_bytes(at.add(code.len()), INT3, GUARD);
        }
        protect(pages, last - first, libc::PROT_READ | libc::PROT_EXEC)?;
        chunk.used = end;
        for p in first / page..last / page {
            chunk.live[p] += 1;
        }
        // SAFETY: inside the mapping.
        let addr = unsafe { chunk.base.as_ptr().add(start) };
        self.functions.insert(addr as usize, (self.chunks.len() - 1, code.len()));
        Ok(addr)
    }

    /// Free the function installed at `addr`; returns its length (0 if no function
    /// starts there). The caller guarantees that no frame runs in it and nothing will
    /// jump to it again; the same single-thread argument as for [`CodeMemory::install`]
    /// makes the brief writable window safe.
    pub fn free(&mut self, addr: *const u8) -> Result<usize, String> {
        let Some((c, len)) = self.functions.remove(&(addr as usize)) else { return Ok(0) };
        let page = self.page;
        let chunk = &mut self.chunks[c];
        let start = addr as usize - chunk.base.as_ptr() as usize;
        let (first, last) = (start / page * page, (start + len + GUARD).next_multiple_of(page));
        // SAFETY: [first, last) lies inside the chunk's mapping (the function did).
        let pages = unsafe { chunk.base.as_ptr().add(first) };
        protect(pages, last - first, libc::PROT_READ | libc::PROT_WRITE)?;
        // SAFETY: the function's bytes, inside the mapping and now writable.
        unsafe { std::ptr::write_bytes(addr as *mut u8, INT3, len) };
        for p in first / page..last / page {
            chunk.live[p] -= 1;
            // SAFETY: page `p` of the chunk, inside the mapping.
            let at = unsafe { chunk.base.as_ptr().add(p * page) };
            if chunk.live[p] == 0 {
                protect(at, page, libc::PROT_NONE)?;
                // SAFETY: a page of our own private mapping that holds no live code.
                unsafe { libc::madvise(at as *mut libc::c_void, page, libc::MADV_DONTNEED) };
            } else {
                protect(at, page, libc::PROT_READ | libc::PROT_EXEC)?;
            }
        }
        Ok(len)
    }

    /// Whether `addr` is inside this memory's code.
    pub fn contains(&self, addr: usize) -> bool {
        self.chunks.iter().any(|c| {
            let base = c.base.as_ptr() as usize;
            addr >= base && addr < base + c.used
        })
    }

    /// A new chunk for at least `len` bytes, mapped with no access.
    fn map_chunk(&self, len: usize) -> Result<Chunk, String> {
        let size = CHUNK_BYTES.max(len.next_multiple_of(self.page));
        // SAFETY: an anonymous private mapping at an address of the kernel's choosing
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(std::ptr::null_mut(), size, libc::PROT_NONE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0)
        };
        if p == libc::MAP_FAILED {
            return Err(format!("template: mmap of {size} bytes failed: {}", std::io::Error::last_os_error()));
        }
        let base = NonNull::new(p as *mut u8).ok_or("template: mmap returned null")?;
        Ok(Chunk { base, size, used: 0, live: vec![0; size / self.page] })
    }
}

/// `mprotect` a page-aligned range inside a mapping of ours.
fn protect(p: *mut u8, len: usize, prot: libc::c_int) -> Result<(), String> {
    // SAFETY: callers pass a page-aligned range inside one of this module's mappings.
    let r = unsafe { libc::mprotect(p as *mut libc::c_void, len, prot) };
    if r != 0 {
        return Err(format!("template: mprotect failed: {}", std::io::Error::last_os_error()));
    }
    Ok(())
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        for c in &self.chunks {
            // SAFETY: the strategy (and so its code memory) is dropped with its VM, when
            // no code of it can run any more: entries live only in that VM's code table.
            unsafe { libc::munmap(c.base.as_ptr() as *mut libc::c_void, c.size) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The permissions of the mapping containing `addr`, from /proc/self/maps.
    fn perms_of(addr: usize) -> String {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        for line in maps.lines() {
            let mut parts = line.split_whitespace();
            let range = parts.next().unwrap();
            let perms = parts.next().unwrap();
            let (lo, hi) = range.split_once('-').unwrap();
            let (lo, hi) = (usize::from_str_radix(lo, 16).unwrap(), usize::from_str_radix(hi, 16).unwrap());
            if addr >= lo && addr < hi {
                return perms.to_string();
            }
        }
        panic!("{addr:#x} is not mapped");
    }

    #[test]
    fn installed_code_is_executable_and_never_writable() {
        let mut mem = CodeMemory::new();
        // mov eax, 42; ret
        let f = mem.install(&[0xb8, 42, 0, 0, 0, 0xc3]).unwrap();
        // A second function on the same page, and one that needs its own chunk.
        let g = mem.install(&[0xb8, 7, 0, 0, 0, 0xc3]).unwrap();
        let mut big = vec![0x90u8; CHUNK_BYTES + 10];
        *big.last_mut().unwrap() = 0xc3;
        let h = mem.install(&big).unwrap();
        for p in [f, g, h] {
            assert_eq!(perms_of(p as usize), "r-xp", "code at {p:?}");
            assert!(mem.contains(p as usize));
        }
        assert!(!mem.contains(0));
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        assert!(!maps.lines().any(|l| l.split_whitespace().nth(1) == Some("rwxp")), "an RWX mapping:\n{maps}");
        // SAFETY: the bytes are a complete function of this type.
        let (a, b) = unsafe {
            let f: extern "C" fn() -> u32 = std::mem::transmute(f);
            let g: extern "C" fn() -> u32 = std::mem::transmute(g);
            (f(), g())
        };
        assert_eq!((a, b), (42, 7));
        let addr = f as usize;
        drop(mem);
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        let still = maps.lines().any(|l| {
            let (lo, hi) = l.split_whitespace().next().unwrap().split_once('-').unwrap();
            let (lo, hi) = (usize::from_str_radix(lo, 16).unwrap(), usize::from_str_radix(hi, 16).unwrap());
            addr >= lo && addr < hi && l.contains("r-xp")
        });
        assert!(!still, "code memory still mapped executable after drop");
    }

    /// A function whose last byte ends a page, the rest of the chunk unused: its
    /// guard bytes are readable `int3` on the next page, and it runs under Valgrind
    /// (which, without them, died of SIGSEGV at that page edge).
    #[test]
    fn a_function_ending_at_a_page_edge_runs_under_valgrind() {
        if !vm::jit::valgrind_test::in_rerun() {
            vm::jit::valgrind_test::rerun_under_valgrind(
                "code_memory::tests::a_function_ending_at_a_page_edge_runs_under_valgrind",
            );
        }
        let mut mem = CodeMemory::new();
        let page = mem.page;
        // The filler and its guard end 16 bytes before the page edge, where f starts.
        let filler = mem.install(&vec![INT3; page - 16 - GUARD]).unwrap();
        let f = mem.install(&vm::jit::valgrind_test::function_returning_42(16)).unwrap();
        assert_eq!(f as usize, filler as usize + page - 16, "f ends at the page edge");
        assert_eq!((f as usize + 16) % page, 0);
        // SAFETY: the guard was installed with f, readable (or this test dies here).
        let guard = unsafe { std::slice::from_raw_parts(f.add(16), GUARD) };
        assert!(guard.iter().all(|&b| b == INT3), "{guard:?}");
        assert_eq!(perms_of(f as usize + 16), "r-xp");
        // SAFETY: the bytes are a complete function of this type.
        assert_eq!(unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(f)() }, 42);
        // Freeing the filler keeps f's pages, guard included.
        mem.free(filler).unwrap();
        assert_eq!(perms_of(f as usize + 16), "r-xp");
        // SAFETY: as above; f is still installed.
        assert_eq!(unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(f)() }, 42);
    }

    #[test]
    fn freed_code_traps_and_its_own_pages_lose_all_access() {
        let mut mem = CodeMemory::new();
        let page = mem.page;
        // f spans three pages; g shares f's last page.
        let mut big = vec![0x90u8; 2 * page + 100];
        big[0] = 0xb8; // mov eax, 5 (then nops, ret)
        big[1..5].copy_from_slice(&5u32.to_le_bytes());
        *big.last_mut().unwrap() = 0xc3;
        let f = mem.install(&big).unwrap();
        let g = mem.install(&[0xb8, 7, 0, 0, 0, 0xc3]).unwrap();
        assert_eq!(mem.free(f).unwrap(), big.len());
        assert_eq!(mem.free(f).unwrap(), 0, "freed twice");
        // f's first page is its own: no access now; g's page stays executable and g runs.
        assert_eq!(perms_of(f as usize), "---p");
        assert_eq!(perms_of(g as usize), "r-xp");
        // SAFETY: g is a complete function of this type, still installed.
        assert_eq!(unsafe { std::mem::transmute::<*const u8, extern "C" fn() -> u32>(g)() }, 7);
        // f's bytes on g's page are poisoned with int3.
        let tail = f as usize + big.len() - 1;
        // SAFETY: the page holding g is mapped readable.
        assert_eq!(unsafe { *(tail as *const u8) }, 0xcc);
    }
}
