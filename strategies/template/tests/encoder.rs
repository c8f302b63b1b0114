//! Checks every public emitting method of `strategy_template::x86::Asm` against an
//! independent decoder, iced-x86.
//!
//! Each case emits one instruction into a fresh `Asm`, finishes it, and decodes the bytes
//! in 64-bit mode. The bytes must decode to exactly one valid instruction that consumes
//! all of them, and its Intel-syntax text must equal a string written by hand from the
//! instruction the method is meant to emit. Where the text cannot show an encoding
//! choice, the case also checks what iced reports about the encoding: the displacement
//! size (no displacement / disp8 / disp32, i.e. the shortest legal ModRM form), the
//! immediate width (imm8 vs imm32), the exact `mov` form chosen by `mov_ri`, and that no
//! needless empty REX prefix (0x40) is emitted outside the spl/bpl/sil/dil cases. Jump
//! cases decode a whole sequence and check that each branch lands on the instruction
//! emitted right after the label was bound.
//!
//! Together this proves, for every register (rax..r15, xmm0..xmm15, the REX-only byte
//! registers spl/bpl/sil/dil and r8b..r15b), every memory-operand shape the encoder has
//! special rules for (RSP/R12 bases need a SIB byte, RBP/R13 bases have no
//! displacement-free form, extended base and index registers, all scales, disp8/disp32
//! boundaries), every condition code and every ALU/shift/SSE operation, that the bytes
//! mean what the method's name and doc say.
//!
//! Text format: iced's `IntelFormatter` with decimal numbers, immediates shown signed
//! (so `add rax,-128`, and a 32-bit immediate of 0xFFFF_FFFF prints as `-1`), and the
//! memory size always shown (`qword ptr [rbx+8]`), so 32- and 64-bit accesses differ;
//! pseudo-ops are off, so `imul rax,rax,5` keeps its three operands.

use iced_x86::{
    Code, Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, MemorySizeOptions, NumberBase, OpKind,
};
use strategy_template::x86::{mem, mem_index, Alu, Asm, Cond, Mem, Reg, Shift, Sse, Xmm};
use strategy_template::x86::{R10, R11, R12, R13, R14, R15, R8, R9, RAX, RBP, RBX, RCX, RDI, RDX, RSI, RSP};

// ---------------------------------------------------------------- names and operand tables

/// 64-, 32- and 8-bit register names by hardware number, as iced prints them.
const R64: [&str; 16] =
    ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
const R32: [&str; 16] = [
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d",
    "r15d",
];
/// With any REX prefix, byte registers 4..7 are spl/bpl/sil/dil (not ah/ch/dh/bh).
const R8B: [&str; 16] =
    ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"];

fn regs() -> impl Iterator<Item = Reg> {
    (0..16).map(Reg)
}

fn xmms() -> impl Iterator<Item = Xmm> {
    (0..16).map(Xmm)
}

fn r64(r: Reg) -> &'static str {
    R64[r.0 as usize]
}

fn r32(r: Reg) -> &'static str {
    R32[r.0 as usize]
}

fn r8b(r: Reg) -> &'static str {
    R8B[r.0 as usize]
}

fn xmm(x: Xmm) -> String {
    format!("xmm{}", x.0)
}

/// Every condition code with its mnemonic suffix and the suffix of its negation.
const CONDS: [(Cond, &str, &str); 16] = [
    (Cond::O, "o", "no"),
    (Cond::No, "no", "o"),
    (Cond::B, "b", "ae"),
    (Cond::Ae, "ae", "b"),
    (Cond::E, "e", "ne"),
    (Cond::Ne, "ne", "e"),
    (Cond::Be, "be", "a"),
    (Cond::A, "a", "be"),
    (Cond::S, "s", "ns"),
    (Cond::Ns, "ns", "s"),
    (Cond::P, "p", "np"),
    (Cond::Np, "np", "p"),
    (Cond::L, "l", "ge"),
    (Cond::Ge, "ge", "l"),
    (Cond::Le, "le", "g"),
    (Cond::G, "g", "le"),
];

const ALUS: [(Alu, &str); 6] =
    [(Alu::Add, "add"), (Alu::Or, "or"), (Alu::And, "and"), (Alu::Sub, "sub"), (Alu::Xor, "xor"), (Alu::Cmp, "cmp")];

const SHIFTS: [(Shift, &str); 3] = [(Shift::Shl, "shl"), (Shift::Shr, "shr"), (Shift::Sar, "sar")];

const SSES: [(Sse, &str); 5] =
    [(Sse::Sqrt, "sqrtsd"), (Sse::Add, "addsd"), (Sse::Mul, "mulsd"), (Sse::Sub, "subsd"), (Sse::Div, "divsd")];

/// Displacement sizes as iced reports them (`memory_displ_size`): in 64-bit addressing
/// a disp32 is sign-extended to 64 bits and reported as 8.
const NO_DISP: u32 = 0;
const DISP8: u32 = 1;
const DISP32: u32 = 8;

/// A memory operand, how iced prints it, and the displacement size the shortest
/// encoding has.
struct MemCase {
    m: Mem,
    text: &'static str,
    displ: u32,
}

fn mc(m: Mem, text: &'static str, displ: u32) -> MemCase {
    MemCase { m, text, displ }
}

fn mems() -> Vec<MemCase> {
    vec![
        // Plain bases, disp 0 / disp8 boundaries / disp32.
        mc(mem(RAX, 0), "[rax]", NO_DISP),
        mc(mem(RBX, 8), "[rbx+8]", DISP8),
        mc(mem(RCX, -32), "[rcx-32]", DISP8),
        mc(mem(RDX, 127), "[rdx+127]", DISP8),
        mc(mem(RSI, -128), "[rsi-128]", DISP8),
        mc(mem(RDI, 128), "[rdi+128]", DISP32),
        mc(mem(RBX, -129), "[rbx-129]", DISP32),
        mc(mem(RAX, 4096), "[rax+4096]", DISP32),
        mc(mem(RCX, i32::MAX), "[rcx+2147483647]", DISP32),
        mc(mem(RDX, i32::MIN), "[rdx-2147483648]", DISP32),
        // RSP base: needs a SIB byte.
        mc(mem(RSP, 0), "[rsp]", NO_DISP),
        mc(mem(RSP, 8), "[rsp+8]", DISP8),
        mc(mem(RSP, -8), "[rsp-8]", DISP8),
        mc(mem(RSP, 4096), "[rsp+4096]", DISP32),
        // RBP base: no displacement-free form, so disp 0 is a zero disp8.
        mc(mem(RBP, 0), "[rbp]", DISP8),
        mc(mem(RBP, -8), "[rbp-8]", DISP8),
        mc(mem(RBP, 1000), "[rbp+1000]", DISP32),
        // R12 base: like RSP, needs a SIB byte.
        mc(mem(R12, 0), "[r12]", NO_DISP),
        mc(mem(R12, 16), "[r12+16]", DISP8),
        mc(mem(R12, -200), "[r12-200]", DISP32),
        // R13 base: like RBP, no displacement-free form.
        mc(mem(R13, 0), "[r13]", DISP8),
        mc(mem(R13, 24), "[r13+24]", DISP8),
        mc(mem(R13, 4096), "[r13+4096]", DISP32),
        // The other extended bases.
        mc(mem(R8, 0), "[r8]", NO_DISP),
        mc(mem(R9, -1), "[r9-1]", DISP8),
        mc(mem(R10, 64), "[r10+64]", DISP8),
        mc(mem(R11, 0x12345), "[r11+74565]", DISP32),
        mc(mem(R14, 0), "[r14]", NO_DISP),
        mc(mem(R15, -32), "[r15-32]", DISP8),
        // Base + index*scale: every scale, extended index registers, the special bases.
        mc(mem_index(RAX, RCX, 1, 0), "[rax+rcx]", NO_DISP),
        mc(mem_index(RBX, RDX, 2, 8), "[rbx+rdx*2+8]", DISP8),
        mc(mem_index(RSI, RDI, 4, -32), "[rsi+rdi*4-32]", DISP8),
        mc(mem_index(RDI, RSI, 8, 4096), "[rdi+rsi*8+4096]", DISP32),
        mc(mem_index(RSP, RAX, 8, 0), "[rsp+rax*8]", NO_DISP),
        mc(mem_index(RSP, RBP, 1, 127), "[rsp+rbp+127]", DISP8),
        mc(mem_index(RBP, RCX, 8, 0), "[rbp+rcx*8]", DISP8),
        mc(mem_index(RBP, R14, 1, -128), "[rbp+r14-128]", DISP8),
        mc(mem_index(R12, R8, 4, 0), "[r12+r8*4]", NO_DISP),
        mc(mem_index(R12, RBX, 2, 128), "[r12+rbx*2+128]", DISP32),
        mc(mem_index(R13, R9, 1, 0), "[r13+r9]", DISP8),
        mc(mem_index(R13, R12, 8, -129), "[r13+r12*8-129]", DISP32),
        mc(mem_index(RAX, R12, 2, 0), "[rax+r12*2]", NO_DISP),
        mc(mem_index(RBX, R13, 4, 127), "[rbx+r13*4+127]", DISP8),
        mc(mem_index(R15, R15, 8, -128), "[r15+r15*8-128]", DISP8),
        mc(mem_index(R8, R10, 1, i32::MAX), "[r8+r10+2147483647]", DISP32),
        mc(mem_index(R14, R11, 2, 16), "[r14+r11*2+16]", DISP8),
        mc(mem_index(R9, RBP, 4, 0), "[r9+rbp*4]", NO_DISP),
    ]
}

/// Immediates around the imm8/imm32 boundary, and whether they fit the imm8 form.
const IMMS: [(i32, bool); 11] = [
    (0, true),
    (1, true),
    (-1, true),
    (127, true),
    (-128, true),
    (128, false),
    (-129, false),
    (255, false),
    (4096, false),
    (i32::MAX, false),
    (i32::MIN, false),
];

/// The operand kind iced reports for a sign-extended imm8 or imm32 of a 64-bit operation.
fn imm_kind(imm8: bool) -> OpKind {
    if imm8 {
        OpKind::Immediate8to64
    } else {
        OpKind::Immediate32to64
    }
}

// ---------------------------------------------------------------- decoding

fn formatter() -> IntelFormatter {
    let mut f = IntelFormatter::new();
    let o = f.options_mut();
    o.set_number_base(NumberBase::Decimal);
    o.set_signed_immediate_operands(true);
    o.set_memory_size_options(MemorySizeOptions::Always);
    // Print `imul r,r,imm` with all three operands even when both registers are equal.
    o.set_use_pseudo_ops(false);
    f
}

fn text(f: &mut IntelFormatter, ins: &Instruction) -> String {
    let mut s = String::new();
    f.format(ins, &mut s);
    s
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

/// Whether the instruction has a REX prefix with no bits set (0x40, after any legacy
/// prefixes). Its only use is to reach spl/bpl/sil/dil; anywhere else it is a wasted byte
/// the decoded text cannot show.
fn bare_rex(bytes: &[u8]) -> bool {
    bytes.iter().find(|&&b| !matches!(b, 0x66 | 0xf2 | 0xf3)) == Some(&0x40)
}

/// Decode all of `bytes` (at IP 0): every instruction must be valid and the last one
/// must end exactly at the end of the buffer.
fn decode_all(bytes: &[u8]) -> Result<Vec<Instruction>, String> {
    let mut d = Decoder::with_ip(64, bytes, 0, DecoderOptions::NONE);
    let mut out = Vec::new();
    while d.can_decode() {
        let ins = d.decode();
        if ins.code() == Code::INVALID {
            return Err(format!("invalid instruction at offset {} ({:?})", ins.ip(), d.last_error()));
        }
        out.push(ins);
    }
    let end = out.last().map_or(0, |i| i.next_ip());
    if end != bytes.len() as u64 {
        return Err(format!("decoding ends at {end}, not at {}", bytes.len()));
    }
    Ok(out)
}

/// Decode `bytes` as exactly one instruction consuming all of them.
fn decode_one(bytes: &[u8]) -> Result<Instruction, String> {
    match decode_all(bytes)?.as_slice() {
        [ins] if ins.len() == bytes.len() => Ok(*ins),
        list => Err(format!("{} instructions, not one", list.len())),
    }
}

// ---------------------------------------------------------------- the case runner

/// One instruction family's cases. Problems are collected so a run reports every
/// mismatch, then [`Suite::done`] fails the test if there were any.
struct Suite {
    family: &'static str,
    f: IntelFormatter,
    cases: usize,
    failures: Vec<String>,
}

impl Suite {
    fn new(family: &'static str) -> Suite {
        Suite { family, f: formatter(), cases: 0, failures: Vec::new() }
    }

    /// Emit one instruction with `emit`, and check it decodes to `expected`. Returns the
    /// decoded instruction (if it decoded as one) for further checks.
    fn case(&mut self, expected: &str, emit: impl FnOnce(&mut Asm)) -> Option<Instruction> {
        self.cases += 1;
        let mut a = Asm::new();
        emit(&mut a);
        let bytes = match a.finish() {
            Ok(b) => b,
            Err(e) => {
                self.failures.push(format!("`{expected}`: finish() failed: {e}"));
                return None;
            }
        };
        match decode_one(&bytes) {
            Ok(ins) => {
                let got = text(&mut self.f, &ins);
                if got != expected {
                    self.failures.push(format!("`{expected}`: emitted [{}], iced decodes `{got}`", hex(&bytes)));
                } else if bare_rex(&bytes) && !["spl", "bpl", "sil", "dil"].iter().any(|r| got.contains(r)) {
                    self.failures.push(format!("`{expected}`: emitted [{}], a needless REX prefix", hex(&bytes)));
                }
                Some(ins)
            }
            Err(e) => {
                self.failures.push(format!("`{expected}`: emitted [{}]: {e}", hex(&bytes)));
                None
            }
        }
    }

    /// A case with a memory operand: also check the displacement size, so the
    /// shortest ModRM form is used.
    fn mem_case(&mut self, expected: &str, mc: &MemCase, emit: impl FnOnce(&mut Asm)) -> Option<Instruction> {
        let ins = self.case(expected, emit)?;
        self.expect(ins.memory_displ_size() == mc.displ, || {
            format!("`{expected}`: displacement size {} (iced), expected {}", ins.memory_displ_size(), mc.displ)
        });
        Some(ins)
    }

    fn expect(&mut self, ok: bool, msg: impl FnOnce() -> String) {
        if !ok {
            self.failures.push(msg());
        }
    }

    /// Check the kind of operand `op` of a decoded case (imm8 vs imm32 forms).
    fn expect_op_kind(&mut self, ins: Option<Instruction>, op: u32, kind: OpKind) {
        if let Some(ins) = ins {
            let got = ins.op_kind(op);
            self.expect(got == kind, || format!("`{:?}`: operand {op} is {got:?}, expected {kind:?}", ins.code()));
        }
    }

    fn done(self) {
        eprintln!("{}: {} cases, {} problems", self.family, self.cases, self.failures.len());
        assert!(
            self.failures.is_empty(),
            "{}: {} problems in {} cases:\n  {}",
            self.family,
            self.failures.len(),
            self.cases,
            self.failures.join("\n  ")
        );
    }
}

// ---------------------------------------------------------------- register moves

#[test]
fn moves_between_registers() {
    let mut s = Suite::new("mov_rr/mov32_rr/movsxd/movzx8");
    for d in regs() {
        for r in regs() {
            s.case(&format!("mov {},{}", r64(d), r64(r)), |a| a.mov_rr(d, r));
            s.case(&format!("mov {},{}", r32(d), r32(r)), |a| a.mov32_rr(d, r));
            s.case(&format!("movsxd {},{}", r64(d), r32(r)), |a| a.movsxd(d, r));
            s.case(&format!("movzx {},{}", r32(d), r8b(r)), |a| a.movzx8(d, r));
        }
    }
    s.done();
}

#[test]
fn mov_immediate() {
    let mut s = Suite::new("mov_ri");
    // (value, the form it must use, how iced prints the immediate).
    let forms: [(i64, Code, &str); 14] = [
        (0, Code::Mov_r32_imm32, "0"),
        (1, Code::Mov_r32_imm32, "1"),
        (0x7fff_ffff, Code::Mov_r32_imm32, "2147483647"),
        // 32-bit immediates print signed; writing the 32-bit register zero-extends.
        (0x8000_0000, Code::Mov_r32_imm32, "-2147483648"),
        (u32::MAX as i64, Code::Mov_r32_imm32, "-1"),
        (-1, Code::Mov_rm64_imm32, "-1"),
        (-129, Code::Mov_rm64_imm32, "-129"),
        (i32::MIN as i64, Code::Mov_rm64_imm32, "-2147483648"),
        (-2_147_483_649, Code::Mov_r64_imm64, "-2147483649"),
        (0x1_0000_0000, Code::Mov_r64_imm64, "4294967296"),
        (0x1234_5678_9abc_def0, Code::Mov_r64_imm64, "1311768467463790320"),
        (i64::MIN, Code::Mov_r64_imm64, "-9223372036854775808"),
        (i64::MAX, Code::Mov_r64_imm64, "9223372036854775807"),
        (-0x1234_5678_9abc_def0, Code::Mov_r64_imm64, "-1311768467463790320"),
    ];
    for d in regs() {
        for &(imm, code, imm_text) in &forms {
            let dst = if code == Code::Mov_r32_imm32 { r32(d) } else { r64(d) };
            let Some(ins) = s.case(&format!("mov {dst},{imm_text}"), |a| a.mov_ri(d, imm)) else { continue };
            s.expect(ins.code() == code, || {
                format!("mov_ri({}, {imm}): form {:?}, expected {code:?}", r64(d), ins.code())
            });
            // The value the register ends up holding (imm32 forms: zero- or sign-extended).
            let value = ins.immediate(1) as i64;
            s.expect(value == imm, || format!("mov_ri({}, {imm}): loads {value}", r64(d)));
        }
    }
    s.done();
}

// ---------------------------------------------------------------- loads and stores

#[test]
fn loads_stores_lea() {
    let mut s = Suite::new("load/store/load32/load8/store32/lea");
    for mc in &mems() {
        let (m, t) = (mc.m, mc.text);
        for r in regs() {
            s.mem_case(&format!("mov {},qword ptr {t}", r64(r)), mc, |a| a.load(r, m));
            s.mem_case(&format!("mov qword ptr {t},{}", r64(r)), mc, |a| a.store(m, r));
            s.mem_case(&format!("mov {},dword ptr {t}", r32(r)), mc, |a| a.load32(r, m));
            s.mem_case(&format!("movzx {},byte ptr {t}", r32(r)), mc, |a| a.load8(r, m));
            s.mem_case(&format!("mov dword ptr {t},{}", r32(r)), mc, |a| a.store32(m, r));
            s.mem_case(&format!("lea {},{t}", r64(r)), mc, |a| a.lea(r, m));
        }
    }
    s.done();
}

#[test]
fn store_immediates() {
    let mut s = Suite::new("store_imm/store32_imm");
    for mc in &mems() {
        let (m, t) = (mc.m, mc.text);
        for &(imm, _) in &IMMS {
            let ins = s.mem_case(&format!("mov qword ptr {t},{imm}"), mc, |a| a.store_imm(m, imm));
            s.expect_op_kind(ins, 1, OpKind::Immediate32to64);
            let ins = s.mem_case(&format!("mov dword ptr {t},{imm}"), mc, |a| a.store32_imm(m, imm));
            s.expect_op_kind(ins, 1, OpKind::Immediate32);
        }
    }
    s.done();
}

// ---------------------------------------------------------------- conditions

#[test]
fn cmov_and_setcc() {
    let mut s = Suite::new("cmov/setcc");
    for (cc, name, _) in CONDS {
        for d in regs() {
            s.case(&format!("set{name} {}", r8b(d)), |a| a.setcc(cc, d));
            for r in regs() {
                s.case(&format!("cmov{name} {},{}", r64(d), r64(r)), |a| a.cmov(cc, d, r));
            }
        }
    }
    s.done();
}

// ---------------------------------------------------------------- arithmetic

#[test]
fn alu() {
    let mut s = Suite::new("alu_rr/alu_rm/alu_ri/alu_mi");
    let mems = mems();
    for (op, name) in ALUS {
        for d in regs() {
            for r in regs() {
                s.case(&format!("{name} {},{}", r64(d), r64(r)), |a| a.alu_rr(op, d, r));
            }
            for mc in &mems {
                let m = mc.m;
                s.mem_case(&format!("{name} {},qword ptr {}", r64(d), mc.text), mc, |a| a.alu_rm(op, d, m));
            }
            for &(imm, imm8) in &IMMS {
                let ins = s.case(&format!("{name} {},{imm}", r64(d)), |a| a.alu_ri(op, d, imm));
                s.expect_op_kind(ins, 1, imm_kind(imm8));
            }
        }
        for mc in &mems {
            let m = mc.m;
            for &(imm, imm8) in &IMMS {
                let ins = s.mem_case(&format!("{name} qword ptr {},{imm}", mc.text), mc, |a| a.alu_mi(op, m, imm));
                s.expect_op_kind(ins, 1, imm_kind(imm8));
            }
        }
    }
    s.done();
}

#[test]
fn test_instructions() {
    let mut s = Suite::new("test_rr/test32_rr/test32_ri");
    let imms: [u32; 8] = [0, 1, 0x7f, 0x80, 0xff, 0x7fff_ffff, 0x8000_0000, u32::MAX];
    for d in regs() {
        for r in regs() {
            s.case(&format!("test {},{}", r64(d), r64(r)), |a| a.test_rr(d, r));
            s.case(&format!("test {},{}", r32(d), r32(r)), |a| a.test32_rr(d, r));
        }
        for imm in imms {
            // A 32-bit immediate prints signed.
            let Some(ins) = s.case(&format!("test {},{}", r32(d), imm as i32), |a| a.test32_ri(d, imm)) else {
                continue;
            };
            s.expect(ins.op1_kind() == OpKind::Immediate32 && ins.immediate(1) == imm as u64, || {
                format!("test32_ri({}, {imm}): immediate {:?} {}", r64(d), ins.op1_kind(), ins.immediate(1))
            });
        }
    }
    s.done();
}

#[test]
fn imul() {
    let mut s = Suite::new("imul_rr/imul_rm/imul_rri");
    let mems = mems();
    for d in regs() {
        for r in regs() {
            s.case(&format!("imul {},{}", r64(d), r64(r)), |a| a.imul_rr(d, r));
            for &(imm, imm8) in &IMMS {
                let ins = s.case(&format!("imul {},{},{imm}", r64(d), r64(r)), |a| a.imul_rri(d, r, imm));
                s.expect_op_kind(ins, 2, imm_kind(imm8));
            }
        }
        for mc in &mems {
            let m = mc.m;
            s.mem_case(&format!("imul {},qword ptr {}", r64(d), mc.text), mc, |a| a.imul_rm(d, m));
        }
    }
    s.done();
}

#[test]
fn unary_and_division() {
    let mut s = Suite::new("cqo/idiv/neg/not");
    s.case("cqo", |a| a.cqo());
    for r in regs() {
        s.case(&format!("idiv {}", r64(r)), |a| a.idiv(r));
        s.case(&format!("neg {}", r64(r)), |a| a.neg(r));
        s.case(&format!("not {}", r64(r)), |a| a.not(r));
    }
    s.done();
}

#[test]
fn shifts() {
    let mut s = Suite::new("shift_cl/shift_ri");
    for (op, name) in SHIFTS {
        for r in regs() {
            s.case(&format!("{name} {},cl", r64(r)), |a| a.shift_cl(op, r));
            for imm in [0u8, 1, 7, 31, 32, 63] {
                s.case(&format!("{name} {},{imm}", r64(r)), |a| a.shift_ri(op, r, imm));
            }
        }
    }
    s.done();
}

#[test]
fn bit_ops() {
    let mut s = Suite::new("btc/btr");
    for r in regs() {
        for bit in [0u8, 1, 31, 32, 63] {
            s.case(&format!("btc {},{bit}", r64(r)), |a| a.btc(r, bit));
            s.case(&format!("btr {},{bit}", r64(r)), |a| a.btr(r, bit));
        }
    }
    s.done();
}

// ---------------------------------------------------------------- SSE2 doubles

#[test]
fn sse_moves() {
    let mut s = Suite::new("movq_xr/movq_rx/movsd_load/movsd_store/movapd");
    let mems = mems();
    for x in xmms() {
        for r in regs() {
            s.case(&format!("movq {},{}", xmm(x), r64(r)), |a| a.movq_xr(x, r));
            s.case(&format!("movq {},{}", r64(r), xmm(x)), |a| a.movq_rx(r, x));
        }
        for y in xmms() {
            s.case(&format!("movapd {},{}", xmm(x), xmm(y)), |a| a.movapd(x, y));
        }
        for mc in &mems {
            let m = mc.m;
            s.mem_case(&format!("movsd {},qword ptr {}", xmm(x), mc.text), mc, |a| a.movsd_load(x, m));
            s.mem_case(&format!("movsd qword ptr {},{}", mc.text, xmm(x)), mc, |a| a.movsd_store(m, x));
        }
    }
    s.done();
}

#[test]
fn sse_arithmetic_and_conversions() {
    let mut s = Suite::new("sse_rr/sse_rm/ucomisd/cvtsi2sd/cvttsd2si/roundsd");
    let mems = mems();
    for x in xmms() {
        for (op, name) in SSES {
            for y in xmms() {
                s.case(&format!("{name} {},{}", xmm(x), xmm(y)), |a| a.sse_rr(op, x, y));
            }
            for mc in &mems {
                let m = mc.m;
                s.mem_case(&format!("{name} {},qword ptr {}", xmm(x), mc.text), mc, |a| a.sse_rm(op, x, m));
            }
        }
        for y in xmms() {
            s.case(&format!("ucomisd {},{}", xmm(x), xmm(y)), |a| a.ucomisd(x, y));
            for mode in [0u8, 1, 2, 3, 4, 8, 9, 11] {
                s.case(&format!("roundsd {},{},{mode}", xmm(x), xmm(y)), |a| a.roundsd(x, y, mode));
            }
        }
        for r in regs() {
            s.case(&format!("cvtsi2sd {},{}", xmm(x), r64(r)), |a| a.cvtsi2sd(x, r));
            s.case(&format!("cvttsd2si {},{}", r64(r), xmm(x)), |a| a.cvttsd2si(r, x));
        }
    }
    s.done();
}

// ---------------------------------------------------------------- control

#[test]
fn push_pop_call_ret() {
    let mut s = Suite::new("push/pop/call_r/ret");
    s.case("ret", |a| a.ret());
    for r in regs() {
        s.case(&format!("push {}", r64(r)), |a| a.push(r));
        s.case(&format!("pop {}", r64(r)), |a| a.pop(r));
        s.case(&format!("call {}", r64(r)), |a| a.call_r(r));
    }
    s.done();
}

/// What a branch in a decoded sequence must look like.
struct Branch {
    /// Index (in decode order) of the jump instruction.
    at: usize,
    /// Its mnemonic ("jmp", "je", ...).
    mnemonic: String,
    /// Index of the instruction emitted right after its label was bound, or `None` when
    /// the label was bound at the very end of the code.
    target: Option<usize>,
}

/// Decode a finished sequence and check its branches: rel32 forms, the text, and each
/// target lands on the expected instruction (decoded at IP 0).
fn check_branches(s: &mut Suite, what: &str, a: Asm, branches: &[Branch]) {
    s.cases += 1;
    let bytes = match a.finish() {
        Ok(b) => b,
        Err(e) => return s.failures.push(format!("{what}: finish() failed: {e}")),
    };
    let list = match decode_all(&bytes) {
        Ok(l) => l,
        Err(e) => return s.failures.push(format!("{what}: [{}]: {e}", hex(&bytes))),
    };
    for b in branches {
        let Some(ins) = list.get(b.at) else {
            return s.failures.push(format!("{what}: only {} instructions decoded", list.len()));
        };
        let want = match b.target {
            Some(t) => list.get(t).map_or(u64::MAX, |i| i.ip()),
            None => bytes.len() as u64,
        };
        let expected = format!("{} {want}", b.mnemonic);
        let got = text(&mut s.f, ins);
        let rel32 = ins.len() == if b.mnemonic == "jmp" { 5 } else { 6 };
        s.expect(got == expected && ins.near_branch_target() == want && rel32, || {
            format!(
                "{what}: branch #{}: expected `{expected}` (rel32), iced decodes `{got}` ({} bytes, target {}) in [{}]",
                b.at,
                ins.len(),
                ins.near_branch_target(),
                hex(&bytes)
            )
        });
    }
}

fn br(at: usize, mnemonic: &str, target: Option<usize>) -> Branch {
    Branch { at, mnemonic: mnemonic.to_string(), target }
}

#[test]
fn jumps_and_labels() {
    let mut s = Suite::new("jmp/jcc/labels");

    // Forward jmp over a 10-byte instruction.
    let mut a = Asm::new();
    let l = a.new_label();
    a.jmp(l); // 0
    a.mov_ri(RAX, i64::MIN); // 1
    a.bind(l);
    a.ret(); // 2
    check_branches(&mut s, "forward jmp", a, &[br(0, "jmp", Some(2))]);

    // Backward jmp.
    let mut a = Asm::new();
    let l = a.new_label();
    a.mov_rr(RAX, RBX); // 0
    a.bind(l);
    a.alu_ri(Alu::Add, RAX, 1); // 1
    a.alu_ri(Alu::Sub, RCX, 1); // 2
    a.jmp(l); // 3
    check_branches(&mut s, "backward jmp", a, &[br(3, "jmp", Some(1))]);

    // A jump to itself, and a label bound at the very end of the code.
    let mut a = Asm::new();
    let (me, end) = (a.new_label(), a.new_label());
    a.push(R12); // 0
    a.bind(me);
    a.jmp(me); // 1
    a.jcc(Cond::E, end); // 2
    a.bind(end);
    check_branches(&mut s, "jmp to self / label at end", a, &[br(1, "jmp", Some(1)), br(2, "je", None)]);

    // Every condition, forward and backward, several jumps sharing one label.
    for (cc, name, not_name) in CONDS {
        let mut a = Asm::new();
        let (back, fwd) = (a.new_label(), a.new_label());
        a.bind(back);
        a.test_rr(RAX, RAX); // 0
        a.jcc(cc, fwd); // 1
        a.jcc(cc, back); // 2
        a.jcc(cc.inverse(), fwd); // 3
        a.mov_rr(R13, R14); // 4
        a.jcc(cc.inverse(), back); // 5
        a.bind(fwd);
        a.ret(); // 6
        let what = format!("jcc {name}");
        let (j, nj) = (format!("j{name}"), format!("j{not_name}"));
        let branches = [br(1, &j, Some(6)), br(2, &j, Some(0)), br(3, &nj, Some(6)), br(5, &nj, Some(0))];
        check_branches(&mut s, &what, a, &branches);
    }

    // Long distances (well beyond a rel8): 200 ten-byte instructions between.
    let mut a = Asm::new();
    let (top, bottom) = (a.new_label(), a.new_label());
    a.bind(top);
    a.jcc(Cond::L, bottom); // 0
    for _ in 0..200 {
        a.mov_ri(R9, 0x1234_5678_9abc_def0); // 1..=200
    }
    a.jmp(top); // 201
    a.bind(bottom);
    a.cqo(); // 202
    a.jmp(bottom); // 203
    let branches = [br(0, "jl", Some(202)), br(201, "jmp", Some(0)), br(203, "jmp", Some(202))];
    check_branches(&mut s, "long jumps", a, &branches);

    // Two interleaved labels.
    let mut a = Asm::new();
    let (x, y) = (a.new_label(), a.new_label());
    a.jmp(y); // 0
    a.bind(x);
    a.neg(R15); // 1
    a.jcc(Cond::G, y); // 2
    a.bind(y);
    a.jcc(Cond::Np, x); // 3
    let branches = [br(0, "jmp", Some(3)), br(2, "jg", Some(3)), br(3, "jnp", Some(1))];
    check_branches(&mut s, "interleaved labels", a, &branches);

    s.done();
}

#[test]
fn unbound_labels() {
    // A label jumped to but never bound: finish() fails.
    let mut a = Asm::new();
    let l = a.new_label();
    a.jmp(l);
    assert!(a.finish().is_err(), "jmp to an unbound label must fail");

    let mut a = Asm::new();
    let (bound, unbound) = (a.new_label(), a.new_label());
    a.bind(bound);
    a.jcc(Cond::Ne, bound);
    a.jcc(Cond::E, unbound);
    assert!(a.finish().is_err(), "jcc to an unbound label must fail");

    // A label that is never used need not be bound.
    let mut a = Asm::new();
    let _unused = a.new_label();
    a.ret();
    assert_eq!(a.finish(), Ok(vec![0xc3]));
}
