//! Methods as values: method values (`f := x.M`, the receiver bound when the
//! expression is evaluated) and method expressions (`T.M`, `(*T).M`: the method as a
//! function taking the receiver first).
//!
//! A method value is a closure of a small *bound-method* function (Go's `T.M-fm`)
//! capturing the receiver: a reference receiver (a pointer, a struct or array snapshot,
//! an interface, a string, a slice...) is the capture itself; a scalar one is captured
//! in a box, since captures are references to the collector. The bound function loads
//! it and calls the method (statically, or through the interface). One bound function
//! exists per method and receiver representation, shared by every use.
//!
//! This module emits no new instructions: closures, captures and calls are the ones
//! function literals use, so every strategy runs method values unchanged.

use super::builder::{FuncBuilder, WINDOW};
use super::types::{MethodInfo, Sig, TyId, TyKind};
use super::{err, finish, Compiler, Val, R};
use crate::bytecode::Op;
use crate::front::ast::{self, Expr};

/// How a bound-method function reaches its receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum BoundRecv {
    /// The capture is the receiver (a reference).
    Direct,
    /// The capture is a box holding the (scalar) receiver.
    Boxed,
    /// The capture is an interface value; the method is called through it.
    Iface,
}

impl Compiler {
    /// Follow a field path from `v` (a struct value or a pointer to one): one
    /// `GetField` per step; an embedded pointer is followed like the struct it points
    /// to (its nil case panics in `GetField`, as Go's implicit dereference does).
    pub(super) fn walk_path(&mut self, v: Val, path: &[(usize, TyId)]) -> R<Val> {
        let mut v = v;
        for &(i, fty) in path {
            let (s, t) = self.materialize(&v)?;
            let d = self.tmp(fty);
            self.b().emit(Op::GetField, d, s, i as u16);
            if t {
                self.b().free(s);
            }
            v = Val::reg(fty, d, true);
        }
        Ok(v)
    }

    /// `x.M` as a value, `recv` being `x` evaluated: a closure with the receiver bound.
    pub(super) fn method_value(&mut self, recv: Val, x: &Expr, sel: &ast::Ident) -> R<Val> {
        if self.types.find_method(recv.ty, &sel.name).is_none() && self.types.iface_methods(recv.ty).is_none() {
            if let Some(p) = self.types.promoted_method(recv.ty, &sel.name) {
                // A promoted method: bound to the embedded value it belongs to.
                let inner = self.walk_path(recv, &p.path)?;
                return self.method_value(inner, x, sel);
            }
        }
        if let Some(ms) = self.types.iface_methods(recv.ty).cloned() {
            let Some((_, sig)) = ms.iter().find(|m| m.0 == sel.name) else {
                return err(sel.pos, format!("internal error: no method {}", sel.name));
            };
            let thunk = self.bound_method(&sel.name, sig, None, BoundRecv::Iface);
            return self.bind(recv, thunk, sig);
        }
        let Some(m) = self.types.find_method(recv.ty, &sel.name) else {
            return err(sel.pos, format!("internal error: no method {}", sel.name));
        };
        let r = self.method_receiver(&recv, &m, x)?;
        // A value receiver is copied when the method value is evaluated.
        let r = if m.ptr_recv { r } else { self.owned(r)? };
        let how = if self.types.is_ref(r.ty) { BoundRecv::Direct } else { BoundRecv::Boxed };
        let thunk = self.bound_method(&m.name, &m.sig, Some(&m), how);
        if how == BoundRecv::Boxed {
            let (s, st) = self.materialize(&r)?;
            let b = self.b().temp(true);
            let bt = self.types.pointer(r.ty);
            let rt = self.rtype(bt);
            self.b().emit(Op::BoxNew, b, s, rt);
            if st {
                self.b().free(s);
            }
            return self.bind(Val::reg(bt, b, true), thunk, &m.sig);
        }
        self.bind(r, thunk, &m.sig)
    }

    /// A closure of bound-method function `thunk` capturing `capture`.
    fn bind(&mut self, capture: Val, thunk: u32, sig: &Sig) -> R<Val> {
        let (s, st) = self.materialize(&capture)?;
        let run = self.b().run(&[true]);
        self.b().emit(Op::Move, run, s, 0);
        if st {
            self.b().free(s);
        }
        let d = self.b().temp(true);
        self.b().emit(Op::MakeClosure, d, thunk as u16, run);
        let fty = self.types.intern(TyKind::Func(sig.clone()));
        Ok(Val::reg(fty, d, true))
    }

    /// The bound-method function of method `name` (`m` for a concrete one), created on
    /// first use: parameters are the method's, capture 0 the receiver.
    fn bound_method(&mut self, name: &str, sig: &Sig, m: Option<&MethodInfo>, how: BoundRecv) -> u32 {
        let key = (m.map_or(u32::MAX, |m| m.func), name.to_string(), how);
        if let Some(&id) = self.bound_methods.get(&key) {
            return id;
        }
        let fname = match m {
            Some(m) => format!("{}-fm", self.funcs[m.func as usize].name),
            None => format!("{}.{name}-fm", self.pkg),
        };
        let id = self.new_func(fname.clone());
        self.bound_methods.insert(key, id);
        let mut b = FuncBuilder::new(fname);
        let params: Vec<u16> = sig.params.iter().map(|&p| b.new_slot(self.types.is_ref(p))).collect();
        b.param_count = params.len() as u16;
        b.result_count = sig.results.len() as u16;
        b.capture_count = 1;
        let recv = b.new_slot(true);
        b.emit(Op::LoadCapture, recv, 0, 0);
        for (i, p) in params.iter().enumerate() {
            b.emit(Op::Move, WINDOW + 1 + i as u16, *p, 0);
        }
        b.use_window((params.len() + 1).max(sig.results.len()));
        match (how, m) {
            (BoundRecv::Iface, _) => {
                b.emit(Op::IfaceData, WINDOW, recv, 0);
                let mid = self.method_id(name);
                b.emit(Op::CallIface, mid as u16, recv, 0);
            }
            (BoundRecv::Boxed, Some(m)) => {
                b.emit(Op::BoxGet, WINDOW, recv, 0);
                b.emit(Op::Call, m.func as u16, 0, 0);
            }
            (_, Some(m)) => {
                b.emit(Op::Move, WINDOW, recv, 0);
                b.emit(Op::Call, m.func as u16, 0, 0);
            }
            (_, None) => unreachable!("a concrete bound method has its method"),
        }
        b.emit(Op::Ret, WINDOW, sig.results.len() as u16, 0);
        self.funcs[id as usize].func = Some(finish(b).expect("a bound method is small"));
        id
    }

    /// The method expression `T.M` (`ptr`: `(*T).M`): the method as a function value
    /// whose first parameter is the receiver.
    pub(super) fn method_expr(&mut self, t: TyId, ptr: bool, sel: &ast::Ident, e: &Expr) -> R<Val> {
        let shown = if ptr { format!("(*{})", self.types.name(t)) } else { self.types.name(t) };
        if self.types.is_interface(t) && !ptr {
            return err(sel.pos, format!("unsupported: method expression {shown}.{} of an interface type", sel.name));
        }
        let Some(m) = self.types.find_method(t, &sel.name) else {
            return err(sel.pos, format!("{shown}.{} undefined (type {shown} has no method {})", sel.name, sel.name));
        };
        if m.ptr_recv && !ptr {
            let _ = e;
            // Go 1.19's wording (later versions say "invalid method expression").
            return err(sel.pos, format!("cannot call pointer method {} on {shown}", sel.name));
        }
        let recv_ty = if ptr { self.types.pointer(t) } else { t };
        let mut params = vec![recv_ty];
        params.extend(m.sig.params.iter().copied());
        let sig = Sig { params, results: m.sig.results.clone(), variadic: m.sig.variadic };
        // A value method through a pointer to a non-aggregate type loads the pointee
        // first; to an aggregate the pointer is the object the method receives.
        let f = if ptr && !m.ptr_recv && !self.types.is_aggregate(t) { self.ptr_wrapper(t, &m) } else { m.func };
        let d = self.b().temp(true);
        self.b().emit(Op::LoadFunc, d, f as u16, 0);
        Ok(Val::reg(self.types.intern(TyKind::Func(sig)), d, true))
    }
}

/// `(*T)` in a method expression: the type's name under the parentheses and the star,
/// and its position.
pub(super) fn pointer_type_name(x: &Expr) -> Option<(&str, ast::Pos)> {
    use crate::front::ast::{ExprKind, UnOp};
    let ExprKind::Paren(inner) = &x.kind else { return None };
    let ExprKind::Unary { op: UnOp::Deref, expr } = &inner.kind else { return None };
    match &expr.kind {
        ExprKind::Ident(name) => Some((name, expr.pos)),
        _ => None,
    }
}
