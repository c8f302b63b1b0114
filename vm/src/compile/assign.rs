//! Assignment: resolving targets (`LValue`), loading and storing them with Go's value
//! semantics and write barriers, tuple assignment in Go's evaluation order, `op=`.

use super::builder::WINDOW;
use super::expr::strip_parens;
use super::operators::BinarySyntax;
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, LocalVar, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{BinOp, Expr, ExprKind, Pos, UnOp};

/// A resolved assignment target.
pub(super) enum LValue {
    Discard,
    Var(LocalVar),
    Global { ty: TyId, slot: u16, boxed: bool },
    Field { obj: u16, obj_temp: bool, index: u16, ty: TyId },
    SliceElem { obj: u16, idx: u16, temps: (bool, bool), ty: TyId },
    ArrayElem { obj: u16, idx: u16, temps: (bool, bool), ty: TyId },
    MapElem { map: u16, key: u16, temps: (bool, bool), ty: TyId },
    Deref { ptr: u16, temp: bool, ty: TyId },
}

impl Compiler {
    pub(super) fn lvalue(&mut self, e: &Expr) -> R<(LValue, TyId)> {
        self.lvalue_use(e, false)
    }

    /// An assignment target; `reads` marks a variable used (`x++` and `x op= y` read it).
    pub(super) fn lvalue_use(&mut self, e: &Expr, reads: bool) -> R<(LValue, TyId)> {
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Ident(n) if n == "_" => Ok((LValue::Discard, types::UNTYPED_NIL)),
            ExprKind::Ident(n) => match self.lookup(n, e.pos, reads)? {
                Entity::Local(v) => {
                    let t = v.ty;
                    Ok((LValue::Var(v), t))
                }
                Entity::Global { ty, slot, boxed } => Ok((LValue::Global { ty, slot, boxed }, ty)),
                Entity::Const(t, c) => {
                    let d = self.describe(e, &Val::konst(t, c));
                    err(e.pos, format!("cannot assign to {d}"))
                }
                Entity::Func(..) => {
                    err(e.pos, format!("cannot assign to {n} (neither addressable nor a map index expression)"))
                }
                _ => err(e.pos, format!("cannot assign to {n}")),
            },
            ExprKind::Selector { expr, sel } => {
                if let ExprKind::Index { expr: m, .. } = &strip_parens(expr).kind {
                    let mt = self.peek_type(m);
                    let struct_val = match self.types.ukind(mt) {
                        TyKind::Map(_, v) => self.types.is_aggregate(*v),
                        _ => false,
                    };
                    if struct_val {
                        return err(e.pos, format!("cannot assign to struct field {} in map", ast_text(e)));
                    }
                }
                let v = self.expr(expr, None)?;
                self.single(&v, expr)?;
                let st = match self.types.ukind(v.ty) {
                    TyKind::Pointer(i) => *i,
                    _ => v.ty,
                };
                let _ = st;
                if let types::Selection::Field(path) = self.types.select(v.ty, &sel.name) {
                    // A promoted field: the embedded objects on the way, then the field.
                    let (&(i, fty), outer) = path.split_last().expect("a field path is not empty");
                    let obj = self.walk_path(v, outer)?;
                    let (obj, t) = self.materialize(&obj)?;
                    return Ok((LValue::Field { obj, obj_temp: t, index: i as u16, ty: fty }, fty));
                }
                self.field_of(v, sel, e).map(|_| unreachable!())
            }
            ExprKind::Index { expr, index, .. } => {
                let v = self.expr(expr, None)?;
                self.single(&v, expr)?;
                match self.types.ukind(v.ty).clone() {
                    TyKind::Slice(et) => {
                        let iv = self.index_value(index, None)?;
                        let (o, ot) = self.materialize(&v)?;
                        let (i, it) = self.materialize(&iv)?;
                        Ok((LValue::SliceElem { obj: o, idx: i, temps: (ot, it), ty: et }, et))
                    }
                    TyKind::Array(n, et) => {
                        let iv = self.index_value(index, Some(n))?;
                        let (o, ot) = self.materialize(&v)?;
                        let (i, it) = self.materialize(&iv)?;
                        Ok((LValue::ArrayElem { obj: o, idx: i, temps: (ot, it), ty: et }, et))
                    }
                    TyKind::Pointer(p) => match self.types.ukind(p).clone() {
                        TyKind::Array(n, et) => {
                            let iv = self.index_value(index, Some(n))?;
                            let (o, ot) = self.materialize(&v)?;
                            let (i, it) = self.materialize(&iv)?;
                            Ok((LValue::ArrayElem { obj: o, idx: i, temps: (ot, it), ty: et }, et))
                        }
                        _ => err(e.pos, format!("invalid operation: cannot index {}", self.describe(expr, &v))),
                    },
                    TyKind::Map(kt, vt) => {
                        let kv = self.value_as(index, kt, "map index")?;
                        let (m, mt) = self.materialize(&v)?;
                        let (k, ktmp) = self.materialize(&kv)?;
                        Ok((LValue::MapElem { map: m, key: k, temps: (mt, ktmp), ty: vt }, vt))
                    }
                    TyKind::String => err(e.pos, format!("cannot assign to {} (value of type byte)", ast_text(e))),
                    _ => err(e.pos, format!("invalid operation: cannot index {}", self.describe(expr, &v))),
                }
            }
            ExprKind::Unary { op: UnOp::Deref, expr } => {
                let v = self.expr(expr, None)?;
                self.single(&v, expr)?;
                let TyKind::Pointer(inner) = self.types.ukind(v.ty).clone() else {
                    return err(expr.pos, format!("invalid operation: cannot indirect {}", self.describe(expr, &v)));
                };
                let (p, t) = self.materialize(&v)?;
                Ok((LValue::Deref { ptr: p, temp: t, ty: inner }, inner))
            }
            _ => {
                err(e.pos, format!("cannot assign to {} (neither addressable nor a map index expression)", ast_text(e)))
            }
        }
    }

    /// Load the current value of an lvalue (for `op=`).
    pub(super) fn load_lvalue(&mut self, lv: &LValue) -> R<Val> {
        Ok(match lv {
            LValue::Discard => return err(Pos::default(), "cannot use _ as value"),
            LValue::Var(v) => self.read_var(v),
            LValue::Global { ty, slot, boxed } => {
                let t = {
                    let r = *boxed || self.types.is_ref(*ty);
                    self.b().temp(r)
                };
                self.b().emit(Op::GetGlobal, t, *slot, 0);
                if *boxed {
                    let t2 = self.tmp(*ty);
                    self.b().emit(Op::BoxGet, t2, t, 0);
                    self.b().free(t);
                    return Ok(Val::reg(*ty, t2, true));
                }
                Val::reg(*ty, t, true)
            }
            LValue::Field { obj, index, ty, .. } => {
                let d = self.tmp(*ty);
                self.b().emit(Op::GetField, d, *obj, *index);
                Val::reg(*ty, d, true)
            }
            LValue::SliceElem { obj, idx, ty, .. } => {
                let d = self.tmp(*ty);
                self.b().emit(Op::SliceGet, d, *obj, *idx);
                Val::reg(*ty, d, true)
            }
            LValue::ArrayElem { obj, idx, ty, .. } => {
                let d = self.tmp(*ty);
                self.b().emit(Op::ArrayGet, d, *obj, *idx);
                Val::reg(*ty, d, true)
            }
            LValue::MapElem { map, key, ty, .. } => {
                let d = self.tmp(*ty);
                self.b().emit(Op::MapGet, d, *map, *key);
                Val::reg(*ty, d, true)
            }
            LValue::Deref { ptr, ty, .. } => {
                let d = self.tmp(*ty);
                self.b().emit(Op::BoxGet, d, *ptr, 0);
                Val::reg(*ty, d, true)
            }
        })
    }

    /// Store `v` (already converted to the target type) into an lvalue.
    pub(super) fn store(&mut self, lv: LValue, v: Val, target: Option<&Expr>) -> R<()> {
        let _ = target;
        match lv {
            LValue::Discard => {
                self.release(&v);
            }
            LValue::Var(var) => {
                if self.types.is_aggregate(var.ty) {
                    let obj = self.read_var(&var);
                    if v.fresh && var.capture.is_none() && !self.boxed_names.contains(&var.name) {
                        if let Loc::Reg { slot, .. } = obj.loc {
                            self.materialize_into(&v, slot);
                            return Ok(());
                        }
                    }
                    let (o, ot) = self.materialize(&obj)?;
                    let (s, st) = self.materialize(&v)?;
                    self.b().emit(Op::CopyInto, o, s, 0);
                    self.free_pair(o, ot, s, st);
                    return Ok(());
                }
                if var.boxed || var.capture.is_some() {
                    let bx = match var.capture {
                        Some(idx) => {
                            let t = self.b().temp(true);
                            self.b().emit(Op::LoadCapture, t, 0, idx);
                            (t, true)
                        }
                        None => (var.slot, false),
                    };
                    let (s, st) = self.materialize(&v)?;
                    let op = if self.types.is_ref(var.ty) { Op::BoxSetR } else { Op::BoxSet };
                    self.b().emit(op, bx.0, s, 0);
                    self.free_pair(bx.0, bx.1, s, st);
                    return Ok(());
                }
                if let Loc::Reg { slot, temp: true } = v.loc {
                    if self.retarget_last(slot, var.slot) {
                        return Ok(());
                    }
                }
                self.materialize_into(&v, var.slot);
            }
            LValue::Global { ty, slot, boxed } => {
                if self.types.is_aggregate(ty) {
                    let t = self.b().temp(true);
                    self.b().emit(Op::GetGlobal, t, slot, 0);
                    let (s, st) = self.materialize(&v)?;
                    self.b().emit(Op::CopyInto, t, s, 0);
                    self.free_pair(t, true, s, st);
                    return Ok(());
                }
                let (s, st) = self.materialize(&v)?;
                if boxed {
                    let t = self.b().temp(true);
                    self.b().emit(Op::GetGlobal, t, slot, 0);
                    let op = if self.types.is_ref(ty) { Op::BoxSetR } else { Op::BoxSet };
                    self.b().emit(op, t, s, 0);
                    self.b().free(t);
                } else {
                    self.b().emit(Op::SetGlobal, slot, s, 0);
                }
                if st {
                    self.b().free(s);
                }
            }
            LValue::Field { obj, obj_temp, index, ty } => {
                let (s, st) = self.materialize(&v)?;
                if self.types.is_aggregate(ty) {
                    let t = self.b().temp(true);
                    self.b().emit(Op::GetField, t, obj, index);
                    self.b().emit(Op::CopyInto, t, s, 0);
                    self.b().free(t);
                } else {
                    let op = if self.types.is_ref(ty) { Op::SetFieldR } else { Op::SetField };
                    self.b().emit(op, obj, index, s);
                }
                self.free_pair(obj, obj_temp, s, st);
            }
            LValue::SliceElem { obj, idx, temps, ty } | LValue::ArrayElem { obj, idx, temps, ty } => {
                let (s, st) = self.materialize(&v)?;
                // The lvalue kind is recorded by the caller in `elem_ops`.
                let (get, set, set_r) =
                    self.pending_elem_ops.take().unwrap_or((Op::SliceGet, Op::SliceSet, Op::SliceSetR));
                if self.types.is_aggregate(ty) {
                    let t = self.b().temp(true);
                    self.b().emit(get, t, obj, idx);
                    self.b().emit(Op::CopyInto, t, s, 0);
                    self.b().free(t);
                } else {
                    let op = if self.types.is_ref(ty) { set_r } else { set };
                    self.b().emit(op, obj, idx, s);
                }
                self.free_pair(obj, temps.0, idx, temps.1);
                if st {
                    self.b().free(s);
                }
            }
            LValue::MapElem { map, key, temps, ty } => {
                let v = self.owned(Val { ty, ..v })?;
                let (s, st) = self.materialize(&v)?;
                self.b().emit(Op::MapSet, map, key, s);
                self.free_pair(map, temps.0, key, temps.1);
                if st {
                    self.b().free(s);
                }
            }
            LValue::Deref { ptr, temp, ty } => {
                let (s, st) = self.materialize(&v)?;
                if self.types.is_aggregate(ty) {
                    self.b().emit(Op::CopyInto, ptr, s, 0);
                } else {
                    let op = if self.types.is_ref(ty) { Op::BoxSetR } else { Op::BoxSet };
                    self.b().emit(op, ptr, s, 0);
                }
                self.free_pair(ptr, temp, s, st);
            }
        }
        Ok(())
    }

    /// Record which element ops a Slice/Array lvalue uses before calling `store`.
    pub(super) fn set_elem_ops(&mut self, lv: &LValue) {
        self.pending_elem_ops = match lv {
            LValue::SliceElem { .. } => Some((Op::SliceGet, Op::SliceSet, Op::SliceSetR)),
            LValue::ArrayElem { .. } => Some((Op::ArrayGet, Op::ArraySet, Op::ArraySetR)),
            _ => None,
        };
    }

    pub(super) fn assign(&mut self, lhs: &[Expr], rhs: &[Expr], op_pos: Pos) -> R<()> {
        if lhs.len() == 1 && rhs.len() == 1 {
            let (lv, ty) = self.lvalue(&lhs[0])?;
            let v = self.expr(&rhs[0], if matches!(lv, LValue::Discard) { None } else { Some(ty) })?;
            self.single(&v, &rhs[0])?;
            let v = if matches!(lv, LValue::Discard) {
                if v.ty == types::UNTYPED_NIL {
                    return err(rhs[0].pos, "use of untyped nil in assignment");
                }
                v
            } else {
                self.assign_conv(v, ty, &rhs[0], "assignment")?
            };
            let v = self.owned_for(&lv, v)?;
            self.set_elem_ops(&lv);
            return self.store(lv, v, Some(&lhs[0]));
        }
        // Tuple assignment, in Go's order: the operands of the left-hand index and
        // indirection expressions, then every right-hand side, then the stores left to right.
        let mut targets = Vec::new();
        if rhs.len() != 1 && lhs.len() != rhs.len() {
            return err(
                op_pos,
                format!(
                    "assignment mismatch: {} variable{} but {} value{}",
                    lhs.len(),
                    if lhs.len() == 1 { "" } else { "s" },
                    rhs.len(),
                    if rhs.len() == 1 { "" } else { "s" }
                ),
            );
        }
        for l in lhs {
            let (lv, ty) = self.lvalue(l)?;
            let lv = self.pin_lvalue(lv);
            targets.push((lv, ty));
        }
        let vals: Vec<Val> = if rhs.len() == 1 {
            let v = match if lhs.len() == 2 { self.comma_ok(&rhs[0])? } else { None } {
                Some(v) => v,
                None => self.expr(&rhs[0], None)?,
            };
            let TyKind::Tuple(ts) = self.types.kind(v.ty).clone() else {
                return err(lhs[0].pos, format!("assignment mismatch: {} variables but 1 value", lhs.len()));
            };
            if ts.len() != lhs.len() {
                return err(
                    lhs[0].pos,
                    format!(
                        "assignment mismatch: {} variables but {} returns {} value{}",
                        lhs.len(),
                        ast_text(&rhs[0]),
                        ts.len(),
                        if ts.len() == 1 { "" } else { "s" }
                    ),
                );
            }
            let base = match v.loc {
                Loc::Reg { slot, .. } => slot,
                _ => WINDOW,
            };
            ts.iter()
                .enumerate()
                .map(|(i, t)| {
                    let s = self.tmp(*t);
                    self.b().emit(Op::Move, s, base + i as u16, 0);
                    Val { ty: *t, loc: Loc::Reg { slot: s, temp: true }, fresh: true }
                })
                .collect()
        } else {
            let mut out = Vec::new();
            for e in rhs {
                let v = self.expr(e, None)?;
                self.single(&v, e)?;
                let v = match &v.loc {
                    Loc::Reg { slot, temp: false } => {
                        let s = self.tmp(v.ty);
                        self.b().emit(Op::Move, s, *slot, 0);
                        Val { loc: Loc::Reg { slot: s, temp: true }, ..v }
                    }
                    _ => v,
                };
                out.push(v);
            }
            out
        };
        let mut converted = Vec::new();
        for (i, ((lv, ty), v)) in targets.iter().zip(vals).enumerate() {
            let src = if rhs.len() == 1 { &rhs[0] } else { &rhs[i] };
            let v = if matches!(lv, LValue::Discard) { v } else { self.assign_conv(v, *ty, src, "assignment")? };
            // Stores must not see each other's effects: aggregates are copied first.
            converted.push(self.owned(v)?);
        }
        for ((lv, _), (l, v)) in targets.into_iter().zip(lhs.iter().zip(converted)) {
            self.set_elem_ops(&lv);
            self.store(lv, v, Some(l))?;
        }
        Ok(())
    }

    /// Copy an lvalue's operand slots into temporaries, so later assignments in the same
    /// statement cannot change which location it denotes.
    fn pin_lvalue(&mut self, lv: LValue) -> LValue {
        let pin = |c: &mut Self, slot: u16, temp: bool| -> (u16, bool) {
            if temp {
                return (slot, true);
            }
            let r = c.b().ref_slots.get(slot as usize).copied().unwrap_or(false);
            let t = c.b().temp(r);
            c.b().emit(Op::Move, t, slot, 0);
            (t, true)
        };
        match lv {
            LValue::Field { obj, obj_temp, index, ty } => {
                let (obj, obj_temp) = pin(self, obj, obj_temp);
                LValue::Field { obj, obj_temp, index, ty }
            }
            LValue::SliceElem { obj, idx, temps, ty } => {
                let (o, ot) = pin(self, obj, temps.0);
                let (i, it) = pin(self, idx, temps.1);
                LValue::SliceElem { obj: o, idx: i, temps: (ot, it), ty }
            }
            LValue::ArrayElem { obj, idx, temps, ty } => {
                let (o, ot) = pin(self, obj, temps.0);
                let (i, it) = pin(self, idx, temps.1);
                LValue::ArrayElem { obj: o, idx: i, temps: (ot, it), ty }
            }
            LValue::MapElem { map, key, temps, ty } => {
                let (m, mt) = pin(self, map, temps.0);
                let (k, kt) = pin(self, key, temps.1);
                LValue::MapElem { map: m, key: k, temps: (mt, kt), ty }
            }
            LValue::Deref { ptr, temp, ty } => {
                let (p, t) = pin(self, ptr, temp);
                LValue::Deref { ptr: p, temp: t, ty }
            }
            other => other,
        }
    }

    /// Values stored into fields/elements/maps must be owned copies.
    fn owned_for(&mut self, lv: &LValue, v: Val) -> R<Val> {
        match lv {
            LValue::MapElem { .. } => self.owned(v),
            _ => Ok(v),
        }
    }

    pub(super) fn op_assign(&mut self, lhs: &Expr, op: BinOp, rhs: &Expr, op_pos: Pos, stmt_pos: Pos) -> R<()> {
        let _ = stmt_pos;
        let (lv, ty) = self.lvalue_use(lhs, true)?;
        if matches!(lv, LValue::Discard) {
            return err(lhs.pos, "cannot use _ as value");
        }
        let cur = self.load_lvalue(&lv)?;
        // `x |= 1 << s`: the shift's untyped operand takes x's type.
        let rhint = self.is_shift(rhs).then_some(ty);
        let rv = self.expr(rhs, rhint)?;
        self.single(&rv, rhs)?;
        let whole = Expr {
            kind: ExprKind::Binary { op, lhs: Box::new(lhs.clone()), rhs: Box::new(rhs.clone()), op_pos },
            pos: lhs.pos,
        };
        let syn = BinarySyntax { whole: &whole, op, l: lhs, r: rhs, op_pos };
        let res = self.binop_vals(syn, cur, rv, Some(ty))?;
        let res = self.assign_conv(res, ty, &whole, "assignment")?;
        self.set_elem_ops(&lv);
        self.store(lv, res, Some(lhs))
    }

    // ------------------------------------------------------------ control flow
}
