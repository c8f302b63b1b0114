//! Expressions: checking, constant folding and code generation.

use super::builder::WINDOW;
use super::consts::{self, ConstVal};
use super::operators::kind_word;
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, LocalVar, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{self, Expr, ExprKind, Pos, UnOp};

impl Compiler {
    // ------------------------------------------------------------ materialising

    /// Load a constant of type `ty` into `dst`.
    pub fn load_const(&mut self, c: &ConstVal, ty: TyId, dst: u16) {
        let ty = self.types.default_type(ty);
        match c {
            ConstVal::Int(i) => {
                if self.types.is_float(ty) {
                    let bits = (*i as f64).to_bits();
                    let k = self.const_id(bits);
                    self.b().emit(Op::LoadConst, dst, k, 0);
                } else {
                    let v = *i as i64;
                    if v >= i32::MIN as i64 && v <= i32::MAX as i64 {
                        self.b().emit_i32(Op::LoadInt, dst, v as i32);
                    } else {
                        let k = self.const_id(v as u64);
                        self.b().emit(Op::LoadConst, dst, k, 0);
                    }
                }
            }
            ConstVal::Float(f) => {
                if self.types.is_integer(ty) {
                    let i = f.to_i128().unwrap_or(0) as i64;
                    let k = self.const_id(i as u64);
                    self.b().emit(Op::LoadConst, dst, k, 0);
                } else {
                    let k = self.const_id(f.to_f64().to_bits());
                    self.b().emit(Op::LoadConst, dst, k, 0);
                }
            }
            ConstVal::Bool(b) => {
                self.b().emit_i32(Op::LoadInt, dst, *b as i32);
            }
            ConstVal::Str(s) => {
                if s.is_empty() {
                    self.b().emit(Op::LoadNil, dst, 0, 0);
                } else {
                    let k = self.string_id(s);
                    self.b().emit(Op::LoadStr, dst, k, 0);
                }
            }
            ConstVal::Nil => {
                self.b().emit(Op::LoadNil, dst, 0, 0);
            }
        }
    }

    /// Put a value in some slot; returns (slot, is_temp).
    pub fn materialize(&mut self, v: &Val) -> R<(u16, bool)> {
        Ok(match &v.loc {
            Loc::Reg { slot, temp } => (*slot, *temp),
            Loc::Const(c) => {
                let ty = self.types.default_type(v.ty);
                let r = self.types.is_ref(ty) || matches!(c, ConstVal::Str(_) | ConstVal::Nil);
                let t = self.b().temp(r);
                self.load_const(c, ty, t);
                (t, true)
            }
            Loc::Window => {
                let t = self.tmp(v.ty);
                self.b().emit(Op::Move, t, WINDOW, 0);
                (t, true)
            }
            Loc::Void => return err(Pos::default(), "internal error: void value"),
        })
    }

    /// Put a value into `dst`.
    pub fn materialize_into(&mut self, v: &Val, dst: u16) {
        match &v.loc {
            Loc::Reg { slot, temp } => {
                if *slot != dst {
                    self.b().emit(Op::Move, dst, *slot, 0);
                }
                if *temp {
                    self.b().free(*slot);
                }
            }
            Loc::Const(c) => {
                let c = c.clone();
                self.load_const(&c, v.ty, dst);
            }
            Loc::Window => {
                self.b().emit(Op::Move, dst, WINDOW, 0);
            }
            Loc::Void => {}
        }
    }

    pub fn release(&mut self, v: &Val) {
        if let Loc::Reg { slot, temp: true } = v.loc {
            self.b().free(slot);
        }
    }

    /// Evaluate `e` to a value in a slot, default-typing untyped constants.
    pub fn value(&mut self, e: &Expr) -> R<Val> {
        let v = self.expr(e, None)?;
        self.single(&v, e)?;
        let ty = self.types.default_type(v.ty);
        if v.ty == types::UNTYPED_NIL {
            return err(e.pos, "use of untyped nil in assignment");
        }
        if let Loc::Const(c) = &v.loc {
            if consts::represent(&self.types, c, ty).is_none() {
                return err(
                    e.pos,
                    format!(
                        "cannot use {} (untyped {} constant) as {} value in assignment (overflows)",
                        ast_text(e),
                        kind_word(&self.types, v.ty),
                        self.types.name(ty)
                    ),
                );
            }
        }
        let (slot, temp) = self.materialize(&v)?;
        Ok(Val { ty, loc: Loc::Reg { slot, temp }, fresh: v.fresh })
    }

    /// Reject tuple and void values where one value is needed.
    pub fn single(&self, v: &Val, e: &Expr) -> R<()> {
        match (&v.loc, self.types.kind(v.ty)) {
            (Loc::Void, _) => err(e.pos, format!("{} (no value) used as value", ast_text(e))),
            (_, TyKind::Tuple(_)) => err(
                e.pos,
                format!(
                    "multiple-value {} (value of type {}) in single-value context",
                    ast_text(e),
                    self.types.name(v.ty)
                ),
            ),
            _ => Ok(()),
        }
    }

    /// Evaluate `e` as a value assignable to `ty` (implicit conversions applied), in a slot.
    pub fn value_as(&mut self, e: &Expr, ty: TyId, context: &str) -> R<Val> {
        let v = self.expr(e, Some(ty))?;
        self.single(&v, e)?;
        let v = self.assign_conv(v, ty, e, context)?;
        let (slot, temp) = self.materialize(&v)?;
        Ok(Val { ty, loc: Loc::Reg { slot, temp }, fresh: v.fresh })
    }

    /// Store a value into a new home `dst`, cloning a non-fresh aggregate.
    pub fn store_copy(&mut self, v: &Val, dst: u16) {
        if self.types.is_aggregate(v.ty) && !v.fresh {
            let (s, t) = match self.materialize(v) {
                Ok(x) => x,
                Err(_) => return,
            };
            self.b().emit(Op::Clone, dst, s, 0);
            if t {
                self.b().free(s);
            }
        } else {
            self.materialize_into(v, dst);
        }
    }

    /// A value of aggregate type that is safe to store: cloned unless fresh.
    pub fn owned(&mut self, v: Val) -> R<Val> {
        if self.types.is_aggregate(v.ty) && !v.fresh {
            let (s, t) = self.materialize(&v)?;
            let d = self.b().temp(true);
            self.b().emit(Op::Clone, d, s, 0);
            if t {
                self.b().free(s);
            }
            return Ok(Val { ty: v.ty, loc: Loc::Reg { slot: d, temp: true }, fresh: true });
        }
        Ok(v)
    }

    /// Go's description of an operand in "cannot use" messages.
    pub fn describe(&mut self, e: &Expr, v: &Val) -> String {
        let text = ast_text(e);
        match &v.loc {
            Loc::Const(c) if v.ty == types::UNTYPED_NIL => {
                let _ = c;
                "nil".into()
            }
            Loc::Const(c) => {
                let shown = c.show();
                if self.types.is_untyped(v.ty) {
                    if shown == text || matches!(e.kind, ExprKind::StringLit(_) | ExprKind::CharLit(_)) {
                        format!("{text} ({} constant)", self.types.name(v.ty))
                    } else {
                        format!("{text} ({} constant {shown})", self.types.name(v.ty))
                    }
                } else if shown == text {
                    format!("{text} (constant of type {})", self.types.name(v.ty))
                } else {
                    format!("{text} (constant {shown} of type {})", self.types.name(v.ty))
                }
            }
            _ => {
                let var = match &e.kind {
                    ExprKind::Ident(n) => {
                        matches!(self.lookup(n, e.pos, false), Ok(Entity::Local(_)) | Ok(Entity::Global { .. }))
                    }
                    ExprKind::Selector { .. } => true,
                    ExprKind::Index { expr, .. } => {
                        !matches!(self.peek_kind(expr), Some(TyKind::Map(..)) | Some(TyKind::String))
                    }
                    _ => false,
                };
                format!("{text} ({} of type {})", if var { "variable" } else { "value" }, self.types.name(v.ty))
            }
        }
    }

    fn peek_kind(&mut self, _e: &Expr) -> Option<TyKind> {
        None
    }

    /// Check assignability of `v` to `to` and apply the implicit conversion.
    pub fn assign_conv(&mut self, v: Val, to: TyId, e: &Expr, context: &str) -> R<Val> {
        if v.ty == to {
            return Ok(v);
        }
        let tys = &self.types;
        // Untyped constants.
        if let Loc::Const(c) = &v.loc {
            if v.ty == types::UNTYPED_NIL {
                return match tys.ukind(to) {
                    TyKind::Pointer(_)
                    | TyKind::Slice(_)
                    | TyKind::Map(..)
                    | TyKind::Func(_)
                    | TyKind::Chan(..)
                    | TyKind::Interface(_) => Ok(Val::konst(to, ConstVal::Nil)),
                    _ => err(e.pos, format!("cannot use nil as {} value in {context}", tys.name(to))),
                };
            }
            if tys.is_untyped(v.ty) {
                if tys.is_interface(to) {
                    // Through the default type, which must represent the value (Go:
                    // `cannot use 1 << 100 (untyped int constant ...) as int value in
                    // argument to fmt.Println (overflows)`).
                    let dt = tys.default_type(v.ty);
                    let dv = self.assign_conv(v, dt, e, context)?;
                    return self.assign_conv(dv, to, e, context);
                }
                let ok_kind = match tys.ukind(to) {
                    TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) | TyKind::Float => tys.is_numeric(v.ty),
                    TyKind::Bool => tys.is_bool(v.ty),
                    TyKind::String => tys.is_string(v.ty),
                    _ => false,
                };
                if ok_kind {
                    return match consts::represent(tys, c, to) {
                        Some(c2) => Ok(Val::konst(to, c2)),
                        None => {
                            let d = self.describe(e, &v);
                            let tys = &self.types;
                            if tys.is_float(v.ty) && tys.is_integer(to) {
                                err(e.pos, format!("cannot use {d} as {} value in {context} (truncated)", tys.name(to)))
                            } else {
                                err(e.pos, format!("cannot use {d} as {} value in {context} (overflows)", tys.name(to)))
                            }
                        }
                    };
                }
                let d = self.describe(e, &v);
                return err(e.pos, format!("cannot use {d} as {} value in {context}", self.types.name(to)));
            }
        }
        let from = v.ty;
        let tys = &self.types;
        // Identical underlying types where one side is unnamed.
        let from_named = matches!(tys.kind(from), TyKind::Named(_));
        let to_named = matches!(tys.kind(to), TyKind::Named(_));
        if tys.under(from) == tys.under(to) && (!from_named || !to_named) && !tys.is_interface(to) {
            return Ok(Val { ty: to, ..v });
        }
        // A bidirectional channel is assignable to a directional one of the same element.
        if let (TyKind::Chan(0, a), TyKind::Chan(_, b)) = (tys.ukind(from), tys.ukind(to)) {
            if a == b && (!from_named || !to_named) {
                return Ok(Val { ty: to, ..v });
            }
        }
        if tys.is_interface(to) {
            if tys.is_interface(from) {
                if let Some((m, _)) = tys.missing_method(from, to) {
                    let d = self.describe(e, &v);
                    let tys = &self.types;
                    return err(
                        e.pos,
                        format!(
                            "cannot use {d} as type {} in {context}:\n\t{} does not implement {} (missing method {m})",
                            tys.name(to),
                            tys.name(from),
                            tys.name(to)
                        ),
                    );
                }
                return Ok(Val { ty: to, ..v });
            }
            if let Some((m, ptr)) = tys.missing_method(from, to) {
                let d = self.describe(e, &v);
                let tys = &self.types;
                let why = if ptr { format!("method {m} has pointer receiver") } else { format!("missing method {m}") };
                return err(
                    e.pos,
                    format!(
                        "cannot use {d} as type {} in {context}:\n\t{} does not implement {} ({why})",
                        tys.name(to),
                        tys.name(from),
                        tys.name(to)
                    ),
                );
            }
            return self.box_iface(v, to);
        }
        let d = self.describe(e, &v);
        err(e.pos, format!("cannot use {d} as {} value in {context}", self.types.name(to)))
    }

    /// Box a concrete value into an interface of type `to`.
    pub fn box_iface(&mut self, v: Val, to: TyId) -> R<Val> {
        let v = self.owned(v)?;
        let rt = self.rtype(v.ty);
        let (s, t) = self.materialize(&v)?;
        let d = self.b().temp(true);
        self.b().emit(Op::ToIface, d, s, rt);
        if t {
            self.b().free(s);
        }
        Ok(Val::reg(to, d, true))
    }

    // ------------------------------------------------------------ expressions

    pub fn expr(&mut self, e: &Expr, hint: Option<TyId>) -> R<Val> {
        self.set_line(e.pos);
        match &e.kind {
            ExprKind::IntLit(v) => {
                if *v > i128::MAX as u128 {
                    return err(e.pos, consts::INT_TOO_WIDE);
                }
                Ok(Val::konst(types::UNTYPED_INT, ConstVal::Int(*v as i128)))
            }
            ExprKind::FloatLit(_, text) => match consts::Rat::from_literal(text) {
                Ok(r) => Ok(Val::konst(types::UNTYPED_FLOAT, ConstVal::Float(r))),
                Err(m) => err(e.pos, m),
            },
            ExprKind::CharLit(c) => Ok(Val::konst(types::UNTYPED_RUNE, ConstVal::Int(*c as i128))),
            ExprKind::StringLit(s) => Ok(Val::konst(types::UNTYPED_STRING, ConstVal::Str(s.clone()))),
            ExprKind::Paren(x) => self.expr(x, hint),
            ExprKind::Ident(name) => self.ident(name, e.pos),
            ExprKind::FuncLit { sig, body } => self.func_lit(sig, body, e.pos),
            ExprKind::Composite { ty, elems, lbrace } => {
                let t = match ty {
                    Some(t) => {
                        if let ast::TypeExprKind::Array(None, elem) = &t.kind {
                            let et = self.resolve_type(elem)?;
                            let n = self.composite_len(elems)?;
                            self.types.intern(TyKind::Array(n, et))
                        } else {
                            self.resolve_type(t)?
                        }
                    }
                    None => match hint {
                        Some(h) => h,
                        None => return err(*lbrace, "invalid composite literal type: missing type"),
                    },
                };
                self.composite(t, elems, e.pos)
            }
            ExprKind::Selector { expr, sel } => self.selector(e, expr, sel),
            ExprKind::Index { expr, index, .. } => self.index(e, expr, index),
            ExprKind::Slice { expr, lo, hi, max, .. } => self.slice_expr(e, expr, lo, hi, max),
            ExprKind::TypeAssert { expr, ty } => {
                let Some(ty) = ty else {
                    return err(e.pos, "invalid syntax tree: use of .(type) outside type switch");
                };
                let t = self.resolve_type(ty)?;
                self.type_assert(expr, t, e.pos, false)
            }
            ExprKind::Call { func, args, ellipsis, lparen } => self.call(e, func, args, *ellipsis, *lparen, hint),
            ExprKind::Unary { op, expr } => self.unary(e, *op, expr, hint),
            ExprKind::Binary { op, lhs, rhs, op_pos } => self.binary(e, *op, lhs, rhs, *op_pos, hint),
            ExprKind::Type(t) => {
                let t = self.resolve_type(t)?;
                err(e.pos, format!("{} (type) is not an expression", self.types.name(t)))
            }
        }
    }

    fn composite_len(&mut self, elems: &[ast::KeyedElement]) -> R<u64> {
        let mut n: u64 = 0;
        let mut max: u64 = 0;
        for el in elems {
            if let Some(k) = &el.key {
                let (_, c) = self.eval_const(k)?;
                if let ConstVal::Int(i) = c {
                    n = i as u64;
                }
            }
            n += 1;
            max = max.max(n);
        }
        Ok(max)
    }

    /// Read a variable into a value.
    pub fn read_var(&mut self, v: &LocalVar) -> Val {
        let base = match v.capture {
            Some(idx) => {
                let t = self.b().temp(true);
                self.b().emit(Op::LoadCapture, t, 0, idx);
                Some(t)
            }
            None => None,
        };
        if v.boxed {
            let src = base.unwrap_or(v.slot);
            let t = self.tmp(v.ty);
            self.b().emit(Op::BoxGet, t, src, 0);
            if let Some(b) = base {
                self.b().free(b);
            }
            return Val::reg(v.ty, t, true);
        }
        match base {
            Some(b) => Val::reg(v.ty, b, true),
            None => Val::reg(v.ty, v.slot, false),
        }
    }

    fn ident(&mut self, name: &str, pos: Pos) -> R<Val> {
        if name == "_" {
            return err(pos, "cannot use _ as value");
        }
        if name == "iota" {
            if let Some(i) = self.iota {
                if self.lookup(name, pos, false).is_err() {
                    return Ok(Val::konst(types::UNTYPED_INT, ConstVal::Int(i as i128)));
                }
            }
        }
        let entity = self.lookup(name, pos, true)?;
        self.entity_value(entity, name, pos)
    }

    /// The value an identifier or a package member (`os.Args`) names.
    fn entity_value(&mut self, entity: Entity, name: &str, pos: Pos) -> R<Val> {
        match entity {
            Entity::Local(v) => Ok(self.read_var(&v)),
            Entity::Global { ty, slot, boxed } => {
                let t = {
                    let r = boxed || self.types.is_ref(ty);
                    self.b().temp(r)
                };
                self.b().emit(Op::GetGlobal, t, slot, 0);
                if boxed {
                    let t2 = self.tmp(ty);
                    self.b().emit(Op::BoxGet, t2, t, 0);
                    self.b().free(t);
                    return Ok(Val::reg(ty, t2, true));
                }
                Ok(Val::reg(ty, t, true))
            }
            Entity::Const(t, c) => Ok(Val::konst(t, c)),
            Entity::Func(id, fty) => {
                let t = self.b().temp(true);
                self.b().emit(Op::LoadFunc, t, id as u16, 0);
                Ok(Val::reg(fty, t, true))
            }
            Entity::Nil => Ok(Val::konst(types::UNTYPED_NIL, ConstVal::Nil)),
            Entity::Type(t) => err(pos, format!("{} (type) is not an expression", self.types.name(t))),
            Entity::Builtin(_) => err(pos, format!("{name} (built-in function) must be called")),
            Entity::Package(p) => err(pos, format!("use of package {p} without selector")),
        }
    }

    /// `<-x`, or with `comma_ok` the tuple `(value, ok)` in two consecutive slots.
    pub fn receive(&mut self, e: &Expr, x: &Expr, comma_ok: bool) -> R<Val> {
        let cv = self.expr(x, None)?;
        self.single(&cv, x)?;
        let TyKind::Chan(dir, et) = self.types.ukind(cv.ty).clone() else {
            return err(e.pos, format!("invalid operation: cannot receive from non-channel {}", self.describe(x, &cv)));
        };
        if dir == 1 {
            return err(
                e.pos,
                format!("invalid operation: cannot receive from send-only channel {}", self.describe(x, &cv)),
            );
        }
        let (c, ct) = self.materialize(&cv)?;
        let vr = self.types.is_ref(et);
        let run = self.b().run(&[vr, false]);
        let agg = self.types.is_aggregate(et);
        self.b().emit(if comma_ok || agg { Op::ChanRecv2 } else { Op::ChanRecv }, run, c, 0);
        if agg {
            // A closed channel yields the zero value: allocate it.
            let skip = self.b().new_label();
            self.b().jump(Op::JmpTrue, run + 1, 0, skip);
            let rt = self.rtype(et);
            self.b().emit(Op::New, run, rt, 0);
            self.b().bind(skip);
        }
        if ct {
            self.b().free(c);
        }
        if comma_ok {
            let tuple = self.types.intern(TyKind::Tuple(vec![et, types::BOOL]));
            return Ok(Val { ty: tuple, loc: Loc::Reg { slot: run, temp: false }, fresh: true });
        }
        Ok(Val { ty: et, loc: Loc::Reg { slot: run, temp: false }, fresh: true })
    }

    /// The two-value forms `m[k]`, `x.(T)` and `<-c` (with `, ok`): a tuple in two
    /// consecutive slots. `None` when `e` is not such an expression.
    pub fn comma_ok(&mut self, e: &Expr) -> R<Option<Val>> {
        match &strip_parens(e).kind {
            ExprKind::Unary { op: UnOp::Recv, expr } => Ok(Some(self.receive(e, expr, true)?)),
            ExprKind::TypeAssert { expr, ty: Some(t) } => {
                let t = self.resolve_type(t)?;
                Ok(Some(self.type_assert(expr, t, e.pos, true)?))
            }
            ExprKind::Index { expr, index, .. } => {
                let mt = self.peek_type(expr);
                let TyKind::Map(kt, vt) = self.types.ukind(mt).clone() else { return Ok(None) };
                let mv = self.expr(expr, None)?;
                let kv = self.value_as(index, kt, "map index")?;
                let (m, mtmp) = self.materialize(&mv)?;
                let (k, ktmp) = self.materialize(&kv)?;
                let vr = self.types.is_ref(vt);
                let run = self.b().run(&[vr, false]);
                self.b().emit(Op::MapGet2, run, m, k);
                if self.types.is_aggregate(vt) {
                    let skip = self.b().new_label();
                    self.b().jump(Op::JmpTrue, run + 1, 0, skip);
                    let rt = self.rtype(vt);
                    self.b().emit(Op::New, run, rt, 0);
                    self.b().bind(skip);
                }
                self.free_pair(m, mtmp, k, ktmp);
                let tuple = self.types.intern(TyKind::Tuple(vec![vt, types::BOOL]));
                Ok(Some(Val { ty: tuple, loc: Loc::Reg { slot: run, temp: false }, fresh: false }))
            }
            _ => Ok(None),
        }
    }

    // ------------------------------------------------------------ closures

    fn func_lit(&mut self, sig_ast: &ast::FuncType, body: &ast::Block, pos: Pos) -> R<Val> {
        let sig = self.resolve_sig(sig_ast)?;
        let fty = self.types.intern(TyKind::Func(sig.clone()));
        self.closure_counter += 1;
        let name = format!("{}.func{}", self.closure_base, self.closure_counter);
        let id = self.new_func(name.clone());
        let params: Vec<(Option<ast::Ident>, TyId)> =
            sig_ast.params.iter().zip(sig.params.iter()).map(|(p, t)| (p.name.clone(), *t)).collect();
        self.fns.push(super::new_fnctx(&name, sig.clone()));
        let r = self.compile_body(&params, &sig_ast.results, &sig.results, body, pos);
        let ctx = self.fns.pop().expect("closure ctx");
        r?;
        let captures = ctx.captures.clone();
        let mut b = ctx.b;
        b.capture_count = captures.len() as u16;
        self.funcs[id as usize].func = Some(super::finish(b)?);
        let dst = self.b().temp(true);
        if captures.is_empty() {
            self.b().emit(Op::LoadFunc, dst, id as u16, 0);
        } else {
            let kinds = vec![true; captures.len()];
            let run = self.b().run(&kinds);
            for (i, c) in captures.iter().enumerate() {
                match c {
                    super::CaptureSrc::Slot(s) => {
                        self.b().emit(Op::Move, run + i as u16, *s, 0);
                    }
                    super::CaptureSrc::Capture(k) => {
                        self.b().emit(Op::LoadCapture, run + i as u16, 0, *k);
                    }
                }
            }
            self.b().emit(Op::MakeClosure, dst, id as u16, run);
        }
        Ok(Val::reg(fty, dst, true))
    }

    // ------------------------------------------------------------ composite literals

    fn composite(&mut self, t: TyId, elems: &[ast::KeyedElement], pos: Pos) -> R<Val> {
        self.ensure_resolved(t)?;
        let (base, is_ptr) = match self.types.ukind(t) {
            TyKind::Pointer(e) => (*e, true),
            _ => (t, false),
        };
        let _ = is_ptr;
        let u = self.types.under(base);
        match self.types.kind(u).clone() {
            TyKind::Struct(fields) => {
                let rt = self.rtype(base);
                let obj = self.b().temp(true);
                self.b().emit(Op::New, obj, rt, 0);
                let keyed = elems.first().map(|e| e.key.is_some()).unwrap_or(false);
                if !keyed && !elems.is_empty() && elems.len() != fields.len() {
                    let at = if elems.len() < fields.len() { pos } else { elems[fields.len()].value.pos };
                    let msg = if elems.len() < fields.len() {
                        format!("too few values in {}{{…}}", self.types.name(t))
                    } else {
                        format!("too many values in {}{{…}}", self.types.name(t))
                    };
                    return err(at, msg);
                }
                for (i, el) in elems.iter().enumerate() {
                    let fi = if keyed {
                        let Some(k) = &el.key else {
                            return err(el.value.pos, "mixture of field:value and value elements in struct literal");
                        };
                        let ExprKind::Ident(fname) = &k.kind else {
                            return err(k.pos, format!("invalid field name {} in struct literal", ast_text(k)));
                        };
                        match fields.iter().position(|f| &f.name == fname) {
                            Some(i) => i,
                            None => {
                                return err(
                                    k.pos,
                                    format!(
                                        "unknown field '{fname}' in struct literal of type {}",
                                        self.types.name(base)
                                    ),
                                )
                            }
                        }
                    } else {
                        if el.key.is_some() {
                            return err(el.value.pos, "mixture of field:value and value elements in struct literal");
                        }
                        i
                    };
                    let fty = fields[fi].ty;
                    self.store_field(obj, fi as u16, fty, &el.value, "struct literal")?;
                }
                Ok(Val { ty: t, loc: Loc::Reg { slot: obj, temp: true }, fresh: true })
            }
            TyKind::Array(n, et) => {
                let rt = self.rtype(base);
                let obj = self.b().temp(true);
                self.b().emit(Op::New, obj, rt, 0);
                self.fill_elements(obj, et, elems, Some(n), (Op::ArraySet, Op::ArraySetR))?;
                Ok(Val { ty: t, loc: Loc::Reg { slot: obj, temp: true }, fresh: true })
            }
            TyKind::Slice(et) => {
                let n = self.composite_len(elems)?;
                let rt = self.rtype(base);
                let lens = self.b().run(&[false, false]);
                self.b().emit_i32(Op::LoadInt, lens, n as i32);
                self.b().emit_i32(Op::LoadInt, lens + 1, -1);
                let obj = self.b().temp(true);
                self.b().emit(Op::MakeSlice, obj, rt, lens);
                self.fill_elements(obj, et, elems, None, (Op::SliceSet, Op::SliceSetR))?;
                Ok(Val { ty: t, loc: Loc::Reg { slot: obj, temp: true }, fresh: true })
            }
            TyKind::Map(kt, vt) => {
                let rt = self.rtype(base);
                let obj = self.b().temp(true);
                self.b().emit(Op::MakeMap, obj, rt, 0);
                for el in elems {
                    let Some(k) = &el.key else {
                        return err(el.value.pos, "missing key in map literal");
                    };
                    let kv = self.value_as(k, kt, "map literal")?;
                    let vv = self.expr(&el.value, Some(vt))?;
                    self.single(&vv, &el.value)?;
                    let vv = self.assign_conv(vv, vt, &el.value, "map literal")?;
                    let vv = self.owned(vv)?;
                    let (vs, vtmp) = self.materialize(&vv)?;
                    let (ks, ktmp) = self.materialize(&kv)?;
                    self.b().emit(Op::MapSet, obj, ks, vs);
                    if ktmp {
                        self.b().free(ks);
                    }
                    if vtmp {
                        self.b().free(vs);
                    }
                }
                Ok(Val { ty: t, loc: Loc::Reg { slot: obj, temp: true }, fresh: true })
            }
            _ => err(pos, format!("invalid composite literal type {}", self.types.name(t))),
        }
    }

    /// Store the elements of an array or slice literal (positional or keyed) into `obj`
    /// with the given scalar/reference store ops; `bound` is an array's length.
    fn fill_elements(
        &mut self,
        obj: u16,
        et: TyId,
        elems: &[ast::KeyedElement],
        bound: Option<u64>,
        (set, set_ref): (Op, Op),
    ) -> R<()> {
        let mut idx: u64 = 0;
        for el in elems {
            if let Some(k) = &el.key {
                idx = self.const_index(k)?;
            }
            if let Some(n) = bound.filter(|&n| idx >= n) {
                return err(el.value.pos, format!("index {idx} out of bounds [0:{n}]"));
            }
            let ir = self.b().temp(false);
            self.b().emit_i32(Op::LoadInt, ir, idx as i32);
            self.store_elem(set, set_ref, obj, ir, et, &el.value, "array or slice literal")?;
            self.b().free(ir);
            idx += 1;
        }
        Ok(())
    }

    fn const_index(&mut self, k: &Expr) -> R<u64> {
        let (_, c) = self.eval_const(k)?;
        match c {
            ConstVal::Int(i) if i >= 0 => Ok(i as u64),
            _ => err(k.pos, format!("index {} must be non-negative integer constant", ast_text(k))),
        }
    }

    /// `obj.field[fi] = value` for a fresh object (used by literals).
    fn store_field(&mut self, obj: u16, fi: u16, fty: TyId, value: &Expr, ctx: &str) -> R<()> {
        let v = self.expr(value, Some(fty))?;
        self.single(&v, value)?;
        let v = self.assign_conv(v, fty, value, ctx)?;
        let v = self.owned(v)?;
        let (s, t) = self.materialize(&v)?;
        let op = if self.types.is_ref(fty) { Op::SetFieldR } else { Op::SetField };
        self.b().emit(op, obj, fi, s);
        if t {
            self.b().free(s);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn store_elem(&mut self, op: Op, op_r: Op, obj: u16, idx: u16, ety: TyId, value: &Expr, ctx: &str) -> R<()> {
        let v = self.expr(value, Some(ety))?;
        self.single(&v, value)?;
        let v = self.assign_conv(v, ety, value, ctx)?;
        let v = self.owned(v)?;
        let (s, t) = self.materialize(&v)?;
        let op = if self.types.is_ref(ety) { op_r } else { op };
        self.b().emit(op, obj, idx, s);
        if t {
            self.b().free(s);
        }
        Ok(())
    }

    // ------------------------------------------------------------ selectors

    fn selector(&mut self, e: &Expr, x: &Expr, sel: &ast::Ident) -> R<Val> {
        if let ExprKind::Ident(pkg) = &x.kind {
            if let Ok(Entity::Package(p)) = self.lookup(pkg, x.pos, true) {
                return self.package_member(&p, sel, e);
            }
            if let Ok(Entity::Type(t)) = self.lookup(pkg, x.pos, false) {
                return self.method_expr(t, false, sel, e);
            }
        }
        if let Some((name, pos)) = super::methods::pointer_type_name(x) {
            if let Ok(Entity::Type(t)) = self.lookup(name, pos, false) {
                return self.method_expr(t, true, sel, e);
            }
        }
        let v = self.expr(x, None)?;
        self.single(&v, x)?;
        self.field_of(v, sel, e)
    }

    /// `v.sel` for a struct value or pointer to struct.
    pub fn field_of(&mut self, v: Val, sel: &ast::Ident, e: &Expr) -> R<Val> {
        let (st, _ptr) = match self.types.ukind(v.ty) {
            TyKind::Pointer(inner) => (*inner, true),
            _ => (v.ty, false),
        };
        let _ = st;
        match self.types.select(v.ty, &sel.name) {
            types::Selection::Field(path) => return self.walk_path(v, &path),
            types::Selection::Ambiguous => {
                let base = match &e.kind {
                    ExprKind::Selector { expr, .. } => ast_text(expr),
                    _ => String::new(),
                };
                return err(sel.pos, format!("ambiguous selector {base}.{}", sel.name));
            }
            _ => {}
        }
        if self.types.find_method(v.ty, &sel.name).is_some()
            || self.types.promoted_method(v.ty, &sel.name).is_some()
            || self.types.iface_methods(v.ty).map(|ms| ms.iter().any(|m| m.0 == sel.name)).unwrap_or(false)
        {
            let ExprKind::Selector { expr: x, .. } = &e.kind else {
                return err(sel.pos, "internal error: method value without a selector");
            };
            return self.method_value(v, x, sel);
        }
        let base = match &e.kind {
            ExprKind::Selector { expr, .. } => ast_text(expr),
            _ => String::new(),
        };
        err(
            sel.pos,
            format!(
                "{base}.{} undefined (type {} has no field or method {})",
                sel.name,
                self.types.name(v.ty),
                sel.name
            ),
        )
    }

    /// A one-instruction library function (`math.Sqrt`) as a function value: a
    /// function of one parameter running the instruction, made on first use.
    fn op_func_value(&mut self, pkg: &str, name: &str, op: Op) -> Val {
        let (param, result) = if op == Op::Itoa { (types::INT, types::STRING) } else { (types::FLOAT, types::FLOAT) };
        let full = format!("{pkg}.{name}");
        let id = match self.funcs.iter().position(|f| f.name == full && f.func.is_some()) {
            Some(id) => id as u32,
            None => {
                let id = self.new_func(full.clone());
                let mut b = super::builder::FuncBuilder::new(full);
                let p = b.new_slot(false);
                let r = b.new_slot(self.types.is_ref(result));
                b.param_count = 1;
                b.result_count = 1;
                b.emit(op, r, p, 0);
                b.emit(Op::Ret, r, 1, 0);
                self.funcs[id as usize].func = Some(super::finish(b).expect("a one-instruction function"));
                id
            }
        };
        let sig = types::Sig { params: vec![param], results: vec![result], variadic: false };
        let d = self.b().temp(true);
        self.b().emit(Op::LoadFunc, d, id as u16, 0);
        Val::reg(self.types.intern(TyKind::Func(sig)), d, true)
    }

    fn package_member(&mut self, pkg: &str, sel: &ast::Ident, e: &Expr) -> R<Val> {
        let _ = e;
        if let Some(entity) = self.package_entity(pkg, sel)? {
            return self.entity_value(entity, &sel.name, sel.pos);
        }
        if let Some(PkgFunc::Op(op @ (Op::SqrtF | Op::AbsF | Op::FloorF | Op::Itoa))) = package_func(pkg, &sel.name) {
            return Ok(self.op_func_value(pkg, &sel.name, op));
        }
        if package_func(pkg, &sel.name).is_some() {
            return err(sel.pos, format!("unsupported: {pkg}.{} used as a value", sel.name));
        }
        if sel.name.chars().next().map(|c| c.is_lowercase()).unwrap_or(false) {
            return err(sel.pos, format!("name {} not exported by package {pkg}", sel.name));
        }
        err(sel.pos, format!("undefined: {pkg}.{}", sel.name))
    }

    // ------------------------------------------------------------ index and slice

    fn index(&mut self, e: &Expr, x: &Expr, index: &Expr) -> R<Val> {
        let v = self.expr(x, None)?;
        self.single(&v, x)?;
        let u = self.types.under(v.ty);
        match self.types.kind(u).clone() {
            TyKind::String | TyKind::UntypedString => {
                if let (Loc::Const(ConstVal::Str(s)), Ok((_, ConstVal::Int(i)))) = (&v.loc, self.try_const(index)) {
                    if i < 0 || i as usize >= s.len() {
                        return err(index.pos, format!("invalid argument: index {i} out of bounds [0:{}]", s.len()));
                    }
                }
                let iv = self.index_value(index, None)?;
                let (s, st) = self.materialize(&v)?;
                let (i, it) = self.materialize(&iv)?;
                let d = self.b().temp(false);
                self.b().emit(Op::StrIndex, d, s, i);
                self.free_pair(s, st, i, it);
                Ok(Val::reg(types::BYTE, d, true))
            }
            TyKind::Slice(et) => {
                let iv = self.index_value(index, None)?;
                let (s, st) = self.materialize(&v)?;
                let (i, it) = self.materialize(&iv)?;
                let d = self.tmp(et);
                self.b().emit(Op::SliceGet, d, s, i);
                self.free_pair(s, st, i, it);
                Ok(Val::reg(et, d, true))
            }
            TyKind::Array(n, et) => self.array_index(v, n, et, index),
            TyKind::Pointer(p) => match self.types.ukind(p).clone() {
                TyKind::Array(n, et) => self.array_index(v, n, et, index),
                _ => err(e.pos, format!("invalid operation: cannot index {}", self.describe(x, &v))),
            },
            TyKind::Map(kt, vt) => {
                let kv = self.value_as(index, kt, "map index")?;
                let (m, mt) = self.materialize(&v)?;
                let (k, kt_) = self.materialize(&kv)?;
                let d = if self.types.is_aggregate(vt) {
                    let run = self.b().run(&[true, false]);
                    self.b().emit(Op::MapGet2, run, m, k);
                    let skip = self.b().new_label();
                    self.b().jump(Op::JmpTrue, run + 1, 0, skip);
                    let rt = self.rtype(vt);
                    self.b().emit(Op::New, run, rt, 0);
                    self.b().bind(skip);
                    run
                } else {
                    let d = self.tmp(vt);
                    self.b().emit(Op::MapGet, d, m, k);
                    d
                };
                self.free_pair(m, mt, k, kt_);
                let temp = !self.types.is_aggregate(vt);
                Ok(Val { ty: vt, loc: Loc::Reg { slot: d, temp }, fresh: false })
            }
            _ => err(e.pos, format!("invalid operation: cannot index {}", self.describe(x, &v))),
        }
    }

    fn array_index(&mut self, v: Val, n: u64, et: TyId, index: &Expr) -> R<Val> {
        let iv = self.index_value(index, Some(n))?;
        let (s, st) = self.materialize(&v)?;
        let (i, it) = self.materialize(&iv)?;
        let d = self.tmp(et);
        self.b().emit(Op::ArrayGet, d, s, i);
        self.free_pair(s, st, i, it);
        Ok(Val::reg(et, d, true))
    }

    pub fn free_pair(&mut self, a: u16, at: bool, b: u16, bt: bool) {
        if at {
            self.b().free(a);
        }
        if bt && b != a {
            self.b().free(b);
        }
    }

    /// Try to fold `e` to a constant without emitting code.
    pub fn try_const(&mut self, e: &Expr) -> R<(TyId, ConstVal)> {
        if !is_const_syntax(e) {
            return err(e.pos, "not constant");
        }
        self.eval_const(e)
    }

    /// An index operand: an integer value; constants are checked against `bound`.
    pub fn index_value(&mut self, index: &Expr, bound: Option<u64>) -> R<Val> {
        let v = self.expr(index, None)?;
        self.single(&v, index)?;
        if let Loc::Const(c) = &v.loc {
            if self.types.is_untyped(v.ty) && !self.types.is_numeric(v.ty) {
                return err(index.pos, format!("cannot convert {} to int", self.describe(index, &v)));
            }
            let i = match c {
                ConstVal::Int(i) => *i,
                ConstVal::Float(f) if f.is_integer() && self.types.is_untyped(v.ty) => f.to_i128().unwrap_or(i128::MAX),
                _ => {
                    return err(
                        index.pos,
                        format!("invalid argument: index {} must be integer", self.describe(index, &v)),
                    )
                }
            };
            if !self.types.is_integer(v.ty) && !self.types.is_untyped(v.ty) {
                return err(index.pos, format!("invalid argument: index {} must be integer", self.describe(index, &v)));
            }
            if i < 0 {
                return err(
                    index.pos,
                    format!("invalid argument: index {} (constant of type int) must not be negative", ast_text(index)),
                );
            }
            if let Some(n) = bound {
                if i as u128 >= n as u128 {
                    return err(index.pos, format!("invalid argument: index {i} out of bounds [0:{n}]"));
                }
            }
            return Ok(Val::konst(types::INT, ConstVal::Int(i)));
        }
        if !self.types.is_integer(v.ty) {
            return err(index.pos, format!("invalid argument: index {} must be integer", self.describe(index, &v)));
        }
        Ok(v)
    }

    fn slice_expr(
        &mut self,
        e: &Expr,
        x: &Expr,
        lo: &Option<Box<Expr>>,
        hi: &Option<Box<Expr>>,
        max: &Option<Box<Expr>>,
    ) -> R<Val> {
        let v = self.expr(x, None)?;
        self.single(&v, x)?;
        let u = self.types.under(v.ty);
        let (kind, result_ty) = match self.types.kind(u).clone() {
            TyKind::String | TyKind::UntypedString => {
                (0, if self.types.is_untyped(v.ty) { types::STRING } else { v.ty })
            }
            TyKind::Slice(_) => (1, v.ty),
            TyKind::Pointer(p) => match self.types.ukind(p).clone() {
                TyKind::Array(_, et) => (2, self.types.slice(et)),
                _ => return err(e.pos, format!("cannot slice {}", self.describe(x, &v))),
            },
            TyKind::Array(_, et) => (2, self.types.slice(et)),
            _ => return err(e.pos, format!("cannot slice {}", self.describe(x, &v))),
        };
        if kind == 0 && max.is_some() {
            return err(e.pos, "invalid operation: 3-index slice of string".to_string());
        }
        let run = self.b().run(&[false, false, false]);
        for (i, part) in [lo, hi, max].into_iter().enumerate() {
            match part {
                Some(p) => {
                    let iv = self.index_value(p, None)?;
                    self.materialize_into(&iv, run + i as u16);
                }
                None => {
                    let dflt = if i == 0 { 0 } else { -1 };
                    self.b().emit_i32(Op::LoadInt, run + i as u16, dflt);
                }
            }
        }
        let (s, st) = self.materialize(&v)?;
        let d = self.b().temp(true);
        match kind {
            0 => {
                self.b().emit(Op::SliceStr, d, s, run);
            }
            _ => {
                self.b().emit(Op::SliceSlice, d, s, run);
                self.b().emit(Op::Ext, (kind == 2) as u16, 0, 0);
            }
        }
        if st {
            self.b().free(s);
        }
        Ok(Val::reg(result_ty, d, true))
    }

    // ------------------------------------------------------------ type assertions

    pub fn type_assert(&mut self, x: &Expr, t: TyId, pos: Pos, comma_ok: bool) -> R<Val> {
        let v = self.expr(x, None)?;
        self.single(&v, x)?;
        if !self.types.is_interface(v.ty) {
            return err(x.pos, format!("invalid operation: {} is not an interface", self.describe(x, &v)));
        }
        if !self.types.is_interface(t) {
            if let Some((m, _)) = self.types.missing_method(t, v.ty) {
                return err(
                    pos,
                    format!(
                        "impossible type assertion: {}\n\t{} does not implement {} (missing method {m})",
                        ast_text(x),
                        self.types.name(t),
                        self.types.name(v.ty)
                    ),
                );
            }
        }
        let rt = self.rtype(t);
        let src_rt = self.rtype(v.ty);
        let (s, st) = self.materialize(&v)?;
        let is_ref = self.types.is_ref(t);
        if comma_ok {
            let run = self.b().run(&[is_ref, false]);
            self.b().emit(Op::Assert2, run, s, rt);
            if self.types.is_aggregate(t) {
                let skip = self.b().new_label();
                self.b().jump(Op::JmpTrue, run + 1, 0, skip);
                self.b().emit(Op::New, run, rt, 0);
                self.b().bind(skip);
            }
            if st {
                self.b().free(s);
            }
            let tuple = self.types.intern(TyKind::Tuple(vec![t, types::BOOL]));
            return Ok(Val { ty: tuple, loc: Loc::Reg { slot: run, temp: false }, fresh: false });
        }
        let d = self.b().temp(is_ref);
        self.b().emit(Op::Assert, d, s, rt);
        self.b().emit(Op::Ext, src_rt, 0, 0);
        if st {
            self.b().free(s);
        }
        Ok(Val::reg(t, d, true))
    }
}

pub fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

/// Could `e` be a constant expression (syntactically)? Used before folding attempts.
pub fn is_const_syntax(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::IntLit(_) | ExprKind::FloatLit(..) | ExprKind::CharLit(_) | ExprKind::StringLit(_) => true,
        ExprKind::Ident(_) => true,
        ExprKind::Paren(x) => is_const_syntax(x),
        ExprKind::Unary { op, expr } => !matches!(op, UnOp::Addr | UnOp::Deref | UnOp::Recv) && is_const_syntax(expr),
        ExprKind::Binary { lhs, rhs, .. } => is_const_syntax(lhs) && is_const_syntax(rhs),
        ExprKind::Selector { expr, .. } => matches!(expr.kind, ExprKind::Ident(_)),
        _ => false,
    }
}

/// Library functions by package and name.
pub fn package_func(pkg: &str, name: &str) -> Option<PkgFunc> {
    Some(match (pkg, name) {
        ("fmt", "Println") => PkgFunc::Native(crate::bytecode::Native::Println),
        ("fmt", "Print") => PkgFunc::Native(crate::bytecode::Native::Print),
        ("fmt", "Printf") => PkgFunc::Native(crate::bytecode::Native::Printf),
        ("fmt", "Sprintf") => PkgFunc::Native(crate::bytecode::Native::Sprintf),
        ("fmt", "Sprint") => PkgFunc::Native(crate::bytecode::Native::Sprint),
        ("fmt", "Sprintln") => PkgFunc::Native(crate::bytecode::Native::Sprintln),
        ("strconv", "Atoi") => PkgFunc::Native(crate::bytecode::Native::Atoi),
        ("strconv", "Itoa") => PkgFunc::Op(Op::Itoa),
        ("math", "Sqrt") => PkgFunc::Op(Op::SqrtF),
        ("math", "Abs") => PkgFunc::Op(Op::AbsF),
        ("math", "Floor") => PkgFunc::Op(Op::FloorF),
        ("island", "NewPort") => PkgFunc::Op(Op::PortNew),
        ("island", "Go") => PkgFunc::Op(Op::IslandGo),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug)]
pub enum PkgFunc {
    Native(crate::bytecode::Native),
    Op(Op),
}
