//! Heap objects in template code: field, element and slice access with their nil and
//! bounds checks and their write barriers, inline allocation in the nursery, the
//! interface-call dispatch (`CallIface`'s method row) and the type tests with their
//! inline caches (`SiteCaches`: probed inline, learned by the slow path). Everything
//! here is a method of [`Emitter`] on the parent module's register conventions and its
//! out-of-line stubs; the other templates are there, calls in `calls`.
//!
//! Never keep an object's address in a register across a helper call (a collection
//! moves objects: slow paths rejoin at the instruction's end, which reloads only its
//! result from the frame); never store a reference into an object that may be old
//! without the write barrier (only an object just allocated here, young, needs none);
//! never put a reference into a cache site (the collector does not see the sites).

use super::*;
use vm::jit::site_caches::SITE_WAYS;
use vm::runtime::method_table::NO_METHOD;

impl Emitter<'_> {
    /// The write barrier after storing reference `v` into object `obj`: the nursery
    /// range test inline (old object, young value), `jit_remember` out of line.
    fn barrier(&mut self, obj: Reg, v: Reg) {
        let (start, size) = self.env.nursery;
        let cont = self.cont();
        let remember = self.a.new_label();
        let a = &mut self.a;
        a.mov_ri(R8, start as i64);
        a.mov_ri(R9, size as i64);
        a.mov_rr(RSI, v);
        a.alu_rr(Alu::Sub, RSI, R8);
        a.alu_rr(Alu::Cmp, RSI, R9);
        a.jcc(Cond::Ae, cont);
        a.mov_rr(RSI, obj);
        a.alu_rr(Alu::Sub, RSI, R8);
        a.alu_rr(Alu::Cmp, RSI, R9);
        a.jcc(Cond::Ae, remember);
        self.stub(Stub::Remember { at: remember, obj, cont });
    }

    /// Look the dynamic type in `rcx` up in the cache site at `cache`: on a hit `rdx`
    /// points at the entry (the learned word is at `rdx + 8`), else jump to `miss`.
    fn probe(&mut self, cache: usize, miss: Label) {
        let hit = self.a.new_label();
        self.a.mov_ri(RDX, cache as i64);
        for way in 0..SITE_WAYS {
            if way > 0 {
                self.a.alu_ri(Alu::Add, RDX, 16);
            }
            self.a.alu_rm(Alu::Cmp, RCX, mem(RDX, 0));
            if way + 1 < SITE_WAYS {
                self.a.jcc(Cond::E, hit);
            } else {
                self.a.jcc(Cond::Ne, miss);
            }
        }
        self.a.bind(hit);
    }

    /// After a miss: enter (`ty`, `value`) in the cache site at `cache`, replacing its
    /// entries round robin. Clobbers `rsi`, `rdx`, `r8`.
    pub(super) fn learn(&mut self, cache: usize, ty: Reg, value: Reg) {
        let a = &mut self.a;
        let count = (SITE_WAYS * 16) as i32;
        a.mov_ri(RSI, cache as i64);
        a.load(RDX, mem(RSI, count));
        a.lea(R8, mem(RDX, 1));
        a.store(mem(RSI, count), R8);
        a.alu_ri(Alu::And, RDX, SITE_WAYS as i32 - 1);
        a.shift_ri(Shift::Shl, RDX, 4);
        a.alu_rr(Alu::Add, RDX, RSI);
        a.store(mem(RDX, 0), ty);
        a.store(mem(RDX, 8), value);
    }

    /// `GetField` (word `c` of the struct in slot `b`) and `BoxGet` (the box's one word); a
    /// nil object goes to the helper, which raises the panic.
    pub(super) fn field_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let word = if ins.op == Op::GetField { c as i32 } else { 0 };
        self.ld(RAX, b);
        self.a.test_rr(RAX, RAX);
        let slow = self.slow_stub(pc);
        self.a.jcc(Cond::E, slow);
        self.a.load(RAX, mem(RAX, 8 + word * 8));
        self.st(a);
    }

    /// `SetField` and `BoxSet`, and their `…R` forms (a reference: the write barrier
    /// follows); a nil object goes to the helper, which raises the panic.
    pub(super) fn field_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        let field = matches!(ins.op, Op::SetField | Op::SetFieldR);
        let (word, src) = if field { (b as i32, c) } else { (0, b) };
        self.ld(RCX, src);
        self.ld(RAX, a);
        self.a.test_rr(RAX, RAX);
        let slow = self.slow_stub(pc);
        self.a.jcc(Cond::E, slow);
        self.a.store(mem(RAX, 8 + word * 8), RCX);
        if matches!(ins.op, Op::SetFieldR | Op::BoxSetR) {
            self.barrier(RAX, RCX);
        }
    }

    /// `ArrayGet`: nil and an index out of range go to the helper, which raises the panic.
    pub(super) fn array_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RCX, c);
        self.ld(RAX, b);
        let slow = self.slow_stub(pc);
        let element = self.element(false, RDX, slow);
        self.a.load(RAX, element);
        self.st(a);
    }

    /// `ArraySet` and `ArraySetR` (a reference: the write barrier follows), checked as
    /// `ArrayGet`.
    pub(super) fn array_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RDX, c);
        self.ld(RCX, b);
        self.ld(RAX, a);
        let slow = self.slow_stub(pc);
        let element = self.element(false, RSI, slow);
        self.a.store(element, RDX);
        if ins.op == Op::ArraySetR {
            self.barrier(RAX, RDX);
        }
    }

    /// `SliceGet`: the element at the slice's offset plus the index in its backing array;
    /// nil and an index out of range go to the helper, which raises the panic.
    pub(super) fn slice_get(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RCX, c);
        self.ld(RAX, b);
        let slow = self.slow_stub(pc);
        let element = self.element(true, RDX, slow);
        self.a.load(RAX, element);
        self.st(a);
    }

    /// `SliceSet` and `SliceSetR` (a reference: the write barrier follows), checked as
    /// `SliceGet`.
    pub(super) fn slice_set(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RDX, c);
        self.ld(RCX, b);
        self.ld(RAX, a);
        let slow = self.slow_stub(pc);
        let element = self.element(true, RSI, slow);
        self.a.store(element, RDX);
        if ins.op == Op::SliceSetR {
            self.barrier(RAX, RDX);
        }
    }

    /// The address of element `[rcx]` of the array in `rax` (`slice`: of the slice in
    /// `rax`, whose backing array `rax` becomes), after the checks: nil and an index out
    /// of range go to `slow`. Clobbers `scratch`.
    fn element(&mut self, slice: bool, scratch: Reg, slow: Label) -> Mem {
        // A nil array or slice (a nil slice has length 0): every index fails.
        self.a.test_rr(RAX, RAX);
        self.a.jcc(Cond::E, slow);
        // Unsigned comparisons: negative indices fail too.
        if slice {
            self.a.alu_rm(Alu::Cmp, RCX, mem(RAX, heap_layout::SLICE_LEN as i32));
            self.a.jcc(Cond::Ae, slow);
            self.a.load(scratch, mem(RAX, heap_layout::SLICE_OFFSET as i32));
            self.a.alu_rr(Alu::Add, scratch, RCX);
            self.a.load(RAX, mem(RAX, heap_layout::SLICE_ARRAY as i32));
            mem_index(RAX, scratch, 8, heap_layout::ARRAY_ELEMS as i32)
        } else {
            self.a.load(scratch, mem(RAX, 0));
            self.a.shift_ri(Shift::Shr, scratch, 32);
            self.a.alu_rr(Alu::Cmp, RCX, scratch);
            self.a.jcc(Cond::Ae, slow);
            mem_index(RAX, RCX, 8, heap_layout::ARRAY_ELEMS as i32)
        }
    }

    /// `New`, `BoxNew` or `ToIface` of an object [`inline_alloc`] accepts: bump the nursery
    /// (zero above the cursor); a full nursery, a collection due or gc-stress take the
    /// helper.
    pub(super) fn alloc_inline(&mut self, pc: usize, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        let al = inline_alloc(self.program, ins, self.env.large_words).expect("checked");
        if al.operand_at.is_some() {
            self.ld(R8, b);
        }
        let slow = self.slow_stub(pc);
        let a_ = &mut self.a;
        a_.load(RCX, ctx(JitContext::OFFSET_ALLOC_CURSOR));
        a_.load(RAX, mem(RCX, 0));
        a_.lea(RDX, mem(RAX, al.words as i32 * 8));
        a_.load(RSI, ctx(JitContext::OFFSET_ALLOC_LIMIT));
        a_.alu_rm(Alu::Cmp, RDX, mem(RSI, 0));
        a_.jcc(Cond::A, slow);
        a_.store(mem(RCX, 0), RDX);
        a_.mov_ri(RDX, al.header as i64);
        a_.store(mem(RAX, 0), RDX);
        if let Some((at, k)) = al.constant {
            a_.mov_ri(RDX, k as i64);
            a_.store(mem(RAX, at), RDX);
        }
        if let Some(at) = al.operand_at {
            // A young object: no write barrier.
            a_.store(mem(RAX, at), R8);
        }
        self.st(a);
    }

    /// `CallIface` up to its call: the method from the dispatch row of its name, indexed
    /// by the receiver's dynamic type (`vm::runtime::method_table`), into `CALLEE`; the
    /// receiver's payload goes to the window. A nil receiver (or, impossibly, a type
    /// without the method) goes to `jit_iface_target`, which raises.
    pub(super) fn iface_method(&mut self, pc: usize, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        let miss = self.a.new_label();
        let found = self.a.new_label();
        self.a.load(RAX, slot(b));
        self.a.test_rr(RAX, RAX);
        self.a.jcc(Cond::E, miss);
        self.a.load(RCX, mem(RAX, heap_layout::IFACE_TYPE as i32));
        self.a.mov_ri(RDX, self.env.method_row(a) as i64);
        self.a.load32(CALLEE, mem_index(RDX, RCX, 4, 0));
        // (Sign-extended: `NO_METHOD` becomes -1, function ids stay positive.)
        self.a.movsxd(CALLEE, CALLEE);
        self.a.alu_ri(Alu::Cmp, CALLEE, NO_METHOD as i32);
        self.a.jcc(Cond::E, miss);
        self.a.load(RCX, mem(RAX, heap_layout::IFACE_DATA as i32));
        self.a.store(slot(self.f.slot_count), RCX);
        self.a.bind(found);
        self.stub(Stub::IfaceMiss { at: miss, pc: pc as u32, cont: found });
    }

    /// `IfaceIs` and `Assert2`: the payload (`Assert2`) and the bool. The dynamic type is
    /// compared with a concrete target inline, or with the types an interface target's
    /// cache saw (their results cached with them).
    pub(super) fn type_test(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RAX, b);
        let fail = self.a.new_label();
        let done = self.a.new_label();
        self.a.test_rr(RAX, RAX);
        self.a.jcc(Cond::E, fail);
        self.a.load(RCX, mem(RAX, heap_layout::IFACE_TYPE as i32));
        if is_interface(self.program, c) {
            let cache = self.caches.take();
            let miss = self.a.new_label();
            let cont = self.cont();
            let learn = if ins.op == Op::IfaceIs { a } else { a + 1 };
            self.stub(Stub::TypeMiss {
                at: miss,
                pc: pc as u32,
                cache,
                learn: Some(learn),
                cont,
                restore: Held::Nothing,
            });
            self.probe(cache, miss);
            self.a.alu_mi(Alu::Cmp, mem(RDX, 8), 0);
            self.a.jcc(Cond::E, fail);
        } else {
            self.a.alu_ri(Alu::Cmp, RCX, c as i32);
            self.a.jcc(Cond::Ne, fail);
            if ins.op == Op::Assert2 {
                self.a.load(RAX, mem(RAX, heap_layout::IFACE_DATA as i32));
            }
        }
        self.a.mov_ri(RCX, 1);
        self.a.jmp(done);
        self.a.bind(fail);
        self.a.mov_ri(RAX, 0);
        self.a.mov_ri(RCX, 0);
        self.a.bind(done);
        if ins.op == Op::IfaceIs {
            self.a.mov_rr(RAX, RCX);
        } else {
            self.a.store(slot(a + 1), RCX);
        }
        self.st(a);
    }

    /// `Assert`: as `Assert2`; a failure (or nil) is the helper's panic. An interface
    /// target's cache remembers the types that passed.
    pub(super) fn type_assert(&mut self, pc: usize, ins: Instr) {
        let (a, b, c) = (ins.a, ins.b, ins.c);
        self.ld(RAX, b);
        let slow = self.slow_stub(pc);
        self.a.test_rr(RAX, RAX);
        self.a.jcc(Cond::E, slow);
        self.a.load(RCX, mem(RAX, heap_layout::IFACE_TYPE as i32));
        if is_interface(self.program, c) {
            let cache = self.caches.take();
            let miss = self.a.new_label();
            let cont = self.cont();
            self.stub(Stub::TypeMiss { at: miss, pc: pc as u32, cache, learn: None, cont, restore: Held::Nothing });
            self.probe(cache, miss);
        } else {
            self.a.alu_ri(Alu::Cmp, RCX, c as i32);
            self.a.jcc(Cond::Ne, slow);
            self.a.load(RAX, mem(RAX, heap_layout::IFACE_DATA as i32));
        }
        self.st(a);
    }

    /// `ToIface` to an interface type: the same object.
    pub(super) fn iface_to_iface(&mut self, ins: Instr) {
        let (a, b) = (ins.a, ins.b);
        self.ld(RAX, b);
        self.st(a);
    }
}
