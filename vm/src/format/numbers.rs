//! `strconv`'s number parsing and `Itoa` (Go's `atoi.go`, `itoa.go`, `atof.go`): what
//! `fmt`-free callers need from `strconv`.

use super::quote::append_quoted_with;

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

pub(super) fn num_error(func: &str, s: &[u8], err: &str) -> Vec<u8> {
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
pub(super) fn parse_int10(s: &[u8]) -> Result<i64, &'static str> {
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
