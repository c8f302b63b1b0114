//! Statements, function bodies, declarations and control flow.

use super::builder::{Label, WINDOW};
use super::consts::{self, ConstVal};
use super::expr::{is_const_syntax, strip_parens, BinarySyntax};
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, LocalVar, LoopCtx, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{self, BinOp, Block, Expr, ExprKind, Pos, Stmt, StmtKind, UnOp};

/// A resolved assignment target.
enum LValue {
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
    // ------------------------------------------------------------ bodies

    pub fn compile_body(
        &mut self,
        params: &[(Option<ast::Ident>, TyId)],
        result_params: &[ast::Param],
        results: &[TyId],
        body: &Block,
        pos: Pos,
    ) -> R<()> {
        let _ = pos;
        self.set_line(body.pos);
        let mut slots = Vec::new();
        for (_, t) in params {
            let r = self.types.is_ref(*t);
            slots.push(self.b().new_slot(r));
        }
        self.b().param_count = params.len() as u16;
        self.b().result_count = results.len() as u16;
        for ((name, t), slot) in params.iter().zip(slots) {
            let Some(name) = name else { continue };
            if name.name == "_" {
                continue;
            }
            let mut v = self.new_var_for_param(&name.name, *t, slot, name.pos);
            if v.boxed {
                let rt = self.pointer_rtype(*t);
                let bx = self.b().new_slot(true);
                self.b().emit(Op::BoxNew, bx, slot, rt);
                v.slot = bx;
            } else if self.types.is_aggregate(*t) && self.mutated_names.contains(&name.name) {
                self.b().emit(Op::Clone, slot, slot, 0);
            }
            v.used = true;
            self.declare(&name.name, Entity::Local(v), name.pos)?;
        }
        let has_defer = contains_defer(&body.stmts);
        self.f().has_defer = has_defer;
        let named = result_params.iter().any(|p| p.name.is_some());
        if named || has_defer {
            for (i, t) in results.iter().enumerate() {
                let (name, rpos) = match result_params.get(i).and_then(|p| p.name.clone()) {
                    Some(n) => (n.name.clone(), n.pos),
                    None => (String::new(), body.pos),
                };
                let mut v = self.new_local(if name.is_empty() { "~r" } else { &name }, *t, rpos);
                self.init_zero(&v);
                v.used = true;
                self.f().result_vars.push(v.clone());
                if !name.is_empty() && name != "_" {
                    self.declare(&name, Entity::Local(v), rpos)?;
                }
            }
        }
        self.push_scope();
        for s in &body.stmts {
            self.stmt(s)?;
        }
        self.pop_scope()?;
        self.set_line(body.end);
        if results.is_empty() {
            self.emit_return_vars()?;
        } else if !body.stmts.last().map(|s| self.is_terminating(s, None)).unwrap_or(false) {
            return err(body.end, "missing return");
        }
        if has_defer {
            let pc = self.b().pc() as u32;
            self.b().recover_pc = Some(pc);
            self.emit_return_vars()?;
        }
        self.pop_scope()?;
        Ok(())
    }

    fn new_var_for_param(&mut self, name: &str, ty: TyId, slot: u16, pos: Pos) -> LocalVar {
        let boxed = !self.types.is_aggregate(ty)
            && (self.boxed_names.contains(name)
                || (self.mutated_names.contains(&format!(".{name}")) && self.has_ptr_methods(ty)));
        let id = self.new_var_id();
        LocalVar { id, name: name.to_string(), ty, slot, boxed, pos, used: false, capture: None }
    }

    fn pointer_rtype(&mut self, t: TyId) -> u16 {
        let pt = self.types.pointer(t);
        self.rtype(pt)
    }

    /// Initialise a fresh variable to its zero value.
    pub fn init_zero(&mut self, v: &LocalVar) {
        if self.types.is_aggregate(v.ty) {
            let rt = self.rtype(v.ty);
            self.b().emit(Op::New, v.slot, rt, 0);
            return;
        }
        if v.boxed {
            let z = self.tmp(v.ty);
            self.b().emit(Op::LoadNil, z, 0, 0);
            let rt = self.pointer_rtype(v.ty);
            self.b().emit(Op::BoxNew, v.slot, z, rt);
            self.b().free(z);
            return;
        }
        self.b().emit(Op::LoadNil, v.slot, 0, 0);
    }

    /// Initialise a fresh variable from a value.
    fn init_var(&mut self, v: &LocalVar, val: &Val) -> R<()> {
        if v.boxed {
            let val = self.owned(val.clone())?;
            let (s, t) = self.materialize(&val)?;
            let rt = self.pointer_rtype(v.ty);
            self.b().emit(Op::BoxNew, v.slot, s, rt);
            if t {
                self.b().free(s);
            }
            return Ok(());
        }
        if self.types.is_aggregate(v.ty) && !val.fresh {
            let (s, t) = self.materialize(val)?;
            self.b().emit(Op::Clone, v.slot, s, 0);
            if t {
                self.b().free(s);
            }
            return Ok(());
        }
        if let Loc::Reg { slot, temp: true } = val.loc {
            if self.retarget_last(slot, v.slot) {
                return Ok(());
            }
        }
        self.materialize_into(val, v.slot);
        Ok(())
    }

    /// If the last instruction computed `temp`, make it write `dst` instead.
    fn retarget_last(&mut self, temp: u16, dst: u16) -> bool {
        use crate::bytecode::Operand;
        if self.b().label_at_end() {
            return false;
        }
        let Some(ins) = self.b().code.last().copied() else { return false };
        let k = ins.op.operands();
        let writes = k[0] == Operand::Reg && ins.a == temp;
        let reads = (k[1] == Operand::Reg && ins.b == temp) || (k[2] == Operand::Reg && ins.c == temp);
        let simple = super::builder::writes_only_a(ins.op);
        if writes && !reads && simple {
            let pc = self.b().code.len() - 1;
            self.b().code[pc].a = dst;
            self.b().free(temp);
            return true;
        }
        false
    }

    /// Return the result variables (after running defers).
    fn emit_return_vars(&mut self) -> R<()> {
        if self.f().has_defer {
            self.b().emit(Op::RunDefers, 0, 0, 0);
        }
        let vars = self.f().result_vars.clone();
        let n = vars.len();
        if n == 0 {
            self.b().emit(Op::Ret, 0, 0, 0);
            return Ok(());
        }
        let kinds: Vec<bool> = vars.iter().map(|v| self.types.is_ref(v.ty)).collect();
        let run = self.b().run(&kinds);
        for (i, v) in vars.iter().enumerate() {
            let val = self.read_var(v);
            self.materialize_into(&val, run + i as u16);
        }
        self.b().emit(Op::Ret, run, n as u16, 0);
        Ok(())
    }

    // ------------------------------------------------------------ statements

    pub fn stmt(&mut self, s: &Stmt) -> R<()> {
        self.set_line(s.pos);
        match &s.kind {
            StmtKind::Empty => Ok(()),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Var(spec) => self.local_var_decl(spec),
            StmtKind::Const(specs) => {
                for cs in specs {
                    self.const_spec(cs, false)?;
                }
                Ok(())
            }
            StmtKind::Type(ts) => {
                self.declare_type_name_local(ts)?;
                Ok(())
            }
            StmtKind::ShortVar { lhs, rhs, op_pos } => self.short_var(lhs, rhs, *op_pos),
            StmtKind::Assign { lhs, rhs, op_pos } => self.assign(lhs, rhs, *op_pos),
            StmtKind::OpAssign { lhs, op, rhs, op_pos } => self.op_assign(lhs, *op, rhs, *op_pos, s.pos),
            StmtKind::IncDec { expr, inc } => {
                let one = Expr { kind: ExprKind::IntLit(1), pos: s.pos };
                let op = if *inc { BinOp::Add } else { BinOp::Sub };
                self.op_assign(expr, op, &one, s.pos, s.pos)
            }
            StmtKind::Block(b) => {
                self.push_scope();
                for s in &b.stmts {
                    self.stmt(s)?;
                }
                self.pop_scope()
            }
            StmtKind::If { init, cond, then, els } => self.if_stmt(init, cond, then, els),
            StmtKind::For { init, cond, post, body } => self.for_stmt(init, cond, post, body, None),
            StmtKind::ForRange { key, value, define, expr, body } => {
                self.range_stmt(key, value, *define, expr, body, None, s.pos)
            }
            StmtKind::Switch { init, tag, cases } => self.switch_stmt(init, tag, cases, None),
            StmtKind::TypeSwitch { init, bind, expr, cases } => self.type_switch(init, bind, expr, cases, None),
            StmtKind::Labeled { label, stmt } => self.labeled(label, stmt),
            StmtKind::Break(label) => self.branch(label, true, s.pos),
            StmtKind::Continue(label) => self.branch(label, false, s.pos),
            StmtKind::Return(es) => self.return_stmt(es, s.pos),
            StmtKind::Defer(e) => {
                let ExprKind::Call { func, args, ellipsis, lparen } = &strip_parens(e).kind else {
                    return err(e.pos, "expression in defer must be function call");
                };
                self.call_mode(e, func, args, *ellipsis, *lparen, None, super::call::CallMode::Defer)?;
                Ok(())
            }
            StmtKind::Goto(_) => err(s.pos, "unsupported: goto statement"),
            StmtKind::Fallthrough => err(s.pos, "fallthrough statement out of place"),
            StmtKind::Go(e) => {
                let ExprKind::Call { func, args, ellipsis, lparen } = &strip_parens(e).kind else {
                    return err(e.pos, "expression in go must be function call");
                };
                self.call_mode(e, func, args, *ellipsis, *lparen, None, super::call::CallMode::Go)?;
                Ok(())
            }
            StmtKind::Select { cases } => self.select_stmt(cases, None),
            StmtKind::Send { chan, value } => self.send_stmt(chan, value),
        }
    }

    fn expr_stmt(&mut self, e: &Expr) -> R<()> {
        let inner = strip_parens(e);
        match &inner.kind {
            ExprKind::Call { func, .. } => {
                // Conversions and some builtins are not statements.
                if let ExprKind::Ident(n) = &strip_parens(func).kind {
                    match self.lookup(n, func.pos, false) {
                        Ok(Entity::Builtin(b))
                            if !matches!(
                                b,
                                super::Builtin::Panic
                                    | super::Builtin::Recover
                                    | super::Builtin::Copy
                                    | super::Builtin::Delete
                                    | super::Builtin::Print
                                    | super::Builtin::Println
                                    | super::Builtin::Close
                            ) =>
                        {
                            let v = self.expr(e, None)?;
                            self.release(&v);
                            return err(
                                e.pos,
                                format!("{} (value of type {}) is not used", ast_text(e), self.types.name(v.ty)),
                            );
                        }
                        Ok(Entity::Type(_)) => {
                            let v = self.expr(e, None)?;
                            return err(
                                e.pos,
                                format!("{} (value of type {}) is not used", ast_text(e), self.types.name(v.ty)),
                            );
                        }
                        _ => {}
                    }
                }
                let v = self.expr(e, None)?;
                self.release(&v);
                Ok(())
            }
            ExprKind::Unary { op: UnOp::Recv, .. } => {
                self.expr(e, None)?;
                Ok(())
            }
            _ => {
                let v = self.expr(e, None)?;
                self.release(&v);
                if let ExprKind::Binary { op, .. } = &inner.kind {
                    if matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
                        && !matches!(v.loc, Loc::Const(_))
                    {
                        return err(e.pos, format!("{} (untyped bool value) is not used", ast_text(e)));
                    }
                }
                if let Loc::Const(_) = v.loc {
                    let d = self.describe(e, &v);
                    return err(e.pos, format!("{d} is not used"));
                }
                err(e.pos, format!("{} (value of type {}) is not used", ast_text(e), self.types.name(v.ty)))
            }
        }
    }

    fn declare_type_name_local(&mut self, ts: &ast::TypeSpec) -> R<()> {
        if ts.alias {
            return err(ts.pos, "unsupported: type alias");
        }
        let t = self.types.new_named(format!("main.{}", ts.name.name));
        self.declare(&ts.name.name, Entity::Type(t), ts.name.pos)?;
        self.struct_ok = true;
        let u = self.resolve_type(&ts.ty);
        self.struct_ok = false;
        let u = u?;
        let u = self.types.under(u);
        if u == t {
            return err(ts.name.pos, format!("invalid recursive type {}", ts.name.name));
        }
        let TyKind::Named(i) = self.types.kind(t).clone() else { return Ok(()) };
        self.types.named[i as usize].underlying = u;
        Ok(())
    }

    pub fn const_spec(&mut self, cs: &ast::ConstSpec, package: bool) -> R<()> {
        let ty = match &cs.ty {
            Some(t) => {
                let t = self.resolve_type(t)?;
                self.ensure_resolved(t)?;
                Some(t)
            }
            None => None,
        };
        if cs.values.len() < cs.names.len() {
            let at = cs.names.get(cs.values.len()).map(|n| n.pos).unwrap_or(cs.pos);
            return err(at, "missing init expr for const declaration");
        }
        if cs.values.len() > cs.names.len() {
            return err(cs.values[cs.names.len()].pos, "extra init expr");
        }
        for (n, e) in cs.names.iter().zip(cs.values.iter()) {
            let saved = self.iota.replace(cs.iota);
            let r = self.expr(e, ty);
            self.iota = saved;
            let v = r?;
            let Loc::Const(c) = &v.loc else {
                let d = self.describe(e, &v);
                return err(e.pos, format!("{d} is not constant"));
            };
            let (t, c) = match ty {
                Some(t) => {
                    if !self.types.is_untyped(v.ty) && v.ty != t {
                        let d = self.describe(e, &v);
                        return err(
                            e.pos,
                            format!("cannot use {d} as {} value in constant declaration", self.types.name(t)),
                        );
                    }
                    match consts::represent(&self.types, c, t) {
                        Some(c2) => (t, c2),
                        None => {
                            let d = self.describe(e, &v);
                            let why = if self.types.is_float(v.ty) && self.types.is_integer(t) {
                                "truncated"
                            } else {
                                "overflows"
                            };
                            return err(
                                e.pos,
                                format!(
                                    "cannot use {d} as {} value in constant declaration ({why})",
                                    self.types.name(t)
                                ),
                            );
                        }
                    }
                }
                None => (v.ty, c.clone()),
            };
            if package {
                if n.name != "_" {
                    if self.package.contains_key(&n.name) {
                        return err(n.pos, format!("{} redeclared in this block", n.name));
                    }
                    self.package.insert(n.name.clone(), Entity::Const(t, c));
                }
            } else {
                self.declare(&n.name, Entity::Const(t, c), n.pos)?;
            }
        }
        Ok(())
    }

    /// Package-level `var`: declared and initialised inside `main.init`.
    pub fn global_var_decl(&mut self, spec: &ast::VarSpec) -> R<()> {
        let ty = match &spec.ty {
            Some(t) => Some(self.resolve_type(t)?),
            None => None,
        };
        let vals = self.spec_values(&spec.names, &spec.values, ty, spec.pos, "variable declaration")?;
        for (i, n) in spec.names.iter().enumerate() {
            if n.name != "_" && self.package.contains_key(&n.name) {
                return err(n.pos, format!("{} redeclared in this block", n.name));
            }
            let t = match ty {
                Some(t) => t,
                None => vals.get(i).map(|v| v.ty).unwrap_or(types::INT),
            };
            let slot = self.global_count;
            self.global_count += 1;
            let boxed = self.global_addr_names.contains(&n.name) && !self.types.is_aggregate(t);
            let is_ref = boxed || self.types.is_ref(t);
            if self.program.global_refs.len() <= slot as usize {
                self.program.global_refs.resize(slot as usize + 1, false);
            }
            self.program.global_refs[slot as usize] = is_ref;
            // Initial value.
            let tmp = self.tmp(t);
            match vals.get(i) {
                Some(v) => self.store_copy(v, tmp),
                None => {
                    if self.types.is_aggregate(t) {
                        let rt = self.rtype(t);
                        self.b().emit(Op::New, tmp, rt, 0);
                    } else {
                        self.b().emit(Op::LoadNil, tmp, 0, 0);
                    }
                }
            }
            if boxed {
                let bx = self.b().temp(true);
                let rt = self.pointer_rtype(t);
                self.b().emit(Op::BoxNew, bx, tmp, rt);
                self.b().emit(Op::SetGlobal, slot, bx, 0);
                self.b().free(bx);
            } else {
                self.b().emit(Op::SetGlobal, slot, tmp, 0);
            }
            self.b().free(tmp);
            if n.name != "_" {
                self.package.insert(n.name.clone(), Entity::Global { ty: t, slot, boxed });
            }
        }
        Ok(())
    }

    /// Evaluate the values of a declaration (`var`/`:=`): one per name, or one tuple call.
    /// Each value is converted to `ty` when given, else default-typed, and is owned.
    fn spec_values(
        &mut self,
        names: &[ast::Ident],
        values: &[Expr],
        ty: Option<TyId>,
        pos: Pos,
        ctx: &str,
    ) -> R<Vec<Val>> {
        let _ = pos;
        if values.is_empty() {
            return Ok(Vec::new());
        }
        if values.len() == 1 && names.len() > 1 {
            let v = match if names.len() == 2 { self.comma_ok(&values[0])? } else { None } {
                Some(v) => v,
                None => self.expr(&values[0], None)?,
            };
            let TyKind::Tuple(ts) = self.types.kind(v.ty).clone() else {
                return err(values[0].pos, format!("assignment mismatch: {} variables but 1 value", names.len()));
            };
            if ts.len() != names.len() {
                return err(
                    names[0].pos,
                    format!(
                        "assignment mismatch: {} variables but {} returns {} value{}",
                        names.len(),
                        ast_text(&values[0]),
                        ts.len(),
                        if ts.len() == 1 { "" } else { "s" }
                    ),
                );
            }
            let mut out = Vec::new();
            let is_window = matches!(v.loc, Loc::Window);
            let base = match v.loc {
                Loc::Reg { slot, .. } => slot,
                _ => WINDOW,
            };
            for (i, t) in ts.iter().enumerate() {
                let s = self.tmp(*t);
                self.b().emit(Op::Move, s, base + i as u16, 0);
                let _ = is_window;
                let mut val = Val::reg(*t, s, true);
                val.fresh = true;
                let val = match ty {
                    Some(want) => self.assign_conv(val, want, &values[0], ctx)?,
                    None => val,
                };
                out.push(val);
            }
            return Ok(out);
        }
        if values.len() != names.len() {
            let (at, msg) = if values.len() > names.len() {
                (
                    values[names.len()].pos,
                    format!(
                        "assignment mismatch: {} variable{} but {} values",
                        names.len(),
                        if names.len() == 1 { "" } else { "s" },
                        values.len()
                    ),
                )
            } else {
                (
                    names[0].pos,
                    format!(
                        "assignment mismatch: {} variables but {} value{}",
                        names.len(),
                        values.len(),
                        if values.len() == 1 { "" } else { "s" }
                    ),
                )
            };
            let _ = at;
            return err(values[0].pos, msg);
        }
        let mut out = Vec::new();
        for e in values {
            let v = match ty {
                Some(t) => {
                    let v = self.expr(e, Some(t))?;
                    self.single(&v, e)?;
                    self.assign_conv(v, t, e, ctx)?
                }
                None => {
                    let v = self.expr(e, None)?;
                    self.single(&v, e)?;
                    if v.ty == types::UNTYPED_NIL {
                        return err(e.pos, format!("use of untyped nil in {ctx}"));
                    }
                    if self.types.is_untyped(v.ty) {
                        let dt = self.types.default_type(v.ty);
                        self.assign_conv(v, dt, e, ctx)?
                    } else {
                        v
                    }
                }
            };
            // Keep each value in its own slot so later values cannot clobber it.
            let v = match &v.loc {
                Loc::Reg { slot, temp: false } if values.len() > 1 => {
                    let s = self.tmp(v.ty);
                    self.b().emit(Op::Move, s, *slot, 0);
                    Val { loc: Loc::Reg { slot: s, temp: true }, ..v }
                }
                _ => v,
            };
            out.push(v);
        }
        Ok(out)
    }

    fn local_var_decl(&mut self, spec: &ast::VarSpec) -> R<()> {
        let ty = match &spec.ty {
            Some(t) => {
                let t = self.resolve_type(t)?;
                self.ensure_resolved(t)?;
                Some(t)
            }
            None => None,
        };
        let vals = self.spec_values(&spec.names, &spec.values, ty, spec.pos, "variable declaration")?;
        let mut vars = Vec::new();
        for (i, n) in spec.names.iter().enumerate() {
            let t = ty.unwrap_or_else(|| vals.get(i).map(|v| v.ty).unwrap_or(types::INT));
            let v = self.new_local(&n.name, t, n.pos);
            match vals.get(i) {
                Some(val) => self.init_var(&v, val)?,
                None => self.init_zero(&v),
            }
            vars.push((n, v));
        }
        for (n, v) in vars {
            self.declare(&n.name, Entity::Local(v), n.pos)?;
        }
        Ok(())
    }

    fn short_var(&mut self, lhs: &[ast::Ident], rhs: &[Expr], op_pos: Pos) -> R<()> {
        // Which names are new in this scope?
        let mut any_new = false;
        let mut seen = std::collections::HashSet::new();
        for n in lhs {
            if n.name != "_" && !seen.insert(n.name.clone()) {
                return err(n.pos, format!("{} repeated on left side of :=", n.name));
            }
            let exists = self.f().scopes.last().map(|s| s.contains_key(&n.name)).unwrap_or(false);
            if !exists && n.name != "_" {
                any_new = true;
            }
        }
        if !any_new {
            return err(op_pos, "no new variables on left side of :=");
        }
        let vals = self.spec_values(lhs, rhs, None, op_pos, "assignment")?;
        let mut new_vars = Vec::new();
        for (n, val) in lhs.iter().zip(vals.iter()) {
            if n.name == "_" {
                self.release(val);
                continue;
            }
            let existing = self.f().scopes.last().and_then(|s| s.get(&n.name)).cloned();
            match existing {
                Some(Entity::Local(v)) => {
                    let target = Expr { kind: ExprKind::Ident(n.name.clone()), pos: n.pos };
                    let val = self.assign_conv(val.clone(), v.ty, &target, "assignment")?;
                    let lv = LValue::Var(v);
                    self.store(lv, val, Some(&target))?;
                }
                Some(_) => return err(n.pos, format!("cannot assign to {}", n.name)),
                None => {
                    let v = self.new_local(&n.name, val.ty, n.pos);
                    self.init_var(&v, val)?;
                    new_vars.push((n, v));
                }
            }
        }
        for (n, v) in new_vars {
            self.declare(&n.name, Entity::Local(v), n.pos)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ assignment

    fn lvalue(&mut self, e: &Expr) -> R<(LValue, TyId)> {
        self.lvalue_use(e, false)
    }

    /// An assignment target; `reads` marks a variable used (`x++` and `x op= y` read it).
    fn lvalue_use(&mut self, e: &Expr, reads: bool) -> R<(LValue, TyId)> {
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
                if let TyKind::Struct(fs) = self.types.ukind(st).clone() {
                    if let Some(i) = fs.iter().position(|f| f.name == sel.name) {
                        let (obj, t) = self.materialize(&v)?;
                        return Ok((LValue::Field { obj, obj_temp: t, index: i as u16, ty: fs[i].ty }, fs[i].ty));
                    }
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
    fn load_lvalue(&mut self, lv: &LValue) -> R<Val> {
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
    fn store(&mut self, lv: LValue, v: Val, target: Option<&Expr>) -> R<()> {
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
                let is_slice = matches!(self.types.ukind(ty), _) && self.lv_is_slice(obj);
                let _ = is_slice;
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

    fn lv_is_slice(&self, _obj: u16) -> bool {
        true
    }

    /// Record which element ops a Slice/Array lvalue uses before calling `store`.
    fn set_elem_ops(&mut self, lv: &LValue) {
        self.pending_elem_ops = match lv {
            LValue::SliceElem { .. } => Some((Op::SliceGet, Op::SliceSet, Op::SliceSetR)),
            LValue::ArrayElem { .. } => Some((Op::ArrayGet, Op::ArraySet, Op::ArraySetR)),
            _ => None,
        };
    }

    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr], op_pos: Pos) -> R<()> {
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

    fn op_assign(&mut self, lhs: &Expr, op: BinOp, rhs: &Expr, op_pos: Pos, stmt_pos: Pos) -> R<()> {
        let _ = stmt_pos;
        let (lv, ty) = self.lvalue_use(lhs, true)?;
        if matches!(lv, LValue::Discard) {
            return err(lhs.pos, "cannot use _ as value");
        }
        let cur = self.load_lvalue(&lv)?;
        let rv = self.expr(rhs, None)?;
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

    fn if_stmt(&mut self, init: &Option<Box<Stmt>>, cond: &Expr, then: &Block, els: &Option<Box<Stmt>>) -> R<()> {
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
                self.check_bool_operand(lhs)?;
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
                self.check_bool_operand(lhs)?;
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

    fn check_bool_operand(&mut self, _e: &Expr) -> R<()> {
        Ok(())
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
        let is_int = |c: &Self, v: &Val| matches!(c.types.ukind(v.ty), TyKind::Int | TyKind::Byte | TyKind::Rune);
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

    fn for_stmt(
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
    fn range_stmt(
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

    fn switch_stmt(
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

    fn type_switch(
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

    fn send_stmt(&mut self, chan: &Expr, value: &Expr) -> R<()> {
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
    fn select_stmt(&mut self, cases: &[ast::SelectCase], label: Option<String>) -> R<()> {
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

    fn labeled(&mut self, label: &ast::Ident, s: &Stmt) -> R<()> {
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

    fn branch(&mut self, label: &Option<ast::Ident>, is_break: bool, pos: Pos) -> R<()> {
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

    fn return_stmt(&mut self, es: &[Expr], pos: Pos) -> R<()> {
        let results = self.f().sig.results.clone();
        let has_defer = self.f().has_defer;
        if es.is_empty() {
            if !results.is_empty() && self.f().result_vars.is_empty() {
                return err(
                    pos,
                    "not enough return values\n\thave ()\n\twant (".to_string()
                        + &results.iter().map(|t| self.types.name(*t)).collect::<Vec<_>>().join(", ")
                        + ")",
                );
            }
            return self.emit_return_vars();
        }
        // Multi-value forwarding: return f().
        let mut vals: Vec<Val> = Vec::new();
        if es.len() == 1 && results.len() > 1 {
            let v = self.expr(&es[0], None)?;
            match self.types.kind(v.ty).clone() {
                TyKind::Tuple(ts) if ts.len() == results.len() => {
                    for (i, t) in ts.iter().enumerate() {
                        let s = self.tmp(*t);
                        self.b().emit(Op::Move, s, WINDOW + i as u16, 0);
                        let val = Val { ty: *t, loc: Loc::Reg { slot: s, temp: true }, fresh: true };
                        vals.push(self.assign_conv(val, results[i], &es[0], "return statement")?);
                    }
                }
                _ => {
                    let have = self.types.name(v.ty);
                    return err(
                        es[0].pos,
                        format!(
                            "not enough return values\n\thave ({})\n\twant ({})",
                            have.trim_start_matches('(').trim_end_matches(')'),
                            results.iter().map(|t| self.types.name(*t)).collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
            }
        } else {
            if es.len() != results.len() {
                let mut have = Vec::new();
                for e in es {
                    let t = self.peek_type(e);
                    have.push(if self.types.is_untyped(t) { "number".to_string() } else { self.types.name(t) });
                }
                let want: Vec<String> = results.iter().map(|t| self.types.name(*t)).collect();
                let (msg, at) = if es.len() > results.len() {
                    ("too many return values", es[results.len()].pos)
                } else {
                    ("not enough return values", es[es.len() - 1].pos)
                };
                return err(at, format!("{msg}\n\thave ({})\n\twant ({})", have.join(", "), want.join(", ")));
            }
            for (e, t) in es.iter().zip(results.iter()) {
                let v = self.expr(e, Some(*t))?;
                self.single(&v, e)?;
                let v = self.assign_conv(v, *t, e, "return statement")?;
                let v = self.return_owned(v, e)?;
                let v = match &v.loc {
                    Loc::Reg { slot, temp: false } if es.len() > 1 => {
                        let s = self.tmp(v.ty);
                        self.b().emit(Op::Move, s, *slot, 0);
                        Val { loc: Loc::Reg { slot: s, temp: true }, ..v }
                    }
                    _ => v,
                };
                vals.push(v);
            }
        }
        if has_defer {
            let vars = self.f().result_vars.clone();
            for (v, val) in vars.iter().zip(vals) {
                self.store(LValue::Var(v.clone()), val, None)?;
            }
            return self.emit_return_vars();
        }
        if vals.len() == 1 {
            let (s, _) = self.materialize(&vals[0])?;
            self.b().emit(Op::Ret, s, 1, 0);
            return Ok(());
        }
        let kinds: Vec<bool> = results.iter().map(|t| self.types.is_ref(*t)).collect();
        let run = self.b().run(&kinds);
        for (i, v) in vals.iter().enumerate() {
            self.materialize_into(v, run + i as u16);
        }
        self.b().emit(Op::Ret, run, vals.len() as u16, 0);
        Ok(())
    }

    /// A returned aggregate must not alias anything the caller can still reach: copy it
    /// unless it is fresh or a local variable nobody else references.
    fn return_owned(&mut self, v: Val, e: &Expr) -> R<Val> {
        if !self.types.is_aggregate(v.ty) || v.fresh {
            return Ok(v);
        }
        if let ExprKind::Ident(n) = &strip_parens(e).kind {
            if let Ok(Entity::Local(var)) = self.lookup(n, e.pos, false) {
                if var.capture.is_none() && !self.boxed_names.contains(n) && !self.is_param_name(n) {
                    return Ok(v);
                }
            }
        }
        self.owned(v)
    }

    fn is_param_name(&self, n: &str) -> bool {
        // Parameters live in the function's outermost scope.
        self.fns.last().and_then(|f| f.scopes.first()).map(|s| s.contains_key(n)).unwrap_or(false)
    }

    // ------------------------------------------------------------ termination

    /// Go's "terminating statement" (for missing-return checks).
    pub fn is_terminating(&mut self, s: &Stmt, label: Option<&str>) -> bool {
        match &s.kind {
            StmtKind::Return(_) | StmtKind::Goto(_) => true,
            StmtKind::Expr(e) => {
                if let ExprKind::Call { func, .. } = &strip_parens(e).kind {
                    if let ExprKind::Ident(n) = &func.kind {
                        return n == "panic"
                            && matches!(self.lookup(n, func.pos, false), Ok(Entity::Builtin(super::Builtin::Panic)));
                    }
                }
                false
            }
            StmtKind::Block(b) => b.stmts.last().map(|s| self.is_terminating(s, None)).unwrap_or(false),
            StmtKind::If { then, els, .. } => {
                let t = then.stmts.last().map(|s| self.is_terminating(s, None)).unwrap_or(false);
                t && els.as_ref().map(|e| self.is_terminating(e, None)).unwrap_or(false)
            }
            StmtKind::For { cond: None, body, .. } => !has_break(&body.stmts, label, true),
            StmtKind::Labeled { label: l, stmt } => self.is_terminating(stmt, Some(&l.name)),
            StmtKind::Switch { cases, .. } => {
                cases.iter().any(|c| c.is_default)
                    && cases.iter().all(|c| {
                        !has_break(&c.body, label, true)
                            && c.body
                                .last()
                                .map(|s| matches!(s.kind, StmtKind::Fallthrough) || self.is_terminating(s, None))
                                .unwrap_or(false)
                    })
            }
            StmtKind::TypeSwitch { cases, .. } => {
                cases.iter().any(|c| c.is_default)
                    && cases.iter().all(|c| {
                        !has_break(&c.body, label, true)
                            && c.body.last().map(|s| self.is_terminating(s, None)).unwrap_or(false)
                    })
            }
            StmtKind::Select { cases } => cases.iter().all(|c| {
                !has_break(&c.body, label, true) && c.body.last().map(|s| self.is_terminating(s, None)).unwrap_or(false)
            }),
            _ => false,
        }
    }
}

/// Does a statement list contain a `break` that targets the enclosing statement?
fn has_break(stmts: &[Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &Stmt, label: Option<&str>, top: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => top,
        StmtKind::Break(Some(l)) => Some(l.name.as_str()) == label,
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top) || els.as_ref().map(|e| stmt_has_break(e, label, top)).unwrap_or(false)
        }
        StmtKind::Labeled { stmt, .. } => stmt_has_break(stmt, label, top),
        StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => has_break(&body.stmts, label, false),
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        StmtKind::Select { cases } => cases.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}

/// Does the body contain a `defer` (outside nested function literals)?
fn contains_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Block(b) => contains_defer(&b.stmts),
        StmtKind::If { then, els, .. } => {
            contains_defer(&then.stmts)
                || els.as_ref().map(|e| contains_defer(std::slice::from_ref(e))).unwrap_or(false)
        }
        StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => contains_defer(&body.stmts),
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| contains_defer(&c.body)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter().any(|c| contains_defer(&c.body)),
        StmtKind::Select { cases } => cases.iter().any(|c| contains_defer(&c.body)),
        StmtKind::Labeled { stmt, .. } => contains_defer(std::slice::from_ref(stmt)),
        _ => false,
    })
}
