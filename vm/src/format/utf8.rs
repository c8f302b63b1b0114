//! UTF-8 with Go's rules (`unicode/utf8`): invalid bytes decode as U+FFFD of width 1.

pub(super) const RUNE_ERROR: u32 = 0xFFFD;
pub(super) const MAX_RUNE: u64 = 0x10FFFF;

pub(super) fn decode_rune(b: &[u8]) -> (u32, usize) {
    let Some(&b0) = b.first() else {
        return (RUNE_ERROR, 0);
    };
    if b0 < 0x80 {
        return (u32::from(b0), 1);
    }
    let (n, min) = match b0 {
        0xC2..=0xDF => (2, 0x80),
        0xE0..=0xEF => (3, 0x800),
        0xF0..=0xF4 => (4, 0x10000),
        _ => return (RUNE_ERROR, 1),
    };
    if b.len() < n {
        return (RUNE_ERROR, 1);
    }
    let mut r = u32::from(b0) & (0x7F >> n);
    for &c in &b[1..n] {
        if c & 0xC0 != 0x80 {
            return (RUNE_ERROR, 1);
        }
        r = (r << 6) | u32::from(c & 0x3F);
    }
    if r < min || (0xD800..=0xDFFF).contains(&r) || r > 0x10FFFF {
        return (RUNE_ERROR, 1);
    }
    (r, n)
}

pub(super) fn rune_count(b: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        let (_, w) = decode_rune(&b[i..]);
        i += w.max(1);
        n += 1;
    }
    n
}

pub(super) fn push_rune(buf: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut tmp = [0u8; 4];
    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

pub(super) fn valid_rune(r: u32) -> bool {
    r < 0xD800 || (0xDFFF < r && r <= 0x10FFFF)
}
