//! A small x86-64 encoder: exactly the instructions the templates use, in their 64-bit
//! (and where needed 32-bit) forms, over registers and `[base + index*scale + disp]`
//! memory operands; labels with rel32 jumps patched when the code is finished.
//!
//! It knows nothing about bytecode or the VM. Every form it can emit is checked against
//! an independent decoder (`tests/encoder.rs`, iced-x86).
//!
//! Encoding in brief (Intel SDM vol. 2, ch. 2): `[legacy prefix] [REX] opcode ModRM
//! [SIB] [disp] [imm]`. REX = `0100WRXB`: W selects 64-bit operands, R/X/B extend the
//! ModRM reg, SIB index and ModRM rm/SIB base fields to reach r8–r15. A base of RSP or
//! R12 needs a SIB byte; a base of RBP or R13 has no displacement-free form (mod 00
//! means RIP-relative/disp32 there), so it gets a zero disp8.

/// A general-purpose register (its hardware number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg(pub u8);

pub const RAX: Reg = Reg(0);
pub const RCX: Reg = Reg(1);
pub const RDX: Reg = Reg(2);
pub const RBX: Reg = Reg(3);
pub const RSP: Reg = Reg(4);
pub const RBP: Reg = Reg(5);
pub const RSI: Reg = Reg(6);
pub const RDI: Reg = Reg(7);
pub const R8: Reg = Reg(8);
pub const R9: Reg = Reg(9);
pub const R10: Reg = Reg(10);
pub const R11: Reg = Reg(11);
pub const R12: Reg = Reg(12);
pub const R13: Reg = Reg(13);
pub const R14: Reg = Reg(14);
pub const R15: Reg = Reg(15);

/// An SSE register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Xmm(pub u8);

pub const XMM0: Xmm = Xmm(0);
pub const XMM1: Xmm = Xmm(1);

/// A memory operand `[base + index*scale + disp]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mem {
    pub base: Reg,
    /// Index register and scale (1, 2, 4 or 8); the index is never RSP.
    pub index: Option<(Reg, u8)>,
    pub disp: i32,
}

/// `[base + disp]`.
pub fn mem(base: Reg, disp: i32) -> Mem {
    Mem { base, index: None, disp }
}

/// `[base + index*scale + disp]`.
pub fn mem_index(base: Reg, index: Reg, scale: u8, disp: i32) -> Mem {
    assert!(index != RSP && matches!(scale, 1 | 2 | 4 | 8), "bad index operand");
    Mem { base, index: Some((index, scale)), disp }
}

/// The condition codes, shared with dynasm (`vm::jit::x86`).
pub use vm::jit::x86::Cond;

/// The eight classic ALU operations (their `/digit` in the 0x81/0x83 group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Alu {
    Add = 0,
    Or = 1,
    And = 4,
    Sub = 5,
    Xor = 6,
    Cmp = 7,
}

/// Shifts (their `/digit` in the 0xC1/0xD3 group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Shift {
    Shl = 4,
    Shr = 5,
    Sar = 7,
}

/// Scalar double operations (`F2 0F op`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Sse {
    Sqrt = 0x51,
    Add = 0x58,
    Mul = 0x59,
    Sub = 0x5c,
    Div = 0x5e,
}

/// A jump target; bound to an offset with [`Asm::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(u32);

/// The r/m operand of an instruction.
#[derive(Clone, Copy)]
enum Rm {
    Reg(u8),
    Mem(Mem),
}

/// An instruction buffer with labels.
#[derive(Default)]
pub struct Asm {
    buf: Vec<u8>,
    labels: Vec<Option<u32>>,
    /// (offset of a rel32 field, its label): patched by [`Asm::finish`].
    fixups: Vec<(u32, Label)>,
}

impl Asm {
    pub fn new() -> Asm {
        Asm::default()
    }

    /// Bytes emitted so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Bind `l` to the current position (once).
    pub fn bind(&mut self, l: Label) {
        debug_assert!(self.labels[l.0 as usize].is_none(), "label bound twice");
        self.labels[l.0 as usize] = Some(self.buf.len() as u32);
    }

    /// Where label `l` is bound (an offset into the code), once it is.
    pub fn offset_of(&self, l: Label) -> Option<usize> {
        self.labels[l.0 as usize].map(|o| o as usize)
    }

    /// The code with every jump patched. Fails if a label used was never bound.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        for &(at, l) in &self.fixups {
            let target = self.labels[l.0 as usize].ok_or("a jump to an unbound label")?;
            let rel = target as i64 - (at as i64 + 4);
            self.buf[at as usize..at as usize + 4].copy_from_slice(&(rel as i32).to_le_bytes());
        }
        Ok(self.buf)
    }

    // ------------------------------------------------------------ encoding core

    fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    fn imm32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Emit `[prefix] [REX] opcode ModRM [SIB] [disp]` with `reg` in ModRM.reg.
    /// `byte_regs`: the r/m register is a byte register (SPL..DIL need a REX).
    fn op(&mut self, prefix: Option<u8>, w: bool, opcode: &[u8], reg: u8, rm: Rm, byte_regs: bool) {
        if let Some(p) = prefix {
            self.byte(p);
        }
        let (x, b) = match rm {
            Rm::Reg(r) => (0, r >> 3),
            Rm::Mem(m) => (m.index.map_or(0, |(i, _)| i.0 >> 3), m.base.0 >> 3),
        };
        let rex = 0x40 | (w as u8) << 3 | (reg >> 3) << 2 | x << 1 | b;
        let force = byte_regs && matches!(rm, Rm::Reg(4..=7));
        if rex != 0x40 || force {
            self.byte(rex);
        }
        self.buf.extend_from_slice(opcode);
        self.modrm(reg, rm);
    }

    fn modrm(&mut self, reg: u8, rm: Rm) {
        let reg = (reg & 7) << 3;
        let m = match rm {
            Rm::Reg(r) => {
                self.byte(0xc0 | reg | (r & 7));
                return;
            }
            Rm::Mem(m) => m,
        };
        let base = m.base.0 & 7;
        // mod: 00 no displacement (not for an RBP/R13 base), 01 disp8, 10 disp32.
        let md = if m.disp == 0 && base != 5 {
            0
        } else if i8::try_from(m.disp).is_ok() {
            1
        } else {
            2
        };
        match m.index {
            Some((index, scale)) => {
                let ss = scale.trailing_zeros() as u8;
                self.byte(md << 6 | reg | 4);
                self.byte(ss << 6 | (index.0 & 7) << 3 | base);
            }
            None if base == 4 => {
                // RSP/R12 base: a SIB byte with "no index".
                self.byte(md << 6 | reg | 4);
                self.byte(0x24);
            }
            None => self.byte(md << 6 | reg | base),
        }
        match md {
            1 => self.byte(m.disp as i8 as u8),
            2 => self.imm32(m.disp),
            _ => {}
        }
    }

    // ------------------------------------------------------------ moves

    /// `mov dst, src` (64-bit).
    pub fn mov_rr(&mut self, dst: Reg, src: Reg) {
        self.op(None, true, &[0x89], src.0, Rm::Reg(dst.0), false);
    }

    /// `mov dst32, src32` (zero-extends to 64 bits).
    pub fn mov32_rr(&mut self, dst: Reg, src: Reg) {
        self.op(None, false, &[0x89], src.0, Rm::Reg(dst.0), false);
    }

    /// `mov dst, qword [m]`.
    pub fn load(&mut self, dst: Reg, m: Mem) {
        self.op(None, true, &[0x8b], dst.0, Rm::Mem(m), false);
    }

    /// `mov qword [m], src`.
    pub fn store(&mut self, m: Mem, src: Reg) {
        self.op(None, true, &[0x89], src.0, Rm::Mem(m), false);
    }

    /// `mov dst32, dword [m]` (zero-extends).
    pub fn load32(&mut self, dst: Reg, m: Mem) {
        self.op(None, false, &[0x8b], dst.0, Rm::Mem(m), false);
    }

    /// `mov dword [m], src32`.
    pub fn store32(&mut self, m: Mem, src: Reg) {
        self.op(None, false, &[0x89], src.0, Rm::Mem(m), false);
    }

    /// `mov qword [m], imm32` (sign-extended).
    pub fn store_imm(&mut self, m: Mem, imm: i32) {
        self.op(None, true, &[0xc7], 0, Rm::Mem(m), false);
        self.imm32(imm);
    }

    /// `mov dword [m], imm32`.
    pub fn store32_imm(&mut self, m: Mem, imm: i32) {
        self.op(None, false, &[0xc7], 0, Rm::Mem(m), false);
        self.imm32(imm);
    }

    /// `dst = imm` in the shortest form: `mov r32, imm32` (zero-extends), `mov r64,
    /// simm32`, or `mov r64, imm64`. Leaves the flags alone.
    pub fn mov_ri(&mut self, dst: Reg, imm: i64) {
        if let Ok(u) = u32::try_from(imm) {
            if dst.0 >= 8 {
                self.byte(0x41);
            }
            self.byte(0xb8 + (dst.0 & 7));
            self.imm32(u as i32);
        } else if let Ok(s) = i32::try_from(imm) {
            self.op(None, true, &[0xc7], 0, Rm::Reg(dst.0), false);
            self.imm32(s);
        } else {
            self.byte(0x48 | (dst.0 >> 3));
            self.byte(0xb8 + (dst.0 & 7));
            self.buf.extend_from_slice(&imm.to_le_bytes());
        }
    }

    /// `lea dst, [m]`.
    pub fn lea(&mut self, dst: Reg, m: Mem) {
        self.op(None, true, &[0x8d], dst.0, Rm::Mem(m), false);
    }

    /// `movsxd dst, src32` (sign-extend the low 32 bits).
    pub fn movsxd(&mut self, dst: Reg, src: Reg) {
        self.op(None, true, &[0x63], dst.0, Rm::Reg(src.0), false);
    }

    /// `movzx dst32, src8` (zero-extends to 64 bits).
    pub fn movzx8(&mut self, dst: Reg, src: Reg) {
        self.op(None, false, &[0x0f, 0xb6], dst.0, Rm::Reg(src.0), true);
    }

    /// `movzx dst32, src16` (zero-extends to 64 bits).
    pub fn movzx16(&mut self, dst: Reg, src: Reg) {
        self.op(None, false, &[0x0f, 0xb7], dst.0, Rm::Reg(src.0), false);
    }

    /// `movsx dst, src8` (sign-extends to 64 bits).
    pub fn movsx8(&mut self, dst: Reg, src: Reg) {
        self.op(None, true, &[0x0f, 0xbe], dst.0, Rm::Reg(src.0), true);
    }

    /// `movsx dst, src16` (sign-extends to 64 bits).
    pub fn movsx16(&mut self, dst: Reg, src: Reg) {
        self.op(None, true, &[0x0f, 0xbf], dst.0, Rm::Reg(src.0), false);
    }

    /// `movzx dst32, byte [m]` (zero-extends to 64 bits).
    pub fn load8(&mut self, dst: Reg, m: Mem) {
        self.op(None, false, &[0x0f, 0xb6], dst.0, Rm::Mem(m), false);
    }

    /// `cmovcc dst, src` (64-bit).
    pub fn cmov(&mut self, cc: Cond, dst: Reg, src: Reg) {
        self.op(None, true, &[0x0f, 0x40 + cc as u8], dst.0, Rm::Reg(src.0), false);
    }

    /// `setcc src8`.
    pub fn setcc(&mut self, cc: Cond, dst: Reg) {
        self.op(None, false, &[0x0f, 0x90 + cc as u8], 0, Rm::Reg(dst.0), true);
    }

    // ------------------------------------------------------------ arithmetic

    /// `op dst, src` (64-bit).
    pub fn alu_rr(&mut self, op: Alu, dst: Reg, src: Reg) {
        self.op(None, true, &[(op as u8) << 3 | 1], src.0, Rm::Reg(dst.0), false);
    }

    /// `op dst, qword [m]`.
    pub fn alu_rm(&mut self, op: Alu, dst: Reg, m: Mem) {
        self.op(None, true, &[(op as u8) << 3 | 3], dst.0, Rm::Mem(m), false);
    }

    /// `op dst, imm` (imm8 form when it fits).
    pub fn alu_ri(&mut self, op: Alu, dst: Reg, imm: i32) {
        self.alu_imm(op, Rm::Reg(dst.0), imm);
    }

    /// `op qword [m], imm` (imm8 form when it fits).
    pub fn alu_mi(&mut self, op: Alu, m: Mem, imm: i32) {
        self.alu_imm(op, Rm::Mem(m), imm);
    }

    fn alu_imm(&mut self, op: Alu, rm: Rm, imm: i32) {
        if let Ok(b) = i8::try_from(imm) {
            self.op(None, true, &[0x83], op as u8, rm, false);
            self.byte(b as u8);
        } else {
            self.op(None, true, &[0x81], op as u8, rm, false);
            self.imm32(imm);
        }
    }

    /// `test a, b` (64-bit).
    pub fn test_rr(&mut self, a: Reg, b: Reg) {
        self.op(None, true, &[0x85], b.0, Rm::Reg(a.0), false);
    }

    /// `test a32, b32` (a helper's `u32` result: the upper half of the register is
    /// undefined).
    pub fn test32_rr(&mut self, a: Reg, b: Reg) {
        self.op(None, false, &[0x85], b.0, Rm::Reg(a.0), false);
    }

    /// `test a32, imm32`.
    pub fn test32_ri(&mut self, a: Reg, imm: u32) {
        self.op(None, false, &[0xf7], 0, Rm::Reg(a.0), false);
        self.imm32(imm as i32);
    }

    /// `imul dst, src` (64-bit, low half).
    pub fn imul_rr(&mut self, dst: Reg, src: Reg) {
        self.op(None, true, &[0x0f, 0xaf], dst.0, Rm::Reg(src.0), false);
    }

    /// `imul dst, qword [m]`.
    pub fn imul_rm(&mut self, dst: Reg, m: Mem) {
        self.op(None, true, &[0x0f, 0xaf], dst.0, Rm::Mem(m), false);
    }

    /// `imul dst, src, imm`.
    pub fn imul_rri(&mut self, dst: Reg, src: Reg, imm: i32) {
        if let Ok(b) = i8::try_from(imm) {
            self.op(None, true, &[0x6b], dst.0, Rm::Reg(src.0), false);
            self.byte(b as u8);
        } else {
            self.op(None, true, &[0x69], dst.0, Rm::Reg(src.0), false);
            self.imm32(imm);
        }
    }

    /// `cqo`: sign-extend RAX into RDX:RAX.
    pub fn cqo(&mut self) {
        self.byte(0x48);
        self.byte(0x99);
    }

    /// `idiv src`: RDX:RAX / src, quotient in RAX, remainder in RDX.
    pub fn idiv(&mut self, src: Reg) {
        self.op(None, true, &[0xf7], 7, Rm::Reg(src.0), false);
    }

    /// `div src`: RDX:RAX / src unsigned, quotient in RAX, remainder in RDX.
    pub fn div(&mut self, src: Reg) {
        self.op(None, true, &[0xf7], 6, Rm::Reg(src.0), false);
    }

    /// `neg r`.
    pub fn neg(&mut self, r: Reg) {
        self.op(None, true, &[0xf7], 3, Rm::Reg(r.0), false);
    }

    /// `not r`.
    pub fn not(&mut self, r: Reg) {
        self.op(None, true, &[0xf7], 2, Rm::Reg(r.0), false);
    }

    /// `op r, cl`.
    pub fn shift_cl(&mut self, op: Shift, r: Reg) {
        self.op(None, true, &[0xd3], op as u8, Rm::Reg(r.0), false);
    }

    /// `op r, imm8`.
    pub fn shift_ri(&mut self, op: Shift, r: Reg, imm: u8) {
        self.op(None, true, &[0xc1], op as u8, Rm::Reg(r.0), false);
        self.byte(imm);
    }

    /// `btc r, bit` (flip a bit: the sign of a float's bits).
    pub fn btc(&mut self, r: Reg, bit: u8) {
        self.op(None, true, &[0x0f, 0xba], 7, Rm::Reg(r.0), false);
        self.byte(bit);
    }

    /// `btr r, bit` (clear a bit).
    pub fn btr(&mut self, r: Reg, bit: u8) {
        self.op(None, true, &[0x0f, 0xba], 6, Rm::Reg(r.0), false);
        self.byte(bit);
    }

    // ------------------------------------------------------------ SSE2 doubles

    /// `movq xmm, r64`.
    pub fn movq_xr(&mut self, dst: Xmm, src: Reg) {
        self.op(Some(0x66), true, &[0x0f, 0x6e], dst.0, Rm::Reg(src.0), false);
    }

    /// `movq r64, xmm`.
    pub fn movq_rx(&mut self, dst: Reg, src: Xmm) {
        self.op(Some(0x66), true, &[0x0f, 0x7e], src.0, Rm::Reg(dst.0), false);
    }

    /// `movsd xmm, qword [m]`.
    pub fn movsd_load(&mut self, dst: Xmm, m: Mem) {
        self.op(Some(0xf2), false, &[0x0f, 0x10], dst.0, Rm::Mem(m), false);
    }

    /// `movsd qword [m], xmm`.
    pub fn movsd_store(&mut self, m: Mem, src: Xmm) {
        self.op(Some(0xf2), false, &[0x0f, 0x11], src.0, Rm::Mem(m), false);
    }

    /// `movapd dst, src` (a register copy).
    pub fn movapd(&mut self, dst: Xmm, src: Xmm) {
        self.op(Some(0x66), false, &[0x0f, 0x28], dst.0, Rm::Reg(src.0), false);
    }

    /// `opsd dst, src`.
    pub fn sse_rr(&mut self, op: Sse, dst: Xmm, src: Xmm) {
        self.op(Some(0xf2), false, &[0x0f, op as u8], dst.0, Rm::Reg(src.0), false);
    }

    /// `opsd dst, qword [m]`.
    pub fn sse_rm(&mut self, op: Sse, dst: Xmm, m: Mem) {
        self.op(Some(0xf2), false, &[0x0f, op as u8], dst.0, Rm::Mem(m), false);
    }

    /// `ucomisd a, b`.
    pub fn ucomisd(&mut self, a: Xmm, b: Xmm) {
        self.op(Some(0x66), false, &[0x0f, 0x2e], a.0, Rm::Reg(b.0), false);
    }

    /// `cvtsi2sd dst, src` (int64 to double).
    pub fn cvtsi2sd(&mut self, dst: Xmm, src: Reg) {
        self.op(Some(0xf2), true, &[0x0f, 0x2a], dst.0, Rm::Reg(src.0), false);
    }

    /// `cvttsd2si dst, src` (double to int64, truncating; NaN and out of range give
    /// `i64::MIN`, Go's amd64 result).
    pub fn cvttsd2si(&mut self, dst: Reg, src: Xmm) {
        self.op(Some(0xf2), true, &[0x0f, 0x2c], dst.0, Rm::Reg(src.0), false);
    }

    /// `roundsd dst, src, mode` (SSE4.1; mode 9: toward -inf, no precision exception).
    pub fn roundsd(&mut self, dst: Xmm, src: Xmm, mode: u8) {
        self.op(Some(0x66), false, &[0x0f, 0x3a, 0x0b], dst.0, Rm::Reg(src.0), false);
        self.byte(mode);
    }

    // ------------------------------------------------------------ control

    /// `push r`.
    pub fn push(&mut self, r: Reg) {
        if r.0 >= 8 {
            self.byte(0x41);
        }
        self.byte(0x50 + (r.0 & 7));
    }

    /// `pop r`.
    pub fn pop(&mut self, r: Reg) {
        if r.0 >= 8 {
            self.byte(0x41);
        }
        self.byte(0x58 + (r.0 & 7));
    }

    /// `push imm8` (sign-extended to 64 bits).
    pub fn push_imm8(&mut self, imm: i8) {
        self.byte(0x6a);
        self.byte(imm as u8);
    }

    /// `call label` (rel32, within this code).
    pub fn call(&mut self, l: Label) {
        self.byte(0xe8);
        self.fixup(l);
    }

    pub fn ret(&mut self) {
        self.byte(0xc3);
    }

    /// `call r` (absolute, through a register: helpers are too far for rel32).
    pub fn call_r(&mut self, r: Reg) {
        self.op(None, false, &[0xff], 2, Rm::Reg(r.0), false);
    }

    /// `jmp label` (rel32).
    pub fn jmp(&mut self, l: Label) {
        self.byte(0xe9);
        self.fixup(l);
    }

    /// `jcc label` (rel32).
    pub fn jcc(&mut self, cc: Cond, l: Label) {
        self.byte(0x0f);
        self.byte(0x80 + cc as u8);
        self.fixup(l);
    }

    fn fixup(&mut self, l: Label) {
        self.fixups.push((self.buf.len() as u32, l));
        self.imm32(0);
    }
}

/// The forms added after `tests/encoder.rs` was written (`div`, `movzx16`, `movsx8`,
/// `movsx16`), checked the same way: one instruction, decoded by iced-x86, its Intel
/// text as written by hand, and no needless empty REX prefix.
#[cfg(test)]
mod tests {
    use super::*;
    use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};

    const R64: [&str; 16] =
        ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    const R32: [&str; 16] = [
        "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d",
        "r15d",
    ];
    const R16: [&str; 16] =
        ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"];
    const R8B: [&str; 16] = [
        "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b",
        "r15b",
    ];

    fn check(expected: &str, emit: impl FnOnce(&mut Asm)) {
        let mut a = Asm::new();
        emit(&mut a);
        let bytes = a.finish().expect("no labels");
        let mut d = Decoder::with_ip(64, &bytes, 0, DecoderOptions::NONE);
        let ins = d.decode();
        assert_eq!(ins.len(), bytes.len(), "`{expected}`: {bytes:02x?} is not one instruction");
        let mut got = String::new();
        IntelFormatter::new().format(&ins, &mut got);
        assert_eq!(got, expected, "{bytes:02x?}");
        let first = bytes.iter().find(|&&b| !matches!(b, 0x66 | 0xf2 | 0xf3));
        let rex_needed = ["spl", "bpl", "sil", "dil"].iter().any(|r| got.contains(r));
        assert!(first != Some(&0x40) || rex_needed, "`{expected}`: needless REX in {bytes:02x?}");
    }

    #[test]
    fn added_forms() {
        for d in 0..16u8 {
            check(&format!("div {}", R64[d as usize]), |a| a.div(Reg(d)));
            for s in 0..16u8 {
                let (dr, sr) = (Reg(d), Reg(s));
                let (d, s) = (d as usize, s as usize);
                check(&format!("movzx {},{}", R32[d], R16[s]), |a| a.movzx16(dr, sr));
                check(&format!("movsx {},{}", R64[d], R8B[s]), |a| a.movsx8(dr, sr));
                check(&format!("movsx {},{}", R64[d], R16[s]), |a| a.movsx16(dr, sr));
            }
        }
    }
}
