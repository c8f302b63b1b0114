//! The printer (Go's `fmt/print.go` and `fmt/format.go`): verbs, flags, widths and
//! precisions over a [`FmtArg`](super::FmtArg) tree, `%!verb(...)` errors, map key order.

use std::cmp::Ordering;

use super::ftoa::append_float;
use super::quote::{append_quoted_rune_with, append_quoted_with, can_backquote, is_print};
use super::utf8::{decode_rune, push_rune, rune_count, MAX_RUNE, RUNE_ERROR};
use super::{FmtArg, FmtValue};

pub(super) const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
pub(super) const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";
pub(super) const NIL_ANGLE: &[u8] = b"<nil>";
pub(super) const NIL_PAREN: &[u8] = b"(nil)";

/// Go's `tooLarge` bound on widths, precisions and argument numbers.
pub(super) const TOO_LARGE: i64 = 1_000_000;

pub(super) fn too_large(x: i64) -> bool {
    !(-TOO_LARGE..=TOO_LARGE).contains(&x)
}

/// Go's `parsenum`: a decimal number in `s[start..end]`.
pub(super) fn parsenum(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
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
pub(super) fn parse_arg_number(format: &[u8]) -> (i64, usize, bool) {
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
pub(super) fn int_from_arg(a: &[FmtArg], arg_num: usize) -> (i64, bool, usize) {
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
pub(super) fn strip(v: &FmtValue) -> &FmtValue {
    match v {
        FmtValue::Methods { inner, .. } => strip(inner),
        other => other,
    }
}

pub(super) fn is_basic(v: &FmtValue) -> bool {
    matches!(v, FmtValue::Bool(_) | FmtValue::Int(_) | FmtValue::Uint(_) | FmtValue::Float(_) | FmtValue::Str(_))
}

/// Whether a slice or array type has element kind uint8.
pub(super) fn elem_is_uint8(t: &str, elems: &[FmtArg]) -> bool {
    if let Some(rest) = t.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((_, elem)) => elem == "uint8",
            None => false,
        };
    }
    // A named slice type: judge by the elements.
    !elems.is_empty() && elems.iter().all(|e| e.type_name == "uint8")
}

pub(super) fn collect_bytes(elems: &[FmtArg]) -> Option<Vec<u8>> {
    elems
        .iter()
        .map(|e| match strip(&e.value) {
            FmtValue::Uint(u) => u8::try_from(*u).ok(),
            _ => None,
        })
        .collect()
}

pub(super) fn kind_rank(v: &FmtValue) -> u8 {
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

pub(super) fn float_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Map key order of Go's `internal/fmtsort` (made total so sorting never panics).
pub(super) fn compare_keys(a: &FmtArg, b: &FmtArg) -> Ordering {
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

pub(super) fn compare_seq<'a>(
    mut x: impl Iterator<Item = &'a FmtArg>,
    mut y: impl Iterator<Item = &'a FmtArg>,
) -> Ordering {
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
pub(super) struct Flags {
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
pub(super) struct Printer {
    pub(super) buf: Vec<u8>,
    fl: Flags,
    wid: i64,
    prec: i64,
    erroring: bool,
    reordered: bool,
    good_arg_num: bool,
    /// Set by [`operands_printed_with_methods`]: `do_printf` prints nothing and marks
    /// here the operands some verb would call `Error()`/`String()` for.
    pub(super) probe: Option<Vec<bool>>,
}

impl Printer {
    pub(super) fn new() -> Printer {
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

    pub(super) fn do_printf(&mut self, format: &[u8], a: &[FmtArg]) {
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

    pub(super) fn do_print(&mut self, a: &[FmtArg]) {
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

    pub(super) fn do_println(&mut self, a: &[FmtArg]) {
        for (arg_num, arg) in a.iter().enumerate() {
            if arg_num > 0 {
                self.buf.push(b' ');
            }
            self.print_arg(arg, 'v');
        }
        self.buf.push(b'\n');
    }
}
