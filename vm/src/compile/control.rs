//! Control flow: conditions and fused compare-and-branch, `if`, the `for` forms (with
//! the counted-loop back edge), `range`, `switch`, type switches, `select`, labels,
//! `break` and `continue`.

use super::assign::LValue;
use super::builder::Label;
use super::consts::{self, ConstVal};
use super::expr::{is_const_syntax, strip_parens};
use super::operators::BinarySyntax;
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, LocalVar, LoopCtx, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{self, BinOp, Block, Expr, ExprKind, Pos, Stmt, StmtKind, UnOp};

impl Compiler {
    pub(super) fn if_stmt(
        &mut self,
        init: &Option<Box<Stmt>>,
        cond: &Expr,
        then: &Block,
        els: &Option<Box<Stmt>>,
    ) -> R<()> {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let else_l = self.b().new_label();
        self.cond_what = "if statement";
        self.cond_jump(cond, false, else_l)?;
        self.push_scope();
        for s in &then.stmts {
            self.stmt(s)?;
        }
        self.pop_scope()?;
        match els {
            Some(e) => {
                let end = self.b().new_label();
                self.b().jmp(end);
                self.b().bind(else_l);
                self.stmt(e)?;
                self.b().bind(end);
            }
            None => self.b().bind(else_l),
        }
        self.pop_scope()
    }

    /// Emit a jump to `target` taken when `e` evaluates to `jump_if`.
    pub fn cond_jump(&mut self, e: &Expr, jump_if: bool, target: Label) -> R<()> {
        self.set_line(e.pos);
        match &e.kind {
            ExprKind::Paren(x) => return self.cond_jump(x, jump_if, target),
            ExprKind::Unary { op: UnOp::Not, expr } => {
                let v_probe = is_const_syntax(expr);
                if !v_probe {
                    // Type check happens inside.
                    return self.cond_jump_not(e, expr, jump_if, target);
                }
            }
            ExprKind::Binary { op: BinOp::LogAnd, lhs, rhs, .. } if !(is_const_syntax(lhs) && is_const_syntax(rhs)) => {
                if jump_if {
                    let skip = self.b().new_label();
                    self.cond_jump(lhs, false, skip)?;
                    self.cond_jump(rhs, true, target)?;
                    self.b().bind(skip);
                } else {
                    self.cond_jump(lhs, false, target)?;
                    self.cond_jump(rhs, false, target)?;
                }
                return Ok(());
            }
            ExprKind::Binary { op: BinOp::LogOr, lhs, rhs, .. } if !(is_const_syntax(lhs) && is_const_syntax(rhs)) => {
                if jump_if {
                    self.cond_jump(lhs, true, target)?;
                    self.cond_jump(rhs, true, target)?;
                } else {
                    let skip = self.b().new_label();
                    self.cond_jump(lhs, true, skip)?;
                    self.cond_jump(rhs, false, target)?;
                    self.b().bind(skip);
                }
                return Ok(());
            }
            ExprKind::Binary { op, lhs, rhs, op_pos }
                if matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne) =>
            {
                let lv = self.expr(lhs, None)?;
                self.single(&lv, lhs)?;
                let rv = self.expr(rhs, None)?;
                self.single(&rv, rhs)?;
                let syn = BinarySyntax { whole: e, op: *op, l: lhs, r: rhs, op_pos: *op_pos };
                return self.compare_jump(syn, lv, rv, jump_if, target);
            }
            _ => {}
        }
        let v = self.expr(e, None)?;
        self.single(&v, e)?;
        if !self.types.is_bool(v.ty) {
            return err(e.pos, format!("non-boolean condition in {}", self.cond_what));
        }
        self.jump_on_bool(v, jump_if, target)
    }

    fn cond_jump_not(&mut self, e: &Expr, x: &Expr, jump_if: bool, target: Label) -> R<()> {
        let _ = e;
        // `!x`: check that x is boolean by compiling it as a condition with inverted sense.
        match &strip_parens(x).kind {
            ExprKind::Binary { .. } | ExprKind::Unary { op: UnOp::Not, .. } => self.cond_jump(x, !jump_if, target),
            _ => {
                let v = self.expr(x, None)?;
                self.single(&v, x)?;
                if !self.types.is_bool(v.ty) {
                    return err(
                        e.pos,
                        format!("invalid operation: operator ! not defined on {}", self.describe(x, &v)),
                    );
                }
                self.jump_on_bool(v, !jump_if, target)
            }
        }
    }

    fn jump_on_bool(&mut self, v: Val, jump_if: bool, target: Label) -> R<()> {
        if let Loc::Const(ConstVal::Bool(b)) = v.loc {
            if b == jump_if {
                self.b().jmp(target);
            }
            return Ok(());
        }
        let (s, t) = self.materialize(&v)?;
        if t {
            self.b().free(s);
        }
        let op = if jump_if { Op::JmpTrue } else { Op::JmpFalse };
        self.b().jump(op, s, 0, target);
        Ok(())
    }

    /// A comparison used as a branch: fused compare-and-branch for ints.
    pub fn compare_jump(&mut self, syn: BinarySyntax, lv: Val, rv: Val, jump_if: bool, target: Label) -> R<()> {
        let BinarySyntax { op, l, r, .. } = syn;
        // The fused branches compare signed words: every integer type but the unsigned
        // 64-bit ones, whose order differs.
        let is_int = |c: &Self, v: &Val| c.types.int_info(v.ty).is_some() && !c.types.is_u64(v.ty);
        let both_const = matches!(lv.loc, Loc::Const(_)) && matches!(rv.loc, Loc::Const(_));
        let int_cmp = !both_const
            && ((is_int(self, &lv)
                && (is_int(self, &rv)
                    || (self.types.is_untyped(rv.ty) && matches!(rv.loc, Loc::Const(ConstVal::Int(_))))))
                || (is_int(self, &rv)
                    && self.types.is_untyped(lv.ty)
                    && matches!(lv.loc, Loc::Const(ConstVal::Int(_)))))
            && (lv.ty == rv.ty || self.types.is_untyped(lv.ty) || self.types.is_untyped(rv.ty));
        if !int_cmp {
            let v = self.binop_vals(syn, lv, rv, None)?;
            return self.jump_on_bool(v, jump_if, target);
        }
        // Normalise: the condition to jump on, as (op, a, b).
        let mut op = op;
        if !jump_if {
            op = match op {
                BinOp::Lt => BinOp::Ge,
                BinOp::Le => BinOp::Gt,
                BinOp::Gt => BinOp::Le,
                BinOp::Ge => BinOp::Lt,
                BinOp::Eq => BinOp::Ne,
                _ => BinOp::Eq,
            };
        }
        let (lv, rv) = {
            // Type constants to the int side.
            let t = if is_int(self, &lv) { lv.ty } else { rv.ty };
            let lv = self.assign_conv_operand(lv, t, l)?;
            let rv = self.assign_conv_operand(rv, t, r)?;
            (lv, rv)
        };
        // Immediate forms.
        let imm = |v: &Val| match &v.loc {
            Loc::Const(ConstVal::Int(k)) if (i16::MIN as i128..=i16::MAX as i128).contains(k) => Some(*k as i16),
            _ => None,
        };
        if let Some(k) = imm(&rv) {
            let (a, at) = self.materialize(&lv)?;
            let code = match op {
                BinOp::Lt => Op::JmpLtIK,
                BinOp::Le => Op::JmpLeIK,
                BinOp::Gt => Op::JmpGtIK,
                BinOp::Ge => Op::JmpGeIK,
                BinOp::Eq => Op::JmpEqIK,
                _ => Op::JmpNeIK,
            };
            self.b().jump(code, a, k as u16, target);
            if at {
                self.b().free(a);
            }
            return Ok(());
        }
        if let Some(k) = imm(&lv) {
            let (b, bt) = self.materialize(&rv)?;
            let code = match op {
                BinOp::Lt => Op::JmpGtIK,
                BinOp::Le => Op::JmpGeIK,
                BinOp::Gt => Op::JmpLtIK,
                BinOp::Ge => Op::JmpLeIK,
                BinOp::Eq => Op::JmpEqIK,
                _ => Op::JmpNeIK,
            };
            self.b().jump(code, b, k as u16, target);
            if bt {
                self.b().free(b);
            }
            return Ok(());
        }
        let (a, at) = self.materialize(&lv)?;
        let (b, bt) = self.materialize(&rv)?;
        let (code, x, y) = match op {
            BinOp::Lt => (Op::JmpLtI, a, b),
            BinOp::Le => (Op::JmpLeI, a, b),
            BinOp::Gt => (Op::JmpLtI, b, a),
            BinOp::Ge => (Op::JmpLeI, b, a),
            BinOp::Eq => (Op::JmpEqI, a, b),
            _ => (Op::JmpNeI, a, b),
        };
        self.b().jump(code, x, y, target);
        self.free_pair(a, at, b, bt);
        Ok(())
    }

    fn assign_conv_operand(&mut self, v: Val, t: TyId, e: &Expr) -> R<Val> {
        if v.ty == t {
            return Ok(v);
        }
        if let Loc::Const(c) = &v.loc {
            return match consts::represent(&self.types, c, t) {
                Some(c) => Ok(Val::konst(t, c)),
                None => {
                    let d = self.describe(e, &v);
                    err(e.pos, format!("cannot use {d} as {} value in expression (overflows)", self.types.name(t)))
                }
            };
        }
        Ok(v)
    }

    fn push_loop(&mut self, label: Option<String>, brk: Label, cont: Option<Label>) {
        self.f().loops.push(LoopCtx { label, brk, cont });
    }

    pub(super) fn for_stmt(
        &mut self,
        init: &Option<Box<Stmt>>,
        cond: &Option<Expr>,
        post: &Option<Box<Stmt>>,
        body: &Block,
        label: Option<String>,
    ) -> R<()> {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let body_l = self.b().new_label();
        let cont_l = self.b().new_label();
        let end_l = self.b().new_label();
        // Counted loop: `for ...; i < n; i++` with a plain int local `i`.
        if let (Some(c), Some(p)) = (cond, post) {
            if let Some((var, bound_e, le)) = self.counted_loop(c, p)? {
                let bound = self.expr(&bound_e, None)?;
                let bound = self.assign_conv_operand(bound, types::INT, &bound_e)?;
                let (n, nt) = match &bound.loc {
                    Loc::Const(_) => {
                        let s = self.b().new_slot(false);
                        self.materialize_into(&bound, s);
                        (s, false)
                    }
                    _ => self.materialize(&bound)?,
                };
                // if !(i < n) goto end
                let (code, x, y) = if le { (Op::JmpLtI, n, var) } else { (Op::JmpLeI, n, var) };
                self.b().jump(code, x, y, end_l);
                self.b().bind(body_l);
                self.push_loop(label, end_l, Some(cont_l));
                self.loop_body(body)?;
                self.f().loops.pop();
                self.b().bind(cont_l);
                self.set_line(p.pos);
                let code = if le { Op::IncJmpLeI } else { Op::IncJmpLtI };
                self.b().jump(code, var, n, body_l);
                self.b().bind(end_l);
                if nt {
                    self.b().free(n);
                }
                return self.pop_scope();
            }
        }
        let check_l = self.b().new_label();
        if cond.is_some() {
            self.b().jmp(check_l);
        }
        self.b().bind(body_l);
        self.push_loop(label, end_l, Some(cont_l));
        self.loop_body(body)?;
        self.f().loops.pop();
        self.b().bind(cont_l);
        if let Some(p) = post {
            if matches!(p.kind, StmtKind::ShortVar { .. }) {
                return err(p.pos, "cannot declare in post statement of for loop");
            }
            self.stmt(p)?;
        }
        self.b().bind(check_l);
        match cond {
            Some(c) => {
                self.cond_jump_checked(c, true, body_l, "for statement")?;
            }
            None => self.b().jmp(body_l),
        }
        self.b().bind(end_l);
        self.pop_scope()
    }

    fn cond_jump_checked(&mut self, c: &Expr, jump_if: bool, l: Label, what: &'static str) -> R<()> {
        self.cond_what = what;
        self.cond_jump(c, jump_if, l)
    }

    fn loop_body(&mut self, body: &Block) -> R<()> {
        self.push_scope();
        for s in &body.stmts {
            self.stmt(s)?;
        }
        self.pop_scope()
    }

    /// Recognise `i < n` / `i <= n` with post `i++` on a plain local int; returns the
    /// variable's slot, the bound expression and whether the comparison is `<=`.
    fn counted_loop(&mut self, cond: &Expr, post: &Stmt) -> R<Option<(u16, Expr, bool)>> {
        let StmtKind::IncDec { expr: pe, inc: true } = &post.kind else { return Ok(None) };
        let ExprKind::Ident(pv) = &pe.kind else { return Ok(None) };
        let ExprKind::Binary { op, lhs, rhs, .. } = &strip_parens(cond).kind else { return Ok(None) };
        if !matches!(op, BinOp::Lt | BinOp::Le) {
            return Ok(None);
        }
        let ExprKind::Ident(cv) = &lhs.kind else { return Ok(None) };
        if cv != pv {
            return Ok(None);
        }
        let Ok(Entity::Local(v)) = self.lookup(pv, pe.pos, false) else { return Ok(None) };
        if v.boxed || v.capture.is_some() || !matches!(self.types.kind(v.ty), TyKind::Int) {
            return Ok(None);
        }
        // The bound must be a plain unboxed int local or a constant.
        let ok_bound = match &rhs.kind {
            ExprKind::Ident(n) => match self.lookup(n, rhs.pos, false) {
                Ok(Entity::Local(b)) => !b.boxed && b.capture.is_none() && matches!(self.types.kind(b.ty), TyKind::Int),
                Ok(Entity::Const(t, ConstVal::Int(_))) => self.types.is_untyped(t) || t == types::INT,
                _ => false,
            },
            ExprKind::IntLit(_) => true,
            _ => false,
        };
        if !ok_bound {
            return Ok(None);
        }
        self.lookup(pv, pe.pos, true)?;
        Ok(Some((v.slot, (**rhs).clone(), *op == BinOp::Le)))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_stmt(
        &mut self,
        key: &Option<Expr>,
        value: &Option<Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        label: Option<String>,
        pos: Pos,
    ) -> R<()> {
        let _ = pos;
        self.push_scope();
        let xv = self.expr(x, None)?;
        self.single(&xv, x)?;
        let xv = if self.types.is_untyped(xv.ty) {
            let dt = self.types.default_type(xv.ty);
            if !self.types.is_string(dt) {
                let d = self.describe(x, &xv);
                return err(x.pos, format!("cannot range over {d}"));
            }
            Val { ty: dt, ..xv }
        } else {
            xv
        };
        let u = self.types.ukind(xv.ty).clone();
        let (kt, vt) = match &u {
            TyKind::Slice(e) => (types::INT, *e),
            TyKind::Array(_, e) => (types::INT, *e),
            TyKind::Pointer(p) => match self.types.ukind(*p).clone() {
                TyKind::Array(_, e) => (types::INT, e),
                _ => return err(x.pos, format!("cannot range over {}", self.describe(x, &xv))),
            },
            TyKind::String => (types::INT, types::RUNE),
            TyKind::Map(k, v) => (*k, *v),
            TyKind::Chan(dir, e) => {
                if *dir == 1 {
                    return err(
                        x.pos,
                        format!("invalid operation: range {} receive from send-only channel", ast_text(x)),
                    );
                }
                if let Some(v) = value {
                    return err(
                        v.pos,
                        format!("range over {} permits only one iteration variable", self.describe(x, &xv)),
                    );
                }
                (*e, types::BOOL)
            }
            _ => return err(x.pos, format!("cannot range over {}", self.describe(x, &xv))),
        };
        // The collection, evaluated once.
        let coll = self.b().new_slot(true);
        self.materialize_into(&xv, coll);
        // Iteration variables.
        let key_e = key.as_ref().filter(|k| !matches!(&k.kind, ExprKind::Ident(n) if n == "_"));
        let val_e = value.as_ref().filter(|k| !matches!(&k.kind, ExprKind::Ident(n) if n == "_"));
        let mut key_var = None;
        let mut val_var = None;
        if define {
            if let Some(k) = key_e {
                let ExprKind::Ident(n) = &k.kind else { return err(k.pos, "non-name on left side of :=") };
                let v = self.new_local(n, kt, k.pos);
                self.init_zero(&v);
                key_var = Some((n.clone(), v));
            }
            if let Some(k) = val_e {
                let ExprKind::Ident(n) = &k.kind else { return err(k.pos, "non-name on left side of :=") };
                let v = self.new_local(n, vt, k.pos);
                self.init_zero(&v);
                val_var = Some((n.clone(), v));
            }
            if key_var.is_none() && val_var.is_none() && key.is_some() {
                return err(key.as_ref().map(|k| k.pos).unwrap_or(pos), "no new variables on left side of :=");
            }
            if let Some((n, v)) = &key_var {
                self.declare(n, Entity::Local(v.clone()), v.pos)?;
            }
            if let Some((n, v)) = &val_var {
                self.declare(n, Entity::Local(v.clone()), v.pos)?;
            }
        }
        let body_l = self.b().new_label();
        let cont_l = self.b().new_label();
        let end_l = self.b().new_label();
        let assign_iter = |c: &mut Self, target: Option<&Expr>, var: &Option<(String, LocalVar)>, val: Val| -> R<()> {
            if let Some((_, v)) = var {
                let lv = LValue::Var(v.clone());
                let val = if c.types.is_aggregate(v.ty) { c.owned(val)? } else { val };
                c.store(lv, val, None)
            } else if let Some(t) = target {
                let (lv, ty) = c.lvalue(t)?;
                let val = c.assign_conv(val, ty, t, "range")?;
                c.set_elem_ops(&lv);
                c.store(lv, val, Some(t))
            } else {
                c.release(&val);
                Ok(())
            }
        };
        match &u {
            TyKind::Chan(..) => {
                let kr = self.types.is_ref(kt);
                let run = self.b().run(&[kr, false]);
                self.b().bind(cont_l);
                self.b().emit(Op::ChanRecv2, run, coll, 0);
                self.b().jump(Op::JmpFalse, run + 1, 0, end_l);
                let kv = Val { ty: kt, loc: Loc::Reg { slot: run, temp: false }, fresh: true };
                assign_iter(self, if define { None } else { key_e }, &key_var, kv)?;
            }
            TyKind::Map(..) => {
                let iter = self.b().run(&[true, false]);
                self.b().emit(Op::MapIterInit, iter, coll, 0);
                let k = self.slot_for(kt);
                let v = self.slot_for(vt);
                self.b().bind(cont_l);
                self.b().emit(Op::MapNext, iter, k, v);
                self.b().jmp(end_l);
                self.b().bind(body_l);
                let kv = Val::reg(kt, k, false);
                assign_iter(self, if define { None } else { key_e }, &key_var, kv)?;
                let vv = Val::reg(vt, v, false);
                assign_iter(self, if define { None } else { val_e }, &val_var, vv)?;
            }
            TyKind::String => {
                let idx = self.b().new_slot(false);
                let len = self.b().new_slot(false);
                let dec = self.b().run(&[false, false]);
                self.b().emit(Op::LoadNil, idx, 0, 0);
                self.b().emit(Op::StrLen, len, coll, 0);
                let check = self.b().new_label();
                self.b().jmp(check);
                self.b().bind(body_l);
                self.b().emit(Op::StrDecodeRune, dec, coll, idx);
                assign_iter(self, if define { None } else { key_e }, &key_var, Val::reg(types::INT, idx, false))?;
                assign_iter(self, if define { None } else { val_e }, &val_var, Val::reg(types::RUNE, dec, false))?;
                self.push_loop(label.clone(), end_l, Some(cont_l));
                self.loop_body(body)?;
                self.f().loops.pop();
                self.b().bind(cont_l);
                self.b().emit(Op::AddI, idx, idx, dec + 1);
                self.b().bind(check);
                self.b().jump(Op::JmpLtI, idx, len, body_l);
                self.b().bind(end_l);
                return self.pop_scope();
            }
            _ => {
                let idx = self.b().new_slot(false);
                let len = self.b().new_slot(false);
                let is_array = !matches!(u, TyKind::Slice(_));
                if matches!(u, TyKind::Array(..)) && (val_var.is_some() || (!define && val_e.is_some())) {
                    // Ranging over an array value iterates over a copy of it.
                    self.b().emit(Op::Clone, coll, coll, 0);
                }
                match &u {
                    TyKind::Slice(_) => {
                        self.b().emit(Op::SliceLen, len, coll, 0);
                    }
                    TyKind::Array(n, _) => {
                        self.b().emit_i32(Op::LoadInt, len, *n as i32);
                    }
                    TyKind::Pointer(p) => {
                        let n = match self.types.ukind(*p) {
                            TyKind::Array(n, _) => *n,
                            _ => 0,
                        };
                        self.b().emit_i32(Op::LoadInt, len, n as i32);
                    }
                    _ => {}
                }
                self.b().emit(Op::LoadNil, idx, 0, 0);
                self.b().jump(Op::JmpLeI, len, idx, end_l);
                self.b().bind(body_l);
                assign_iter(self, if define { None } else { key_e }, &key_var, Val::reg(types::INT, idx, false))?;
                if val_var.is_some() || (!define && val_e.is_some()) {
                    let d = self.tmp(vt);
                    let op = if is_array { Op::ArrayGet } else { Op::SliceGet };
                    self.b().emit(op, d, coll, idx);
                    assign_iter(self, if define { None } else { val_e }, &val_var, Val::reg(vt, d, true))?;
                }
                self.push_loop(label.clone(), end_l, Some(cont_l));
                self.loop_body(body)?;
                self.f().loops.pop();
                self.b().bind(cont_l);
                self.b().jump(Op::IncJmpLtI, idx, len, body_l);
                self.b().bind(end_l);
                return self.pop_scope();
            }
        }
        // Map loop body.
        self.push_loop(label, end_l, Some(cont_l));
        self.loop_body(body)?;
        self.f().loops.pop();
        self.b().jmp(cont_l);
        self.b().bind(end_l);
        self.pop_scope()
    }

    pub(super) fn switch_stmt(
        &mut self,
        init: &Option<Box<Stmt>>,
        tag: &Option<Expr>,
        cases: &[ast::CaseClause],
        label: Option<String>,
    ) -> R<()> {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let tag_val = match tag {
            Some(t) => {
                let v = self.value(t)?;
                let s = self.slot_for(v.ty);
                self.materialize_into(&v, s);
                Some((Val::reg(v.ty, s, false), t))
            }
            None => None,
        };
        let end_l = self.b().new_label();
        let labels: Vec<Label> = cases.iter().map(|_| self.b().new_label()).collect();
        let mut default = None;
        let mut seen: Vec<ConstVal> = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            if c.is_default {
                if default.is_some() {
                    return err(c.pos, "multiple defaults in switch");
                }
                default = Some(ci);
                continue;
            }
            for ce in &c.exprs {
                self.set_line(ce.pos);
                match &tag_val {
                    Some((tv, te)) => {
                        let cv = self.expr(ce, Some(tv.ty))?;
                        self.single(&cv, ce)?;
                        if let Loc::Const(k) = &cv.loc {
                            if seen.contains(k) {
                                let t = if self.types.is_untyped(cv.ty) { tv.ty } else { cv.ty };
                                return err(
                                    ce.pos,
                                    format!(
                                        "duplicate case {} (constant of type {}) in expression switch",
                                        ast_text(ce),
                                        self.types.name(t)
                                    ),
                                );
                            }
                            seen.push(k.clone());
                        }
                        let whole = Expr {
                            kind: ExprKind::Binary {
                                op: BinOp::Eq,
                                lhs: Box::new((*te).clone()),
                                rhs: Box::new(ce.clone()),
                                op_pos: ce.pos,
                            },
                            pos: ce.pos,
                        };
                        let syn = BinarySyntax { whole: &whole, op: BinOp::Eq, l: te, r: ce, op_pos: ce.pos };
                        self.compare_jump(syn, tv.clone(), cv, true, labels[ci])?;
                    }
                    None => {
                        let v = self.expr(ce, None)?;
                        self.single(&v, ce)?;
                        if !self.types.is_bool(v.ty) {
                            let d = self.describe(ce, &v);
                            return err(
                                ce.pos,
                                format!(
                                    "invalid case {} in switch (mismatched types {} and bool)",
                                    d.split(" (").next().unwrap_or(""),
                                    self.types.name(v.ty)
                                ),
                            );
                        }
                        self.jump_on_bool(v, true, labels[ci])?;
                    }
                }
            }
        }
        match default {
            Some(d) => self.b().jmp(labels[d]),
            None => self.b().jmp(end_l),
        }
        self.push_loop(label, end_l, None);
        for (ci, c) in cases.iter().enumerate() {
            self.b().bind(labels[ci]);
            self.push_scope();
            let n = c.body.len();
            for (si, s) in c.body.iter().enumerate() {
                if let StmtKind::Fallthrough = s.kind {
                    if si + 1 != n {
                        return err(s.pos, "fallthrough statement out of place");
                    }
                    if ci + 1 == cases.len() {
                        return err(s.pos, "cannot fallthrough final case in switch");
                    }
                    continue;
                }
                self.stmt(s)?;
            }
            self.pop_scope()?;
            let falls = matches!(c.body.last().map(|s| &s.kind), Some(StmtKind::Fallthrough));
            if !falls {
                self.b().jmp(end_l);
            }
        }
        self.f().loops.pop();
        self.b().bind(end_l);
        self.pop_scope()
    }

    pub(super) fn type_switch(
        &mut self,
        init: &Option<Box<Stmt>>,
        bind: &Option<ast::Ident>,
        x: &Expr,
        cases: &[ast::TypeCase],
        label: Option<String>,
    ) -> R<()> {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let xv = self.expr(x, None)?;
        self.single(&xv, x)?;
        if !self.types.is_interface(xv.ty) {
            let d = self.describe(x, &xv);
            return err(x.pos, format!("{d} is not an interface"));
        }
        let xs = self.b().new_slot(true);
        self.materialize_into(&xv, xs);
        let end_l = self.b().new_label();
        let labels: Vec<Label> = cases.iter().map(|_| self.b().new_label()).collect();
        let mut default = None;
        let mut case_types: Vec<Vec<Option<TyId>>> = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            let mut tys = Vec::new();
            if c.is_default {
                if default.is_some() {
                    return err(c.pos, "multiple defaults in switch");
                }
                default = Some(ci);
            }
            for t in &c.types {
                match t {
                    None => {
                        self.b().jump(Op::JmpEqIK, xs, 0, labels[ci]);
                        tys.push(None);
                    }
                    Some(te) => {
                        let t = self.resolve_type(te)?;
                        if !self.types.is_interface(t) {
                            if let Some((m, _)) = self.types.missing_method(t, xv.ty) {
                                return err(te.pos, format!("impossible type switch case: {} cannot have dynamic type {} (missing method {m})", ast_text(x), self.types.name(t)));
                            }
                        }
                        let rt = self.rtype(t);
                        let b = self.b().temp(false);
                        self.b().emit(Op::IfaceIs, b, xs, rt);
                        self.b().jump(Op::JmpTrue, b, 0, labels[ci]);
                        self.b().free(b);
                        tys.push(Some(t));
                    }
                }
            }
            case_types.push(tys);
        }
        match default {
            Some(d) => self.b().jmp(labels[d]),
            None => self.b().jmp(end_l),
        }
        self.push_loop(label, end_l, None);
        let mut bind_used = false;
        for (ci, c) in cases.iter().enumerate() {
            self.b().bind(labels[ci]);
            self.push_scope();
            if let Some(b) = bind {
                let single = match case_types[ci].as_slice() {
                    [Some(t)] => Some(*t),
                    _ => None,
                };
                let v = match single {
                    Some(t) if !self.types.is_interface(t) => {
                        let v = self.new_local(&b.name, t, b.pos);
                        let d = self.tmp(t);
                        self.b().emit(Op::IfaceData, d, xs, 0);
                        let val = Val { ty: t, loc: Loc::Reg { slot: d, temp: true }, fresh: false };
                        self.init_var(&v, &val)?;
                        v
                    }
                    Some(t) => {
                        let v = self.new_local(&b.name, t, b.pos);
                        self.init_var(&v, &Val::reg(t, xs, false))?;
                        v
                    }
                    None => {
                        let v = self.new_local(&b.name, xv.ty, b.pos);
                        self.init_var(&v, &Val::reg(xv.ty, xs, false))?;
                        v
                    }
                };
                self.declare(&b.name, Entity::Local(v), b.pos)?;
            }
            for s in &c.body {
                if let StmtKind::Fallthrough = s.kind {
                    return err(s.pos, "cannot fallthrough in type switch");
                }
                self.stmt(s)?;
            }
            if let Some(b) = bind {
                if let Some(Entity::Local(v)) = self.f().scopes.last().and_then(|s| s.get(&b.name)) {
                    bind_used |= v.used;
                }
                if let Some(Entity::Local(v)) = self.f().scopes.last_mut().and_then(|s| s.get_mut(&b.name)) {
                    v.used = true;
                }
            }
            self.pop_scope()?;
            self.b().jmp(end_l);
        }
        self.f().loops.pop();
        self.b().bind(end_l);
        if let Some(b) = bind {
            if !bind_used {
                return err(b.pos, format!("{} declared but not used", b.name));
            }
        }
        self.pop_scope()
    }

    pub(super) fn send_stmt(&mut self, chan: &Expr, value: &Expr) -> R<()> {
        let cv = self.value(chan)?;
        let TyKind::Chan(dir, et) = self.types.ukind(cv.ty).clone() else {
            return err(
                chan.pos,
                format!("invalid operation: cannot send to non-channel {}", self.describe(chan, &cv)),
            );
        };
        if dir == 2 {
            return err(
                chan.pos,
                format!("invalid operation: cannot send to receive-only channel {}", self.describe(chan, &cv)),
            );
        }
        let v = self.expr(value, Some(et))?;
        self.single(&v, value)?;
        let v = self.assign_conv(v, et, value, "send")?;
        let v = self.owned(v)?;
        let (c, ct) = self.materialize(&cv)?;
        let (s, st) = self.materialize(&v)?;
        self.b().emit(Op::ChanSend, c, s, 0);
        self.free_pair(c, ct, s, st);
        Ok(())
    }

    /// `select`: evaluate every case's channel (and value to send) in source order into
    /// slot pairs, let `Select` choose, then dispatch on the chosen index.
    pub(super) fn select_stmt(&mut self, cases: &[ast::SelectCase], label: Option<String>) -> R<()> {
        self.push_scope();
        let comm: Vec<&ast::SelectCase> = cases.iter().filter(|c| c.comm.is_some()).collect();
        if cases.iter().filter(|c| c.comm.is_none()).count() > 1 {
            let second = cases.iter().filter(|c| c.comm.is_none()).nth(1).map(|c| c.pos).unwrap_or_default();
            return err(second, "multiple defaults in select");
        }
        if comm.len() > 32 {
            return err(cases[0].pos, "unsupported: select with more than 32 cases");
        }
        let has_default = comm.len() != cases.len();
        // Describe each communication: (is_send, chan expr, send value, recv lhs, define, elem type).
        struct Case<'a> {
            send: bool,
            chan: &'a Expr,
            value: Option<&'a Expr>,
            lhs: Vec<&'a Expr>,
            define: bool,
        }
        let mut descs: Vec<Case> = Vec::new();
        for c in &comm {
            let s = c.comm.as_deref().expect("communication case");
            let d = match &s.kind {
                StmtKind::Send { chan, value } => {
                    Case { send: true, chan, value: Some(value), lhs: vec![], define: false }
                }
                StmtKind::Expr(e) => match &strip_parens(e).kind {
                    ExprKind::Unary { op: UnOp::Recv, expr } => {
                        Case { send: false, chan: expr, value: None, lhs: vec![], define: false }
                    }
                    _ => return err(s.pos, "select case must be receive, send or assign recv"),
                },
                StmtKind::ShortVar { rhs, .. } | StmtKind::Assign { rhs, .. } if rhs.len() == 1 => {
                    let ExprKind::Unary { op: UnOp::Recv, expr } = &strip_parens(&rhs[0]).kind else {
                        return err(s.pos, "select case must be receive, send or assign recv");
                    };
                    match &s.kind {
                        StmtKind::ShortVar { .. } => {
                            Case { send: false, chan: expr, value: None, lhs: vec![], define: true }
                        }
                        StmtKind::Assign { lhs, .. } => {
                            Case { send: false, chan: expr, value: None, lhs: lhs.iter().collect(), define: false }
                        }
                        _ => unreachable!(),
                    }
                }
                _ => return err(s.pos, "select case must be receive, send or assign recv"),
            };
            descs.push(d);
        }
        // Evaluate channels and send values in source order.
        let mut kinds = Vec::new();
        let mut elems = Vec::new();
        let mut vals = Vec::new();
        for d in &descs {
            let cv = self.value(d.chan)?;
            let TyKind::Chan(dir, et) = self.types.ukind(cv.ty).clone() else {
                return err(d.chan.pos, format!("invalid operation: {} is not a channel", self.describe(d.chan, &cv)));
            };
            if d.send && dir == 2 {
                return err(
                    d.chan.pos,
                    format!("invalid operation: cannot send to receive-only channel {}", self.describe(d.chan, &cv)),
                );
            }
            if !d.send && dir == 1 {
                return err(
                    d.chan.pos,
                    format!("invalid operation: cannot receive from send-only channel {}", self.describe(d.chan, &cv)),
                );
            }
            let sv = match d.value {
                Some(x) => {
                    let v = self.expr(x, Some(et))?;
                    self.single(&v, x)?;
                    let v = self.assign_conv(v, et, x, "send")?;
                    Some(self.owned(v)?)
                }
                None => None,
            };
            kinds.push(true);
            kinds.push(self.types.is_ref(et));
            elems.push(et);
            vals.push((cv, sv));
        }
        let base = self.b().run(&kinds);
        for (i, (cv, sv)) in vals.iter().enumerate() {
            self.materialize_into(cv, base + 2 * i as u16);
            if let Some(sv) = sv {
                self.materialize_into(sv, base + 2 * i as u16 + 1);
            }
        }
        let res = self.b().run(&[false, false]);
        let mask: u32 = descs.iter().enumerate().filter(|(_, d)| d.send).map(|(i, _)| 1u32 << i).sum();
        self.b().emit(Op::Select, res, base, descs.len() as u16);
        self.b().emit(Op::Ext, mask as u16, (mask >> 16) as u16, has_default as u16);
        let end = self.b().new_label();
        let labels: Vec<Label> = cases.iter().map(|_| self.b().new_label()).collect();
        let mut ci = 0;
        for (k, c) in cases.iter().enumerate() {
            if c.comm.is_some() {
                self.b().jump(Op::JmpEqIK, res, ci as u16, labels[k]);
                ci += 1;
            } else {
                self.b().jump(Op::JmpEqIK, res, (-1i16) as u16, labels[k]);
            }
        }
        self.b().jmp(end);
        self.push_loop(label, end, None);
        let mut ci = 0;
        for (k, c) in cases.iter().enumerate() {
            self.b().bind(labels[k]);
            self.set_line(c.pos);
            self.push_scope();
            if c.comm.is_some() {
                let d = &descs[ci];
                let et = elems[ci];
                let slot = base + 2 * ci as u16 + 1;
                if !d.send {
                    if self.types.is_aggregate(et) {
                        let skip = self.b().new_label();
                        self.b().jump(Op::JmpTrue, res + 1, 0, skip);
                        let rt = self.rtype(et);
                        self.b().emit(Op::New, slot, rt, 0);
                        self.b().bind(skip);
                    }
                    let s = c.comm.as_deref().expect("comm");
                    if d.define {
                        if let StmtKind::ShortVar { lhs, .. } = &s.kind {
                            let srcs = [(slot, et), (res + 1, types::BOOL)];
                            if lhs.len() > 2 {
                                return err(
                                    lhs[0].pos,
                                    format!(
                                        "assignment mismatch: {} variables but <-{} returns 2 values",
                                        lhs.len(),
                                        ast_text(d.chan)
                                    ),
                                );
                            }
                            for (n, (src, t)) in lhs.iter().zip(srcs) {
                                if n.name == "_" {
                                    continue;
                                }
                                let v = self.new_local(&n.name, t, n.pos);
                                self.init_var(
                                    &v,
                                    &Val { ty: t, loc: Loc::Reg { slot: src, temp: false }, fresh: true },
                                )?;
                                self.declare(&n.name, Entity::Local(v), n.pos)?;
                            }
                        }
                    } else if !d.lhs.is_empty() {
                        let srcs = [(slot, et), (res + 1, types::BOOL)];
                        for (l, (src, t)) in d.lhs.iter().zip(srcs) {
                            let (lv, ty) = self.lvalue(l)?;
                            let v = Val { ty: t, loc: Loc::Reg { slot: src, temp: false }, fresh: true };
                            let v = if matches!(lv, LValue::Discard) {
                                v
                            } else {
                                self.assign_conv(v, ty, l, "assignment")?
                            };
                            self.set_elem_ops(&lv);
                            self.store(lv, v, Some(l))?;
                        }
                    }
                }
                ci += 1;
            }
            for s in &c.body {
                self.stmt(s)?;
            }
            self.pop_scope()?;
            self.b().jmp(end);
        }
        self.f().loops.pop();
        self.b().bind(end);
        self.pop_scope()
    }

    pub(super) fn labeled(&mut self, label: &ast::Ident, s: &Stmt) -> R<()> {
        self.labeled_inner(label, s)?;
        if !self.f().used_labels.contains(&label.name) {
            return err(label.pos, format!("label {} defined and not used", label.name));
        }
        Ok(())
    }

    fn labeled_inner(&mut self, label: &ast::Ident, s: &Stmt) -> R<()> {
        let name = Some(label.name.clone());
        self.set_line(s.pos);
        match &s.kind {
            StmtKind::For { init, cond, post, body } => self.for_stmt(init, cond, post, body, name),
            StmtKind::ForRange { key, value, define, expr, body } => {
                self.range_stmt(key, value, *define, expr, body, name, s.pos)
            }
            StmtKind::Switch { init, tag, cases } => self.switch_stmt(init, tag, cases, name),
            StmtKind::TypeSwitch { init, bind, expr, cases } => self.type_switch(init, bind, expr, cases, name),
            StmtKind::Select { cases } => self.select_stmt(cases, name),
            _ => {
                let end = self.b().new_label();
                self.push_loop(name, end, None);
                self.stmt(s)?;
                self.f().loops.pop();
                self.b().bind(end);
                Ok(())
            }
        }
    }

    pub(super) fn branch(&mut self, label: &Option<ast::Ident>, is_break: bool, pos: Pos) -> R<()> {
        let loops = &self.f().loops;
        let target = match label {
            Some(l) => {
                let Some(ctx) = loops.iter().rev().find(|c| c.label.as_deref() == Some(l.name.as_str())) else {
                    let what = if is_break { "break" } else { "continue" };
                    return err(l.pos, format!("{what} label not defined: {}", l.name));
                };
                let ctx = LoopCtx { label: ctx.label.clone(), brk: ctx.brk, cont: ctx.cont };
                self.f().used_labels.insert(l.name.clone());
                if is_break {
                    Some(ctx.brk)
                } else {
                    match ctx.cont {
                        Some(c) => Some(c),
                        None => return err(l.pos, format!("invalid continue label {}", l.name)),
                    }
                }
            }
            None => {
                if is_break {
                    loops.last().map(|c| c.brk)
                } else {
                    loops.iter().rev().find_map(|c| c.cont)
                }
            }
        };
        match target {
            Some(t) => {
                self.b().jmp(t);
                Ok(())
            }
            None => err(
                pos,
                if is_break { "break is not in a loop, switch, or select" } else { "continue is not in a loop" },
            ),
        }
    }
}
