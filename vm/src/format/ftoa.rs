//! `strconv.FormatFloat` (Go's `ftoa.go`): shortest and fixed-precision decimal digits,
//! laid out in `e`, `f`, `g`, `b` and `x` forms.

use super::print::TOO_LARGE;
use super::quote::LOWERHEX;

/// `strconv.FormatFloat(f, verb, prec, 64)` for `verb` in `e E f g G b x X`;
/// `prec` -1 means the shortest representation that round-trips. Precisions are
/// clamped to 1,000,000 digits.
pub fn format_float(f: f64, verb: u8, prec: i32) -> String {
    let prec = i64::from(prec).min(TOO_LARGE);
    String::from_utf8_lossy(&append_float(f, verb, prec)).into_owned()
}

/// Enough digits for the exact decimal expansion of any float64 (at most 767
/// significant digits, at most 1074 after the decimal point).
pub(super) const EXACT_DIGITS: usize = 1100;

/// Decimal digits of a float: `0.d[0]d[1]... * 10^dp`, trailing zeros trimmed;
/// zero is no digits with `dp` 0.
pub(super) struct Digits {
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
pub(super) fn append_float(v: f64, fmt: u8, prec: i64) -> Vec<u8> {
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

pub(super) fn format_digits(shortest: bool, neg: bool, digs: &Digits, prec: i64, fmt: u8) -> Vec<u8> {
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

pub(super) fn fmt_e(neg: bool, d: &Digits, prec: i64, fmt: u8) -> Vec<u8> {
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

pub(super) fn fmt_f(neg: bool, d: &Digits, prec: i64) -> Vec<u8> {
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
pub(super) fn fmt_b(neg: bool, mant: u64, exp: i64) -> Vec<u8> {
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
pub(super) fn fmt_x(prec: i64, fmt: u8, neg: bool, mut mant: u64, mut exp: i64) -> Vec<u8> {
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
