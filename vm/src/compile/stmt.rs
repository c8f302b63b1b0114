//! Statements, function bodies, declarations and control flow.

use super::assign::LValue;
use super::builder::WINDOW;
use super::consts::{self};
use super::expr::strip_parens;
use super::rtypes::ast_text;
use super::types::{self, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, LocalVar, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{self, BinOp, Block, Expr, ExprKind, Pos, Stmt, StmtKind, UnOp};

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

    pub(super) fn new_var_for_param(&mut self, name: &str, ty: TyId, slot: u16, pos: Pos) -> LocalVar {
        let boxed = self.local_needs_box(name, ty);
        let id = self.new_var_id();
        LocalVar { id, name: name.to_string(), ty, slot, boxed, pos, used: false, capture: None }
    }

    pub(super) fn pointer_rtype(&mut self, t: TyId) -> u16 {
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
    pub(super) fn init_var(&mut self, v: &LocalVar, val: &Val) -> R<()> {
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
    pub(super) fn retarget_last(&mut self, temp: u16, dst: u16) -> bool {
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
    pub(super) fn emit_return_vars(&mut self) -> R<()> {
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
            let boxed = self.needs_box(
                t,
                self.global_addr_names.contains(&n.name),
                self.global_receiver_names.contains(&n.name),
            );
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

    /// `single` for the value of a declaration of `names` names: one name given a
    /// multi-value call is Go's assignment mismatch.
    fn single_for(&self, v: &Val, e: &Expr, names: usize) -> R<()> {
        if let (1, TyKind::Tuple(ts), ExprKind::Call { func, .. }) =
            (names, self.types.kind(v.ty), &strip_parens(e).kind)
        {
            return err(
                e.pos,
                format!("assignment mismatch: 1 variable but {} returns {} values", ast_text(func), ts.len()),
            );
        }
        self.single(v, e)
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
                    self.single_for(&v, e, names.len())?;
                    self.assign_conv(v, t, e, ctx)?
                }
                None => {
                    let v = self.expr(e, None)?;
                    self.single_for(&v, e, names.len())?;
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
