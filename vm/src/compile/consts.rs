//! Compile-time constant values and Go's exact constant arithmetic: integers as i128,
//! floating-point constants as exact rationals (so `0.1 + 0.2 == 0.3` and
//! `1e300 * 1e300 / 1e300` hold as in Go), rounded to float64 only when typed.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use super::types::{TyId, TyKind, Types};
use crate::front::ast::BinOp;

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
                _ => format!("{}", f.to_f64()),
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
                BinOp::Add => Int(a.checked_add(b).ok_or("constant overflow")?),
                BinOp::Sub => Int(a.checked_sub(b).ok_or("constant overflow")?),
                BinOp::Mul => Int(a.checked_mul(b).ok_or("constant overflow")?),
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
            match op {
                BinOp::Add => Float(Rat(a + b)),
                BinOp::Sub => Float(Rat(a - b)),
                BinOp::Mul => Float(Rat(a * b)),
                BinOp::Div => {
                    if b.is_zero() {
                        return Err("invalid operation: division by zero".into());
                    }
                    Float(Rat(a / b))
                }
                _ => return Err(format!("invalid operation: operator {} not defined on untyped float", op.as_str())),
            }
        }
        (Str(a), Str(b)) => match op {
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
        TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::UntypedInt | TyKind::UntypedRune => {
            let i = match v {
                ConstVal::Int(i) => *i,
                ConstVal::Float(f) => f.to_i128()?,
                _ => return None,
            };
            let ok = match types.kind(u) {
                TyKind::Int => i >= i64::MIN as i128 && i <= i64::MAX as i128,
                TyKind::Byte => (0..=255).contains(&i),
                TyKind::Rune => i >= i32::MIN as i128 && i <= i32::MAX as i128,
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
