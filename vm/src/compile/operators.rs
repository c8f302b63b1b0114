//! Operators: unary and binary expressions, with Go's untyped-constant rules (operand
//! unification, folding), integer wrapping for byte and rune, shifts, short-circuit
//! logic, comparisons, and `&x` / `*p`.

use super::consts::{self, ConstVal};
use super::expr::{is_const_syntax, strip_parens};
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{BinOp, Expr, ExprKind, Pos, UnOp};

/// The syntax of one binary operation: the whole expression (for messages), the
/// operator, both operand expressions and the operator's position.
#[derive(Clone, Copy)]
pub struct BinarySyntax<'a> {
    pub whole: &'a Expr,
    pub op: BinOp,
    pub l: &'a Expr,
    pub r: &'a Expr,
    pub op_pos: Pos,
}

impl Compiler {
    // ------------------------------------------------------------ unary

    pub(super) fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr, hint: Option<TyId>) -> R<Val> {
        match op {
            UnOp::Addr => return self.address_of(e, x),
            UnOp::Deref => {
                let v = self.expr(x, None)?;
                self.single(&v, x)?;
                let TyKind::Pointer(inner) = self.types.ukind(v.ty).clone() else {
                    if v.ty == types::UNTYPED_NIL {
                        return err(x.pos, "invalid operation: cannot indirect nil");
                    }
                    return err(x.pos, format!("invalid operation: cannot indirect {}", self.describe(x, &v)));
                };
                let (s, st) = self.materialize(&v)?;
                if self.types.is_aggregate(inner) {
                    // The pointer is the object: `*p` is the same reference, not fresh, so
                    // any store of it copies, and `(*p)[i] = v` writes through.
                    return Ok(Val { ty: inner, loc: Loc::Reg { slot: s, temp: st }, fresh: false });
                }
                let d = self.tmp(inner);
                self.b().emit(Op::BoxGet, d, s, 0);
                if st {
                    self.b().free(s);
                }
                return Ok(Val::reg(inner, d, true));
            }
            UnOp::Recv => return self.receive(e, x, false),
            _ => {}
        }
        let v = self.expr(x, hint)?;
        self.single(&v, x)?;
        if let Loc::Const(c) = &v.loc {
            let r = match (op, c) {
                (UnOp::Neg, ConstVal::Int(i)) if self.types.is_numeric(v.ty) => ConstVal::Int(-*i),
                (UnOp::Neg, ConstVal::Float(f)) => ConstVal::Float(consts::Rat(-f.0.clone())),
                (UnOp::Plus, ConstVal::Int(_) | ConstVal::Float(_)) => c.clone(),
                (UnOp::Not, ConstVal::Bool(b)) => ConstVal::Bool(!*b),
                (UnOp::BitNot, ConstVal::Int(i)) if self.types.is_integer(v.ty) => match self.types.int_info(v.ty) {
                    // ^x of an unsigned constant flips its type's bits.
                    Some((bits, false)) => ConstVal::Int(!*i & ((1i128 << bits) - 1)),
                    _ => ConstVal::Int(!*i),
                },
                _ => {
                    return err(
                        e.pos,
                        format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(x, &v)),
                    )
                }
            };
            if !self.types.is_untyped(v.ty) && consts::represent(&self.types, &r, v.ty).is_none() {
                let t = self.types.name(v.ty);
                return err(e.pos, format!("{} (constant {} of type {t}) overflows {t}", ast_text(e), r.show()));
            }
            return Ok(Val::konst(v.ty, r));
        }
        let u = self.types.ukind(v.ty).clone();
        let (op_code, ok) = match op {
            UnOp::Neg => match u {
                TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) => (Op::NegI, true),
                TyKind::Float => (Op::NegF, true),
                _ => (Op::Nop, false),
            },
            UnOp::Plus => (Op::Move, self.types.is_numeric(v.ty)),
            UnOp::Not => (Op::Not, matches!(u, TyKind::Bool)),
            UnOp::BitNot => (Op::NotI, self.types.int_info(v.ty).is_some()),
            _ => (Op::Nop, false),
        };
        if !ok {
            return err(
                e.pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(x, &v)),
            );
        }
        let (s, st) = self.materialize(&v)?;
        if st {
            self.b().free(s);
        }
        let d = self.b().temp(false);
        self.b().emit(op_code, d, s, 0);
        self.wrap_small(d, v.ty);
        Ok(Val::reg(v.ty, d, true))
    }

    /// Normalise the result of wrapping arithmetic on an integer type narrower than 64
    /// bits: sign-extend (signed) or zero-extend (unsigned) it from its width.
    pub fn wrap_small(&mut self, d: u16, ty: TyId) {
        if let Some(op) = self.types.int_info(ty).and_then(|(bits, signed)| wrap_op(bits, signed)) {
            self.b().emit(op, d, d, 0);
        }
    }

    fn address_of(&mut self, e: &Expr, x: &Expr) -> R<Val> {
        let inner = strip_parens(x);
        match &inner.kind {
            ExprKind::Composite { .. } => {
                let v = self.expr(inner, None)?;
                let pt = self.types.pointer(v.ty);
                if self.types.is_aggregate(v.ty) {
                    return Ok(Val { ty: pt, ..v });
                }
                // &[]int{...} or &map...: a box holding the value.
                let (s, st) = self.materialize(&v)?;
                let d = self.b().temp(true);
                let rt = self.rtype(pt);
                self.b().emit(Op::BoxNew, d, s, rt);
                if st {
                    self.b().free(s);
                }
                Ok(Val::reg(pt, d, true))
            }
            ExprKind::Ident(name) => match self.lookup(name, inner.pos, true)? {
                Entity::Local(v) => {
                    let pt = self.types.pointer(v.ty);
                    if self.types.is_aggregate(v.ty) {
                        let r = self.read_var(&v);
                        return Ok(Val { ty: pt, ..r });
                    }
                    if !v.boxed {
                        return err(e.pos, "internal error: address of unboxed variable");
                    }
                    match v.capture {
                        Some(idx) => {
                            let t = self.b().temp(true);
                            self.b().emit(Op::LoadCapture, t, 0, idx);
                            Ok(Val::reg(pt, t, true))
                        }
                        None => Ok(Val::reg(pt, v.slot, false)),
                    }
                }
                Entity::Global { ty, slot, boxed } => {
                    let pt = self.types.pointer(ty);
                    if !boxed && !self.types.is_aggregate(ty) {
                        return err(e.pos, "internal error: address of unboxed global");
                    }
                    let t = self.b().temp(true);
                    self.b().emit(Op::GetGlobal, t, slot, 0);
                    Ok(Val::reg(pt, t, true))
                }
                _ => err(e.pos, format!("invalid operation: cannot take address of {}", ast_text(x))),
            },
            ExprKind::Selector { .. } | ExprKind::Index { .. } => {
                let v = self.expr(inner, None)?;
                if let ExprKind::Index { expr, .. } = &inner.kind {
                    let _ = expr;
                }
                let map_elem = match &inner.kind {
                    ExprKind::Index { expr: m, .. } => {
                        let t = self.peek_type(m);
                        matches!(self.types.ukind(t), TyKind::Map(..))
                    }
                    _ => false,
                };
                if self.types.is_aggregate(v.ty) && !map_elem {
                    let pt = self.types.pointer(v.ty);
                    return Ok(Val { ty: pt, ..v });
                }
                if let ExprKind::Index { expr: m, .. } = &inner.kind {
                    if let Ok(Val { ty, .. }) = self.expr(m, None) {
                        if matches!(self.types.ukind(ty), TyKind::Map(..)) {
                            return err(
                                x.pos,
                                format!(
                                    "invalid operation: cannot take address of {} (map index expression of type {})",
                                    ast_text(x),
                                    self.types.name(v.ty)
                                ),
                            );
                        }
                    }
                }
                err(e.pos, "unsupported: pointer to non-struct element")
            }
            ExprKind::Unary { op: UnOp::Deref, expr } => {
                let v = self.expr(expr, None)?;
                Ok(v)
            }
            _ => err(e.pos, format!("invalid operation: cannot take address of {}", ast_text(x))),
        }
    }

    // ------------------------------------------------------------ binary

    /// Whether `e` contains a non-constant shift of an untyped constant (`1 << s`) in
    /// an expression that would be an untyped constant if each such shift were
    /// replaced by its left operand (`1<<s | 1<<t`): Go then gives those constants the
    /// type the context would give that constant.
    pub(super) fn is_shift(&mut self, e: &Expr) -> bool {
        self.untyped_shift_shape(e, 0) == Some(true)
    }

    /// `Some(true)`: such a shift; `Some(false)`: an untyped constant; `None`: other.
    /// Syntax and constant names only, nothing evaluated, at most 64 levels deep: it
    /// runs at every level of a binary expression, so it must stay cheap.
    fn untyped_shift_shape(&mut self, e: &Expr, depth: u32) -> Option<bool> {
        if depth > 64 {
            return None;
        }
        match &strip_parens(e).kind {
            ExprKind::IntLit(_) | ExprKind::FloatLit(..) | ExprKind::CharLit(_) => Some(false),
            ExprKind::Ident(n) => match self.lookup(n, e.pos, false) {
                Ok(Entity::Const(t, _)) if self.types.is_untyped(t) => Some(false),
                _ => None,
            },
            ExprKind::Binary { op: BinOp::Shl | BinOp::Shr, lhs, .. } => {
                self.untyped_shift_shape(lhs, depth + 1)?;
                Some(true)
            }
            ExprKind::Binary { op, lhs, rhs, .. }
                if !matches!(
                    op,
                    BinOp::Eq
                        | BinOp::Ne
                        | BinOp::Lt
                        | BinOp::Le
                        | BinOp::Gt
                        | BinOp::Ge
                        | BinOp::LogAnd
                        | BinOp::LogOr
                ) =>
            {
                Some(self.untyped_shift_shape(lhs, depth + 1)? | self.untyped_shift_shape(rhs, depth + 1)?)
            }
            ExprKind::Unary { op: UnOp::Neg | UnOp::Plus | UnOp::BitNot, expr } => {
                self.untyped_shift_shape(expr, depth + 1)
            }
            _ => None,
        }
    }

    pub(super) fn binary(
        &mut self,
        e: &Expr,
        op: BinOp,
        l: &Expr,
        r: &Expr,
        op_pos: Pos,
        hint: Option<TyId>,
    ) -> R<Val> {
        if matches!(op, BinOp::LogAnd | BinOp::LogOr) {
            return self.logical(e, op, l, r, op_pos);
        }
        // A non-constant shift's untyped left operand takes the type the operand alone
        // would take here (Go's rule): the other operand's type, else the context's.
        let is_cmp = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
        let outer = if is_cmp { None } else { hint };
        let (l_shift, r_shift) = (self.is_shift(l), self.is_shift(r));
        let lhint = if l_shift && r_shift {
            outer
        } else if l_shift {
            let other = self.peek_type(r);
            if self.types.is_untyped(other) {
                outer
            } else {
                Some(other)
            }
        } else {
            None
        };
        let lv = self.expr(l, lhint)?;
        self.single(&lv, l)?;
        let rhint = if !r_shift {
            None
        } else if l_shift || self.types.is_untyped(lv.ty) {
            outer
        } else {
            Some(lv.ty)
        };
        let rv = self.expr(r, rhint)?;
        self.single(&rv, r)?;
        self.binop_vals(BinarySyntax { whole: e, op, l, r, op_pos }, lv, rv, hint)
    }

    /// A binary operation on already evaluated operands (also used by `op=`).
    pub fn binop_vals(&mut self, syn: BinarySyntax, lv: Val, rv: Val, hint: Option<TyId>) -> R<Val> {
        let BinarySyntax { whole: e, op, l, r, op_pos } = syn;
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            return self.shift_vals(syn, lv, rv, hint);
        }
        if matches!(op, BinOp::LogAnd | BinOp::LogOr) {
            return err(op_pos, "internal error: logical op on values");
        }
        let is_cmp = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
        // Unify operand types.
        let (lv, rv) = self.unify(e, op, l, lv, r, rv, op_pos)?;
        let ty = lv.ty;
        if let (Loc::Const(a), Loc::Const(b)) = (&lv.loc, &rv.loc) {
            if !(a == &ConstVal::Nil || b == &ConstVal::Nil) {
                let at = if matches!(op, BinOp::Div | BinOp::Rem) { r.pos } else { op_pos };
                let folded = consts::fold_binary(&self.types, op, a, b, ty)
                    .map_err(|m| crate::front::ast::CompileError::new(at, m))?;
                if is_cmp {
                    return Ok(Val::konst(types::UNTYPED_BOOL, folded));
                }
                if !self.types.is_untyped(ty) {
                    match consts::represent(&self.types, &folded, ty) {
                        Some(c) => return Ok(Val::konst(ty, c)),
                        None => {
                            let t = self.types.name(ty);
                            let text = ast_text(e);
                            return err(
                                e.pos,
                                format!("{text} (constant {} of type {t}) overflows {t}", folded.show()),
                            );
                        }
                    }
                }
                let kind = if let ConstVal::Float(_) = folded { types::UNTYPED_FLOAT } else { ty };
                return Ok(Val::konst(kind, folded));
            }
        }
        if is_cmp {
            return self.comparison(e, op, l, lv, rv, op_pos);
        }
        self.arith(e, op, l, lv, rv, op_pos)
    }

    /// Bring both operands to one type (untyped constants take the other side's type).
    #[allow(clippy::too_many_arguments)]
    fn unify(&mut self, _e: &Expr, op: BinOp, l: &Expr, lv: Val, r: &Expr, rv: Val, op_pos: Pos) -> R<(Val, Val)> {
        let lu = self.types.is_untyped(lv.ty);
        let ru = self.types.is_untyped(rv.ty);
        if lu && ru {
            if lv.ty == types::UNTYPED_NIL || rv.ty == types::UNTYPED_NIL {
                if lv.ty == rv.ty {
                    return err(
                        op_pos,
                        format!("invalid operation: {} (operator {} not defined on nil)", ast_text(_e), op.as_str()),
                    );
                }
                return self.mismatched(_e, lv.ty, rv.ty);
            }
            let both_num = self.types.is_numeric(lv.ty) && self.types.is_numeric(rv.ty);
            if both_num {
                let k = consts::untyped_join(&self.types, lv.ty, rv.ty);
                return Ok((Val { ty: k, ..lv }, Val { ty: k, ..rv }));
            }
            if lv.ty != rv.ty {
                return self.mismatched(_e, lv.ty, rv.ty);
            }
            return Ok((lv, rv));
        }
        let cmp_eq = matches!(op, BinOp::Eq | BinOp::Ne);
        if lu {
            let ctx = if cmp_eq { "comparison" } else { "operation" };
            let _ = ctx;
            let rt = rv.ty;
            let lv = self.convert_operand(lv, rt, l, op_pos, _e)?;
            return Ok((lv, rv));
        }
        if ru {
            let lt = lv.ty;
            let rv = self.convert_operand(rv, lt, r, op_pos, _e)?;
            return Ok((lv, rv));
        }
        if lv.ty != rv.ty {
            // Interface vs concrete comparison.
            if cmp_eq {
                if self.types.is_interface(lv.ty) && !self.types.is_interface(rv.ty) {
                    if self.types.missing_method(rv.ty, lv.ty).is_none() {
                        let lt = lv.ty;
                        let rv = self.box_iface(rv, lt)?;
                        return Ok((lv, rv));
                    }
                } else if self.types.is_interface(rv.ty)
                    && !self.types.is_interface(lv.ty)
                    && self.types.missing_method(lv.ty, rv.ty).is_none()
                {
                    let rt = rv.ty;
                    let lv = self.box_iface(lv, rt)?;
                    return Ok((lv, rv));
                }
            }
            return self.mismatched(_e, lv.ty, rv.ty);
        }
        Ok((lv, rv))
    }

    /// Go's "mismatched types" error for a binary operation, at the expression's start.
    fn mismatched<T>(&self, whole: &Expr, a: TyId, b: TyId) -> R<T> {
        err(
            whole.pos,
            format!(
                "invalid operation: {} (mismatched types {} and {})",
                ast_text(whole),
                self.types.name(a),
                self.types.name(b)
            ),
        )
    }

    /// Convert an untyped operand to the other operand's type.
    fn convert_operand(&mut self, v: Val, to: TyId, x: &Expr, op_pos: Pos, whole: &Expr) -> R<Val> {
        let Loc::Const(c) = &v.loc else { return Ok(Val { ty: to, ..v }) };
        if v.ty == types::UNTYPED_NIL {
            return match self.types.ukind(to) {
                TyKind::Pointer(_)
                | TyKind::Slice(_)
                | TyKind::Map(..)
                | TyKind::Func(_)
                | TyKind::Chan(..)
                | TyKind::Interface(_) => Ok(Val::konst(to, ConstVal::Nil)),
                _ => err(
                    op_pos,
                    format!(
                        "invalid operation: {} (mismatched types {} and untyped nil)",
                        ast_text(whole),
                        self.types.name(to)
                    ),
                ),
            };
        }
        if self.types.is_interface(to) {
            let dt = self.types.default_type(v.ty);
            let dv = Val::konst(dt, c.clone());
            return self.box_iface(dv, to);
        }
        let ok_kind = match self.types.ukind(to) {
            TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) | TyKind::Float => self.types.is_numeric(v.ty),
            TyKind::Bool => self.types.is_bool(v.ty),
            TyKind::String => self.types.is_string(v.ty),
            _ => false,
        };
        if !ok_kind {
            return err(
                x.pos,
                format!(
                    "invalid operation: {} (mismatched types {} and {})",
                    ast_text(whole),
                    self.types.name(v.ty),
                    self.types.name(to)
                ),
            );
        }
        match consts::represent(&self.types, c, to) {
            Some(c2) => Ok(Val::konst(to, c2)),
            None => {
                let d = self.describe(x, &v);
                if self.types.is_float(v.ty) && self.types.is_integer(to) {
                    err(x.pos, format!("{d} truncated to {}", self.types.name(to)))
                } else {
                    err(x.pos, format!("cannot use {d} as {} value in expression (overflows)", self.types.name(to)))
                }
            }
        }
    }

    fn arith(&mut self, e: &Expr, op: BinOp, l: &Expr, lv: Val, rv: Val, op_pos: Pos) -> R<Val> {
        let ty = lv.ty;
        let u = self.types.ukind(ty).clone();
        let is_int = self.types.int_info(ty).is_some();
        let unsigned64 = self.types.is_u64(ty);
        let is_float = matches!(u, TyKind::Float);
        let is_str = matches!(u, TyKind::String);
        let allowed = match op {
            BinOp::Add => is_int || is_float || is_str,
            BinOp::Sub | BinOp::Mul | BinOp::Div => is_int || is_float,
            BinOp::Rem | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => is_int,
            _ => false,
        };
        if !allowed {
            let _ = l;
            return err(
                op_pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(l, &lv)),
            );
        }
        if matches!(op, BinOp::Div | BinOp::Rem) {
            if let Loc::Const(c) = &rv.loc {
                if c.as_f64() == 0.0 && (is_int || matches!(c, ConstVal::Int(_))) {
                    let at = match &e.kind {
                        ExprKind::Binary { rhs, .. } => rhs.pos,
                        _ => op_pos,
                    };
                    return err(at, "invalid operation: division by zero");
                }
            }
        }
        let _ = e;
        // Immediate forms for int ops with a small constant right operand.
        if is_int {
            if let Loc::Const(ConstVal::Int(k)) = &rv.loc {
                let k = *k;
                let imm = match op {
                    BinOp::Add if (i16::MIN as i128..=i16::MAX as i128).contains(&k) => Some((Op::AddIK, k)),
                    BinOp::Sub if (-(i16::MAX as i128)..=i16::MAX as i128).contains(&k) => Some((Op::AddIK, -k)),
                    BinOp::Mul if (i16::MIN as i128..=i16::MAX as i128).contains(&k) => Some((Op::MulIK, k)),
                    BinOp::And if (0..=i16::MAX as i128).contains(&k) => Some((Op::AndIK, k)),
                    // Signed division by a constant; an unsigned 64-bit dividend may be
                    // above MaxInt64, so it divides unsigned below.
                    BinOp::Div if !unsigned64 && k != 0 && (i16::MIN as i128..=i16::MAX as i128).contains(&k) => {
                        Some((Op::DivIK, k))
                    }
                    BinOp::Rem if !unsigned64 && k != 0 && (i16::MIN as i128..=i16::MAX as i128).contains(&k) => {
                        Some((Op::RemIK, k))
                    }
                    _ => None,
                };
                if let Some((code, k)) = imm {
                    let (s, st) = self.materialize(&lv)?;
                    if st {
                        self.b().free(s);
                    }
                    let d = self.b().temp(false);
                    self.b().emit(code, d, s, k as i16 as u16);
                    if !matches!(code, Op::AndIK | Op::RemIK) || matches!(u, TyKind::Rune) {
                        self.wrap_small(d, ty);
                    }
                    return Ok(Val::reg(ty, d, true));
                }
            }
        }
        let code = if is_str {
            Op::Concat
        } else if is_float {
            match op {
                BinOp::Add => Op::AddF,
                BinOp::Sub => Op::SubF,
                BinOp::Mul => Op::MulF,
                _ => Op::DivF,
            }
        } else {
            match op {
                BinOp::Add => Op::AddI,
                BinOp::Sub => Op::SubI,
                BinOp::Mul => Op::MulI,
                BinOp::Div if unsigned64 => Op::DivU,
                BinOp::Rem if unsigned64 => Op::RemU,
                BinOp::Div => Op::DivI,
                BinOp::Rem => Op::RemI,
                BinOp::And => Op::AndI,
                BinOp::Or => Op::OrI,
                BinOp::Xor => Op::XorI,
                _ => Op::AndNotI,
            }
        };
        let (a, at) = self.materialize(&lv)?;
        let (b, bt) = self.materialize(&rv)?;
        self.free_pair(a, at, b, bt);
        let d = self.b().temp(is_str);
        self.b().emit(code, d, a, b);
        if is_int && matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div) {
            self.wrap_small(d, ty);
        }
        Ok(Val::reg(ty, d, true))
    }

    fn shift_vals(&mut self, syn: BinarySyntax, lv: Val, rv: Val, hint: Option<TyId>) -> R<Val> {
        let BinarySyntax { whole: e, op, l, r, op_pos } = syn;
        let integral_const = matches!(&rv.loc, Loc::Const(ConstVal::Float(f)) if f.is_integer());
        if !(self.types.is_integer(rv.ty) || self.types.is_untyped(rv.ty) && integral_const) {
            return err(r.pos, format!("invalid operation: shift count {} must be integer", self.describe(r, &rv)));
        }
        let negative = match &rv.loc {
            Loc::Const(ConstVal::Int(n)) => *n < 0,
            Loc::Const(ConstVal::Float(f)) => f.to_f64() < 0.0,
            _ => false,
        };
        if negative {
            return err(r.pos, format!("invalid operation: negative shift count {}", self.describe(r, &rv)));
        }
        if let (Loc::Const(a), Loc::Const(b)) = (&lv.loc, &rv.loc) {
            let a = match a {
                ConstVal::Int(i) => num_bigint::BigInt::from(*i),
                ConstVal::Float(f) if f.is_integer() => f.0.to_integer(),
                _ => return err(op_pos, format!("invalid operation: shifted operand {} must be integer", ast_text(l))),
            };
            // Go's bound on constant shift counts (types2: 1023 - 1 + 52, so that the
            // smallest float64 can be expressed); the result then obeys the 512-bit
            // bound of untyped integers, and the subset's 128 bits.
            const SHIFT_BOUND: i128 = 1023 - 1 + 52;
            let count = match b {
                ConstVal::Int(n) => *n,
                other => other.as_f64() as i128,
            };
            if count > SHIFT_BOUND {
                return err(r.pos, format!("invalid operation: invalid shift count {}", self.describe(r, &rv)));
            }
            let big = if op == BinOp::Shl { a << count as usize } else { a >> count as usize };
            if big.bits() > consts::GO_INT_BITS {
                return err(op_pos, "constant shift overflow".to_string());
            }
            let ty = if self.types.is_untyped(lv.ty) { types::UNTYPED_INT } else { lv.ty };
            let Some(v) = num_traits::ToPrimitive::to_i128(&big) else {
                if self.types.is_untyped(ty) {
                    return err(op_pos, consts::INT_TOO_WIDE);
                }
                let t = self.types.name(ty);
                return err(e.pos, format!("{} (constant {big} of type {t}) overflows {t}", ast_text(e)));
            };
            let c = ConstVal::Int(v);
            if !self.types.is_untyped(ty) && consts::represent(&self.types, &c, ty).is_none() {
                let t = self.types.name(ty);
                return err(e.pos, format!("{} (constant {v} of type {t}) overflows {t}", ast_text(e)));
            }
            return Ok(Val::konst(ty, c));
        }
        // Non-constant shift: an untyped constant left operand takes the context's type.
        let lty = if self.types.is_untyped(lv.ty) {
            match hint {
                Some(h) if self.types.is_integer(h) => h,
                Some(h) if !self.types.is_interface(h) => {
                    return err(
                        op_pos,
                        format!(
                            "invalid operation: shifted operand {} (type {}) must be integer",
                            ast_text(l),
                            self.types.name(h)
                        ),
                    )
                }
                _ => types::INT,
            }
        } else {
            lv.ty
        };
        if !self.types.is_integer(lty) {
            return err(
                op_pos,
                format!("invalid operation: shifted operand {} must be integer", self.describe(l, &lv)),
            );
        }
        let lv = if let Loc::Const(c) = &lv.loc {
            match consts::represent(&self.types, c, lty) {
                Some(c) => Val::konst(lty, c),
                None => {
                    return err(
                        l.pos,
                        format!("cannot use {} as {} value in shift (truncated)", ast_text(l), self.types.name(lty)),
                    )
                }
            }
        } else {
            lv
        };
        let _ = e;
        let (a, at) = self.materialize(&lv)?;
        if let Loc::Const(ConstVal::Int(k)) = &rv.loc {
            if *k < 64 {
                if at {
                    self.b().free(a);
                }
                let d = self.b().temp(false);
                let code = match op {
                    BinOp::Shl => Op::ShlIK,
                    _ if self.types.is_u64(lty) => Op::ShrUK,
                    _ => Op::ShrIK,
                };
                self.b().emit(code, d, a, *k as u16);
                if op == BinOp::Shl {
                    self.wrap_small(d, lty);
                }
                return Ok(Val::reg(lty, d, true));
            }
        }
        let rv = if let Loc::Const(c) = &rv.loc { Val::konst(types::INT, c.clone()) } else { rv };
        let (mut b, mut bt) = self.materialize(&rv)?;
        if self.types.is_u64(rv.ty) {
            // An unsigned count from 2^63 up is large, not negative.
            let c = self.b().temp(false);
            self.b().emit(Op::CountU, c, b, 0);
            if bt {
                self.b().free(b);
            }
            (b, bt) = (c, true);
        }
        self.free_pair(a, at, b, bt);
        let d = self.b().temp(false);
        let code = match op {
            BinOp::Shl => Op::ShlI,
            _ if self.types.is_u64(lty) => Op::ShrU,
            _ => Op::ShrI,
        };
        self.b().emit(code, d, a, b);
        if op == BinOp::Shl {
            self.wrap_small(d, lty);
        }
        Ok(Val::reg(lty, d, true))
    }

    fn logical(&mut self, e: &Expr, op: BinOp, l: &Expr, r: &Expr, op_pos: Pos) -> R<Val> {
        let lv = self.expr(l, None)?;
        self.single(&lv, l)?;
        if !self.types.is_bool(lv.ty) {
            return err(
                op_pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(l, &lv)),
            );
        }
        if let Loc::Const(ConstVal::Bool(a)) = &lv.loc {
            let a = *a;
            // Fold when both sides are constant; otherwise short-circuit at compile time.
            if is_const_syntax(r) {
                let rv = self.expr(r, None)?;
                if let Loc::Const(ConstVal::Bool(b)) = &rv.loc {
                    let v = if op == BinOp::LogAnd { a && *b } else { a || *b };
                    let ty = if self.types.is_untyped(lv.ty) { rv.ty } else { lv.ty };
                    return Ok(Val::konst(ty, ConstVal::Bool(v)));
                }
            }
        }
        let d = self.b().temp(false);
        self.materialize_into(&lv, d);
        let end = self.b().new_label();
        let code = if op == BinOp::LogAnd { Op::JmpFalse } else { Op::JmpTrue };
        self.b().jump(code, d, 0, end);
        let rv = self.expr(r, None)?;
        self.single(&rv, r)?;
        if !self.types.is_bool(rv.ty) {
            return err(
                op_pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(r, &rv)),
            );
        }
        if !self.types.is_untyped(lv.ty) && !self.types.is_untyped(rv.ty) && lv.ty != rv.ty {
            return err(
                op_pos,
                format!(
                    "invalid operation: {} (mismatched types {} and {})",
                    ast_text(e),
                    self.types.name(lv.ty),
                    self.types.name(rv.ty)
                ),
            );
        }
        self.materialize_into(&rv, d);
        self.b().bind(end);
        let ty = if self.types.is_untyped(lv.ty) { self.types.default_type(rv.ty) } else { lv.ty };
        Ok(Val::reg(ty, d, true))
    }

    fn comparison(&mut self, e: &Expr, op: BinOp, l: &Expr, lv: Val, rv: Val, _op_pos: Pos) -> R<Val> {
        let ty = lv.ty;
        let ordered = matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
        let u = self.types.ukind(ty).clone();
        let nil_cmp = matches!(lv.loc, Loc::Const(ConstVal::Nil)) || matches!(rv.loc, Loc::Const(ConstVal::Nil));
        if ordered
            && !matches!(
                u,
                TyKind::Int
                    | TyKind::Byte
                    | TyKind::Rune
                    | TyKind::IntN(_)
                    | TyKind::Float
                    | TyKind::String
                    | TyKind::UntypedInt
                    | TyKind::UntypedFloat
                    | TyKind::UntypedRune
                    | TyKind::UntypedString
            )
        {
            return err(
                e.pos,
                format!(
                    "invalid operation: {} (operator {} not defined on {})",
                    ast_text(e),
                    op.as_str(),
                    kind_noun(&self.types, ty)
                ),
            );
        }
        if !nil_cmp && !self.types.comparable(ty) {
            let what = match u {
                TyKind::Slice(_) => "slice can only be compared to nil",
                TyKind::Map(..) => "map can only be compared to nil",
                TyKind::Func(_) => "func can only be compared to nil",
                _ => "",
            };
            if !what.is_empty() {
                return err(e.pos, format!("invalid operation: {} ({what})", ast_text(e)));
            }
            return err(
                e.pos,
                format!("invalid operation: {} ({} cannot be compared)", ast_text(e), self.types.name(ty)),
            );
        }
        let _ = l;
        let (mut a, at) = self.materialize(&lv)?;
        let (mut b, bt) = self.materialize(&rv)?;
        let (code, swap, negate) = match (&u, op) {
            _ if nil_cmp => (Op::EqI, false, op == BinOp::Ne),
            (TyKind::Float, _) => match op {
                BinOp::Eq => (Op::EqF, false, false),
                BinOp::Ne => (Op::NeF, false, false),
                BinOp::Lt => (Op::LtF, false, false),
                BinOp::Le => (Op::LeF, false, false),
                BinOp::Gt => (Op::LtF, true, false),
                _ => (Op::LeF, true, false),
            },
            (TyKind::String, _) => match op {
                BinOp::Eq => (Op::EqStr, false, false),
                BinOp::Ne => (Op::EqStr, false, true),
                BinOp::Lt => (Op::LtStr, false, false),
                BinOp::Le => (Op::LeStr, false, false),
                BinOp::Gt => (Op::LtStr, true, false),
                _ => (Op::LeStr, true, false),
            },
            (TyKind::Interface(_), _) => (Op::EqIface, false, op == BinOp::Ne),
            (TyKind::Struct(_) | TyKind::Array(..), _) => (Op::EqAgg, false, op == BinOp::Ne),
            (TyKind::IntN(k), BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge) if k.bits() == 64 && !k.signed() => {
                match op {
                    BinOp::Lt => (Op::LtU, false, false),
                    BinOp::Le => (Op::LeU, false, false),
                    BinOp::Gt => (Op::LtU, true, false),
                    _ => (Op::LeU, true, false),
                }
            }
            _ => match op {
                BinOp::Eq => (Op::EqI, false, false),
                BinOp::Ne => (Op::NeI, false, false),
                BinOp::Lt => (Op::LtI, false, false),
                BinOp::Le => (Op::LeI, false, false),
                BinOp::Gt => (Op::LtI, true, false),
                _ => (Op::LeI, true, false),
            },
        };
        let (mut at, mut bt) = (at, bt);
        if swap {
            std::mem::swap(&mut a, &mut b);
            std::mem::swap(&mut at, &mut bt);
        }
        self.free_pair(a, at, b, bt);
        let d = self.b().temp(false);
        self.b().emit(code, d, a, b);
        if negate {
            self.b().emit(Op::Not, d, d, 0);
        }
        Ok(Val::reg(types::UNTYPED_BOOL, d, true)).map(|v| Val { ty: types::BOOL, ..v })
    }
}

/// The op that normalises a value to an integer type of `bits` bits, if narrower than 64.
pub(super) fn wrap_op(bits: u32, signed: bool) -> Option<Op> {
    Some(match (bits, signed) {
        (8, true) => Op::WrapI8,
        (8, false) => Op::WrapU8,
        (16, true) => Op::WrapI16,
        (16, false) => Op::WrapU16,
        (32, true) => Op::WrapI32,
        (32, false) => Op::WrapU32,
        _ => return None,
    })
}

pub(super) fn kind_word(t: &types::Types, ty: TyId) -> &'static str {
    match t.kind(ty) {
        TyKind::UntypedInt => "int",
        TyKind::UntypedFloat => "float",
        TyKind::UntypedRune => "rune",
        TyKind::UntypedString => "string",
        TyKind::UntypedBool => "bool",
        _ => "",
    }
}

fn kind_noun(t: &types::Types, ty: TyId) -> &'static str {
    match t.ukind(ty) {
        TyKind::Bool | TyKind::UntypedBool => "bool",
        TyKind::Struct(_) => "struct",
        TyKind::Pointer(_) => "pointer",
        TyKind::Interface(_) => "interface",
        TyKind::Slice(_) => "slice",
        TyKind::Map(..) => "map",
        TyKind::Func(_) => "func",
        TyKind::Array(..) => "array",
        _ => "operand",
    }
}
