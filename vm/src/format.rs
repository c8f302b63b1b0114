//! Go's `fmt` formatting rules over a value tree; never touches the VM heap.
//!
//! This module owns the byte-exact reproduction of Go 1.19's `fmt.Print`,
//! `fmt.Println` and `fmt.Printf` (and their `Sprint*` forms), plus the pieces of
//! `strconv` they rely on (`FormatFloat`, `Quote`, `Atoi`, `Itoa`). The caller reads
//! each operand out of the VM heap into a [`FmtArg`] tree first; everything here is
//! pure computation over that tree, so it is safe to call from any thread and never
//! allocates on the VM heap or triggers a collection.
//!
//! The implementation is a close port of `fmt/print.go`, `fmt/format.go`,
//! `strconv/quote.go`, `strconv/ftoa.go` and `strconv/atoi.go` from Go 1.19.
//! Float digits come from Rust's own shortest / correctly rounded formatting
//! (`{:e}`, `{:.Ne}`, `{:.N}`), then laid out the way `strconv` does. Fixed
//! precision rounds exact ties to even in both languages; for the shortest form
//! Rust breaks an exact tie between two shortest candidates upwards where Go's
//! Ryu picks the even digit, so `Digits::shortest` re-checks that case.
//!
//! Widths and precisions follow Go's own limits rather than a smaller clamp: a
//! literal width is accepted while Go's `parsenum` accepts it (up to about 1e7),
//! a `*` operand beyond 1e6 gives `%!(BADWIDTH)` / `%!(BADPREC)`. Nothing panics
//! on any input; the largest output of one directive is about 10 MB, as in Go.
//!
//! Conventions for building the tree (what the VM must do):
//! - `type_name` is Go's `reflect.Type.String()` of the *dynamic* type: `int`,
//!   `uint8`, `int32`, `[]int`, `map[string]int`, `main.Point`, `*main.Point`, ...
//! - a nil *interface* is [`FmtValue::Nil`] (its `type_name` is the static interface
//!   type, e.g. `interface {}` or `error`, used only by `%#v`); a nil *pointer* is
//!   `Pointer { addr: 0, .. }`, a nil slice `Slice(None)`, a nil map `Map(None)`,
//!   a nil func `Func { addr: 0 }`.
//! - `Pointer::target` should hold the pointee whenever it is a struct, array,
//!   slice or map (and is not part of a cycle): Go prints `&{..}` for such a pointer
//!   at depth 0, which also happens for nested values inside `%!verb(type=value)`
//!   error text. Channels can be passed as `Pointer { addr, target: None }`.
//! - a value whose type has an `Error()` or `String()` method (error first, as Go
//!   checks) is wrapped in [`FmtValue::Methods`]; the caller decides which nested
//!   values qualify (Go skips values reached through unexported struct fields).
//!
//! Not covered: `%p` of slices and maps (their data pointer is not in the tree, so
//! `0x0` is printed), `Formatter`/`GoStringer` methods, panics inside `String()`,
//! complex numbers and float32 (all floats are formatted as float64). An empty
//! slice of a *named* byte-slice type prints `[]` rather than nothing for `%s`, since
//! its element kind cannot be told from the tree (`[]uint8`/`[N]uint8` are fine).

use std::cmp::Ordering;

/// One operand of Print/Println/Printf, already read out of the VM heap.
#[derive(Clone, Debug, PartialEq)]
pub struct FmtArg {
    /// Go's reflect type string of the dynamic type (`int`, `[]string`, `main.Point`, ...).
    pub type_name: String,
    /// The value itself.
    pub value: FmtValue,
}

/// The shape of a Go value, as far as `fmt` cares.
#[derive(Clone, Debug, PartialEq)]
pub enum FmtValue {
    /// A nil interface (prints `<nil>`; `%d` at top level gives `%!d(<nil>)`).
    Nil,
    /// `bool`.
    Bool(bool),
    /// Any signed integer kind (`int`, `int32`/rune, ...).
    Int(i64),
    /// Any unsigned integer kind (`uint8`/byte, `uint`, ...).
    Uint(u64),
    /// `float64`.
    Float(f64),
    /// A Go string: bytes, not necessarily UTF-8.
    Str(Vec<u8>),
    /// A slice; `None` is a nil slice.
    Slice(Option<Vec<FmtArg>>),
    /// An array.
    Array(Vec<FmtArg>),
    /// A map; `None` is a nil map. Entries may come in any order; they are sorted
    /// here the way Go's `internal/fmtsort` does.
    Map(Option<Vec<(FmtArg, FmtArg)>>),
    /// A struct: field names and values, in declaration order.
    Struct(Vec<(String, FmtArg)>),
    /// A pointer (`addr` 0 is nil) with its pointee when that is a struct, array,
    /// slice or map.
    Pointer {
        /// The address printed as `0xc000...`.
        addr: u64,
        /// The pointee, used for `&{..}` at depth 0.
        target: Option<Box<FmtArg>>,
    },
    /// A func value (`addr` 0 is nil).
    Func {
        /// The address printed by `%v`/`%p`.
        addr: u64,
    },
    /// A value whose type has `Error()` or `String()`: `text` is the method's
    /// result, `inner` the underlying value (used for `%d`, `%#v`, error text...).
    Methods {
        /// What `Error()` / `String()` returned.
        text: Vec<u8>,
        /// The value without its methods.
        inner: Box<FmtValue>,
    },
}

/// `fmt.Sprint`: operands formatted with `%v`, a space between two operands when
/// neither of them is a string.
pub fn sprint(args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_print(args);
    p.buf
}

/// `fmt.Sprintln`: operands formatted with `%v`, always separated by spaces, and a
/// trailing newline.
pub fn sprintln(args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_println(args);
    p.buf
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &[u8], args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_printf(format, args);
    p.buf
}

/// For each of the `nargs` operands of `Printf(format, ...)`: whether some verb prints
/// it in a way that calls its `Error()`/`String()` method (Go's `handleMethods`: `%v`
/// `%s` `%x` `%X` `%q`, not `%#v`; extra operands print with `%v`). The caller calls a
/// method only for those, as Go does: `%d` or `%g` of a value with a `String()` method
/// formatted the value itself, and an `Error()` that formats its own receiver with
/// `%g` must not recurse.
pub fn operands_printed_with_methods(format: &[u8], nargs: usize) -> Vec<bool> {
    // Placeholders are ints, so a `*` width or precision consumes an operand as Go's
    // does; nothing is printed.
    let placeholders = vec![FmtArg { type_name: "int".into(), value: FmtValue::Int(0) }; nargs];
    let mut p = Printer::new();
    p.probe = Some(vec![false; nargs]);
    p.do_printf(format, &placeholders);
    p.probe.unwrap_or_default()
}

/// `strconv.FormatFloat(f, verb, prec, 64)` for `verb` in `e E f g G b x X`;
/// `prec` -1 means the shortest representation that round-trips. Precisions are
/// clamped to 1,000,000 digits.
pub fn format_float(f: f64, verb: u8, prec: i32) -> String {
    let prec = i64::from(prec).min(TOO_LARGE);
    String::from_utf8_lossy(&append_float(f, verb, prec)).into_owned()
}

/// `strconv.ParseFloat(s, 64)` for decimal text: the value and a status (0: ok, 1:
/// syntax error with value 0, 2: out of range with value ±Inf, as Go returns them).
/// Rust's parser rounds correctly, as Go's does; of Go's syntax it lacks hexadecimal
/// mantissas and underscores, which are reported as syntax errors.
pub fn parse_float(s: &[u8]) -> (f64, u64) {
    let Ok(text) = std::str::from_utf8(s) else { return (0.0, 1) };
    match text.parse::<f64>() {
        Ok(v) if v.is_infinite() && !text.trim_start_matches(['+', '-']).to_ascii_lowercase().starts_with("inf") => {
            (v, 2)
        }
        Ok(v) => (v, 0),
        Err(_) => (0.0, 1),
    }
}

/// `strconv.Atoi`. The error holds Go's exact error text, e.g.
/// `strconv.Atoi: parsing "12a": invalid syntax`.
pub fn atoi(s: &[u8]) -> Result<i64, Vec<u8>> {
    const SYNTAX: &str = "invalid syntax";
    let n = s.len();
    if n > 0 && n < 19 {
        let mut body = s;
        if s[0] == b'-' || s[0] == b'+' {
            body = &s[1..];
            if body.is_empty() {
                return Err(num_error("Atoi", s, SYNTAX));
            }
        }
        let mut v: i64 = 0;
        for &ch in body {
            let d = ch.wrapping_sub(b'0');
            if d > 9 {
                return Err(num_error("Atoi", s, SYNTAX));
            }
            v = v * 10 + i64::from(d);
        }
        if s[0] == b'-' {
            v = -v;
        }
        return Ok(v);
    }
    parse_int10(s).map_err(|e| num_error("Atoi", s, e))
}

/// `strconv.Itoa`.
pub fn itoa(i: i64) -> Vec<u8> {
    i.to_string().into_bytes()
}

// ---------------------------------------------------------------------------
// strconv: integers

fn num_error(func: &str, s: &[u8], err: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 40);
    out.extend_from_slice(b"strconv.");
    out.extend_from_slice(func.as_bytes());
    out.extend_from_slice(b": parsing ");
    append_quoted_with(&mut out, s, b'"', false);
    out.extend_from_slice(b": ");
    out.extend_from_slice(err.as_bytes());
    out
}

/// `strconv.ParseInt(s, 10, 64)`, returning Go's error reason.
fn parse_int10(s: &[u8]) -> Result<i64, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    const RANGE: &str = "value out of range";
    if s.is_empty() {
        return Err(SYNTAX);
    }
    let (neg, body) = match s[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    // strconv.ParseUint(body, 10, 64)
    if body.is_empty() {
        return Err(SYNTAX);
    }
    let cutoff = u64::MAX / 10 + 1;
    let mut n: u64 = 0;
    let mut range = false;
    for &c in body {
        if !c.is_ascii_digit() {
            return Err(SYNTAX);
        }
        if n >= cutoff {
            range = true;
            break;
        }
        n *= 10;
        match n.checked_add(u64::from(c - b'0')) {
            Some(n1) => n = n1,
            None => {
                range = true;
                break;
            }
        }
    }
    if range {
        return Err(RANGE);
    }
    let cutoff = 1u64 << 63;
    if (!neg && n >= cutoff) || (neg && n > cutoff) {
        return Err(RANGE);
    }
    let v = n as i64;
    Ok(if neg { v.wrapping_neg() } else { v })
}

// ---------------------------------------------------------------------------
// UTF-8 with Go's rules (invalid bytes decode as U+FFFD of width 1)

const RUNE_ERROR: u32 = 0xFFFD;
const MAX_RUNE: u64 = 0x10FFFF;

fn decode_rune(b: &[u8]) -> (u32, usize) {
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

fn rune_count(b: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        let (_, w) = decode_rune(&b[i..]);
        i += w.max(1);
        n += 1;
    }
    n
}

fn push_rune(buf: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut tmp = [0u8; 4];
    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

fn valid_rune(r: u32) -> bool {
    r < 0xD800 || (0xDFFF < r && r <= 0x10FFFF)
}

// ---------------------------------------------------------------------------
// strconv: quoting

const LOWERHEX: &[u8; 16] = b"0123456789abcdef";

fn append_quoted_with(buf: &mut Vec<u8>, s: &[u8], quote: u8, ascii_only: bool) {
    buf.push(quote);
    let mut i = 0;
    while i < s.len() {
        let (r, width) = if s[i] < 0x80 { (u32::from(s[i]), 1) } else { decode_rune(&s[i..]) };
        if width == 1 && r == RUNE_ERROR {
            buf.extend_from_slice(b"\\x");
            buf.push(LOWERHEX[usize::from(s[i] >> 4)]);
            buf.push(LOWERHEX[usize::from(s[i] & 0xF)]);
            i += 1;
            continue;
        }
        append_escaped_rune(buf, r, quote, ascii_only);
        i += width.max(1);
    }
    buf.push(quote);
}

fn append_quoted_rune_with(buf: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    buf.push(quote);
    let r = if valid_rune(r) { r } else { RUNE_ERROR };
    append_escaped_rune(buf, r, quote, ascii_only);
    buf.push(quote);
}

fn append_escaped_rune(buf: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    if r == u32::from(quote) || r == u32::from(b'\\') {
        buf.push(b'\\');
        buf.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            buf.push(r as u8);
            return;
        }
    } else if is_print(r) {
        push_rune(buf, r);
        return;
    }
    match r {
        0x07 => buf.extend_from_slice(b"\\a"),
        0x08 => buf.extend_from_slice(b"\\b"),
        0x0C => buf.extend_from_slice(b"\\f"),
        0x0A => buf.extend_from_slice(b"\\n"),
        0x0D => buf.extend_from_slice(b"\\r"),
        0x09 => buf.extend_from_slice(b"\\t"),
        0x0B => buf.extend_from_slice(b"\\v"),
        _ => {
            if r < u32::from(b' ') || r == 0x7F {
                buf.extend_from_slice(b"\\x");
                buf.push(LOWERHEX[((r >> 4) & 0xF) as usize]);
                buf.push(LOWERHEX[(r & 0xF) as usize]);
            } else {
                let r = if valid_rune(r) { r } else { RUNE_ERROR };
                if r < 0x10000 {
                    buf.extend_from_slice(b"\\u");
                    for s in (0..4).rev() {
                        buf.push(LOWERHEX[((r >> (4 * s)) & 0xF) as usize]);
                    }
                } else {
                    buf.extend_from_slice(b"\\U");
                    for s in (0..8).rev() {
                        buf.push(LOWERHEX[((r >> (4 * s)) & 0xF) as usize]);
                    }
                }
            }
        }
    }
}

fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, wid) = decode_rune(&s[i..]);
        i += wid.max(1);
        if wid > 1 {
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == RUNE_ERROR {
            return false;
        }
        if (r < u32::from(b' ') && r != u32::from(b'\t')) || r == u32::from(b'`') || r == 0x7F {
            return false;
        }
    }
    true
}

/// `strconv.IsPrint` with Go 1.19's tables.
fn is_print(r: u32) -> bool {
    if r <= 0xFF {
        if (0x20..=0x7E).contains(&r) {
            return true;
        }
        if (0xA1..=0xFF).contains(&r) {
            return r != 0xAD;
        }
        return false;
    }
    if r < 0x10000 {
        let rr = r as u16;
        let i = IS_PRINT16.partition_point(|&x| x < rr);
        if i >= IS_PRINT16.len() || rr < IS_PRINT16[i & !1] || IS_PRINT16[i | 1] < rr {
            return false;
        }
        let j = IS_NOT_PRINT16.partition_point(|&x| x < rr);
        return j >= IS_NOT_PRINT16.len() || IS_NOT_PRINT16[j] != rr;
    }
    let i = IS_PRINT32.partition_point(|&x| x < r);
    if i >= IS_PRINT32.len() || r < IS_PRINT32[i & !1] || IS_PRINT32[i | 1] < r {
        return false;
    }
    if r >= 0x20000 {
        return true;
    }
    let rr = (r - 0x10000) as u16;
    let j = IS_NOT_PRINT32.partition_point(|&x| x < rr);
    j >= IS_NOT_PRINT32.len() || IS_NOT_PRINT32[j] != rr
}

// ---------------------------------------------------------------------------
// strconv: floats

/// Enough digits for the exact decimal expansion of any float64 (at most 767
/// significant digits, at most 1074 after the decimal point).
const EXACT_DIGITS: usize = 1100;

/// Decimal digits of a float: `0.d[0]d[1]... * 10^dp`, trailing zeros trimmed;
/// zero is no digits with `dp` 0.
struct Digits {
    d: Vec<u8>,
    dp: i64,
}

impl Digits {
    fn nd(&self) -> i64 {
        self.d.len() as i64
    }

    fn trimmed(mut d: Vec<u8>, mut dp: i64) -> Digits {
        let lead = d.iter().take_while(|&&c| c == b'0').count();
        if lead > 0 {
            d.drain(..lead);
            dp -= lead as i64;
        }
        while d.last() == Some(&b'0') {
            d.pop();
        }
        if d.is_empty() {
            dp = 0;
        }
        Digits { d, dp }
    }

    /// From Rust's `{:e}` output such as `1.2345e-7`.
    fn from_sci(s: &str) -> Digits {
        let (m, e) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i64 = e.parse().unwrap_or(0);
        let d: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
        Digits::trimmed(d, exp + 1)
    }

    /// From Rust's `{:.N}` output such as `123.4500`.
    fn from_fixed(s: &str) -> Digits {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let mut d: Vec<u8> = int.bytes().filter(u8::is_ascii_digit).collect();
        let dp = d.len() as i64;
        d.extend(frac.bytes().filter(u8::is_ascii_digit));
        Digits::trimmed(d, dp)
    }

    /// Shortest digits that round-trip (Go's Ryu shortest). Rust breaks an exact
    /// tie between two shortest candidates upwards, Go's Ryu to the even digit.
    fn shortest(abs: f64) -> Digits {
        let d = Digits::from_sci(&format!("{abs:e}"));
        let n = d.d.len();
        if n == 0 || d.d[n - 1].is_multiple_of(2) {
            return d;
        }
        // A tie needs the exact value to have n+1 significant digits ending in 5.
        let probe = format!("{abs:.n$e}");
        if probe.split_once('e').map(|(m, _)| m.ends_with('5')) != Some(true) {
            return d;
        }
        let exact = Digits::from_sci(&format!("{abs:.EXACT_DIGITS$e}"));
        if exact.d.len() != n + 1 || exact.d[n] != b'5' {
            return d;
        }
        let mut g = exact.d[..n].to_vec();
        let mut dp = exact.dp;
        if !g[n - 1].is_multiple_of(2) {
            let mut carry = true;
            for c in g.iter_mut().rev() {
                if *c == b'9' {
                    *c = b'0';
                } else {
                    *c += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                g.insert(0, b'1');
                dp += 1;
            }
        }
        let even = Digits::trimmed(g, dp);
        if even.d == d.d && even.dp == d.dp {
            return d;
        }
        let text = format!("0.{}e{}", String::from_utf8_lossy(&even.d), even.dp);
        if text.parse::<f64>() == Ok(abs) {
            even
        } else {
            d
        }
    }

    /// `n >= 1` significant digits, correctly rounded (ties to even).
    fn significant(abs: f64, n: i64) -> Digits {
        // A float64 has at most 767 significant decimal digits, and Rust's
        // formatting precision is limited to u16, so larger requests are capped
        // (the digits beyond the exact expansion are zeros either way).
        let p = usize::try_from(n - 1).unwrap_or(0).min(EXACT_DIGITS);
        Digits::from_sci(&format!("{abs:.p$e}"))
    }

    /// Rounded to `prec` digits after the decimal point.
    fn fixed(abs: f64, prec: i64) -> Digits {
        // At most 1074 digits after the point are ever non-zero.
        let p = usize::try_from(prec).unwrap_or(0).min(EXACT_DIGITS);
        Digits::from_fixed(&format!("{abs:.p$}"))
    }
}

/// `strconv.AppendFloat(nil, v, fmt, prec, 64)`.
fn append_float(v: f64, fmt: u8, prec: i64) -> Vec<u8> {
    let bits = v.to_bits();
    let neg = bits >> 63 != 0;
    let exp_bits = ((bits >> 52) & 0x7FF) as i64;
    let mut mant = bits & ((1u64 << 52) - 1);
    if exp_bits == 0x7FF {
        let s: &[u8] = if mant != 0 {
            b"NaN"
        } else if neg {
            b"-Inf"
        } else {
            b"+Inf"
        };
        return s.to_vec();
    }
    let mut exp = exp_bits;
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1u64 << 52;
    }
    exp -= 1023;
    match fmt {
        b'b' => return fmt_b(neg, mant, exp),
        b'x' | b'X' => return fmt_x(prec, fmt, neg, mant, exp),
        _ => {}
    }
    let abs = v.abs();
    let shortest = prec < 0;
    let mut prec = prec;
    let digs;
    if shortest {
        digs = Digits::shortest(abs);
        match fmt {
            b'e' | b'E' => prec = (digs.nd() - 1).max(0),
            b'f' => prec = (digs.nd() - digs.dp).max(0),
            b'g' | b'G' => prec = digs.nd(),
            _ => {}
        }
    } else {
        match fmt {
            b'e' | b'E' => digs = Digits::significant(abs, prec + 1),
            b'f' => digs = Digits::fixed(abs, prec),
            b'g' | b'G' => {
                if prec == 0 {
                    prec = 1;
                }
                digs = Digits::significant(abs, prec);
            }
            _ => return vec![b'%', fmt],
        }
    }
    format_digits(shortest, neg, &digs, prec, fmt)
}

fn format_digits(shortest: bool, neg: bool, digs: &Digits, prec: i64, fmt: u8) -> Vec<u8> {
    match fmt {
        b'e' | b'E' => fmt_e(neg, digs, prec, fmt),
        b'f' => fmt_f(neg, digs, prec),
        b'g' | b'G' => {
            let nd = digs.nd();
            let mut eprec = prec;
            if eprec > nd && nd >= digs.dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if exp < -4 || exp >= eprec {
                let p = prec.min(nd);
                return fmt_e(neg, digs, p - 1, fmt + b'e' - b'g');
            }
            let p = if prec > digs.dp { nd } else { prec };
            fmt_f(neg, digs, (p - digs.dp).max(0))
        }
        _ => vec![b'%', fmt],
    }
}

fn fmt_e(neg: bool, d: &Digits, prec: i64, fmt: u8) -> Vec<u8> {
    let mut dst = Vec::with_capacity(usize::try_from(prec).unwrap_or(0) + 8);
    if neg {
        dst.push(b'-');
    }
    dst.push(d.d.first().copied().unwrap_or(b'0'));
    if prec > 0 {
        dst.push(b'.');
        let nd = d.d.len();
        let m = nd.min(usize::try_from(prec + 1).unwrap_or(0));
        let mut i = 1usize;
        if i < m {
            dst.extend_from_slice(&d.d[1..m]);
            i = m;
        }
        while (i as i64) <= prec {
            dst.push(b'0');
            i += 1;
        }
    }
    dst.push(fmt);
    let mut exp = d.dp - 1;
    if d.d.is_empty() {
        exp = 0;
    }
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 100 {
        dst.push(b'0' + (exp / 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    } else {
        dst.push(b'0' + (exp / 100 % 10) as u8);
        dst.push(b'0' + (exp / 10 % 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    }
    dst
}

fn fmt_f(neg: bool, d: &Digits, prec: i64) -> Vec<u8> {
    let mut dst = Vec::with_capacity(usize::try_from(prec).unwrap_or(0) + 24);
    if neg {
        dst.push(b'-');
    }
    let nd = d.nd();
    if d.dp > 0 {
        let m = nd.min(d.dp);
        dst.extend_from_slice(&d.d[..m as usize]);
        dst.resize(dst.len() + usize::try_from(d.dp - m).unwrap_or(0), b'0');
    } else {
        dst.push(b'0');
    }
    if prec > 0 {
        dst.push(b'.');
        for i in 0..prec {
            let j = d.dp + i;
            let ch = if 0 <= j && j < nd { d.d[j as usize] } else { b'0' };
            dst.push(ch);
        }
    }
    dst
}

/// `%b`: decimal mantissa, `p`, binary exponent.
fn fmt_b(neg: bool, mant: u64, exp: i64) -> Vec<u8> {
    let mut dst = Vec::new();
    if neg {
        dst.push(b'-');
    }
    dst.extend_from_slice(mant.to_string().as_bytes());
    dst.push(b'p');
    let exp = exp - 52;
    if exp >= 0 {
        dst.push(b'+');
    }
    dst.extend_from_slice(exp.to_string().as_bytes());
    dst
}

/// `%x`: `-0x1.yyyyp±dd`.
fn fmt_x(prec: i64, fmt: u8, neg: bool, mut mant: u64, mut exp: i64) -> Vec<u8> {
    if mant == 0 {
        exp = 0;
    }
    mant <<= 60 - 52;
    while mant != 0 && mant & (1u64 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1u64 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1u64 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1u64 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == b'X' { b"0123456789ABCDEF" } else { LOWERHEX };
    let mut dst = Vec::new();
    if neg {
        dst.push(b'-');
    }
    dst.push(b'0');
    dst.push(fmt);
    dst.push(b'0' + ((mant >> 60) & 1) as u8);
    mant <<= 4;
    if prec < 0 && mant != 0 {
        dst.push(b'.');
        while mant != 0 {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        dst.push(b'.');
        for _ in 0..prec {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    dst.push(if fmt == b'X' { b'P' } else { b'p' });
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 100 {
        dst.push(b'0' + (exp / 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    } else if exp < 1000 {
        dst.push(b'0' + (exp / 100) as u8);
        dst.push(b'0' + (exp / 10 % 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    } else {
        dst.push(b'0' + (exp / 1000 % 10) as u8);
        dst.push(b'0' + (exp / 100 % 10) as u8);
        dst.push(b'0' + (exp / 10 % 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    }
    dst
}

// ---------------------------------------------------------------------------
// fmt: the printer

const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";
const NIL_ANGLE: &[u8] = b"<nil>";
const NIL_PAREN: &[u8] = b"(nil)";

/// Go's `tooLarge` bound on widths, precisions and argument numbers.
const TOO_LARGE: i64 = 1_000_000;

fn too_large(x: i64) -> bool {
    !(-TOO_LARGE..=TOO_LARGE).contains(&x)
}

/// Go's `parsenum`: a decimal number in `s[start..end]`.
fn parsenum(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0i64;
    let mut isnum = false;
    let mut i = start;
    while i < end && s[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end);
        }
        num = num * 10 + i64::from(s[i] - b'0');
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

/// Go's `parseArgNumber`: `[n]` at the start of `format`.
fn parse_arg_number(format: &[u8]) -> (i64, usize, bool) {
    if format.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..format.len() {
        if format[i] == b']' {
            let (width, ok, newi) = parsenum(format, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (width - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

/// Go's `intFromArg`: the operand of a `*` width or precision.
fn int_from_arg(a: &[FmtArg], arg_num: usize) -> (i64, bool, usize) {
    if arg_num >= a.len() {
        return (0, false, arg_num);
    }
    let (mut num, mut is_int) = match strip(&a[arg_num].value) {
        FmtValue::Int(i) => (*i, true),
        FmtValue::Uint(u) => match i64::try_from(*u) {
            Ok(i) => (i, true),
            Err(_) => (0, false),
        },
        _ => (0, false),
    };
    if too_large(num) {
        num = 0;
        is_int = false;
    }
    (num, is_int, arg_num + 1)
}

/// The value without its `Error()`/`String()` wrapper (its reflect kind).
fn strip(v: &FmtValue) -> &FmtValue {
    match v {
        FmtValue::Methods { inner, .. } => strip(inner),
        other => other,
    }
}

fn is_basic(v: &FmtValue) -> bool {
    matches!(v, FmtValue::Bool(_) | FmtValue::Int(_) | FmtValue::Uint(_) | FmtValue::Float(_) | FmtValue::Str(_))
}

/// Whether a slice or array type has element kind uint8.
fn elem_is_uint8(t: &str, elems: &[FmtArg]) -> bool {
    if let Some(rest) = t.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((_, elem)) => elem == "uint8",
            None => false,
        };
    }
    // A named slice type: judge by the elements.
    !elems.is_empty() && elems.iter().all(|e| e.type_name == "uint8")
}

fn collect_bytes(elems: &[FmtArg]) -> Option<Vec<u8>> {
    elems
        .iter()
        .map(|e| match strip(&e.value) {
            FmtValue::Uint(u) => u8::try_from(*u).ok(),
            _ => None,
        })
        .collect()
}

fn kind_rank(v: &FmtValue) -> u8 {
    match v {
        FmtValue::Nil => 0,
        FmtValue::Bool(_) => 1,
        FmtValue::Int(_) => 2,
        FmtValue::Uint(_) => 3,
        FmtValue::Float(_) => 4,
        FmtValue::Str(_) => 5,
        FmtValue::Slice(_) => 6,
        FmtValue::Array(_) => 7,
        FmtValue::Map(_) => 8,
        FmtValue::Struct(_) => 9,
        FmtValue::Pointer { .. } => 10,
        FmtValue::Func { .. } => 11,
        FmtValue::Methods { inner, .. } => kind_rank(inner),
    }
}

fn float_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Map key order of Go's `internal/fmtsort` (made total so sorting never panics).
fn compare_keys(a: &FmtArg, b: &FmtArg) -> Ordering {
    let (av, bv) = (strip(&a.value), strip(&b.value));
    match (av, bv) {
        (FmtValue::Nil, FmtValue::Nil) => return Ordering::Equal,
        (FmtValue::Nil, _) => return Ordering::Less,
        (_, FmtValue::Nil) => return Ordering::Greater,
        _ => {}
    }
    let by_type = a.type_name.cmp(&b.type_name).then(kind_rank(av).cmp(&kind_rank(bv)));
    if by_type != Ordering::Equal {
        return by_type;
    }
    match (av, bv) {
        (FmtValue::Bool(x), FmtValue::Bool(y)) => x.cmp(y),
        (FmtValue::Int(x), FmtValue::Int(y)) => x.cmp(y),
        (FmtValue::Uint(x), FmtValue::Uint(y)) => x.cmp(y),
        (FmtValue::Float(x), FmtValue::Float(y)) => float_cmp(*x, *y),
        (FmtValue::Str(x), FmtValue::Str(y)) => x.cmp(y),
        (FmtValue::Pointer { addr: x, .. }, FmtValue::Pointer { addr: y, .. }) => x.cmp(y),
        (FmtValue::Func { addr: x }, FmtValue::Func { addr: y }) => x.cmp(y),
        (FmtValue::Array(x), FmtValue::Array(y)) => compare_seq(x.iter(), y.iter()),
        (FmtValue::Struct(x), FmtValue::Struct(y)) => compare_seq(x.iter().map(|f| &f.1), y.iter().map(|f| &f.1)),
        _ => Ordering::Equal,
    }
}

fn compare_seq<'a>(mut x: impl Iterator<Item = &'a FmtArg>, mut y: impl Iterator<Item = &'a FmtArg>) -> Ordering {
    loop {
        match (x.next(), y.next()) {
            (Some(a), Some(b)) => {
                let c = compare_keys(a, b);
                if c != Ordering::Equal {
                    return c;
                }
            }
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
        }
    }
}

/// The operand being printed, for `%!verb(type=value)`; `None` is a nil interface.
type Ctx<'a> = Option<(&'a str, &'a FmtValue)>;

/// Go's `fmtFlags`.
#[derive(Clone, Copy, Default)]
struct Flags {
    wid_present: bool,
    prec_present: bool,
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    plus_v: bool,
    sharp_v: bool,
}

/// Go's `pp` and `fmt` merged.
struct Printer {
    buf: Vec<u8>,
    fl: Flags,
    wid: i64,
    prec: i64,
    erroring: bool,
    reordered: bool,
    good_arg_num: bool,
    /// Set by [`operands_printed_with_methods`]: `do_printf` prints nothing and marks
    /// here the operands some verb would call `Error()`/`String()` for.
    probe: Option<Vec<bool>>,
}

impl Printer {
    fn new() -> Printer {
        Printer {
            buf: Vec::new(),
            fl: Flags::default(),
            wid: 0,
            prec: 0,
            erroring: false,
            reordered: false,
            good_arg_num: true,
            probe: None,
        }
    }

    /// Print operand `i` of `a` with `verb` (`do_printf`'s one way to print an operand).
    fn print_operand(&mut self, a: &[FmtArg], i: usize, verb: char) {
        if let Some(marks) = &mut self.probe {
            // Go's handleMethods: Error() or String() for these verbs, never for %#v.
            marks[i] |= !self.fl.sharp_v && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q');
            return;
        }
        self.print_arg(&a[i], verb);
    }

    // --- fmt/format.go -----------------------------------------------------

    fn write_padding(&mut self, n: i64) {
        if n <= 0 {
            return;
        }
        let b = if self.fl.zero { b'0' } else { b' ' };
        let n = usize::try_from(n).unwrap_or(0);
        self.buf.resize(self.buf.len() + n, b);
    }

    fn pad(&mut self, b: &[u8]) {
        if !self.fl.wid_present || self.wid == 0 {
            self.buf.extend_from_slice(b);
            return;
        }
        let width = self.wid - rune_count(b) as i64;
        if !self.fl.minus {
            self.write_padding(width);
            self.buf.extend_from_slice(b);
        } else {
            self.buf.extend_from_slice(b);
            self.write_padding(width);
        }
    }

    fn fmt_boolean(&mut self, v: bool) {
        self.pad(if v { b"true" } else { b"false" });
    }

    fn fmt_unicode(&mut self, u: u64) {
        let mut prec: i64 = 4;
        if self.fl.prec_present && self.prec > 4 {
            prec = self.prec;
        }
        let hex = format!("{u:X}");
        let mut out = Vec::with_capacity(hex.len() + 12);
        out.extend_from_slice(b"U+");
        let zeros = usize::try_from(prec - hex.len() as i64).unwrap_or(0);
        out.resize(out.len() + zeros, b'0');
        out.extend_from_slice(hex.as_bytes());
        if self.fl.sharp && u <= MAX_RUNE && is_print(u as u32) {
            out.extend_from_slice(b" '");
            push_rune(&mut out, u as u32);
            out.push(b'\'');
        }
        let old_zero = self.fl.zero;
        self.fl.zero = false;
        self.pad(&out);
        self.fl.zero = old_zero;
    }

    fn fmt_integer_base(&mut self, u: u64, base: u64, is_signed: bool, verb: char, digits: &[u8; 17]) {
        let negative = is_signed && (u as i64) < 0;
        let mut u = if negative { u.wrapping_neg() } else { u };
        let mut prec: i64 = 0;
        if self.fl.prec_present {
            prec = self.prec;
            if prec == 0 && u == 0 {
                let old_zero = self.fl.zero;
                self.fl.zero = false;
                self.write_padding(self.wid);
                self.fl.zero = old_zero;
                return;
            }
        } else if self.fl.zero && self.fl.wid_present {
            prec = self.wid;
            if negative || self.fl.plus || self.fl.space {
                prec -= 1;
            }
        }
        // Built right to left, reversed at the end.
        let mut rev: Vec<u8> = Vec::with_capacity(24);
        loop {
            rev.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while (rev.len() as i64) < prec {
            rev.push(b'0');
        }
        if self.fl.sharp {
            match base {
                2 => rev.extend_from_slice(b"b0"),
                8 if rev.last() != Some(&b'0') => rev.push(b'0'),
                16 => {
                    rev.push(digits[16]);
                    rev.push(b'0');
                }
                _ => {}
            }
        }
        if verb == 'O' {
            rev.extend_from_slice(b"o0");
        }
        if negative {
            rev.push(b'-');
        } else if self.fl.plus {
            rev.push(b'+');
        } else if self.fl.space {
            rev.push(b' ');
        }
        rev.reverse();
        let old_zero = self.fl.zero;
        self.fl.zero = false;
        self.pad(&rev);
        self.fl.zero = old_zero;
    }

    fn truncate<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        if self.fl.prec_present {
            let mut n = self.prec;
            let mut i = 0;
            while i < b.len() {
                n -= 1;
                if n < 0 {
                    return &b[..i];
                }
                let (_, w) = decode_rune(&b[i..]);
                i += w.max(1);
            }
        }
        b
    }

    fn fmt_s(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        self.pad(s);
    }

    fn fmt_sbx(&mut self, s: &[u8], digits: &[u8; 17]) {
        let mut length = s.len() as i64;
        if self.fl.prec_present && self.prec < length {
            length = self.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.fl.space {
                if self.fl.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.fl.sharp {
                width += 2;
            }
        } else {
            if self.fl.wid_present {
                self.write_padding(self.wid);
            }
            return;
        }
        if self.fl.wid_present && self.wid > width && !self.fl.minus {
            self.write_padding(self.wid - width);
        }
        if self.fl.sharp {
            self.buf.push(b'0');
            self.buf.push(digits[16]);
        }
        let length = usize::try_from(length).unwrap_or(0).min(s.len());
        for (i, &c) in s[..length].iter().enumerate() {
            if self.fl.space && i > 0 {
                self.buf.push(b' ');
                if self.fl.sharp {
                    self.buf.push(b'0');
                    self.buf.push(digits[16]);
                }
            }
            self.buf.push(digits[usize::from(c >> 4)]);
            self.buf.push(digits[usize::from(c & 0xF)]);
        }
        if self.fl.wid_present && self.wid > width && self.fl.minus {
            self.write_padding(self.wid - width);
        }
    }

    fn fmt_q(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        if self.fl.sharp && can_backquote(s) {
            let mut q = Vec::with_capacity(s.len() + 2);
            q.push(b'`');
            q.extend_from_slice(s);
            q.push(b'`');
            self.pad(&q);
            return;
        }
        let mut q = Vec::with_capacity(s.len() + 2);
        append_quoted_with(&mut q, s, b'"', self.fl.plus);
        self.pad(&q);
    }

    fn fmt_c(&mut self, c: u64) {
        let r = if c > MAX_RUNE { RUNE_ERROR } else { c as u32 };
        let mut out = Vec::with_capacity(4);
        push_rune(&mut out, r);
        self.pad(&out);
    }

    fn fmt_qc(&mut self, c: u64) {
        let r = if c > MAX_RUNE { RUNE_ERROR } else { c as u32 };
        let mut out = Vec::with_capacity(8);
        append_quoted_rune_with(&mut out, r, b'\'', self.fl.plus);
        self.pad(&out);
    }

    fn fmt_float_verb(&mut self, v: f64, verb: u8, prec: i64) {
        let prec = if self.fl.prec_present { self.prec } else { prec };
        let s = append_float(v, verb, prec);
        let mut num: Vec<u8> = Vec::with_capacity(s.len() + 1);
        if matches!(s.first(), Some(b'-') | Some(b'+')) {
            num.extend_from_slice(&s);
        } else {
            num.push(b'+');
            num.extend_from_slice(&s);
        }
        if self.fl.space && num[0] == b'+' && !self.fl.plus {
            num[0] = b' ';
        }
        let second = num.get(1).copied().unwrap_or(b'0');
        if second == b'I' || second == b'N' {
            let old_zero = self.fl.zero;
            self.fl.zero = false;
            if second == b'N' && !self.fl.space && !self.fl.plus {
                num.remove(0);
            }
            self.pad(&num);
            self.fl.zero = old_zero;
            return;
        }
        if self.fl.sharp && verb != b'b' {
            let mut digits: i64 = 0;
            if matches!(verb, b'v' | b'g' | b'G' | b'x') {
                digits = prec;
                if digits == -1 {
                    digits = 6;
                }
            }
            let mut tail: Vec<u8> = Vec::new();
            let mut has_decimal_point = false;
            let mut saw_nonzero_digit = false;
            let mut i = 1;
            while i < num.len() {
                match num[i] {
                    b'.' => has_decimal_point = true,
                    b'p' | b'P' => {
                        tail.extend_from_slice(&num[i..]);
                        num.truncate(i);
                    }
                    b'e' | b'E' if verb != b'x' && verb != b'X' => {
                        tail.extend_from_slice(&num[i..]);
                        num.truncate(i);
                    }
                    c => {
                        if c != b'0' {
                            saw_nonzero_digit = true;
                        }
                        if saw_nonzero_digit {
                            digits -= 1;
                        }
                    }
                }
                i += 1;
            }
            if !has_decimal_point {
                if num.len() == 2 && num[1] == b'0' {
                    digits -= 1;
                }
                num.push(b'.');
            }
            while digits > 0 {
                num.push(b'0');
                digits -= 1;
            }
            num.extend_from_slice(&tail);
        }
        if self.fl.plus || num[0] != b'+' {
            if self.fl.zero && self.fl.wid_present && self.wid > num.len() as i64 {
                self.buf.push(num[0]);
                self.write_padding(self.wid - num.len() as i64);
                self.buf.extend_from_slice(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }

    // --- fmt/print.go ------------------------------------------------------

    fn push_verb(&mut self, verb: char) {
        let mut tmp = [0u8; 4];
        self.buf.extend_from_slice(verb.encode_utf8(&mut tmp).as_bytes());
    }

    fn bad_verb(&mut self, verb: char, ctx: Ctx) {
        self.erroring = true;
        self.buf.extend_from_slice(b"%!");
        self.push_verb(verb);
        self.buf.push(b'(');
        match ctx {
            Some((t, v)) => {
                self.buf.extend_from_slice(t.as_bytes());
                self.buf.push(b'=');
                self.print_kind(t, v, 'v', 0);
            }
            None => self.buf.extend_from_slice(NIL_ANGLE),
        }
        self.buf.push(b')');
        self.erroring = false;
    }

    fn fmt_bool(&mut self, v: bool, verb: char, ctx: Ctx) {
        match verb {
            't' | 'v' => self.fmt_boolean(v),
            _ => self.bad_verb(verb, ctx),
        }
    }

    fn fmt_0x64(&mut self, v: u64, leading0x: bool) {
        let sharp = self.fl.sharp;
        self.fl.sharp = leading0x;
        self.fmt_integer_base(v, 16, false, 'v', LDIGITS);
        self.fl.sharp = sharp;
    }

    fn fmt_integer(&mut self, v: u64, is_signed: bool, verb: char, ctx: Ctx) {
        match verb {
            'v' => {
                if self.fl.sharp_v && !is_signed {
                    self.fmt_0x64(v, true);
                } else {
                    self.fmt_integer_base(v, 10, is_signed, verb, LDIGITS);
                }
            }
            'd' => self.fmt_integer_base(v, 10, is_signed, verb, LDIGITS),
            'b' => self.fmt_integer_base(v, 2, is_signed, verb, LDIGITS),
            'o' | 'O' => self.fmt_integer_base(v, 8, is_signed, verb, LDIGITS),
            'x' => self.fmt_integer_base(v, 16, is_signed, verb, LDIGITS),
            'X' => self.fmt_integer_base(v, 16, is_signed, verb, UDIGITS),
            'c' => self.fmt_c(v),
            'q' => self.fmt_qc(v),
            'U' => self.fmt_unicode(v),
            _ => self.bad_verb(verb, ctx),
        }
    }

    fn fmt_float(&mut self, v: f64, verb: char, ctx: Ctx) {
        match verb {
            'v' => self.fmt_float_verb(v, b'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt_float_verb(v, verb as u8, -1),
            'f' | 'e' | 'E' => self.fmt_float_verb(v, verb as u8, 6),
            'F' => self.fmt_float_verb(v, b'f', 6),
            _ => self.bad_verb(verb, ctx),
        }
    }

    fn fmt_string(&mut self, s: &[u8], verb: char, ctx: Ctx) {
        match verb {
            'v' => {
                if self.fl.sharp_v {
                    self.fmt_q(s);
                } else {
                    self.fmt_s(s);
                }
            }
            's' => self.fmt_s(s),
            'x' => self.fmt_sbx(s, LDIGITS),
            'X' => self.fmt_sbx(s, UDIGITS),
            'q' => self.fmt_q(s),
            _ => self.bad_verb(verb, ctx),
        }
    }

    /// Go's `fmtBytes`; `orig` is the slice or array the bytes came from.
    fn fmt_bytes(&mut self, is_nil: bool, v: &[u8], verb: char, type_string: &str, orig: &FmtValue) {
        match verb {
            'v' | 'd' => {
                if self.fl.sharp_v {
                    self.buf.extend_from_slice(type_string.as_bytes());
                    if is_nil {
                        self.buf.extend_from_slice(NIL_PAREN);
                        return;
                    }
                    self.buf.push(b'{');
                    for (i, &c) in v.iter().enumerate() {
                        if i > 0 {
                            self.buf.extend_from_slice(b", ");
                        }
                        self.fmt_0x64(u64::from(c), true);
                    }
                    self.buf.push(b'}');
                } else {
                    self.buf.push(b'[');
                    for (i, &c) in v.iter().enumerate() {
                        if i > 0 {
                            self.buf.push(b' ');
                        }
                        self.fmt_integer_base(u64::from(c), 10, false, verb, LDIGITS);
                    }
                    self.buf.push(b']');
                }
            }
            's' => self.fmt_s(v),
            'x' => self.fmt_sbx(v, LDIGITS),
            'X' => self.fmt_sbx(v, UDIGITS),
            'q' => self.fmt_q(v),
            _ => self.print_value("[]uint8", orig, verb, 0),
        }
    }

    fn fmt_pointer(&mut self, t: &str, v: &FmtValue, verb: char) {
        let u = match strip(v) {
            FmtValue::Pointer { addr, .. } | FmtValue::Func { addr } => *addr,
            // The data pointer of a slice or map is not part of the value tree.
            FmtValue::Slice(_) | FmtValue::Map(_) => 0,
            _ => {
                self.bad_verb(verb, Some((t, v)));
                return;
            }
        };
        match verb {
            'v' => {
                if self.fl.sharp_v {
                    self.buf.push(b'(');
                    self.buf.extend_from_slice(t.as_bytes());
                    self.buf.extend_from_slice(b")(");
                    if u == 0 {
                        self.buf.extend_from_slice(b"nil");
                    } else {
                        self.fmt_0x64(u, true);
                    }
                    self.buf.push(b')');
                } else if u == 0 {
                    self.pad(NIL_ANGLE);
                } else {
                    self.fmt_0x64(u, !self.fl.sharp);
                }
            }
            'p' => self.fmt_0x64(u, !self.fl.sharp),
            'b' | 'o' | 'd' | 'x' | 'X' => self.fmt_integer(u, false, verb, Some((t, v))),
            _ => self.bad_verb(verb, Some((t, v))),
        }
    }

    /// Go's `handleMethods` for `Error()`/`String()` (and the `%w` rejection).
    fn handle_methods(&mut self, t: &str, v: &FmtValue, verb: char) -> bool {
        if self.erroring {
            return false;
        }
        if verb == 'w' {
            // Sprintf never wraps errors.
            self.bad_verb(verb, Some((t, v)));
            return true;
        }
        if let FmtValue::Methods { text, .. } = v {
            if !self.fl.sharp_v && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
                self.fmt_string(text, verb, Some((t, v)));
                return true;
            }
        }
        false
    }

    fn print_arg(&mut self, arg: &FmtArg, verb: char) {
        let t = arg.type_name.as_str();
        let v = &arg.value;
        if let FmtValue::Nil = v {
            match verb {
                'T' | 'v' => self.pad(NIL_ANGLE),
                _ => self.bad_verb(verb, None),
            }
            return;
        }
        match verb {
            'T' => {
                self.fmt_s(t.as_bytes());
                return;
            }
            'p' => {
                self.fmt_pointer(t, v, 'p');
                return;
            }
            _ => {}
        }
        if t == "[]uint8" {
            if let FmtValue::Slice(elems) = v {
                if let Some(bytes) = collect_bytes(elems.as_deref().unwrap_or(&[])) {
                    self.fmt_bytes(elems.is_none(), &bytes, verb, "[]byte", v);
                    return;
                }
            }
        }
        if !is_basic(v) && self.handle_methods(t, v, verb) {
            return;
        }
        self.print_kind(t, v, verb, 0);
    }

    fn print_value(&mut self, t: &str, v: &FmtValue, verb: char, depth: u32) {
        if depth > 0 && !matches!(v, FmtValue::Nil) && self.handle_methods(t, v, verb) {
            return;
        }
        self.print_kind(t, v, verb, depth);
    }

    /// The body of Go's `printValue`, after method handling.
    fn print_kind(&mut self, t: &str, v: &FmtValue, verb: char, depth: u32) {
        let ctx = Some((t, v));
        match v {
            FmtValue::Methods { inner, .. } => self.print_kind(t, inner, verb, depth),
            FmtValue::Nil => {
                if self.fl.sharp_v {
                    self.buf.extend_from_slice(t.as_bytes());
                    self.buf.extend_from_slice(NIL_PAREN);
                } else {
                    self.buf.extend_from_slice(NIL_ANGLE);
                }
            }
            FmtValue::Bool(b) => self.fmt_bool(*b, verb, ctx),
            FmtValue::Int(i) => self.fmt_integer(*i as u64, true, verb, ctx),
            FmtValue::Uint(u) => self.fmt_integer(*u, false, verb, ctx),
            FmtValue::Float(f) => self.fmt_float(*f, verb, ctx),
            FmtValue::Str(s) => self.fmt_string(s, verb, ctx),
            FmtValue::Map(m) => {
                if self.fl.sharp_v {
                    self.buf.extend_from_slice(t.as_bytes());
                    if m.is_none() {
                        self.buf.extend_from_slice(NIL_PAREN);
                        return;
                    }
                    self.buf.push(b'{');
                } else {
                    self.buf.extend_from_slice(b"map[");
                }
                let mut sorted: Vec<&(FmtArg, FmtArg)> = m.iter().flatten().collect();
                sorted.sort_by(|a, b| compare_keys(&a.0, &b.0));
                for (i, (key, val)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        if self.fl.sharp_v {
                            self.buf.extend_from_slice(b", ");
                        } else {
                            self.buf.push(b' ');
                        }
                    }
                    self.print_value(&key.type_name, &key.value, verb, depth + 1);
                    self.buf.push(b':');
                    self.print_value(&val.type_name, &val.value, verb, depth + 1);
                }
                self.buf.push(if self.fl.sharp_v { b'}' } else { b']' });
            }
            FmtValue::Struct(fields) => {
                if self.fl.sharp_v {
                    self.buf.extend_from_slice(t.as_bytes());
                }
                self.buf.push(b'{');
                for (i, (name, field)) in fields.iter().enumerate() {
                    if i > 0 {
                        if self.fl.sharp_v {
                            self.buf.extend_from_slice(b", ");
                        } else {
                            self.buf.push(b' ');
                        }
                    }
                    if (self.fl.plus_v || self.fl.sharp_v) && !name.is_empty() {
                        self.buf.extend_from_slice(name.as_bytes());
                        self.buf.push(b':');
                    }
                    self.print_value(&field.type_name, &field.value, verb, depth + 1);
                }
                self.buf.push(b'}');
            }
            FmtValue::Slice(_) | FmtValue::Array(_) => {
                let (is_nil, elems): (bool, &[FmtArg]) = match v {
                    FmtValue::Slice(Some(e)) | FmtValue::Array(e) => (false, e),
                    _ => (true, &[]),
                };
                if matches!(verb, 's' | 'q' | 'x' | 'X') && elem_is_uint8(t, elems) {
                    if let Some(bytes) = collect_bytes(elems) {
                        self.fmt_bytes(is_nil, &bytes, verb, t, v);
                        return;
                    }
                }
                if self.fl.sharp_v {
                    self.buf.extend_from_slice(t.as_bytes());
                    if is_nil {
                        self.buf.extend_from_slice(NIL_PAREN);
                        return;
                    }
                    self.buf.push(b'{');
                    for (i, e) in elems.iter().enumerate() {
                        if i > 0 {
                            self.buf.extend_from_slice(b", ");
                        }
                        self.print_value(&e.type_name, &e.value, verb, depth + 1);
                    }
                    self.buf.push(b'}');
                } else {
                    self.buf.push(b'[');
                    for (i, e) in elems.iter().enumerate() {
                        if i > 0 {
                            self.buf.push(b' ');
                        }
                        self.print_value(&e.type_name, &e.value, verb, depth + 1);
                    }
                    self.buf.push(b']');
                }
            }
            FmtValue::Pointer { addr, target } => {
                if depth == 0 && *addr != 0 {
                    if let Some(target) = target {
                        if matches!(
                            strip(&target.value),
                            FmtValue::Array(_) | FmtValue::Slice(_) | FmtValue::Struct(_) | FmtValue::Map(_)
                        ) {
                            self.buf.push(b'&');
                            self.print_value(&target.type_name, &target.value, verb, depth + 1);
                            return;
                        }
                    }
                }
                self.fmt_pointer(t, v, verb);
            }
            FmtValue::Func { .. } => self.fmt_pointer(t, v, verb),
        }
    }

    fn arg_number(&mut self, arg_num: usize, format: &[u8], i: usize, num_args: usize) -> (usize, usize, bool) {
        if format.len() <= i || format[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok {
            if let Ok(index) = usize::try_from(index) {
                if index < num_args {
                    return (index, i + wid, true);
                }
            }
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    fn do_printf(&mut self, format: &[u8], a: &[FmtArg]) {
        let end = format.len();
        let mut arg_num = 0usize;
        let mut after_index;
        self.reordered = false;
        let mut i = 0usize;
        'format_loop: while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.buf.extend_from_slice(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1;
            self.fl = Flags::default();
            while i < end {
                let c = format[i];
                match c {
                    b'#' => self.fl.sharp = true,
                    b'0' => self.fl.zero = !self.fl.minus,
                    b'+' => self.fl.plus = true,
                    b'-' => {
                        self.fl.minus = true;
                        self.fl.zero = false;
                    }
                    b' ' => self.fl.space = true,
                    _ => {
                        if c.is_ascii_lowercase() && arg_num < a.len() {
                            if c == b'v' {
                                self.fl.sharp_v = self.fl.sharp;
                                self.fl.sharp = false;
                                self.fl.plus_v = self.fl.plus;
                                self.fl.plus = false;
                            }
                            self.print_operand(a, arg_num, char::from(c));
                            arg_num += 1;
                            i += 1;
                            continue 'format_loop;
                        }
                        break;
                    }
                }
                i += 1;
            }

            (arg_num, i, after_index) = self.arg_number(arg_num, format, i, a.len());

            if i < end && format[i] == b'*' {
                i += 1;
                let (w, ok, n) = int_from_arg(a, arg_num);
                self.wid = w;
                self.fl.wid_present = ok;
                arg_num = n;
                if !ok {
                    self.buf.extend_from_slice(b"%!(BADWIDTH)");
                }
                if self.wid < 0 {
                    self.wid = -self.wid;
                    self.fl.minus = true;
                    self.fl.zero = false;
                }
                after_index = false;
            } else {
                let (w, ok, ni) = parsenum(format, i, end);
                self.wid = w;
                self.fl.wid_present = ok;
                i = ni;
                if after_index && ok {
                    self.good_arg_num = false;
                }
            }

            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, format, i, a.len());
                if i < end && format[i] == b'*' {
                    i += 1;
                    let (p, ok, n) = int_from_arg(a, arg_num);
                    self.prec = p;
                    self.fl.prec_present = ok;
                    arg_num = n;
                    if self.prec < 0 {
                        self.prec = 0;
                        self.fl.prec_present = false;
                    }
                    if !self.fl.prec_present {
                        self.buf.extend_from_slice(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, ok, ni) = parsenum(format, i, end);
                    self.prec = p;
                    self.fl.prec_present = ok;
                    i = ni;
                    if !ok {
                        self.prec = 0;
                        self.fl.prec_present = true;
                    }
                }
            }

            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, format, i, a.len());
            }

            if i >= end {
                self.buf.extend_from_slice(b"%!(NOVERB)");
                break;
            }

            let (verb, size) = if format[i] < 0x80 { (u32::from(format[i]), 1) } else { decode_rune(&format[i..]) };
            i += size.max(1);
            let verb = char::from_u32(verb).unwrap_or('\u{FFFD}');

            if verb == '%' {
                self.buf.push(b'%');
            } else if !self.good_arg_num {
                self.buf.extend_from_slice(b"%!");
                self.push_verb(verb);
                self.buf.extend_from_slice(b"(BADINDEX)");
            } else if arg_num >= a.len() {
                self.buf.extend_from_slice(b"%!");
                self.push_verb(verb);
                self.buf.extend_from_slice(b"(MISSING)");
            } else {
                if verb == 'v' {
                    self.fl.sharp_v = self.fl.sharp;
                    self.fl.sharp = false;
                    self.fl.plus_v = self.fl.plus;
                    self.fl.plus = false;
                }
                self.print_operand(a, arg_num, verb);
                arg_num += 1;
            }
        }

        if !self.reordered && arg_num < a.len() {
            self.fl = Flags::default();
            self.buf.extend_from_slice(b"%!(EXTRA ");
            for (i, arg) in a.iter().enumerate().skip(arg_num) {
                if i > arg_num {
                    self.buf.extend_from_slice(b", ");
                }
                if let FmtValue::Nil = arg.value {
                    self.buf.extend_from_slice(NIL_ANGLE);
                } else {
                    self.buf.extend_from_slice(arg.type_name.as_bytes());
                    self.buf.push(b'=');
                    self.print_operand(a, i, 'v');
                }
            }
            self.buf.push(b')');
        }
    }

    fn do_print(&mut self, a: &[FmtArg]) {
        let mut prev_string = false;
        for (arg_num, arg) in a.iter().enumerate() {
            let is_string = matches!(strip(&arg.value), FmtValue::Str(_));
            if arg_num > 0 && !is_string && !prev_string {
                self.buf.push(b' ');
            }
            self.print_arg(arg, 'v');
            prev_string = is_string;
        }
    }

    fn do_println(&mut self, a: &[FmtArg]) {
        for (arg_num, arg) in a.iter().enumerate() {
            if arg_num > 0 {
                self.buf.push(b' ');
            }
            self.print_arg(arg, 'v');
        }
        self.buf.push(b'\n');
    }
}

// ---------------------------------------------------------------------------
// strconv/isprint.go (Go 1.19, Unicode 13): printable ranges and exceptions

const IS_PRINT16: &[u16] = &[
    0x0020, 0x007e, 0x00a1, 0x0377, 0x037a, 0x037f, 0x0384, 0x0556, 0x0559, 0x058a, 0x058d, 0x05c7, 0x05d0, 0x05ea,
    0x05ef, 0x05f4, 0x0606, 0x061b, 0x061e, 0x070d, 0x0710, 0x074a, 0x074d, 0x07b1, 0x07c0, 0x07fa, 0x07fd, 0x082d,
    0x0830, 0x085b, 0x085e, 0x086a, 0x08a0, 0x08c7, 0x08d3, 0x098c, 0x098f, 0x0990, 0x0993, 0x09b2, 0x09b6, 0x09b9,
    0x09bc, 0x09c4, 0x09c7, 0x09c8, 0x09cb, 0x09ce, 0x09d7, 0x09d7, 0x09dc, 0x09e3, 0x09e6, 0x09fe, 0x0a01, 0x0a0a,
    0x0a0f, 0x0a10, 0x0a13, 0x0a39, 0x0a3c, 0x0a42, 0x0a47, 0x0a48, 0x0a4b, 0x0a4d, 0x0a51, 0x0a51, 0x0a59, 0x0a5e,
    0x0a66, 0x0a76, 0x0a81, 0x0ab9, 0x0abc, 0x0acd, 0x0ad0, 0x0ad0, 0x0ae0, 0x0ae3, 0x0ae6, 0x0af1, 0x0af9, 0x0b0c,
    0x0b0f, 0x0b10, 0x0b13, 0x0b39, 0x0b3c, 0x0b44, 0x0b47, 0x0b48, 0x0b4b, 0x0b4d, 0x0b55, 0x0b57, 0x0b5c, 0x0b63,
    0x0b66, 0x0b77, 0x0b82, 0x0b8a, 0x0b8e, 0x0b95, 0x0b99, 0x0b9f, 0x0ba3, 0x0ba4, 0x0ba8, 0x0baa, 0x0bae, 0x0bb9,
    0x0bbe, 0x0bc2, 0x0bc6, 0x0bcd, 0x0bd0, 0x0bd0, 0x0bd7, 0x0bd7, 0x0be6, 0x0bfa, 0x0c00, 0x0c39, 0x0c3d, 0x0c4d,
    0x0c55, 0x0c5a, 0x0c60, 0x0c63, 0x0c66, 0x0c6f, 0x0c77, 0x0cb9, 0x0cbc, 0x0ccd, 0x0cd5, 0x0cd6, 0x0cde, 0x0ce3,
    0x0ce6, 0x0cf2, 0x0d00, 0x0d4f, 0x0d54, 0x0d63, 0x0d66, 0x0d96, 0x0d9a, 0x0dbd, 0x0dc0, 0x0dc6, 0x0dca, 0x0dca,
    0x0dcf, 0x0ddf, 0x0de6, 0x0def, 0x0df2, 0x0df4, 0x0e01, 0x0e3a, 0x0e3f, 0x0e5b, 0x0e81, 0x0ebd, 0x0ec0, 0x0ecd,
    0x0ed0, 0x0ed9, 0x0edc, 0x0edf, 0x0f00, 0x0f6c, 0x0f71, 0x0fda, 0x1000, 0x10c7, 0x10cd, 0x10cd, 0x10d0, 0x124d,
    0x1250, 0x125d, 0x1260, 0x128d, 0x1290, 0x12b5, 0x12b8, 0x12c5, 0x12c8, 0x1315, 0x1318, 0x135a, 0x135d, 0x137c,
    0x1380, 0x1399, 0x13a0, 0x13f5, 0x13f8, 0x13fd, 0x1400, 0x169c, 0x16a0, 0x16f8, 0x1700, 0x1714, 0x1720, 0x1736,
    0x1740, 0x1753, 0x1760, 0x1773, 0x1780, 0x17dd, 0x17e0, 0x17e9, 0x17f0, 0x17f9, 0x1800, 0x180d, 0x1810, 0x1819,
    0x1820, 0x1878, 0x1880, 0x18aa, 0x18b0, 0x18f5, 0x1900, 0x192b, 0x1930, 0x193b, 0x1940, 0x1940, 0x1944, 0x196d,
    0x1970, 0x1974, 0x1980, 0x19ab, 0x19b0, 0x19c9, 0x19d0, 0x19da, 0x19de, 0x1a1b, 0x1a1e, 0x1a7c, 0x1a7f, 0x1a89,
    0x1a90, 0x1a99, 0x1aa0, 0x1aad, 0x1ab0, 0x1ac0, 0x1b00, 0x1b4b, 0x1b50, 0x1b7c, 0x1b80, 0x1bf3, 0x1bfc, 0x1c37,
    0x1c3b, 0x1c49, 0x1c4d, 0x1c88, 0x1c90, 0x1cba, 0x1cbd, 0x1cc7, 0x1cd0, 0x1cfa, 0x1d00, 0x1f15, 0x1f18, 0x1f1d,
    0x1f20, 0x1f45, 0x1f48, 0x1f4d, 0x1f50, 0x1f7d, 0x1f80, 0x1fd3, 0x1fd6, 0x1fef, 0x1ff2, 0x1ffe, 0x2010, 0x2027,
    0x2030, 0x205e, 0x2070, 0x2071, 0x2074, 0x209c, 0x20a0, 0x20bf, 0x20d0, 0x20f0, 0x2100, 0x218b, 0x2190, 0x2426,
    0x2440, 0x244a, 0x2460, 0x2b73, 0x2b76, 0x2cf3, 0x2cf9, 0x2d27, 0x2d2d, 0x2d2d, 0x2d30, 0x2d67, 0x2d6f, 0x2d70,
    0x2d7f, 0x2d96, 0x2da0, 0x2e52, 0x2e80, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x2ffb, 0x3001, 0x3096, 0x3099, 0x30ff,
    0x3105, 0x31e3, 0x31f0, 0x9ffc, 0xa000, 0xa48c, 0xa490, 0xa4c6, 0xa4d0, 0xa62b, 0xa640, 0xa6f7, 0xa700, 0xa7bf,
    0xa7c2, 0xa7ca, 0xa7f5, 0xa82c, 0xa830, 0xa839, 0xa840, 0xa877, 0xa880, 0xa8c5, 0xa8ce, 0xa8d9, 0xa8e0, 0xa953,
    0xa95f, 0xa97c, 0xa980, 0xa9d9, 0xa9de, 0xaa36, 0xaa40, 0xaa4d, 0xaa50, 0xaa59, 0xaa5c, 0xaac2, 0xaadb, 0xaaf6,
    0xab01, 0xab06, 0xab09, 0xab0e, 0xab11, 0xab16, 0xab20, 0xab6b, 0xab70, 0xabed, 0xabf0, 0xabf9, 0xac00, 0xd7a3,
    0xd7b0, 0xd7c6, 0xd7cb, 0xd7fb, 0xf900, 0xfa6d, 0xfa70, 0xfad9, 0xfb00, 0xfb06, 0xfb13, 0xfb17, 0xfb1d, 0xfbc1,
    0xfbd3, 0xfd3f, 0xfd50, 0xfd8f, 0xfd92, 0xfdc7, 0xfdf0, 0xfdfd, 0xfe00, 0xfe19, 0xfe20, 0xfe6b, 0xfe70, 0xfefc,
    0xff01, 0xffbe, 0xffc2, 0xffc7, 0xffca, 0xffcf, 0xffd2, 0xffd7, 0xffda, 0xffdc, 0xffe0, 0xffee, 0xfffc, 0xfffd,
];

const IS_NOT_PRINT16: &[u16] = &[
    0x00ad, 0x038b, 0x038d, 0x03a2, 0x0530, 0x0590, 0x06dd, 0x083f, 0x085f, 0x08b5, 0x08e2, 0x0984, 0x09a9, 0x09b1,
    0x09de, 0x0a04, 0x0a29, 0x0a31, 0x0a34, 0x0a37, 0x0a3d, 0x0a5d, 0x0a84, 0x0a8e, 0x0a92, 0x0aa9, 0x0ab1, 0x0ab4,
    0x0ac6, 0x0aca, 0x0b00, 0x0b04, 0x0b29, 0x0b31, 0x0b34, 0x0b5e, 0x0b84, 0x0b91, 0x0b9b, 0x0b9d, 0x0bc9, 0x0c0d,
    0x0c11, 0x0c29, 0x0c45, 0x0c49, 0x0c57, 0x0c8d, 0x0c91, 0x0ca9, 0x0cb4, 0x0cc5, 0x0cc9, 0x0cdf, 0x0cf0, 0x0d0d,
    0x0d11, 0x0d45, 0x0d49, 0x0d80, 0x0d84, 0x0db2, 0x0dbc, 0x0dd5, 0x0dd7, 0x0e83, 0x0e85, 0x0e8b, 0x0ea4, 0x0ea6,
    0x0ec5, 0x0ec7, 0x0f48, 0x0f98, 0x0fbd, 0x0fcd, 0x10c6, 0x1249, 0x1257, 0x1259, 0x1289, 0x12b1, 0x12bf, 0x12c1,
    0x12d7, 0x1311, 0x1680, 0x170d, 0x176d, 0x1771, 0x191f, 0x1a5f, 0x1dfa, 0x1f58, 0x1f5a, 0x1f5c, 0x1f5e, 0x1fb5,
    0x1fc5, 0x1fdc, 0x1ff5, 0x208f, 0x2b96, 0x2c2f, 0x2c5f, 0x2d26, 0x2da7, 0x2daf, 0x2db7, 0x2dbf, 0x2dc7, 0x2dcf,
    0x2dd7, 0x2ddf, 0x2e9a, 0x3040, 0x3130, 0x318f, 0x321f, 0xa9ce, 0xa9ff, 0xab27, 0xab2f, 0xfb37, 0xfb3d, 0xfb3f,
    0xfb42, 0xfb45, 0xfe53, 0xfe67, 0xfe75, 0xffe7,
];

const IS_PRINT32: &[u32] = &[
    0x010000, 0x01004d, 0x010050, 0x01005d, 0x010080, 0x0100fa, 0x010100, 0x010102, 0x010107, 0x010133, 0x010137,
    0x01019c, 0x0101a0, 0x0101a0, 0x0101d0, 0x0101fd, 0x010280, 0x01029c, 0x0102a0, 0x0102d0, 0x0102e0, 0x0102fb,
    0x010300, 0x010323, 0x01032d, 0x01034a, 0x010350, 0x01037a, 0x010380, 0x0103c3, 0x0103c8, 0x0103d5, 0x010400,
    0x01049d, 0x0104a0, 0x0104a9, 0x0104b0, 0x0104d3, 0x0104d8, 0x0104fb, 0x010500, 0x010527, 0x010530, 0x010563,
    0x01056f, 0x01056f, 0x010600, 0x010736, 0x010740, 0x010755, 0x010760, 0x010767, 0x010800, 0x010805, 0x010808,
    0x010838, 0x01083c, 0x01083c, 0x01083f, 0x01089e, 0x0108a7, 0x0108af, 0x0108e0, 0x0108f5, 0x0108fb, 0x01091b,
    0x01091f, 0x010939, 0x01093f, 0x01093f, 0x010980, 0x0109b7, 0x0109bc, 0x0109cf, 0x0109d2, 0x010a06, 0x010a0c,
    0x010a35, 0x010a38, 0x010a3a, 0x010a3f, 0x010a48, 0x010a50, 0x010a58, 0x010a60, 0x010a9f, 0x010ac0, 0x010ae6,
    0x010aeb, 0x010af6, 0x010b00, 0x010b35, 0x010b39, 0x010b55, 0x010b58, 0x010b72, 0x010b78, 0x010b91, 0x010b99,
    0x010b9c, 0x010ba9, 0x010baf, 0x010c00, 0x010c48, 0x010c80, 0x010cb2, 0x010cc0, 0x010cf2, 0x010cfa, 0x010d27,
    0x010d30, 0x010d39, 0x010e60, 0x010ead, 0x010eb0, 0x010eb1, 0x010f00, 0x010f27, 0x010f30, 0x010f59, 0x010fb0,
    0x010fcb, 0x010fe0, 0x010ff6, 0x011000, 0x01104d, 0x011052, 0x01106f, 0x01107f, 0x0110c1, 0x0110d0, 0x0110e8,
    0x0110f0, 0x0110f9, 0x011100, 0x011147, 0x011150, 0x011176, 0x011180, 0x0111f4, 0x011200, 0x01123e, 0x011280,
    0x0112a9, 0x0112b0, 0x0112ea, 0x0112f0, 0x0112f9, 0x011300, 0x01130c, 0x01130f, 0x011310, 0x011313, 0x011344,
    0x011347, 0x011348, 0x01134b, 0x01134d, 0x011350, 0x011350, 0x011357, 0x011357, 0x01135d, 0x011363, 0x011366,
    0x01136c, 0x011370, 0x011374, 0x011400, 0x011461, 0x011480, 0x0114c7, 0x0114d0, 0x0114d9, 0x011580, 0x0115b5,
    0x0115b8, 0x0115dd, 0x011600, 0x011644, 0x011650, 0x011659, 0x011660, 0x01166c, 0x011680, 0x0116b8, 0x0116c0,
    0x0116c9, 0x011700, 0x01171a, 0x01171d, 0x01172b, 0x011730, 0x01173f, 0x011800, 0x01183b, 0x0118a0, 0x0118f2,
    0x0118ff, 0x011906, 0x011909, 0x011909, 0x01190c, 0x011938, 0x01193b, 0x011946, 0x011950, 0x011959, 0x0119a0,
    0x0119a7, 0x0119aa, 0x0119d7, 0x0119da, 0x0119e4, 0x011a00, 0x011a47, 0x011a50, 0x011aa2, 0x011ac0, 0x011af8,
    0x011c00, 0x011c45, 0x011c50, 0x011c6c, 0x011c70, 0x011c8f, 0x011c92, 0x011cb6, 0x011d00, 0x011d36, 0x011d3a,
    0x011d47, 0x011d50, 0x011d59, 0x011d60, 0x011d98, 0x011da0, 0x011da9, 0x011ee0, 0x011ef8, 0x011fb0, 0x011fb0,
    0x011fc0, 0x011ff1, 0x011fff, 0x012399, 0x012400, 0x012474, 0x012480, 0x012543, 0x013000, 0x01342e, 0x014400,
    0x014646, 0x016800, 0x016a38, 0x016a40, 0x016a69, 0x016a6e, 0x016a6f, 0x016ad0, 0x016aed, 0x016af0, 0x016af5,
    0x016b00, 0x016b45, 0x016b50, 0x016b77, 0x016b7d, 0x016b8f, 0x016e40, 0x016e9a, 0x016f00, 0x016f4a, 0x016f4f,
    0x016f87, 0x016f8f, 0x016f9f, 0x016fe0, 0x016fe4, 0x016ff0, 0x016ff1, 0x017000, 0x0187f7, 0x018800, 0x018cd5,
    0x018d00, 0x018d08, 0x01b000, 0x01b11e, 0x01b150, 0x01b152, 0x01b164, 0x01b167, 0x01b170, 0x01b2fb, 0x01bc00,
    0x01bc6a, 0x01bc70, 0x01bc7c, 0x01bc80, 0x01bc88, 0x01bc90, 0x01bc99, 0x01bc9c, 0x01bc9f, 0x01d000, 0x01d0f5,
    0x01d100, 0x01d126, 0x01d129, 0x01d172, 0x01d17b, 0x01d1e8, 0x01d200, 0x01d245, 0x01d2e0, 0x01d2f3, 0x01d300,
    0x01d356, 0x01d360, 0x01d378, 0x01d400, 0x01d49f, 0x01d4a2, 0x01d4a2, 0x01d4a5, 0x01d4a6, 0x01d4a9, 0x01d50a,
    0x01d50d, 0x01d546, 0x01d54a, 0x01d6a5, 0x01d6a8, 0x01d7cb, 0x01d7ce, 0x01da8b, 0x01da9b, 0x01daaf, 0x01e000,
    0x01e018, 0x01e01b, 0x01e02a, 0x01e100, 0x01e12c, 0x01e130, 0x01e13d, 0x01e140, 0x01e149, 0x01e14e, 0x01e14f,
    0x01e2c0, 0x01e2f9, 0x01e2ff, 0x01e2ff, 0x01e800, 0x01e8c4, 0x01e8c7, 0x01e8d6, 0x01e900, 0x01e94b, 0x01e950,
    0x01e959, 0x01e95e, 0x01e95f, 0x01ec71, 0x01ecb4, 0x01ed01, 0x01ed3d, 0x01ee00, 0x01ee24, 0x01ee27, 0x01ee3b,
    0x01ee42, 0x01ee42, 0x01ee47, 0x01ee54, 0x01ee57, 0x01ee64, 0x01ee67, 0x01ee9b, 0x01eea1, 0x01eebb, 0x01eef0,
    0x01eef1, 0x01f000, 0x01f02b, 0x01f030, 0x01f093, 0x01f0a0, 0x01f0ae, 0x01f0b1, 0x01f0f5, 0x01f100, 0x01f1ad,
    0x01f1e6, 0x01f202, 0x01f210, 0x01f23b, 0x01f240, 0x01f248, 0x01f250, 0x01f251, 0x01f260, 0x01f265, 0x01f300,
    0x01f6d7, 0x01f6e0, 0x01f6ec, 0x01f6f0, 0x01f6fc, 0x01f700, 0x01f773, 0x01f780, 0x01f7d8, 0x01f7e0, 0x01f7eb,
    0x01f800, 0x01f80b, 0x01f810, 0x01f847, 0x01f850, 0x01f859, 0x01f860, 0x01f887, 0x01f890, 0x01f8ad, 0x01f8b0,
    0x01f8b1, 0x01f900, 0x01fa53, 0x01fa60, 0x01fa6d, 0x01fa70, 0x01fa74, 0x01fa78, 0x01fa7a, 0x01fa80, 0x01fa86,
    0x01fa90, 0x01faa8, 0x01fab0, 0x01fab6, 0x01fac0, 0x01fac2, 0x01fad0, 0x01fad6, 0x01fb00, 0x01fbca, 0x01fbf0,
    0x01fbf9, 0x020000, 0x02a6dd, 0x02a700, 0x02b734, 0x02b740, 0x02b81d, 0x02b820, 0x02cea1, 0x02ceb0, 0x02ebe0,
    0x02f800, 0x02fa1d, 0x030000, 0x03134a, 0x0e0100, 0x0e01ef,
];

const IS_NOT_PRINT32: &[u16] = &[
    0x000c, 0x0027, 0x003b, 0x003e, 0x018f, 0x039e, 0x0809, 0x0836, 0x0856, 0x08f3, 0x0a04, 0x0a14, 0x0a18, 0x0e7f,
    0x0eaa, 0x10bd, 0x1135, 0x11e0, 0x1212, 0x1287, 0x1289, 0x128e, 0x129e, 0x1304, 0x1329, 0x1331, 0x1334, 0x133a,
    0x145c, 0x1914, 0x1917, 0x1936, 0x1c09, 0x1c37, 0x1ca8, 0x1d07, 0x1d0a, 0x1d3b, 0x1d3e, 0x1d66, 0x1d69, 0x1d8f,
    0x1d92, 0x246f, 0x6a5f, 0x6b5a, 0x6b62, 0xd455, 0xd49d, 0xd4ad, 0xd4ba, 0xd4bc, 0xd4c4, 0xd506, 0xd515, 0xd51d,
    0xd53a, 0xd53f, 0xd545, 0xd551, 0xdaa0, 0xe007, 0xe022, 0xe025, 0xee04, 0xee20, 0xee23, 0xee28, 0xee33, 0xee38,
    0xee3a, 0xee48, 0xee4a, 0xee4c, 0xee50, 0xee53, 0xee58, 0xee5a, 0xee5c, 0xee5e, 0xee60, 0xee63, 0xee6b, 0xee73,
    0xee78, 0xee7d, 0xee7f, 0xee8a, 0xeea4, 0xeeaa, 0xf0c0, 0xf0d0, 0xf979, 0xf9cc, 0xfb93,
];

#[cfg(test)]
mod tests;
