//! Compile-time constant values and Go's exact constant arithmetic (to i128 / f64).

use super::types::{self, TyId, TyKind, Types};
use crate::front::ast::BinOp;

#[derive(Clone, Debug, PartialEq)]
pub enum ConstVal {
    Int(i128),
    Float(f64),
    Bool(bool),
    Str(Vec<u8>),
    Nil,
}

impl ConstVal {
    pub fn as_f64(&self) -> f64 {
        match self {
            ConstVal::Int(i) => *i as f64,
            ConstVal::Float(f) => *f,
            _ => 0.0,
        }
    }

    /// Go's rendering of a constant in messages (`300`, `1.5`, `"s"`, `true`).
    pub fn show(&self) -> String {
        match self {
            ConstVal::Int(i) => i.to_string(),
            ConstVal::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e21 {
                    format!("{}", *f as i128)
                } else {
                    format!("{f}")
                }
            }
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

/// Fold `x op y`; `ty` is the operands' (common) type. Errors are message strings.
pub fn fold_binary(types: &Types, op: BinOp, x: &ConstVal, y: &ConstVal, ty: TyId) -> Result<ConstVal, String> {
    use ConstVal::*;
    let integer = types.is_integer(ty);
    Ok(match (x, y) {
        (Int(a), Int(b)) if integer || !types.is_float(ty) => {
            let (a, b) = (*a, *b);
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
                BinOp::Eq => Bool(a == b),
                BinOp::Ne => Bool(a != b),
                BinOp::Lt => Bool(a < b),
                BinOp::Le => Bool(a <= b),
                BinOp::Gt => Bool(a > b),
                BinOp::Ge => Bool(a >= b),
                _ => return Err(format!("operator {} not defined on constants", op.as_str())),
            }
        }
        (Int(_) | Float(_), Int(_) | Float(_)) => {
            let (a, b) = (x.as_f64(), y.as_f64());
            match op {
                BinOp::Add => Float(a + b),
                BinOp::Sub => Float(a - b),
                BinOp::Mul => Float(a * b),
                BinOp::Div => {
                    if b == 0.0 {
                        return Err("invalid operation: division by zero".into());
                    }
                    Float(a / b)
                }
                BinOp::Eq => Bool(a == b),
                BinOp::Ne => Bool(a != b),
                BinOp::Lt => Bool(a < b),
                BinOp::Le => Bool(a <= b),
                BinOp::Gt => Bool(a > b),
                BinOp::Ge => Bool(a >= b),
                _ => return Err(format!("invalid operation: operator {} not defined on untyped float", op.as_str())),
            }
        }
        (Str(a), Str(b)) => match op {
            BinOp::Add => Str([a.as_slice(), b.as_slice()].concat()),
            BinOp::Eq => Bool(a == b),
            BinOp::Ne => Bool(a != b),
            BinOp::Lt => Bool(a < b),
            BinOp::Le => Bool(a <= b),
            BinOp::Gt => Bool(a > b),
            BinOp::Ge => Bool(a >= b),
            _ => return Err(format!("operator {} not defined on strings", op.as_str())),
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
                ConstVal::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 1e38 => *f as i128,
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
        TyKind::Float | TyKind::UntypedFloat => match v {
            ConstVal::Int(i) => Some(ConstVal::Float(*i as f64)),
            ConstVal::Float(f) => Some(ConstVal::Float(*f)),
            _ => None,
        },
        TyKind::Bool | TyKind::UntypedBool => matches!(v, ConstVal::Bool(_)).then(|| v.clone()),
        TyKind::String | TyKind::UntypedString => matches!(v, ConstVal::Str(_)).then(|| v.clone()),
        TyKind::Interface(_) => Some(v.clone()),
        _ => None,
    }
}

/// The untyped kind a constant naturally has.
pub fn natural_kind(v: &ConstVal) -> TyId {
    match v {
        ConstVal::Int(_) => types::UNTYPED_INT,
        ConstVal::Float(_) => types::UNTYPED_FLOAT,
        ConstVal::Bool(_) => types::UNTYPED_BOOL,
        ConstVal::Str(_) => types::UNTYPED_STRING,
        ConstVal::Nil => types::UNTYPED_NIL,
    }
}
