//! Strings: concatenation, slicing, conversions to and from bytes and runes, UTF-8.
//!
//! Strings are immutable `Str` objects (nil is ""). Results that would be empty are nil,
//! and a slice covering the whole string returns the same object.

use crate::bytecode::Instr;
use crate::heap::{self, GcRef};
use crate::interp::{Unwind, Vm};
use crate::runtime::slices::Fault;
use crate::runtime::Regs;

/// Go string equality (by content; nil equals any empty string).
///
/// # Safety
/// `a` and `b` must be 0 or live strings.
#[inline(always)]
pub(crate) unsafe fn str_eq(a: GcRef, b: GcRef) -> bool {
    // SAFETY: forwarded to the caller.
    a == b || unsafe { heap::str_bytes(a) == heap::str_bytes(b) }
}

/// `LtStr`: `a < b` (bytewise, as Go compares strings).
///
/// # Safety
/// `a` and `b` must be 0 or live strings.
#[inline(always)]
pub(crate) unsafe fn str_lt(a: GcRef, b: GcRef) -> bool {
    // SAFETY: forwarded to the caller.
    unsafe { heap::str_bytes(a) < heap::str_bytes(b) }
}

/// `LeStr`: `a <= b`.
///
/// # Safety
/// `a` and `b` must be 0 or live strings.
#[inline(always)]
pub(crate) unsafe fn str_le(a: GcRef, b: GcRef) -> bool {
    // SAFETY: forwarded to the caller.
    unsafe { heap::str_bytes(a) <= heap::str_bytes(b) }
}

/// `StrIndex`: byte `i` of string `s`, after Go's bounds check.
///
/// # Safety
/// `s` must be 0 or a live string.
#[inline(always)]
pub(crate) unsafe fn str_index(s: GcRef, i: u64) -> Result<u64, Fault> {
    // SAFETY: forwarded to the caller; `i` is checked against the length (so `s` is
    // not nil when the byte is read).
    unsafe {
        let n = heap::str_len(s);
        if i >= n as u64 {
            return Err(Fault::Index(i as i64, n));
        }
        Ok(*((s as usize + heap::layout::STR_BYTES + i as usize) as *const u8) as u64)
    }
}

/// Decode the UTF-8 rune at the start of `b` as Go's `utf8.DecodeRuneInString` does:
/// an invalid or truncated encoding gives `(U+FFFD, 1)`; empty input `(U+FFFD, 1)` too
/// (the instruction promises a width of at least 1).
pub(crate) fn decode_rune(b: &[u8]) -> (u32, usize) {
    const BAD: (u32, usize) = (0xFFFD, 1);
    let Some(&c0) = b.first() else { return BAD };
    if c0 < 0x80 {
        return (c0 as u32, 1);
    }
    let cont = |i: usize, lo: u8, hi: u8| b.get(i).is_some_and(|&c| (lo..=hi).contains(&c));
    match c0 {
        0xC2..=0xDF if cont(1, 0x80, 0xBF) => {
            return (((c0 as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F), 2);
        }
        0xE0..=0xEF => {
            let (lo, hi) = match c0 {
                0xE0 => (0xA0, 0xBF),
                0xED => (0x80, 0x9F),
                _ => (0x80, 0xBF),
            };
            if cont(1, lo, hi) && cont(2, 0x80, 0xBF) {
                let r = ((c0 as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F);
                return (r, 3);
            }
        }
        0xF0..=0xF4 => {
            let (lo, hi) = match c0 {
                0xF0 => (0x90, 0xBF),
                0xF4 => (0x80, 0x8F),
                _ => (0x80, 0xBF),
            };
            if cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) {
                let r = ((c0 as u32 & 0x07) << 18)
                    | ((b[1] as u32 & 0x3F) << 12)
                    | ((b[2] as u32 & 0x3F) << 6)
                    | (b[3] as u32 & 0x3F);
                return (r, 4);
            }
        }
        _ => {}
    }
    BAD
}

/// UTF-8 encoding of rune `r` as Go's `string(rune(r))` (invalid code points and
/// surrogates give U+FFFD).
pub(crate) fn encode_rune(r: i64) -> ([u8; 4], usize) {
    let c = if (0..=0x10FFFF).contains(&r) && !(0xD800..=0xDFFF).contains(&r) { r as u32 } else { 0xFFFD };
    let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    let n = ch.encode_utf8(&mut buf).len();
    (buf, n)
}

/// `StrDecodeRune a, b, c`: `[a]` = rune of string `[b]` at byte `[c]`, `[a+1]` = width.
///
/// # Safety
/// `regs` is the running frame and `ins` a verified `StrDecodeRune`.
#[inline]
pub(crate) unsafe fn op_decode_rune(regs: Regs, ins: Instr) {
    // SAFETY: verified registers (`a + 1` too); `[b]` holds a string.
    unsafe {
        let s = heap::str_bytes(regs.get(ins.b));
        let i = regs.get(ins.c);
        let (r, w) = if (i as usize) < s.len() { decode_rune(&s[i as usize..]) } else { (0xFFFD, 1) };
        regs.set(ins.a, r as u64);
        regs.set(ins.a + 1, w as u64);
    }
}

impl Vm {
    /// `LoadStr`: interned string constant `i`.
    ///
    /// # Safety
    /// `i` must be a verified string index (below `Program::strings.len()`).
    #[inline(always)]
    pub(crate) unsafe fn load_str(&self, i: u16) -> GcRef {
        // SAFETY: forwarded to the caller: one interned constant per program string.
        unsafe { *self.string_consts.get_unchecked(i as usize) }
    }

    /// `Concat a, b, c`.
    #[inline(never)]
    pub(crate) fn op_concat(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers holding strings; the byte slices are only used
        // after the single allocation, re-read from the registers.
        unsafe {
            let la = heap::str_len(regs.get(ins.b));
            let lb = heap::str_len(regs.get(ins.c));
            if lb == 0 {
                regs.set(ins.a, regs.get(ins.b));
                return Ok(());
            }
            if la == 0 {
                regs.set(ins.a, regs.get(ins.c));
                return Ok(());
            }
            let r = self.alloc_str_uninit(la + lb)?;
            let dst = (r as usize + heap::layout::STR_BYTES) as *mut u8;
            let a = heap::str_bytes(regs.get(ins.b));
            let b = heap::str_bytes(regs.get(ins.c));
            std::ptr::copy_nonoverlapping(a.as_ptr(), dst, la);
            std::ptr::copy_nonoverlapping(b.as_ptr(), dst.add(la), lb);
            regs.set(ins.a, r);
        }
        Ok(())
    }

    /// `SliceStr a, b, c`: `[a] = [b][[c]:[c+1]]` (`[c+1] == -1`: to the end).
    #[inline(never)]
    pub(crate) fn op_slice_str(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers (`c + 1` too); `[b]` holds a string.
        let (len, lo, hi_raw) =
            unsafe { (heap::str_len(regs.get(ins.b)), regs.get(ins.c) as i64, regs.get(ins.c + 1) as i64) };
        let hi = if hi_raw == -1 { len as i64 } else { hi_raw };
        if hi_raw != -1 && (hi < 0 || hi as usize > len) {
            return Err(self.panic_slice_hi(hi, len, "length"));
        }
        if lo < 0 || lo > hi {
            return Err(self.panic_slice_lo(lo, hi));
        }
        let (lo, hi) = (lo as usize, hi as usize);
        // SAFETY: verified registers; bounds checked above.
        unsafe {
            if lo == hi {
                regs.set(ins.a, 0);
            } else if lo == 0 && hi == len {
                regs.set(ins.a, regs.get(ins.b));
            } else {
                let r = self.alloc_str_uninit(hi - lo)?;
                let s = heap::str_bytes(regs.get(ins.b));
                let dst = (r as usize + heap::layout::STR_BYTES) as *mut u8;
                std::ptr::copy_nonoverlapping(s.as_ptr().add(lo), dst, hi - lo);
                regs.set(ins.a, r);
            }
        }
        Ok(())
    }

    /// `slice bounds out of range [:hi] with <length|capacity> n` (negative: `[:hi]`).
    #[cold]
    #[inline(never)]
    pub(crate) fn panic_slice_hi(&mut self, hi: i64, n: usize, what: &str) -> Unwind {
        if hi < 0 {
            self.panic_runtime(&format!("slice bounds out of range [:{hi}]"))
        } else {
            self.panic_runtime(&format!("slice bounds out of range [:{hi}] with {what} {n}"))
        }
    }

    /// `slice bounds out of range [lo:hi]` (negative lo: `[lo:]`).
    #[cold]
    #[inline(never)]
    pub(crate) fn panic_slice_lo(&mut self, lo: i64, hi: i64) -> Unwind {
        if lo < 0 {
            self.panic_runtime(&format!("slice bounds out of range [{lo}:]"))
        } else {
            self.panic_runtime(&format!("slice bounds out of range [{lo}:{hi}]"))
        }
    }

    /// `StrFromBytes a, b`: `string(bytes)`.
    #[inline(never)]
    pub(crate) fn op_str_from_bytes(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers; `[b]` holds a byte slice, re-read after allocating.
        unsafe {
            let (_, _, n, _) = heap::slice_parts(regs.get(ins.b));
            if n == 0 {
                regs.set(ins.a, 0);
                return Ok(());
            }
            let r = self.alloc_str_uninit(n)?;
            let (arr, off, _, _) = heap::slice_parts(regs.get(ins.b));
            let dst = (r as usize + heap::layout::STR_BYTES) as *mut u8;
            let src = heap::payload_ptr(arr).add(off);
            for i in 0..n {
                *dst.add(i) = *src.add(i) as u8;
            }
            regs.set(ins.a, r);
        }
        Ok(())
    }

    /// `BytesFromStr a, b`: `[]byte(s)`; capacity rounded up to Go's size class, as
    /// `rawbyteslice` does for an escaping result.
    #[inline(never)]
    pub(crate) fn op_bytes_from_str(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers; `[b]` holds a string, re-read after allocating.
        unsafe {
            let n = heap::str_len(regs.get(ins.b));
            let cap = crate::runtime::slices::roundupsize(n as u64) as usize;
            let elem = self.byte_type;
            let arr = self.alloc_array(elem, cap)?;
            let mark = self.heap.roots_mark();
            let h = self.heap.push_root(arr);
            let hdr = self.alloc_slice(elem)?;
            let arr = self.heap.root(h);
            self.heap.truncate_roots(mark);
            let s = heap::str_bytes(regs.get(ins.b));
            let dst = heap::payload_ptr(arr);
            for (i, &b) in s.iter().enumerate() {
                *dst.add(i) = b as u64;
            }
            heap::init_slice(hdr, arr, 0, n, cap);
            regs.set(ins.a, hdr);
        }
        Ok(())
    }

    /// `StrFromRune a, b`.
    #[inline(never)]
    pub(crate) fn op_str_from_rune(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers.
        let r = unsafe { regs.get(ins.b) } as i64;
        let (buf, n) = encode_rune(r);
        let s = self.alloc_str(&buf[..n])?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, s) };
        Ok(())
    }

    /// `Itoa a, b`.
    #[inline(never)]
    pub(crate) fn op_itoa(&mut self, regs: Regs, ins: Instr) -> Result<(), Unwind> {
        // SAFETY: verified registers.
        let v = unsafe { regs.get(ins.b) } as i64;
        let mut buf = itoa_buf(v);
        let s = self.alloc_str(buf.as_bytes_mut())?;
        // SAFETY: verified register.
        unsafe { regs.set(ins.a, s) };
        Ok(())
    }
}

/// Decimal text of `v` without a heap allocation.
struct ItoaBuf {
    buf: [u8; 20],
    start: usize,
}

impl ItoaBuf {
    fn as_bytes_mut(&mut self) -> &[u8] {
        &self.buf[self.start..]
    }
}

fn itoa_buf(v: i64) -> ItoaBuf {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    ItoaBuf { buf, start: i }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_matches_go() {
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune("€x".as_bytes()), (0x20AC, 3));
        assert_eq!(decode_rune("😀".as_bytes()), (0x1F600, 4));
        assert_eq!(decode_rune(&[0xff]), (0xFFFD, 1));
        assert_eq!(decode_rune(&[0xC0, 0x80]), (0xFFFD, 1)); // overlong
        assert_eq!(decode_rune(&[0xED, 0xA0, 0x80]), (0xFFFD, 1)); // surrogate
        assert_eq!(decode_rune(&[0xE2, 0x82]), (0xFFFD, 1)); // truncated
        assert_eq!(encode_rune(0xD800).1, 3);
        assert_eq!(&encode_rune(-1).0[..3], "\u{FFFD}".as_bytes());
    }

    #[test]
    fn itoa_edges() {
        assert_eq!(itoa_buf(0).as_bytes_mut(), b"0");
        assert_eq!(itoa_buf(-45).as_bytes_mut(), b"-45");
        assert_eq!(itoa_buf(i64::MIN).as_bytes_mut(), b"-9223372036854775808");
    }
}
