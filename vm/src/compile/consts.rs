//! Compile-time constant values and Go's exact constant arithmetic: integers as i128,
//! floating-point constants as exact rationals (so `0.1 + 0.2 == 0.3` and
//! `1e300 * 1e300 / 1e300` hold as in Go), rounded to float64 only when typed.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use super::types::{TyId, TyKind, Types};
use crate::front::ast::BinOp;

/// The subset's integer constants are i128 (Go's are up to 512 bits): what does not fit
/// but would in Go is rejected with this message.
pub const INT_TOO_WIDE: &str = "unsupported: integer constant exceeds 128 bits";

/// Go's bound on untyped integer constants (`types2`: bit length beyond it overflows).
pub const GO_INT_BITS: u64 = 512;

/// Float literals with a decimal exponent beyond this (binary: 4x) are outside the subset
/// (Go approximates them with 512-bit mantissas; exact rationals would grow without bound).
pub const MAX_EXP10: i64 = 10_000;

/// Float constants whose numerator or denominator grows beyond this many bits (about
/// 1e±40000) are outside the subset, for the same reason.
pub const MAX_RAT_BITS: u64 = 1 << 17;

/// An exact rational constant.
#[derive(Clone, Debug, PartialEq)]
pub struct Rat(pub BigRational);

impl Rat {
    /// The decimal value a float literal denotes, recovered from its float64 (the
    /// shortest decimal that round-trips, which is the literal for ordinary literals).
    pub fn from_f64(f: f64) -> Rat {
        if !f.is_finite() {
            return Rat(BigRational::zero());
        }
        let text = format!("{f:e}");
        let (mant, exp) = text.split_once('e').unwrap_or((&text, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let neg = mant.starts_with('-');
        let mant = mant.trim_start_matches('-');
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let digits: BigInt = format!("{int_part}{frac_part}").parse().unwrap_or_default();
        let scale = exp - frac_part.len() as i64;
        let ten = BigInt::from(10);
        let mut r = if scale >= 0 {
            BigRational::from_integer(digits * num_traits::pow(ten, scale as usize))
        } else {
            BigRational::new(digits, num_traits::pow(ten, (-scale) as usize))
        };
        if neg {
            r = -r;
        }
        Rat(r)
    }
    /// The exact value of a float literal's source text (decimal or hexadecimal, with
    /// `_` separators), or the compile error: Go's `malformed constant` for an exponent
    /// beyond what Go represents (a binary exponent beyond 32 bits), the subset's
    /// `unsupported` beyond [`MAX_EXP10`].
    pub fn from_literal(text: &str) -> Result<Rat, String> {
        let malformed = || format!("malformed constant: {text}");
        let r = Rat::exact_literal(text).ok_or_else(malformed)?;
        r.ok_or_else(|| format!("unsupported: float constant {text} (exponent beyond ±{MAX_EXP10})"))
    }

    /// `None`: malformed (in Go's sense); `Some(None)`: beyond the subset's exponents.
    fn exact_literal(text: &str) -> Option<Option<Rat>> {
        let clean: String = text.chars().filter(|c| *c != '_').collect();
        let lower = clean.to_ascii_lowercase();
        let (hex, body) = match lower.strip_prefix("0x") {
            Some(b) => (true, b),
            None => (false, lower.as_str()),
        };
        let (mant, exp) = match body.split_once(if hex { 'p' } else { 'e' }) {
            Some((m, e)) => (m, e.parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let radix = if hex { 16 } else { 10 };
        let digits = format!("{int_part}{frac_part}");
        let digits = if digits.is_empty() { BigInt::zero() } else { BigInt::parse_bytes(digits.as_bytes(), radix)? };
        // value = digits * base^scale
        let (base, scale, bound) = if hex {
            (BigInt::from(2), exp.checked_sub(4 * frac_part.len() as i64)?, 4 * MAX_EXP10)
        } else {
            (BigInt::from(10), exp.checked_sub(frac_part.len() as i64)?, MAX_EXP10)
        };
        // Go's big.Float has a 32-bit binary exponent: 10^e needs e*log2(10) of it.
        let go_limit: u64 = if hex { i32::MAX as u64 } else { 646_456_992 };
        if exp.unsigned_abs() > go_limit {
            return None;
        }
        if digits.is_zero() {
            return Some(Some(Rat(BigRational::zero())));
        }
        if scale.unsigned_abs() > bound as u64 {
            return Some(None);
        }
        let p = num_traits::pow(base, scale.unsigned_abs() as usize);
        Some(Some(Rat(if scale >= 0 { BigRational::from_integer(digits * p) } else { BigRational::new(digits, p) })))
    }
    /// Whether the numerator or denominator has outgrown [`MAX_RAT_BITS`].
    pub fn too_large(&self) -> bool {
        self.0.numer().bits() > MAX_RAT_BITS || self.0.denom().bits() > MAX_RAT_BITS
    }
    /// Go's rendering of an untyped float constant (`%.6g` of the exact value), also
    /// beyond float64's range (`1e+400`).
    pub fn show_g(&self) -> String {
        let f = self.to_f64();
        if f.is_finite() && (f != 0.0 || self.0.is_zero()) {
            return format!("{}", f);
        }
        // |x| = m * 10^e with 1 <= m < 10: find e from the digit counts, then 6 digits.
        let neg = self.0.is_negative();
        let a = self.0.abs();
        let ten = BigRational::from_integer(BigInt::from(10));
        let mut e = a.numer().to_string().len() as i64 - a.denom().to_string().len() as i64;
        let pow = |k: i64| {
            let p = num_traits::pow(ten.clone(), k.unsigned_abs() as usize);
            if k >= 0 {
                p
            } else {
                p.recip()
            }
        };
        while a < pow(e) {
            e -= 1;
        }
        while a >= pow(e + 1) {
            e += 1;
        }
        let scaled = (a / pow(e - 5)).round().to_integer();
        let mut digits = scaled.to_string();
        if digits.len() > 6 {
            // rounding carried into a seventh digit (9.999995 -> 10.0000)
            digits.truncate(6);
            e += 1;
        }
        let (lead, rest) = digits.split_at(1);
        let rest = rest.trim_end_matches('0');
        let mant = if rest.is_empty() { lead.to_string() } else { format!("{lead}.{rest}") };
        format!("{}{mant}e{}{:02}", if neg { "-" } else { "" }, if e < 0 { '-' } else { '+' }, e.abs())
    }
    pub fn from_int(i: i128) -> Rat {
        Rat(BigRational::from_integer(BigInt::from(i)))
    }
    /// Correctly rounded float64 (±Inf beyond range).
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(if self.0.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })
    }
    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }
    pub fn to_i128(&self) -> Option<i128> {
        if self.0.is_integer() {
            self.0.to_integer().to_i128()
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConstVal {
    Int(i128),
    Float(Rat),
    Bool(bool),
    Str(Vec<u8>),
    Nil,
}

impl ConstVal {
    pub fn as_f64(&self) -> f64 {
        match self {
            ConstVal::Int(i) => *i as f64,
            ConstVal::Float(f) => f.to_f64(),
            _ => 0.0,
        }
    }

    /// Go's rendering of a constant in messages (`300`, `1.5`, `"s"`, `true`).
    pub fn show(&self) -> String {
        match self {
            ConstVal::Int(i) => i.to_string(),
            ConstVal::Float(f) => match f.to_i128() {
                Some(i) if i.abs() < 1_000_000_000_000_000_000_000 => i.to_string(),
                _ => f.show_g(),
            },
            ConstVal::Bool(b) => b.to_string(),
            ConstVal::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
            ConstVal::Nil => "nil".into(),
        }
    }
}

/// Rank of untyped numeric kinds: int < rune < float.
fn rank(types: &Types, t: TyId) -> u8 {
    match types.kind(t) {
        TyKind::UntypedInt => 0,
        TyKind::UntypedRune => 1,
        TyKind::UntypedFloat => 2,
        _ => 3,
    }
}

/// The kind of the result of a binary operation on two untyped constants.
pub fn untyped_join(types: &Types, a: TyId, b: TyId) -> TyId {
    if rank(types, a) >= rank(types, b) {
        a
    } else {
        b
    }
}

/// Fold a comparison of two ordered constants; `None` for a non-comparison operator.
fn compare<T: PartialOrd>(op: BinOp, a: &T, b: &T) -> Option<ConstVal> {
    Some(ConstVal::Bool(match op {
        BinOp::Eq => a == b,
        BinOp::Ne => a != b,
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        BinOp::Ge => a >= b,
        _ => return None,
    }))
}

/// Constant strings are concatenated by copying; beyond this length (16 MiB) a constant
/// expression is outside the subset (a chain of them would copy quadratically).
pub const MAX_CONST_STR: usize = 1 << 24;

/// The error for an integer constant `v` outside i128: Go's own beyond 512 bits
/// (`constant multiplication overflow`), the subset's otherwise.
pub fn wide(v: BigInt, op: &str) -> String {
    if v.bits() > GO_INT_BITS {
        format!("constant {op} overflow")
    } else {
        INT_TOO_WIDE.to_string()
    }
}

/// Fold `x op y`; `ty` is the operands' (common) type. Errors are message strings.
pub fn fold_binary(types: &Types, op: BinOp, x: &ConstVal, y: &ConstVal, ty: TyId) -> Result<ConstVal, String> {
    use ConstVal::*;
    let integer = types.is_integer(ty);
    Ok(match (x, y) {
        (Int(a), Int(b)) if integer || !types.is_float(ty) => {
            let (a, b) = (*a, *b);
            if let Some(c) = compare(op, &a, &b) {
                return Ok(c);
            }
            match op {
                BinOp::Add => Int(a.checked_add(b).ok_or_else(|| wide(BigInt::from(a) + b, "addition"))?),
                BinOp::Sub => Int(a.checked_sub(b).ok_or_else(|| wide(BigInt::from(a) - b, "subtraction"))?),
                BinOp::Mul => Int(a.checked_mul(b).ok_or_else(|| wide(BigInt::from(a) * b, "multiplication"))?),
                BinOp::Div => {
                    if b == 0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    Int(a / b)
                }
                BinOp::Rem => {
                    if b == 0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    Int(a % b)
                }
                BinOp::And => Int(a & b),
                BinOp::Or => Int(a | b),
                BinOp::Xor => Int(a ^ b),
                BinOp::AndNot => Int(a & !b),
                _ => return Err(format!("operator {} not defined on constants", op.as_str())),
            }
        }
        (Int(_) | Float(_), Int(_) | Float(_)) => {
            let rat = |v: &ConstVal| match v {
                Int(i) => Rat::from_int(*i).0,
                Float(f) => f.0.clone(),
                _ => BigRational::zero(),
            };
            let (a, b) = (rat(x), rat(y));
            if let Some(c) = compare(op, &a, &b) {
                return Ok(c);
            }
            let r = Rat(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => {
                    if b.is_zero() {
                        return Err("invalid operation: division by zero".into());
                    }
                    a / b
                }
                _ => return Err(format!("invalid operation: operator {} not defined on untyped float", op.as_str())),
            });
            if r.too_large() {
                return Err(format!("unsupported: float constant beyond 1e±{} (exact arithmetic)", 4 * MAX_EXP10));
            }
            Float(r)
        }
        (Str(a), Str(b)) => match op {
            BinOp::Add if a.len() + b.len() > MAX_CONST_STR => {
                return Err(format!("unsupported: string constant longer than {MAX_CONST_STR} bytes"))
            }
            BinOp::Add => Str([a.as_slice(), b.as_slice()].concat()),
            _ => return compare(op, a, b).ok_or_else(|| format!("operator {} not defined on strings", op.as_str())),
        },
        (Bool(a), Bool(b)) => match op {
            BinOp::LogAnd => Bool(*a && *b),
            BinOp::LogOr => Bool(*a || *b),
            BinOp::Eq => Bool(a == b),
            BinOp::Ne => Bool(a != b),
            _ => return Err(format!("operator {} not defined on bool", op.as_str())),
        },
        _ => return Err("invalid constant operation".into()),
    })
}

/// Whether constant `v` is representable in (typed or untyped) type `ty`; returns the
/// value converted to the type's representation.
pub fn represent(types: &Types, v: &ConstVal, ty: TyId) -> Option<ConstVal> {
    let u = types.under(ty);
    match types.kind(u) {
        TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) | TyKind::UntypedInt | TyKind::UntypedRune => {
            let i = match v {
                ConstVal::Int(i) => *i,
                ConstVal::Float(f) => f.to_i128()?,
                _ => return None,
            };
            let ok = match types.kind(u) {
                TyKind::Int => i >= i64::MIN as i128 && i <= i64::MAX as i128,
                TyKind::Byte => (0..=255).contains(&i),
                TyKind::Rune => i >= i32::MIN as i128 && i <= i32::MAX as i128,
                TyKind::IntN(k) if k.signed() => {
                    let half = 1i128 << (k.bits() - 1);
                    (-half..half).contains(&i)
                }
                TyKind::IntN(k) => (0..1i128 << k.bits()).contains(&i),
                _ => true,
            };
            ok.then_some(ConstVal::Int(i))
        }
        TyKind::UntypedFloat => match v {
            ConstVal::Int(i) => Some(ConstVal::Float(Rat::from_int(*i))),
            ConstVal::Float(f) => Some(ConstVal::Float(f.clone())),
            _ => None,
        },
        // A typed float64 constant is rounded to float64 (and must not overflow).
        TyKind::Float => {
            let f = v.as_f64();
            if !f.is_finite() || !matches!(v, ConstVal::Int(_) | ConstVal::Float(_)) {
                return None;
            }
            // The exact binary value of the float64, as Go's typed constants hold it.
            Some(ConstVal::Float(Rat(BigRational::from_float(f)?)))
        }
        TyKind::Bool | TyKind::UntypedBool => matches!(v, ConstVal::Bool(_)).then(|| v.clone()),
        TyKind::String | TyKind::UntypedString => matches!(v, ConstVal::Str(_)).then(|| v.clone()),
        TyKind::Interface(_) => Some(v.clone()),
        _ => None,
    }
}
