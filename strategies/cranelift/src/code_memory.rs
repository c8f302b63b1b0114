//! The JIT module's memory: Cranelift's own system provider, asked for
//! `vm::jit::CODE_GUARD_BYTES` more bytes with each piece of executable memory.
//!
//! The provider maps each finalized function's pages exactly (`mmap` of the size
//! rounded up to pages), so code could end at a page edge, where Valgrind dies reading
//! past it. The extra bytes are zero, never executed, and become read+execute with the
//! code they follow.

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider, SystemMemoryProvider};
use cranelift_module::ModuleResult;

pub(crate) struct GuardedMemory(SystemMemoryProvider);

impl GuardedMemory {
    pub(crate) fn new() -> GuardedMemory {
        GuardedMemory(SystemMemoryProvider::new())
    }
}

impl JITMemoryProvider for GuardedMemory {
    fn allocate(&mut self, size: usize, align: u64, kind: JITMemoryKind) -> std::io::Result<*mut u8> {
        let size = match kind {
            JITMemoryKind::Executable => size + vm::jit::CODE_GUARD_BYTES,
            JITMemoryKind::Writable | JITMemoryKind::ReadOnly => size,
        };
        self.0.allocate(size, align, kind)
    }

    unsafe fn free_memory(&mut self) {
        // SAFETY: the caller's promise (no code of this memory runs any more) is passed on.
        unsafe { self.0.free_memory() }
    }

    fn finalize(&mut self, branch_protection: BranchProtection) -> ModuleResult<()> {
        self.0.finalize(branch_protection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Executable memory of exactly one page, filled with a function that ends at the
    /// page edge: the guard bytes after it are readable, and it runs under Valgrind.
    #[test]
    fn code_filling_a_page_runs_under_valgrind() {
        if !vm::jit::valgrind_test::in_rerun() {
            vm::jit::valgrind_test::rerun_under_valgrind("code_memory::tests::code_filling_a_page_runs_under_valgrind");
        }
        let page = 4096; // x86-64 Linux's page size
        let mut memory = GuardedMemory::new();
        let p = memory.allocate(page, 16, JITMemoryKind::Executable).unwrap();
        let code = vm::jit::valgrind_test::function_returning_42(page);
        // SAFETY: the allocation is `page` (+ guard) writable bytes until `finalize`.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), p, page) };
        memory.finalize(BranchProtection::None).unwrap();
        // SAFETY: the guard is inside the allocation, readable after `finalize`.
        let guard = unsafe { std::slice::from_raw_parts(p.add(page), vm::jit::CODE_GUARD_BYTES) };
        assert!(guard.iter().all(|&b| b == 0));
        // SAFETY: the memory holds a complete function of this type, now executable.
        let f = unsafe { std::mem::transmute::<*mut u8, extern "C" fn() -> u32>(p) };
        assert_eq!(f(), 42);
        // SAFETY: nothing runs in it any more.
        unsafe { memory.free_memory() };
    }
}
