//! Conversions `T(x)` and the builtins (`len`, `cap`, `append`, `make`, `new`, `copy`,
//! `delete`, `panic`, `recover`, `close`, `print`, `println`).

use super::call::{close_paren_pos, CallMode, Callee};
use super::consts::ConstVal;
use super::expr::strip_parens;
use super::expr::PkgFunc;
use super::rtypes::ast_text;
use super::types::{self, Sig, TyId, TyKind};
use super::{err, Builtin, Compiler, Entity, Loc, Val, R};
use crate::bytecode::{Native, Op};
use crate::front::ast::{Expr, ExprKind};

impl Compiler {
    // ------------------------------------------------------------ conversions

    pub(super) fn conversion(&mut self, e: &Expr, t: TyId, args: &[Expr], mode: CallMode) -> R<Val> {
        if mode != CallMode::Normal {
            let what = if mode == CallMode::Go { "go" } else { "defer" };
            return err(e.pos, format!("{what} requires function call, not conversion"));
        }
        if args.len() != 1 {
            let msg = if args.is_empty() {
                format!("missing argument in conversion to {}", self.types.name(t))
            } else {
                format!("too many arguments in conversion to {}", self.types.name(t))
            };
            return err(if args.is_empty() { close_paren_pos(e) } else { args[1].pos }, msg);
        }
        self.ensure_resolved(t)?;
        let x = &args[0];
        let v = self.expr(x, Some(t))?;
        self.single(&v, x)?;
        let from = v.ty;
        let fu = self.types.ukind(from).clone();
        let tu = self.types.ukind(t).clone();
        // Constant conversions.
        if let Loc::Const(c) = &v.loc {
            let numeric_target =
                matches!(tu, TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) | TyKind::Float);
            if numeric_target && self.types.is_numeric(from) {
                let r = match (&tu, c) {
                    (TyKind::Float, _) => super::consts::represent(&self.types, c, t),
                    (_, ConstVal::Float(f)) if f.is_integer() => super::consts::represent(&self.types, c, t),
                    (_, ConstVal::Float(_)) => {
                        return err(
                            x.pos,
                            // Go 1.19 adds no "(truncated)" here (later versions do).
                            format!("cannot convert {} to type {}", self.describe(x, &v), self.types.name(t)),
                        );
                    }
                    _ => super::consts::represent(&self.types, c, t),
                };
                return match r {
                    Some(r) => Ok(Val::konst(t, r)),
                    None => {
                        err(x.pos, format!("cannot convert {} to type {}", self.describe(x, &v), self.types.name(t)))
                    }
                };
            }
            if matches!(tu, TyKind::String) {
                match c {
                    ConstVal::Str(s) => return Ok(Val::konst(t, ConstVal::Str(s.clone()))),
                    ConstVal::Int(i) if self.types.is_integer(from) => {
                        let ch = u32::try_from(*i).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
                        return Ok(Val::konst(t, ConstVal::Str(ch.to_string().into_bytes())));
                    }
                    _ => {}
                }
            }
            if matches!(tu, TyKind::Bool) && matches!(c, ConstVal::Bool(_)) {
                return Ok(Val::konst(t, c.clone()));
            }
        }
        let bad = |s: &mut Self, v: &Val| -> R<Val> {
            let d = s.describe(x, v);
            err(x.pos, format!("cannot convert {d} to {}", s.types.name(t)))
        };
        if self.types.is_interface(t) {
            return self.assign_conv(v, t, x, "conversion");
        }
        let v = if self.types.is_untyped(from) {
            if v.ty == types::UNTYPED_NIL {
                return match tu {
                    TyKind::Pointer(_) | TyKind::Slice(_) | TyKind::Map(..) | TyKind::Func(_) => {
                        Ok(Val::konst(t, ConstVal::Nil))
                    }
                    _ => bad(self, &v),
                };
            }
            let dt = self.types.default_type(from);
            Val { ty: dt, ..v }
        } else {
            v
        };
        let fu = if self.types.is_untyped(from) { self.types.ukind(v.ty).clone() } else { fu };
        let (from_int, to_int) = (self.types.int_info(v.ty), self.types.int_info(t));
        let op = match (&fu, &tu) {
            (a, b) if a == b => None,
            // Between integer types: re-normalise to the target's width and sign unless
            // every source value is already a target value.
            _ if from_int.is_some() && to_int.is_some() => {
                let ((fb, fs), (tb, ts)) = (from_int.unwrap_or((64, true)), to_int.unwrap_or((64, true)));
                let fits = (fs == ts && fb <= tb) || (!fs && ts && fb < tb);
                if fits {
                    None
                } else {
                    super::operators::wrap_op(tb, ts)
                }
            }
            _ if from_int.is_some() && matches!(tu, TyKind::Float) => {
                Some(if self.types.is_u64(v.ty) { Op::UintToFloat } else { Op::IntToFloat })
            }
            (TyKind::Float, _) if to_int.is_some() => {
                Some(if self.types.is_u64(t) { Op::FloatToUint } else { Op::FloatToInt })
            }
            _ if from_int.is_some() && matches!(tu, TyKind::String) => Some(Op::StrFromRune),
            (TyKind::Slice(el), TyKind::String) if matches!(self.types.ukind(*el), TyKind::Byte) => {
                Some(Op::StrFromBytes)
            }
            (TyKind::String, TyKind::Slice(el)) if matches!(self.types.ukind(*el), TyKind::Byte) => {
                Some(Op::BytesFromStr)
            }
            (TyKind::Slice(_), TyKind::String) | (TyKind::String, TyKind::Slice(_)) => {
                return err(
                    x.pos,
                    format!("unsupported: conversion of {} to {}", self.types.name(from), self.types.name(t)),
                );
            }
            _ => {
                if self.types.under(v.ty) == self.types.under(t) {
                    None
                } else if let (TyKind::Pointer(a), TyKind::Pointer(b)) = (&fu, &tu) {
                    if self.types.under(*a) == self.types.under(*b) {
                        None
                    } else {
                        return bad(self, &v);
                    }
                } else {
                    return bad(self, &v);
                }
            }
        };
        match op {
            None => Ok(Val { ty: t, ..v }),
            Some(op) => {
                let (s, st) = self.materialize(&v)?;
                if st {
                    self.b().free(s);
                }
                let d = self.tmp(t);
                self.b().emit(op, d, s, 0);
                if op == Op::FloatToInt {
                    self.wrap_small(d, t);
                }
                Ok(Val { ty: t, loc: Loc::Reg { slot: d, temp: true }, fresh: true })
            }
        }
    }

    // ------------------------------------------------------------ builtins

    #[allow(clippy::too_many_arguments)]
    pub(super) fn builtin(
        &mut self,
        e: &Expr,
        b: Builtin,
        args: &[Expr],
        ellipsis: bool,
        hint: Option<TyId>,
        mode: CallMode,
    ) -> R<Val> {
        let name = format!("{b:?}").to_lowercase();
        let nargs = |lo: usize, hi: usize, s: &mut Self| -> R<()> {
            if args.len() < lo {
                return err(
                    close_paren_pos(e),
                    format!("not enough arguments for {}() (expected {lo}, found {})", name, args.len()),
                );
            }
            if args.len() > hi {
                let _ = s;
                return err(
                    args[hi].pos,
                    format!("too many arguments for {}() (expected {hi}, found {})", name, args.len()),
                );
            }
            Ok(())
        };
        if mode != CallMode::Normal && !matches!(b, Builtin::Panic | Builtin::Close) {
            let what = if mode == CallMode::Go { "go" } else { "defer" };
            return err(e.pos, format!("unsupported: {what} of builtin {name}"));
        }
        if ellipsis && b != Builtin::Append {
            return err(e.pos, format!("invalid use of ... with built-in {name}"));
        }
        let _ = hint;
        match b {
            Builtin::Len | Builtin::Cap => {
                nargs(1, 1, self)?;
                let v = self.expr(&args[0], None)?;
                self.single(&v, &args[0])?;
                let u = self.types.ukind(v.ty).clone();
                if let (Loc::Const(ConstVal::Str(s)), Builtin::Len) = (&v.loc, b) {
                    return Ok(Val::konst(types::INT, ConstVal::Int(s.len() as i128)));
                }
                let arr_len = match &u {
                    TyKind::Array(n, _) => Some(*n),
                    TyKind::Pointer(p) => match self.types.ukind(*p) {
                        TyKind::Array(n, _) => Some(*n),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(n) = arr_len {
                    self.release(&v);
                    return Ok(Val::konst(types::INT, ConstVal::Int(n as i128)));
                }
                let op = match (&u, b) {
                    (TyKind::String, Builtin::Len) => Op::StrLen,
                    (TyKind::Slice(_), Builtin::Len) => Op::SliceLen,
                    (TyKind::Slice(_), Builtin::Cap) => Op::SliceCap,
                    (TyKind::Map(..), Builtin::Len) => Op::MapLen,
                    (TyKind::Chan(..), Builtin::Len) => Op::ChanLen,
                    (TyKind::Chan(..), Builtin::Cap) => Op::ChanCap,
                    _ => {
                        return err(
                            args[0].pos,
                            format!("invalid argument: {} for {name}", self.describe(&args[0], &v)),
                        );
                    }
                };
                let (s, st) = self.materialize(&v)?;
                if st {
                    self.b().free(s);
                }
                let d = self.b().temp(false);
                self.b().emit(op, d, s, 0);
                Ok(Val::reg(types::INT, d, true))
            }
            Builtin::Append => {
                if args.is_empty() {
                    return err(close_paren_pos(e), "not enough arguments for append() (expected 1, found 0)");
                }
                let sv = self.expr(&args[0], None)?;
                self.single(&sv, &args[0])?;
                if sv.ty == types::UNTYPED_NIL {
                    return err(args[0].pos, "first argument to append must be a typed slice; have untyped nil");
                }
                let TyKind::Slice(et) = self.types.ukind(sv.ty).clone() else {
                    return err(
                        args[0].pos,
                        format!("invalid argument: {} is not a slice", self.describe(&args[0], &sv)),
                    );
                };
                let st = sv.ty;
                let d = self.b().temp(true);
                self.materialize_into(&sv, d);
                let ert = self.rtype(et);
                if ellipsis {
                    if args.len() > 2 {
                        return err(args[2].pos, "too many arguments in call to append");
                    }
                    if args.len() < 2 {
                        return err(e.pos, "not enough arguments in call to append");
                    }
                    let ov = self.expr(&args[1], Some(st))?;
                    self.single(&ov, &args[1])?;
                    if self.types.is_string(ov.ty) && matches!(self.types.ukind(et), TyKind::Byte) {
                        let ov = if self.types.is_untyped(ov.ty) { Val { ty: types::STRING, ..ov } } else { ov };
                        let (s, t) = self.materialize(&ov)?;
                        self.b().emit(Op::AppendStr, d, s, 0);
                        if t {
                            self.b().free(s);
                        }
                    } else {
                        let ov = self.assign_conv(ov, st, &args[1], "append")?;
                        let (s, t) = self.materialize(&ov)?;
                        self.b().emit(Op::AppendSlice, d, s, ert);
                        if t {
                            self.b().free(s);
                        }
                    }
                    return Ok(Val::reg(st, d, true));
                }
                let mut vals = Vec::new();
                for a in &args[1..] {
                    let v = self.expr(a, Some(et))?;
                    self.single(&v, a)?;
                    let v = self.assign_conv(v, et, a, "argument to append")?;
                    let v = self.owned(v)?;
                    let (s, t) = self.materialize(&v)?;
                    vals.push(Val { loc: Loc::Reg { slot: s, temp: t }, ..v });
                }
                if vals.len() == 1 {
                    let (s, t) = self.materialize(&vals[0])?;
                    self.b().emit(Op::Append, d, s, ert);
                    if t {
                        self.b().free(s);
                    }
                } else if vals.len() > 1 {
                    // Several elements grow the slice once, as Go does.
                    let slice_ty = self.types.slice(et);
                    let tmp = self.pack_variadic(slice_ty, vals)?;
                    let (s, t) = self.materialize(&tmp)?;
                    self.b().emit(Op::AppendSlice, d, s, ert);
                    if t {
                        self.b().free(s);
                    }
                }
                Ok(Val::reg(st, d, true))
            }
            Builtin::Make => {
                if args.is_empty() {
                    return err(close_paren_pos(e), "not enough arguments for make() (expected 1, found 0)");
                }
                let t = self.type_arg(&args[0])?;
                match self.types.ukind(t).clone() {
                    TyKind::Slice(_) => {
                        if args.len() < 2 {
                            return err(
                                close_paren_pos(e),
                                format!("invalid operation: {} expects 2 or 3 arguments; found 1", ast_text(e)),
                            );
                        }
                        if args.len() > 3 {
                            return err(
                                e.pos,
                                format!(
                                    "invalid operation: {} expects 2 or 3 arguments; found {}",
                                    ast_text(e),
                                    args.len()
                                ),
                            );
                        }
                        let run = self.b().run(&[false, false]);
                        let lv = self.size_arg(&args[1])?;
                        self.materialize_into(&lv, run);
                        if args.len() == 3 {
                            let cv = self.size_arg(&args[2])?;
                            if let (Loc::Const(ConstVal::Int(l)), Loc::Const(ConstVal::Int(c))) = (&lv.loc, &cv.loc) {
                                if l > c {
                                    return err(
                                        args[1].pos,
                                        "invalid argument: length and capacity swapped".to_string(),
                                    );
                                }
                            }
                            self.materialize_into(&cv, run + 1);
                        } else {
                            self.b().emit_i32(Op::LoadInt, run + 1, -1);
                        }
                        let rt = self.rtype(t);
                        let d = self.b().temp(true);
                        self.b().emit(Op::MakeSlice, d, rt, run);
                        Ok(Val { ty: t, loc: Loc::Reg { slot: d, temp: true }, fresh: true })
                    }
                    TyKind::Chan(..) => {
                        self.make_arity(e, args)?;
                        let size = self.b().temp(false);
                        if args.len() == 2 {
                            let v = self.size_arg(&args[1])?;
                            self.materialize_into(&v, size);
                        } else {
                            self.b().emit(Op::LoadNil, size, 0, 0);
                        }
                        let rt = self.rtype(t);
                        let d = self.b().temp(true);
                        self.b().emit(Op::MakeChan, d, rt, size);
                        self.b().free(size);
                        Ok(Val::reg(t, d, true))
                    }
                    TyKind::Map(..) => {
                        self.make_arity(e, args)?;
                        if args.len() == 2 {
                            let v = self.size_arg(&args[1])?;
                            self.release(&v);
                        }
                        let rt = self.rtype(t);
                        let d = self.b().temp(true);
                        self.b().emit(Op::MakeMap, d, rt, 0);
                        Ok(Val::reg(t, d, true))
                    }
                    TyKind::Interface(_)
                    | TyKind::Int
                    | TyKind::String
                    | TyKind::Struct(_)
                    | TyKind::Array(..)
                    | TyKind::Pointer(_)
                    | TyKind::Func(_)
                    | TyKind::Bool
                    | TyKind::Float
                    | TyKind::Byte
                    | TyKind::Rune => err(
                        args[0].pos,
                        format!(
                            "invalid argument: cannot make {}; type must be slice, map, or channel",
                            ast_text(&args[0])
                        ),
                    ),
                    _ => err(args[0].pos, "unsupported: make of this type"),
                }
            }
            Builtin::New => {
                nargs(1, 1, self)?;
                let t = self.type_arg(&args[0])?;
                let pt = self.types.pointer(t);
                let d = self.b().temp(true);
                if self.types.is_aggregate(t) {
                    let rt = self.rtype(t);
                    self.b().emit(Op::New, d, rt, 0);
                } else {
                    let z = self.tmp(t);
                    self.b().emit(Op::LoadNil, z, 0, 0);
                    let rt = self.rtype(pt);
                    self.b().emit(Op::BoxNew, d, z, rt);
                    self.b().free(z);
                }
                Ok(Val::reg(pt, d, true))
            }
            Builtin::Copy => {
                nargs(2, 2, self)?;
                let dv = self.value(&args[0])?;
                let sv = self.expr(&args[1], None)?;
                self.single(&sv, &args[1])?;
                let TyKind::Slice(det) = self.types.ukind(dv.ty).clone() else {
                    return err(
                        e.pos,
                        format!(
                            "invalid argument: copy expects slice arguments; found {} and {}",
                            self.describe(&args[0], &dv),
                            self.describe(&args[1], &sv)
                        ),
                    );
                };
                let op = if self.types.is_string(sv.ty) && matches!(self.types.ukind(det), TyKind::Byte) {
                    Op::CopyStr
                } else {
                    match self.types.ukind(sv.ty) {
                        TyKind::Slice(set) if self.types.under(*set) == self.types.under(det) => Op::CopySlice,
                        _ => {
                            return err(
                                e.pos,
                                format!(
                                    "invalid argument: copy expects slice arguments; found {} and {}",
                                    self.describe(&args[0], &dv),
                                    self.describe(&args[1], &sv)
                                ),
                            );
                        }
                    }
                };
                let sv = if self.types.is_untyped(sv.ty) { Val { ty: types::STRING, ..sv } } else { sv };
                let (a, at) = self.materialize(&dv)?;
                let (s, st) = self.materialize(&sv)?;
                self.free_pair(a, at, s, st);
                let d = self.b().temp(false);
                self.b().emit(op, d, a, s);
                Ok(Val::reg(types::INT, d, true))
            }
            Builtin::Delete => {
                nargs(2, 2, self)?;
                let mv = self.value(&args[0])?;
                let TyKind::Map(kt, _) = self.types.ukind(mv.ty).clone() else {
                    return err(
                        args[0].pos,
                        format!("invalid argument: {} is not a map", self.describe(&args[0], &mv)),
                    );
                };
                let kv = self.value_as(&args[1], kt, "argument to delete")?;
                let (m, mt) = self.materialize(&mv)?;
                let (k, kt_) = self.materialize(&kv)?;
                self.b().emit(Op::MapDelete, m, k, 0);
                self.free_pair(m, mt, k, kt_);
                Ok(Val { ty: types::UNTYPED_NIL, loc: Loc::Void, fresh: false })
            }
            Builtin::Panic => {
                nargs(1, 1, self)?;
                let v = self.value_as(&args[0], types::ANY, "argument to panic")?;
                if mode != CallMode::Normal {
                    return err(e.pos, "unsupported: defer or go of panic(...)");
                }
                let (s, st) = self.materialize(&v)?;
                self.b().emit(Op::Panic, s, 0, 0);
                if st {
                    self.b().free(s);
                }
                Ok(Val { ty: types::UNTYPED_NIL, loc: Loc::Void, fresh: false })
            }
            Builtin::Recover => {
                nargs(0, 0, self)?;
                let d = self.b().temp(true);
                self.b().emit(Op::Recover, d, 0, 0);
                Ok(Val::reg(types::ANY, d, true))
            }
            Builtin::Print | Builtin::Println => {
                if ellipsis {
                    return err(e.pos, format!("invalid operation: invalid use of ... with built-in {name}"));
                }
                let nat = if b == Builtin::Print { Native::BuiltinPrint } else { Native::BuiltinPrintln };
                self.library_call(e, "", &name, PkgFunc::Native(nat), args, false, mode)
            }
            Builtin::Close => {
                nargs(1, 1, self)?;
                let v = self.value(&args[0])?;
                let TyKind::Chan(dir, _) = self.types.ukind(v.ty).clone() else {
                    return err(
                        args[0].pos,
                        format!("invalid operation: non-chan argument {}", self.describe(&args[0], &v)),
                    );
                };
                if dir == 2 {
                    return err(
                        args[0].pos,
                        format!("invalid operation: cannot close receive-only channel {}", self.describe(&args[0], &v)),
                    );
                }
                if mode != CallMode::Normal {
                    let sig = Sig { params: vec![v.ty], results: vec![], variadic: false };
                    return self.defer_thunk(Callee::Close, vec![v], &sig, mode);
                }
                let (s, st) = self.materialize(&v)?;
                self.b().emit(Op::ChanClose, s, 0, 0);
                if st {
                    self.b().free(s);
                }
                Ok(Val { ty: types::UNTYPED_NIL, loc: Loc::Void, fresh: false })
            }
        }
    }

    /// `make(chan T[, n])` and `make(map[K]V[, n])` take at most one size.
    fn make_arity(&self, e: &Expr, args: &[Expr]) -> R<()> {
        if args.len() > 2 {
            return err(
                args[2].pos,
                format!("invalid operation: {} expects 1 or 2 arguments; found {}", ast_text(e), args.len()),
            );
        }
        Ok(())
    }

    /// The type operand of `make` and `new`.
    fn type_arg(&mut self, a: &Expr) -> R<TyId> {
        let t = match &strip_parens(a).kind {
            ExprKind::Type(t) => self.resolve_type(t)?,
            ExprKind::Ident(n) => match self.lookup(n, a.pos, true)? {
                Entity::Type(t) => t,
                _ => return err(a.pos, format!("{n} is not a type")),
            },
            _ => return err(a.pos, format!("{} is not a type", ast_text(a))),
        };
        self.ensure_resolved(t)?;
        Ok(t)
    }

    /// A make() size argument: a non-negative int.
    fn size_arg(&mut self, a: &Expr) -> R<Val> {
        let v = self.expr(a, Some(types::INT))?;
        self.single(&v, a)?;
        if let Loc::Const(c) = &v.loc {
            return match c {
                ConstVal::Int(i) if *i < 0 => err(
                    a.pos,
                    format!("invalid argument: index {} (constant of type int) must not be negative", ast_text(a)),
                ),
                ConstVal::Int(i) => Ok(Val::konst(types::INT, ConstVal::Int(*i))),
                ConstVal::Float(f) if f.is_integer() => {
                    Ok(Val::konst(types::INT, ConstVal::Int(f.to_i128().unwrap_or(i128::MAX))))
                }
                _ => err(a.pos, format!("cannot convert {} to type int", self.describe(a, &v))),
            };
        }
        if !self.types.is_integer(v.ty) {
            return err(a.pos, format!("cannot convert {} to type int", self.describe(a, &v)));
        }
        Ok(v)
    }
}
