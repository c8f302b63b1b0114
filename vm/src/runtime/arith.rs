//! Integer operations with a Go panic: division and remainder by zero, negative shift
//! amounts. Operands and results are register words (`int`: two's complement).
//!
//! Like the other inline operations with a check (element, field and box access, in
//! `slices`, `strings` and `values`), each is one function that both the dispatch loop
//! and `Vm::exec_op` (the JIT's out-of-line path) call, returning a [`Fault`] for the
//! caller to raise with `Vm::raise` after storing its resume pc.

use crate::runtime::slices::Fault;

/// `DivI`: `x / y`, truncated (`MinInt / -1` wraps to `MinInt`, as in Go).
#[inline(always)]
pub(crate) fn div_i(x: u64, y: u64) -> Result<u64, Fault> {
    if y == 0 {
        return Err(Fault::Divide);
    }
    Ok((x as i64).wrapping_div(y as i64) as u64)
}

/// `RemI`: `x % y`, with the sign of `x` (`MinInt % -1` is 0).
#[inline(always)]
pub(crate) fn rem_i(x: u64, y: u64) -> Result<u64, Fault> {
    if y == 0 {
        return Err(Fault::Divide);
    }
    Ok((x as i64).wrapping_rem(y as i64) as u64)
}

/// `ShlI`: `x << n` (0 once `n >= 64`).
#[inline(always)]
pub(crate) fn shl_i(x: u64, n: u64) -> Result<u64, Fault> {
    let n = n as i64;
    if n < 0 {
        return Err(Fault::Shift);
    }
    Ok(if n >= 64 { 0 } else { x << n })
}

/// `ShrI`: `x >> n`, arithmetic (0 or -1 once `n >= 64`).
#[inline(always)]
pub(crate) fn shr_i(x: u64, n: u64) -> Result<u64, Fault> {
    let n = n as i64;
    if n < 0 {
        return Err(Fault::Shift);
    }
    Ok(((x as i64) >> n.min(63)) as u64)
}

/// `DivU`: `x / y` unsigned.
#[inline(always)]
pub(crate) fn div_u(x: u64, y: u64) -> Result<u64, Fault> {
    if y == 0 {
        return Err(Fault::Divide);
    }
    Ok(x / y)
}

/// `RemU`: `x % y` unsigned.
#[inline(always)]
pub(crate) fn rem_u(x: u64, y: u64) -> Result<u64, Fault> {
    if y == 0 {
        return Err(Fault::Divide);
    }
    Ok(x % y)
}

/// `ShrU`: `x >> n`, logical (0 once `n >= 64`).
#[inline(always)]
pub(crate) fn shr_u(x: u64, n: u64) -> Result<u64, Fault> {
    let n = n as i64;
    if n < 0 {
        return Err(Fault::Shift);
    }
    Ok(if n >= 64 { 0 } else { x >> n })
}

/// `FloatToUint`: amd64's conversion of a float64 to uint64 (what Go compiles): below
/// 2^63 the signed conversion, from 2^63 the signed conversion of `x - 2^63` with the
/// top bit or-ed in; NaN and values out of range give 2^63 (the signed conversion's
/// "indefinite" value).
#[inline(always)]
pub(crate) fn float_to_uint(x: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    let cvt = |v: f64| if v.is_nan() || !(-TWO63..TWO63).contains(&v) { i64::MIN } else { v as i64 };
    if x < TWO63 {
        cvt(x) as u64
    } else {
        (cvt(x - TWO63) as u64) | (1 << 63)
    }
}

/// `UintToFloat`: an unsigned 64-bit integer to the nearest float64 (amd64's halving
/// sequence that Go compiles rounds the same way).
#[inline(always)]
pub(crate) fn uint_to_float(x: u64) -> f64 {
    x as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn w(v: i64) -> u64 {
        v as u64
    }

    #[test]
    fn div_rem_truncate_and_fault_on_zero() {
        assert_eq!(div_i(w(7), w(2)), Ok(3));
        assert_eq!(div_i(w(-7), w(2)), Ok(w(-3)));
        assert_eq!(div_i(w(i64::MIN), w(-1)), Ok(w(i64::MIN)));
        assert_eq!(div_i(w(7), 0), Err(Fault::Divide));
        assert_eq!(rem_i(w(-7), w(2)), Ok(w(-1)));
        assert_eq!(rem_i(w(7), w(-2)), Ok(1));
        assert_eq!(rem_i(w(i64::MIN), w(-1)), Ok(0));
        assert_eq!(rem_i(w(7), 0), Err(Fault::Divide));
        assert_eq!(rem_i(0, 0), Err(Fault::Divide));
    }

    #[test]
    fn shifts_saturate_and_fault_on_negative_amounts() {
        assert_eq!(shl_i(1, 3), Ok(8));
        assert_eq!(shl_i(1, 63), Ok(1 << 63));
        assert_eq!(shl_i(1, 64), Ok(0));
        assert_eq!(shl_i(1, 1000), Ok(0));
        assert_eq!(shl_i(1, w(-1)), Err(Fault::Shift));
        assert_eq!(shr_i(w(-16), 2), Ok(w(-4)));
        assert_eq!(shr_i(16, 2), Ok(4));
        assert_eq!(shr_i(w(-1), 64), Ok(w(-1)));
        assert_eq!(shr_i(w(i64::MAX), 200), Ok(0));
        assert_eq!(shr_i(16, w(i64::MIN)), Err(Fault::Shift));
    }
}
