//! Heap objects in dynasm code: field, element and slice access with their nil and
//! bounds checks and their write barriers, inline allocation in the nursery, the
//! interface-call dispatch (`CallIface`'s method row) and the type tests with their
//! inline caches (`SiteCaches`: probed inline, learned by the slow path). Everything
//! here is a method of [`Emitter`] on the parent module's register conventions, its
//! register cache and its out-of-line stubs; the other opcodes are there, calls in
//! `calls`.
//!
//! Never keep an object's address in a register across a helper call (a collection
//! moves objects): operands come from the register cache, a slow path writes back what
//! was dirty where it branched off and rejoins at the instruction's end reloading the
//! cached slots from the frame, and `CallIface` writes the cache back and empties it
//! before it reads the receiver from the frame. Never use a register but the scratch
//! rax, rcx, rdx (and r14, `CallIface`'s callee) on the main path: the others hold
//! cached slots. Never store a reference into an object that may be old without the
//! write barrier (only an object just allocated here, young, needs none; the barrier's
//! `jit_remember` does not collect, its stub saves the cached slots around it); never
//! put a reference into a cache site (the collector does not see the sites).

use super::*;
use vm::jit::site_caches::SITE_WAYS;
use vm::runtime::method_table::NO_METHOD;

/// rax's register number (the scratch register holding a slice's array for the barrier).
const RAX: u8 = 0;

impl Emitter<'_> {
    /// The write barrier after storing reference `v` into object `obj` (scratch
    /// registers rax/rcx/rdx only): the nursery range test inline, `jit_remember` out
    /// of line.
    fn barrier(&mut self, obj: u8, v: u8) {
        let (start, size) = self.env.nursery;
        let cont = self.cont();
        let remember = self.ops.new_dynamic_label();
        // rdx = v - start; young when below size.
        dynasm!(self.ops
            ; .arch x64
            ; mov rdx, QWORD start as i64
            ; neg rdx
            ; add rdx, Rq(v)
            ; mov rcx, QWORD size as i64
            ; cmp rdx, rcx
            ; jae =>cont
            ; mov rdx, QWORD start as i64
            ; neg rdx
            ; add rdx, Rq(obj)
            ; cmp rdx, rcx
            ; jae =>remember
        );
        let live = self.cache.entries().into_iter().map(|e| (e.0, e.1)).collect();
        self.stub(Stub::Remember { at: remember, obj, cont, live });
    }

    /// Look the dynamic type in rcx up in cache site `site`: on a hit rdx points at
    /// the entry (the learned word at rdx + 8), else jump to `miss`.
    fn probe(&mut self, site: usize, miss: DynamicLabel) {
        let hit = self.ops.new_dynamic_label();
        dynasm!(self.ops ; .arch x64 ; mov rdx, QWORD site as i64);
        for way in 0..SITE_WAYS {
            if way > 0 {
                dynasm!(self.ops ; .arch x64 ; add rdx, 16);
            }
            dynasm!(self.ops ; .arch x64 ; cmp rcx, QWORD [rdx]);
            if way + 1 < SITE_WAYS {
                dynasm!(self.ops ; .arch x64 ; je =>hit);
            } else {
                dynasm!(self.ops ; .arch x64 ; jne =>miss);
            }
        }
        dynasm!(self.ops ; .arch x64 ; =>hit);
    }

    /// After a miss: enter (r15 = the type, rcx = the learned word) in site `site`,
    /// replacing its entries round robin. Clobbers rsi, rdx, r8.
    pub(super) fn learn(&mut self, site: usize) {
        let count = (SITE_WAYS * 16) as i32;
        dynasm!(self.ops
            ; .arch x64
            ; mov rsi, QWORD site as i64
            ; mov rdx, QWORD [rsi + count]
            ; lea r8, [rdx + 1]
            ; mov QWORD [rsi + count], r8
            ; and rdx, SITE_WAYS as i32 - 1
            ; shl rdx, 4
            ; add rdx, rsi
            ; mov QWORD [rdx], r15
            ; mov QWORD [rdx + 8], rcx
        );
    }

    /// A slow path for a type test at `pc` that missed cache site `site`.
    fn miss_stub(&mut self, pc: usize, site: usize, learn: Option<u16>) -> DynamicLabel {
        let at = self.slow_stub(pc);
        if let Some((_, Stub::Slow { learn: l, .. })) = self.stubs.last_mut() {
            *l = Some((site, learn));
        }
        at
    }

    /// `GetField` (word `c` of the struct in slot `b`) and `BoxGet` (the box's one word); a
    /// nil object goes to the helper, which raises the panic.
    pub(super) fn field_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let word = if ins.op == Op::GetField { c as i32 } else { 0 };
        let x = self.int(b);
        let slow = self.slow_stub(pc);
        dynasm!(self.ops ; .arch x64 ; test Rq(x), Rq(x) ; jz =>slow ; mov rax, QWORD [Rq(x) + 8 + word * 8]);
        self.set_from_rax(a);
    }

    /// `SetField` and `BoxSet`, and their `…R` forms (a reference: the write barrier
    /// follows); a nil object goes to the helper, which raises the panic.
    pub(super) fn field_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let field = matches!(ins.op, Op::SetField | Op::SetFieldR);
        let (word, src) = if field { (b as i32, c) } else { (0, b) };
        let (o, v) = (self.int(a), self.int(src));
        let slow = self.slow_stub(pc);
        dynasm!(self.ops ; .arch x64 ; test Rq(o), Rq(o) ; jz =>slow ; mov QWORD [Rq(o) + 8 + word * 8], Rq(v));
        if matches!(ins.op, Op::SetFieldR | Op::BoxSetR) {
            self.barrier(o, v);
        }
    }

    /// `ArrayGet`: nil and an index out of range go to the helper, which raises the panic.
    pub(super) fn array_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let (arr, i) = (self.int(b), self.int(c));
        let slow = self.slow_stub(pc);
        self.array_check(arr, i, slow);
        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [Rq(arr) + Rq(i) * 8 + heap_layout::ARRAY_ELEMS as i32]);
        self.set_from_rax(a);
    }

    /// `ArraySet` and `ArraySetR` (a reference: the write barrier follows), checked as
    /// `ArrayGet`.
    pub(super) fn array_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let (arr, i, v) = (self.int(a), self.int(b), self.int(c));
        let slow = self.slow_stub(pc);
        self.array_check(arr, i, slow);
        dynasm!(self.ops ; .arch x64 ; mov QWORD [Rq(arr) + Rq(i) * 8 + heap_layout::ARRAY_ELEMS as i32], Rq(v));
        if ins.op == Op::ArraySetR {
            self.barrier(arr, v);
        }
    }

    /// `SliceGet`: the element at the slice's offset plus the index in its backing array;
    /// nil and an index out of range go to the helper, which raises the panic.
    pub(super) fn slice_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let (s, i) = (self.int(b), self.int(c));
        let slow = self.slow_stub(pc);
        self.slice_element(s, i, slow);
        dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + rcx * 8 + heap_layout::ARRAY_ELEMS as i32]);
        self.set_from_rax(a);
    }

    /// `SliceSet` and `SliceSetR` (a reference: the write barrier on the backing array, in
    /// rax, follows), checked as `SliceGet`.
    pub(super) fn slice_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let (s, i, v) = (self.int(a), self.int(b), self.int(c));
        let slow = self.slow_stub(pc);
        self.slice_element(s, i, slow);
        dynasm!(self.ops ; .arch x64 ; mov QWORD [rax + rcx * 8 + heap_layout::ARRAY_ELEMS as i32], Rq(v));
        if ins.op == Op::SliceSetR {
            self.barrier(RAX, v);
        }
    }

    /// The checks of element `[i]` of the array in `arr`: nil and an index out of range
    /// (unsigned: negative indices too) go to `slow`. Clobbers rax.
    fn array_check(&mut self, arr: u8, i: u8, slow: DynamicLabel) {
        dynasm!(self.ops
            ; .arch x64
            ; test Rq(arr), Rq(arr)
            ; jz =>slow
            ; mov rax, QWORD [Rq(arr)]
            ; shr rax, 32
            ; cmp Rq(i), rax
            ; jae =>slow
        );
    }

    /// Element `[i]` of the slice in `s`, after the checks of the array's: its backing
    /// array in rax, its index there in rcx.
    fn slice_element(&mut self, s: u8, i: u8, slow: DynamicLabel) {
        dynasm!(self.ops
            ; .arch x64
            // A nil slice has length 0: every index fails.
            ; test Rq(s), Rq(s)
            ; jz =>slow
            ; cmp Rq(i), QWORD [Rq(s) + heap_layout::SLICE_LEN as i32]
            ; jae =>slow
            ; mov rcx, QWORD [Rq(s) + heap_layout::SLICE_OFFSET as i32]
            ; add rcx, Rq(i)
            ; mov rax, QWORD [Rq(s) + heap_layout::SLICE_ARRAY as i32]
        );
    }

    /// `New`, `BoxNew` or `ToIface` of an object [`inline_alloc`] accepts: bump the nursery
    /// (zero above the cursor); a full nursery, a collection due or gc-stress take the
    /// helper.
    pub(super) fn alloc_inline(&mut self, pc: usize, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        let al = inline_alloc(self.program, ins, self.env.large_words).expect("checked");
        let v = al.operand_at.map(|at| (at, self.int(b)));
        let slow = self.slow_stub(pc);
        let (size, header) = (al.words as i32 * 8, al.header as i64);
        dynasm!(self.ops
            ; .arch x64
            ; mov rcx, QWORD [r12 + JitContext::OFFSET_ALLOC_CURSOR]
            ; mov rax, QWORD [rcx]
            ; lea rdx, [rax + size]
            ; mov rcx, QWORD [r12 + JitContext::OFFSET_ALLOC_LIMIT]
            ; cmp rdx, QWORD [rcx]
            ; ja =>slow
            ; mov rcx, QWORD [r12 + JitContext::OFFSET_ALLOC_CURSOR]
            ; mov QWORD [rcx], rdx
            ; mov rdx, QWORD header
            ; mov QWORD [rax], rdx
        );
        if let Some((at, k)) = al.constant {
            dynasm!(self.ops ; .arch x64 ; mov rdx, QWORD k as i64 ; mov QWORD [rax + at], rdx);
        }
        if let Some((at, v)) = v {
            // A young object: no write barrier.
            dynasm!(self.ops ; .arch x64 ; mov QWORD [rax + at], Rq(v));
        }
        self.set_from_rax(a);
    }

    /// `CallIface` up to its call, the cache written back and emptied first: the method
    /// from the dispatch row of its name, indexed by the receiver's dynamic type
    /// (`vm::runtime::method_table`), into r14; the receiver's payload goes to the window.
    /// A nil receiver (or, impossibly, a type without the method) goes to
    /// `jit_iface_target`, which raises.
    pub(super) fn iface_method(&mut self, pc: usize, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        self.spill_all();
        let miss = self.ops.new_dynamic_label();
        let found = self.ops.new_dynamic_label();
        let window = self.f.slot_count as i32 * 8;
        let row = self.env.method_row(a) as i64;
        dynasm!(self.ops
            ; .arch x64
            ; mov rax, QWORD [rbx + (b) as i32 * 8]
            ; test rax, rax
            ; jz =>miss
            ; mov rcx, QWORD [rax + heap_layout::IFACE_TYPE as i32]
            ; mov rdx, QWORD row
            ; mov r14d, DWORD [rdx + rcx * 4]
            ; cmp r14d, NO_METHOD as i32
            ; je =>miss
            ; mov rcx, QWORD [rax + heap_layout::IFACE_DATA as i32]
            ; mov QWORD [rbx + window], rcx
            ; =>found
        );
        self.stub(Stub::IfaceMiss { at: miss, pc: pc as u32, found });
    }

    /// `IfaceIs` and `Assert2`: the payload (`Assert2`) and the bool. The dynamic type is
    /// compared with a concrete target inline, or with the types an interface target's
    /// site saw (their results cached with them).
    pub(super) fn type_test(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let x = self.int(b);
        let fail = self.ops.new_dynamic_label();
        let done = self.ops.new_dynamic_label();
        dynasm!(self.ops
            ; .arch x64
            ; mov rax, Rq(x)
            ; test rax, rax
            ; jz =>fail
            ; mov rcx, QWORD [rax + heap_layout::IFACE_TYPE as i32]
        );
        if is_interface(self.program, c) {
            let site = self.sites.take();
            let learn = if ins.op == Op::IfaceIs { a } else { a + 1 };
            let miss = self.miss_stub(pc, site, Some(learn));
            self.probe(site, miss);
            dynasm!(self.ops ; .arch x64 ; cmp QWORD [rdx + 8], 0 ; je =>fail);
        } else {
            dynasm!(self.ops ; .arch x64 ; cmp rcx, c as i32 ; jne =>fail);
            if ins.op == Op::Assert2 {
                dynasm!(self.ops ; .arch x64 ; mov rax, QWORD [rax + heap_layout::IFACE_DATA as i32]);
            }
        }
        dynasm!(self.ops
            ; .arch x64
            ; mov ecx, 1
            ; jmp =>done
            ; =>fail
            ; xor eax, eax
            ; xor ecx, ecx
            ; =>done
        );
        if ins.op == Op::IfaceIs {
            dynasm!(self.ops ; .arch x64 ; mov rax, rcx);
        } else {
            let ok = self.def_int(a + 1);
            dynasm!(self.ops ; .arch x64 ; mov Rq(ok), rcx);
        }
        self.set_from_rax(a);
    }

    /// `Assert`: as `Assert2`; a failure (or nil) is the helper's panic. An interface
    /// target's site remembers the types that passed.
    pub(super) fn type_assert(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let x = self.int(b);
        let slow = self.slow_stub(pc);
        dynasm!(self.ops
            ; .arch x64
            ; mov rax, Rq(x)
            ; test rax, rax
            ; jz =>slow
            ; mov rcx, QWORD [rax + heap_layout::IFACE_TYPE as i32]
        );
        if is_interface(self.program, c) {
            let site = self.sites.take();
            let miss = self.miss_stub(pc, site, None);
            self.probe(site, miss);
        } else {
            dynasm!(self.ops
                ; .arch x64
                ; cmp rcx, c as i32
                ; jne =>slow
                ; mov rax, QWORD [rax + heap_layout::IFACE_DATA as i32]
            );
        }
        self.set_from_rax(a);
    }

    /// `ToIface` to an interface type: the same object.
    pub(super) fn iface_to_iface(&mut self, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        let x = self.int(b);
        let d = self.def_int(a);
        if d != x {
            dynasm!(self.ops ; .arch x64 ; mov Rq(d), Rq(x));
        }
    }
}
