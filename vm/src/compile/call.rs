//! Calls: functions, methods, closures, interface methods, conversions, builtins and the
//! library (fmt, strconv, math), plus `defer` of any of them.
//!
//! Arguments are evaluated into ordinary slots first and moved into the call window
//! right before the call, so no safepoint can see a reference that lives only in the
//! window. A computed argument whose evaluation is the last code before the call is
//! written to its window slot directly (the peephole in `place_args`).

use super::builder::{FuncBuilder, WINDOW};
use super::consts::ConstVal;
use super::expr::{package_func, strip_parens, PkgFunc};
use super::rtypes::ast_text;
use super::types::{self, Sig, TyId, TyKind};
use super::{err, Compiler, Entity, Loc, Val, R};
use crate::bytecode::{Native, Op, Operand};
use crate::front::ast::{Expr, ExprKind, Pos};

/// What is being called.
#[derive(Clone, Debug)]
pub enum Callee {
    Static(u32),
    Closure(u16, bool),
    Iface(u32, u16, bool),
    Native(Native),
    /// The `close` builtin (only under `defer`/`go`, through a thunk).
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CallMode {
    Normal,
    Defer,
    /// `go f(...)`: start a goroutine.
    Go,
}

impl Compiler {
    pub fn call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        ellipsis: bool,
        lparen: Pos,
        hint: Option<TyId>,
    ) -> R<Val> {
        self.call_mode(e, func, args, ellipsis, lparen, hint, CallMode::Normal)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn call_mode(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        ellipsis: bool,
        lparen: Pos,
        hint: Option<TyId>,
        mode: CallMode,
    ) -> R<Val> {
        let f = strip_parens(func);
        // Conversions and builtins.
        match &f.kind {
            ExprKind::Type(t) => {
                let t = self.resolve_type(t)?;
                return self.conversion(e, t, args, mode);
            }
            ExprKind::Unary { op: crate::front::ast::UnOp::Deref, expr } => {
                if let ExprKind::Ident(n) = &expr.kind {
                    if let Ok(Entity::Type(t)) = self.lookup(n, expr.pos, false) {
                        let pt = self.types.pointer(t);
                        return self.conversion(e, pt, args, mode);
                    }
                }
            }
            // In a library package's own source, its natives and single-instruction
            // functions (`Floor` in package math) are called by their plain names.
            ExprKind::Ident(name)
                if self.pkg != "main"
                    && !self.package.contains_key(name)
                    && super::packages::has_natives(&self.pkg)
                    && package_func(&self.pkg, name).is_some() =>
            {
                let pkg = self.pkg.clone();
                let pf = package_func(&pkg, name).expect("checked");
                return self.library_call(e, &pkg, name, pf, args, ellipsis, mode);
            }
            ExprKind::Ident(name) => match self.lookup(name, f.pos, true)? {
                Entity::Type(t) => return self.conversion(e, t, args, mode),
                Entity::Builtin(b) => return self.builtin(e, b, args, ellipsis, hint, mode),
                Entity::Func(id, fty) => {
                    let TyKind::Func(sig) = self.types.kind(fty).clone() else { unreachable!() };
                    return self.finish_call(e, Callee::Static(id), None, &sig, args, ellipsis, lparen, mode, name);
                }
                _ => {}
            },
            ExprKind::Selector { expr, sel } => {
                if let ExprKind::Ident(pkg) = &expr.kind {
                    if let Ok(Entity::Package(p)) = self.lookup(pkg, expr.pos, true) {
                        if let Some(pf) = package_func(&p, &sel.name) {
                            return self.library_call(e, &p, &sel.name, pf, args, ellipsis, mode);
                        }
                        match self.package_entity(&p, sel)? {
                            Some(Entity::Func(id, fty)) => {
                                let TyKind::Func(sig) = self.types.kind(fty).clone() else { unreachable!() };
                                let name = format!("{pkg}.{}", sel.name);
                                return self.finish_call(
                                    e,
                                    Callee::Static(id),
                                    None,
                                    &sig,
                                    args,
                                    ellipsis,
                                    lparen,
                                    mode,
                                    &name,
                                );
                            }
                            Some(Entity::Type(t)) => return self.conversion(e, t, args, mode),
                            // A variable of function type: called as a value.
                            Some(_) => {
                                let fv = self.expr(f, None)?;
                                return self.call_value(e, fv, args, ellipsis, lparen, mode, f);
                            }
                            None => {
                                self.expr(f, None)?;
                                return err(sel.pos, format!("undefined: {p}.{}", sel.name));
                            }
                        }
                    }
                }
                // A method expression called at once: `T.M(x, args)`, `(*T).M(p, args)`.
                let type_operand = match &expr.kind {
                    ExprKind::Ident(n) => matches!(self.lookup(n, expr.pos, false), Ok(Entity::Type(_))),
                    _ => super::methods::pointer_type_name(expr)
                        .is_some_and(|(n, pos)| matches!(self.lookup(n, pos, false), Ok(Entity::Type(_)))),
                };
                if type_operand {
                    let fv = self.expr(f, None)?;
                    return self.call_value(e, fv, args, ellipsis, lparen, mode, f);
                }
                // Method call?
                let recv = self.expr(expr, None)?;
                self.single(&recv, expr)?;
                if matches!(self.types.ukind(recv.ty), TyKind::Port) {
                    return self.port_method(e, recv, expr, sel, args, mode);
                }
                if let Some(ms) = self.types.iface_methods(recv.ty).cloned() {
                    if let Some((_, sig)) = ms.iter().find(|m| m.0 == sel.name) {
                        let mid = self.method_id(&sel.name);
                        let (r, rt) = self.materialize(&recv)?;
                        let name = ast_text(f);
                        return self.finish_call(
                            e,
                            Callee::Iface(mid, r, rt),
                            None,
                            sig,
                            args,
                            ellipsis,
                            lparen,
                            mode,
                            &name,
                        );
                    }
                }
                // A method promoted from an embedded field: called on that field.
                let recv = match self.types.promoted_method(recv.ty, &sel.name) {
                    Some(p) if p.via_iface && self.types.find_method(recv.ty, &sel.name).is_none() => {
                        let (path, m) = (p.path, p.method);
                        let inner = self.walk_path(recv, &path)?;
                        let mid = self.method_id(&sel.name);
                        let (r, rt) = self.materialize(&inner)?;
                        let name = ast_text(f);
                        return self.finish_call(
                            e,
                            Callee::Iface(mid, r, rt),
                            None,
                            &m.sig,
                            args,
                            ellipsis,
                            lparen,
                            mode,
                            &name,
                        );
                    }
                    Some(p) if self.types.find_method(recv.ty, &sel.name).is_none() => self.walk_path(recv, &p.path)?,
                    _ => recv,
                };
                if let Some(m) = self.types.find_method(recv.ty, &sel.name) {
                    let recv_val = self.method_receiver(&recv, &m, expr)?;
                    let name = ast_text(f);
                    return self.finish_call(
                        e,
                        Callee::Static(m.func),
                        Some(recv_val),
                        &m.sig,
                        args,
                        ellipsis,
                        lparen,
                        mode,
                        &name,
                    );
                }
                // A field of function type.
                let fv = self.field_of(recv, sel, f)?;
                return self.call_value(e, fv, args, ellipsis, lparen, mode, f);
            }
            _ => {}
        }
        let fv = self.expr(f, None)?;
        self.single(&fv, f)?;
        self.call_value(e, fv, args, ellipsis, lparen, mode, f)
    }

    #[allow(clippy::too_many_arguments)]
    fn call_value(
        &mut self,
        e: &Expr,
        fv: Val,
        args: &[Expr],
        ellipsis: bool,
        lparen: Pos,
        mode: CallMode,
        f: &Expr,
    ) -> R<Val> {
        let TyKind::Func(sig) = self.types.ukind(fv.ty).clone() else {
            return err(e.pos, format!("invalid operation: cannot call non-function {}", self.describe(f, &fv)));
        };
        let (r, rt) = self.materialize(&fv)?;
        let name = ast_text(f);
        self.finish_call(e, Callee::Closure(r, rt), None, &sig, args, ellipsis, lparen, mode, &name)
    }

    /// The receiver value to pass to method `m` for operand `recv`.
    pub(super) fn method_receiver(&mut self, recv: &Val, m: &types::MethodInfo, x: &Expr) -> R<Val> {
        let is_ptr = matches!(self.types.kind(recv.ty), TyKind::Pointer(_));
        let base = match self.types.kind(recv.ty) {
            TyKind::Pointer(b) => *b,
            _ => recv.ty,
        };
        let agg = self.types.is_aggregate(base);
        if m.ptr_recv {
            if is_ptr || agg {
                // The pointer, or the aggregate's own reference (== its address).
                return Ok(Val { ty: self.types.pointer(base), ..recv.clone() });
            }
            // Address of a boxed variable.
            let inner = strip_parens(x);
            if let ExprKind::Ident(n) = &inner.kind {
                if let Ok(Entity::Local(v)) = self.lookup(n, inner.pos, false) {
                    if v.boxed {
                        self.release(recv);
                        let pt = self.types.pointer(base);
                        return Ok(match v.capture {
                            Some(idx) => {
                                let t = self.b().temp(true);
                                self.b().emit(Op::LoadCapture, t, 0, idx);
                                Val::reg(pt, t, true)
                            }
                            None => Val::reg(pt, v.slot, false),
                        });
                    }
                }
                if let Ok(Entity::Global { slot, boxed: true, .. }) = self.lookup(n, inner.pos, false) {
                    self.release(recv);
                    let t = self.b().temp(true);
                    self.b().emit(Op::GetGlobal, t, slot, 0);
                    return Ok(Val::reg(self.types.pointer(base), t, true));
                }
            }
            return err(x.pos, format!("cannot call pointer method {} on {}", m.name, self.types.name(recv.ty)));
        }
        if is_ptr && !agg {
            let (s, st) = self.materialize(recv)?;
            let d = self.tmp(base);
            self.b().emit(Op::BoxGet, d, s, 0);
            if st {
                self.b().free(s);
            }
            return Ok(Val::reg(base, d, true));
        }
        Ok(Val { ty: base, ..recv.clone() })
    }

    /// Evaluate arguments against `sig` and emit the call.
    #[allow(clippy::too_many_arguments)]
    fn finish_call(
        &mut self,
        e: &Expr,
        callee: Callee,
        recv: Option<Val>,
        sig: &Sig,
        args: &[Expr],
        ellipsis: bool,
        lparen: Pos,
        mode: CallMode,
        name: &str,
    ) -> R<Val> {
        let _ = lparen;
        let mut vals: Vec<Val> = Vec::new();
        if let Some(r) = recv {
            vals.push(r);
        }
        let params = sig.params.clone();
        // f(g()) where g returns several values.
        if args.len() == 1 && (params.len() > 1 || sig.variadic) && !ellipsis {
            if let ExprKind::Call { .. } = strip_parens(&args[0]).kind {
                let v = self.expr(&args[0], None)?;
                if let TyKind::Tuple(ts) = self.types.kind(v.ty).clone() {
                    let fixed = if sig.variadic { params.len() - 1 } else { params.len() };
                    if ts.len() < fixed || (!sig.variadic && ts.len() != params.len()) {
                        return err(args[0].pos, self.count_msg(ts.len() < params.len(), name, &ts, sig));
                    }
                    // Results are in the window; move them out (converting) before the call.
                    let mut tmp = Vec::new();
                    for (i, t) in ts.iter().enumerate() {
                        let s = self.tmp(*t);
                        self.b().emit(Op::Move, s, WINDOW + i as u16, 0);
                        tmp.push(Val::reg(*t, s, true));
                    }
                    for (i, v) in tmp.into_iter().enumerate() {
                        let pt = if sig.variadic && i >= fixed {
                            match self.types.kind(params[fixed]) {
                                TyKind::Slice(el) => *el,
                                _ => params[fixed],
                            }
                        } else {
                            params[i]
                        };
                        let v = self.assign_conv(v, pt, &args[0], &format!("argument to {name}"))?;
                        vals.push(v);
                    }
                    if sig.variadic {
                        let extra = vals.split_off(vals.len() - (ts.len() - fixed));
                        let s = self.pack_variadic(params[fixed], extra)?;
                        vals.push(s);
                    }
                    return self.emit_call(callee, vals, sig, mode);
                }
                return self.finish_call_vals(e, callee, vals, sig, args, Some(v), ellipsis, mode, name);
            }
        }
        self.finish_call_vals(e, callee, vals, sig, args, None, ellipsis, mode, name)
    }

    /// Go's error for a call of `name` with the wrong number of arguments.
    fn check_arg_count(&mut self, e: &Expr, name: &str, args: &[Expr], sig: &Sig) -> R<()> {
        let want = sig.params.len();
        if args.len() == want {
            return Ok(());
        }
        let have: Vec<TyId> = args.iter().map(|a| self.peek_type(a)).collect();
        let at = if args.len() > want { args[want].pos } else { close_paren_pos(e) };
        err(at, self.count_msg(args.len() < want, name, &have, sig))
    }

    /// A method call on an `island.Port` (`Send`, `Recv`, `Close`): one instruction.
    fn port_method(
        &mut self,
        e: &Expr,
        recv: Val,
        recv_expr: &Expr,
        sel: &crate::front::ast::Ident,
        args: &[Expr],
        mode: CallMode,
    ) -> R<Val> {
        let full = format!("{}.{}", ast_text(recv_expr), sel.name);
        let (params, results) = match sel.name.as_str() {
            "Send" => (vec![types::ANY], vec![]),
            "Recv" => (vec![], vec![types::ANY, types::BOOL]),
            "Close" => (vec![], vec![]),
            _ => {
                return err(sel.pos, format!("{full} undefined (type island.Port has no field or method {})", sel.name))
            }
        };
        let sig = Sig { params, results, variadic: false };
        self.check_arg_count(e, &full, args, &sig)?;
        if mode != CallMode::Normal {
            return err(e.pos, format!("unsupported: defer or go of {full}"));
        }
        let (p, ptemp) = self.materialize(&recv)?;
        let result = match sel.name.as_str() {
            "Send" => {
                let v = self.value_as(&args[0], types::ANY, &format!("argument to {full}"))?;
                let (s, stemp) = self.materialize(&v)?;
                self.b().emit(Op::PortSend, p, s, 0);
                if stemp {
                    self.b().free(s);
                }
                self.call_result(&[])
            }
            "Recv" => {
                let run = self.b().run(&[true, false]);
                self.b().emit(Op::PortRecv, run, p, 0);
                let tuple = self.types.intern(TyKind::Tuple(sig.results.clone()));
                Val { ty: tuple, loc: Loc::Reg { slot: run, temp: false }, fresh: true }
            }
            _ => {
                self.b().emit(Op::PortClose, p, 0, 0);
                self.call_result(&[])
            }
        };
        if ptemp {
            self.b().free(p);
        }
        Ok(result)
    }

    fn count_msg(&self, too_few: bool, name: &str, have: &[TyId], sig: &Sig) -> String {
        let h: Vec<String> = have.iter().map(|t| self.types.name(*t)).collect();
        format!(
            "{} arguments in call to {name}\n\thave ({})\n\twant {}",
            if too_few { "not enough" } else { "too many" },
            h.join(", "),
            self.types.sig_string(&Sig { results: vec![], ..sig.clone() })
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_call_vals(
        &mut self,
        e: &Expr,
        callee: Callee,
        mut vals: Vec<Val>,
        sig: &Sig,
        args: &[Expr],
        first: Option<Val>,
        ellipsis: bool,
        mode: CallMode,
        name: &str,
    ) -> R<Val> {
        let params = &sig.params;
        let fixed = if sig.variadic { params.len() - 1 } else { params.len() };
        if ellipsis && !sig.variadic {
            return err(e.pos, format!("cannot use ... in call to non-variadic {name}"));
        }
        let too_few = if sig.variadic && !ellipsis { args.len() < fixed } else { args.len() < params.len() };
        let too_many = !sig.variadic && args.len() > params.len() || ellipsis && args.len() > params.len();
        if too_few || too_many {
            let mut have = Vec::new();
            for a in args {
                have.push(self.peek_type(a));
            }
            let at = if too_many {
                args[params.len()].pos
            } else {
                args.last().map(|a| a.pos).unwrap_or_else(|| close_paren_pos(e))
            };
            return err(at, self.count_msg(too_few, name, &have, sig));
        }
        let mut first = first;
        let mut extra: Vec<Val> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let pt = if i < fixed || ellipsis {
                params[i.min(params.len() - 1)]
            } else {
                match self.types.kind(params[fixed]) {
                    TyKind::Slice(el) => *el,
                    _ => params[fixed],
                }
            };
            let v = match first.take() {
                Some(v) => v,
                None => self.expr(a, Some(pt))?,
            };
            self.single(&v, a)?;
            let v = self.assign_conv(v, pt, a, &format!("argument to {name}"))?;
            let v = match &v.loc {
                Loc::Window => {
                    let (s, t) = self.materialize(&v)?;
                    Val { loc: Loc::Reg { slot: s, temp: t }, ..v }
                }
                _ => v,
            };
            if sig.variadic && !ellipsis && i >= fixed {
                extra.push(v);
            } else {
                vals.push(v);
            }
        }
        if sig.variadic && !ellipsis {
            let s = self.pack_variadic(params[fixed], extra)?;
            vals.push(s);
        }
        self.emit_call(callee, vals, sig, mode)
    }

    /// Build the slice for the variadic parameter.
    pub(super) fn pack_variadic(&mut self, slice_ty: TyId, extra: Vec<Val>) -> R<Val> {
        if extra.is_empty() {
            return Ok(Val::konst(slice_ty, ConstVal::Nil));
        }
        let TyKind::Slice(et) = self.types.kind(slice_ty).clone() else { unreachable!() };
        let rt = self.rtype(slice_ty);
        let lens = self.b().run(&[false, false]);
        self.b().emit_i32(Op::LoadInt, lens, extra.len() as i32);
        self.b().emit_i32(Op::LoadInt, lens + 1, -1);
        let d = self.b().temp(true);
        self.b().emit(Op::MakeSlice, d, rt, lens);
        let op = if self.types.is_ref(et) { Op::SliceSetR } else { Op::SliceSet };
        for (i, v) in extra.into_iter().enumerate() {
            let v = self.owned(v)?;
            let (s, st) = self.materialize(&v)?;
            let ir = self.b().temp(false);
            self.b().emit_i32(Op::LoadInt, ir, i as i32);
            self.b().emit(op, d, ir, s);
            self.b().free(ir);
            if st {
                self.b().free(s);
            }
        }
        Ok(Val::reg(slice_ty, d, true))
    }

    /// Move argument values into the window and emit the call (or defer).
    pub fn emit_call(&mut self, callee: Callee, vals: Vec<Val>, sig: &Sig, mode: CallMode) -> R<Val> {
        let vals = if mode != CallMode::Normal {
            // Deferred and goroutine arguments are evaluated now: snapshot aggregates.
            let mut out = Vec::new();
            for v in vals {
                out.push(self.owned(v)?);
            }
            out
        } else {
            vals
        };
        if mode != CallMode::Normal {
            if let Callee::Iface(..) | Callee::Native(_) | Callee::Close = callee {
                return self.defer_thunk(callee, vals, sig, mode);
            }
        }
        // An interface call's window slot 0 receives the receiver's payload (written by
        // `CallIface` itself); the arguments follow it.
        let offset = matches!(callee, Callee::Iface(..)) as u16;
        self.place_args_at(&vals, offset)?;
        let nres = sig.results.len();
        self.b().use_window((vals.len() + offset as usize).max(nres));
        match (mode, &callee) {
            (CallMode::Normal, Callee::Static(id)) => {
                self.b().emit(Op::Call, *id as u16, 0, 0);
            }
            (CallMode::Normal, Callee::Closure(r, _)) => {
                self.b().emit(Op::CallClosure, *r, 0, 0);
            }
            (CallMode::Normal, Callee::Iface(m, r, _)) => {
                self.b().emit(Op::CallIface, *m as u16, *r, 0);
            }
            (CallMode::Normal, Callee::Native(n)) => {
                self.b().emit(Op::CallNative, *n as u16, vals.len() as u16, 0);
            }
            (CallMode::Defer, Callee::Static(id)) => {
                self.b().emit(Op::DeferCall, *id as u16, 0, 0);
            }
            (CallMode::Defer, Callee::Closure(r, _)) => {
                self.b().emit(Op::DeferClosure, *r, 0, 0);
            }
            (CallMode::Go, Callee::Static(id)) => {
                self.b().emit(Op::Go, *id as u16, 0, 0);
            }
            (CallMode::Go, Callee::Closure(r, _)) => {
                self.b().emit(Op::GoClosure, *r, 0, 0);
            }
            (_, _) => unreachable!("thunked above"),
        }
        match callee {
            Callee::Closure(r, true) | Callee::Iface(_, r, true) => self.b().free(r),
            _ => {}
        }
        if mode != CallMode::Normal {
            return Ok(Val { ty: types::UNTYPED_NIL, loc: Loc::Void, fresh: false });
        }
        Ok(self.call_result(&sig.results))
    }

    /// The value of a call whose results are in the window.
    pub fn call_result(&mut self, results: &[TyId]) -> Val {
        match results.len() {
            0 => Val { ty: types::UNTYPED_NIL, loc: Loc::Void, fresh: false },
            1 => {
                let t = results[0];
                let s = self.tmp(t);
                self.b().emit(Op::Move, s, WINDOW, 0);
                Val { ty: t, loc: Loc::Reg { slot: s, temp: true }, fresh: true }
            }
            _ => {
                let tuple = self.types.intern(TyKind::Tuple(results.to_vec()));
                Val { ty: tuple, loc: Loc::Window, fresh: true }
            }
        }
    }

    /// Move values into window slots 0.., retargeting the last computation when safe.
    fn place_args(&mut self, vals: &[Val]) -> R<()> {
        self.place_args_at(vals, 0)
    }

    fn place_args_at(&mut self, vals: &[Val], offset: u16) -> R<()> {
        let n = vals.len() + offset as usize;
        // The last argument computed into a temp by the last instruction can be written
        // straight into its window slot (nothing runs after it before the call).
        let mut retargeted = None;
        let others_may_alloc = vals.iter().any(|v| matches!(v.loc, Loc::Const(ConstVal::Str(_)) | Loc::Window));
        if let (Some(last), false, false) = (vals.last(), others_may_alloc, self.b().label_at_end()) {
            if let Loc::Reg { slot, temp: true } = last.loc {
                if let Some(ins) = self.b().code.last().copied() {
                    let kinds = ins.op.operands();
                    let writes_a = kinds[0] == Operand::Reg && ins.a == slot;
                    let reads_slot =
                        (kinds[1] == Operand::Reg && ins.b == slot) || (kinds[2] == Operand::Reg && ins.c == slot);
                    if writes_a && !reads_slot && super::builder::writes_only_a(ins.op) {
                        let pc = self.b().code.len() - 1;
                        self.b().code[pc].a = WINDOW + (n - 1) as u16;
                        self.b().free(slot);
                        retargeted = Some(n - 1);
                    }
                }
            }
        }
        for (i, v) in vals.iter().enumerate() {
            let i = i + offset as usize;
            if Some(i) == retargeted {
                continue;
            }
            self.materialize_into(v, WINDOW + i as u16);
        }
        Ok(())
    }

    /// `defer` or `go` of a call that has no function to defer directly (natives,
    /// interface methods): a small generated function takes the evaluated arguments and
    /// makes the call.
    pub(super) fn defer_thunk(&mut self, callee: Callee, vals: Vec<Val>, sig: &Sig, mode: CallMode) -> R<Val> {
        self.closure_counter += 1;
        let name = format!("{}.deferwrap{}", self.closure_base, self.closure_counter);
        let id = self.new_func(name.clone());
        let mut b = FuncBuilder::new(name);
        let mut all = Vec::new();
        if let Callee::Iface(_, r, _) = &callee {
            all.push(Val::reg(types::ANY, *r, false));
        }
        all.extend(vals);
        let mut params = Vec::new();
        for v in &all {
            let r =
                self.types.is_ref(v.ty) || matches!(v.loc, Loc::Const(ConstVal::Str(_)) | Loc::Const(ConstVal::Nil));
            params.push(b.new_slot(r));
        }
        b.param_count = params.len() as u16;
        match &callee {
            Callee::Iface(m, _, _) => {
                b.emit(Op::IfaceData, WINDOW, params[0], 0);
                for (i, p) in params.iter().enumerate().skip(1) {
                    b.emit(Op::Move, WINDOW + i as u16, *p, 0);
                }
                b.use_window(params.len().max(sig.results.len()));
                b.emit(Op::CallIface, *m as u16, params[0], 0);
            }
            Callee::Native(nat) => {
                for (i, p) in params.iter().enumerate() {
                    b.emit(Op::Move, WINDOW + i as u16, *p, 0);
                }
                b.use_window(params.len().max(2));
                b.emit(Op::CallNative, *nat as u16, params.len() as u16, 0);
            }
            Callee::Close => {
                b.emit(Op::ChanClose, params[0], 0, 0);
            }
            _ => unreachable!(),
        }
        b.emit(Op::Ret, 0, 0, 0);
        self.funcs[id as usize].func = Some(super::finish(b)?);
        let thunk_sig = Sig { params: all.iter().map(|v| v.ty).collect(), results: vec![], variadic: false };
        if let Callee::Iface(_, _, _) = callee {
            // The interface operand becomes the first argument.
        }
        self.emit_call(Callee::Static(id), all, &thunk_sig, mode)
    }

    /// Best-effort type of an expression for messages, without keeping its code.
    pub fn peek_type(&mut self, e: &Expr) -> TyId {
        let before = self.fns.last().map(|f| (f.b.code.len(), f.b.slot_count())).unwrap_or((0, 0));
        let r = self.expr(e, None);
        if let Some(f) = self.fns.last_mut() {
            f.b.code.truncate(before.0);
            f.b.lines.truncate(before.0);
        }
        match r {
            Ok(v) => v.ty,
            Err(_) => types::UNTYPED_NIL,
        }
    }

    // ------------------------------------------------------------ library

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn library_call(
        &mut self,
        e: &Expr,
        pkg: &str,
        name: &str,
        pf: PkgFunc,
        args: &[Expr],
        ellipsis: bool,
        mode: CallMode,
    ) -> R<Val> {
        let full = if pkg.is_empty() { name.to_string() } else { format!("{pkg}.{name}") };
        match pf {
            PkgFunc::Op(op) => {
                // One instruction: its operands are the arguments, then (`a`) the result.
                let port = self.types.intern(TyKind::Port);
                let (params, results) = match op {
                    Op::Itoa => (vec![types::INT], vec![types::STRING]),
                    Op::PortNew => (vec![types::INT], vec![port]),
                    Op::IslandGo => {
                        let entry = Sig { params: vec![port], results: vec![], variadic: false };
                        (vec![self.types.intern(TyKind::Func(entry)), port], vec![])
                    }
                    _ => (vec![types::FLOAT], vec![types::FLOAT]),
                };
                let sig = Sig { params, results, variadic: false };
                self.check_arg_count(e, &full, args, &sig)?;
                if mode != CallMode::Normal {
                    return err(e.pos, format!("unsupported: defer or go of {full}"));
                }
                let mut operands = Vec::new();
                for (a, &pt) in args.iter().zip(&sig.params) {
                    let v = self.value_as(a, pt, &format!("argument to {full}"))?;
                    operands.push(self.materialize(&v)?);
                }
                for &(s, temp) in operands.iter().rev() {
                    if temp {
                        self.b().free(s);
                    }
                }
                match sig.results.first() {
                    Some(&rt) => {
                        let d = self.tmp(rt);
                        self.b().emit(op, d, operands[0].0, 0);
                        Ok(Val::reg(rt, d, true))
                    }
                    None => {
                        self.b().emit(op, operands[0].0, operands[1].0, 0);
                        Ok(self.call_result(&[]))
                    }
                }
            }
            PkgFunc::Native(nat) => {
                let sig = match nat {
                    Native::Atoi => {
                        Sig { params: vec![types::STRING], results: vec![types::INT, types::ERROR], variadic: false }
                    }
                    Native::Printf | Native::Sprintf => {
                        let s = self.types.slice(types::ANY);
                        let results = if nat == Native::Sprintf { vec![types::STRING] } else { vec![] };
                        Sig { params: vec![types::STRING, s], results, variadic: true }
                    }
                    _ => {
                        let s = self.types.slice(types::ANY);
                        let results =
                            if matches!(nat, Native::Sprint | Native::Sprintln) { vec![types::STRING] } else { vec![] };
                        Sig { params: vec![s], results, variadic: true }
                    }
                };
                if sig.variadic && !ellipsis {
                    // Natives take their variadic operands one by one in the window.
                    let fixed = sig.params.len() - 1;
                    if args.len() < fixed {
                        let mut have = Vec::new();
                        for a in args {
                            have.push(self.peek_type(a));
                        }
                        return err(close_paren_pos(e), self.count_msg(true, &full, &have, &sig));
                    }
                    // Each operand with the type it is passed as; `fmt.Println(f())` spreads
                    // a multi-value call over the variadic operands.
                    let ctx = format!("argument to {full}");
                    let mut operands: Vec<(Val, &Expr, TyId)> = Vec::new();
                    let single_call =
                        args.len() == 1 && fixed == 0 && matches!(strip_parens(&args[0]).kind, ExprKind::Call { .. });
                    if single_call {
                        let v = self.expr(&args[0], None)?;
                        if let TyKind::Tuple(ts) = self.types.kind(v.ty).clone() {
                            for (i, t) in ts.iter().enumerate() {
                                let s = self.tmp(*t);
                                self.b().emit(Op::Move, s, WINDOW + i as u16, 0);
                                operands.push((Val::reg(*t, s, true), &args[0], types::ANY));
                            }
                        } else {
                            self.single(&v, &args[0])?;
                            operands.push((v, &args[0], types::ANY));
                        }
                    } else {
                        for (i, a) in args.iter().enumerate() {
                            let pt = if i < fixed { sig.params[i] } else { types::ANY };
                            let v = self.expr(a, Some(pt))?;
                            self.single(&v, a)?;
                            operands.push((v, a, pt));
                        }
                    }
                    let mut vals = Vec::new();
                    for (v, a, pt) in operands {
                        if matches!(nat, Native::BuiltinPrint | Native::BuiltinPrintln) {
                            self.check_print_operand(&v, a, name)?;
                        }
                        let v = self.assign_conv(v, pt, a, &ctx)?;
                        let (s, t) = self.materialize(&v)?;
                        vals.push(Val { loc: Loc::Reg { slot: s, temp: t }, ..v });
                    }
                    let flat = Sig {
                        params: vals.iter().map(|v| v.ty).collect(),
                        results: sig.results.clone(),
                        variadic: false,
                    };
                    return self.emit_call(Callee::Native(nat), vals, &flat, mode);
                }
                if ellipsis {
                    if mode != CallMode::Normal {
                        return err(e.pos, format!("unsupported: defer or go of {full} with ..."));
                    }
                    let mut vals = Vec::new();
                    if args.len() != sig.params.len() {
                        return err(e.pos, format!("wrong argument count in call to {full}"));
                    }
                    for (a, pt) in args.iter().zip(sig.params.iter()) {
                        vals.push(self.value_as(a, *pt, &format!("argument to {full}"))?);
                    }
                    self.place_args(&vals)?;
                    self.b().use_window(vals.len().max(sig.results.len()));
                    self.b().emit(Op::CallNativeSpread, nat as u16, vals.len() as u16, 0);
                    return Ok(self.call_result(&sig.results));
                }
                self.finish_call_vals(e, Callee::Native(nat), Vec::new(), &sig, args, None, false, mode, &full)
            }
        }
    }
}

impl Compiler {
    /// The builtins `print`/`println` print booleans, numbers and strings; Go prints
    /// the others as addresses, which no two runs share, so they stay unsupported.
    fn check_print_operand(&mut self, v: &Val, a: &Expr, name: &str) -> R<()> {
        if v.ty == types::UNTYPED_NIL {
            return err(a.pos, format!("use of untyped nil in argument to built-in {name}"));
        }
        if self.types.is_bool(v.ty) || self.types.is_numeric(v.ty) || self.types.is_string(v.ty) {
            return Ok(());
        }
        err(a.pos, format!("unsupported: {name} of {} (it prints an address; use fmt)", self.types.name(v.ty)))
    }
}

/// Position Go reports for a call's missing arguments: the closing parenthesis. The
/// parser does not record it, so approximate with the end of the last argument.
pub fn close_paren_pos(e: &Expr) -> Pos {
    if let ExprKind::Call { lparen, args, .. } = &e.kind {
        let _ = args;
        return *lparen;
    }
    e.pos
}
