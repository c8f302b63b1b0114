//! Type expressions to checker types, and checker types to runtime type descriptors.

use super::builder::{FuncBuilder, WINDOW};
use super::types::{FieldTy, Sig, TyId, TyKind};
use super::{err, finish, Compiler, ConstVal, Entity, R};
use crate::bytecode::{Op, RKind, RType};
use crate::front::ast::{self, TypeExpr, TypeExprKind};

impl Compiler {
    pub fn resolve_type(&mut self, t: &TypeExpr) -> R<TyId> {
        if !matches!(t.kind, TypeExprKind::Struct(_)) {
            self.struct_ok = false;
        }
        Ok(match &t.kind {
            TypeExprKind::Name(id) => match self.lookup(&id.name, id.pos, true)? {
                Entity::Type(t) => {
                    self.check_supported_type(&id.name, id.pos)?;
                    t
                }
                _ => return err(id.pos, format!("{} is not a type", id.name)),
            },
            TypeExprKind::Qualified(p, n) => {
                if let Ok(Entity::Package(path)) = self.lookup(&p.name, p.pos, true) {
                    if path == "island" && n.name == "Port" {
                        return Ok(self.types.intern(TyKind::Port));
                    }
                    match self.package_entity(&path, n)? {
                        Some(Entity::Type(t)) => return Ok(t),
                        Some(_) => return err(n.pos, format!("{}.{} is not a type", p.name, n.name)),
                        None => {}
                    }
                    return err(n.pos, format!("undefined: {}.{}", p.name, n.name));
                }
                return err(p.pos, format!("undefined: {}", p.name));
            }
            TypeExprKind::Pointer(e) => {
                let e = self.resolve_type(e)?;
                self.types.pointer(e)
            }
            TypeExprKind::Slice(e) => {
                let e = self.resolve_type(e)?;
                self.types.slice(e)
            }
            TypeExprKind::Array(len, e) => {
                let Some(len) = len else {
                    return err(t.pos, "invalid use of [...] array (outside a composite literal)");
                };
                let (lt, v) = self.eval_const(len)?;
                let n = match &v {
                    ConstVal::Int(n) if self.types.is_integer(lt) || self.types.is_untyped(lt) => *n,
                    ConstVal::Float(f) if f.is_integer() && self.types.is_untyped(lt) => {
                        f.to_i128().unwrap_or(if f.to_f64() < 0.0 { -1 } else { i128::MAX })
                    }
                    _ => return err(len.pos, format!("array length {} must be integer", ast_text(len))),
                };
                if n < 0 {
                    let v = super::Val::konst(lt, v);
                    return err(len.pos, format!("invalid array length {}", self.describe(len, &v)));
                }
                // An array is one heap object, whose header holds a 32-bit length. Go
                // accepts longer arrays (and fails at run time, out of memory, or at
                // compile time beyond 2^50 bytes: "larger than address space").
                if n > 1 << 32 {
                    return err(len.pos, format!("unsupported: array length {} (more than 1 << 32)", ast_text(len)));
                }
                let e = self.resolve_type(e)?;
                self.types.intern(TyKind::Array(n as u64, e))
            }
            TypeExprKind::Map(k, v) => {
                let kpos = k.pos;
                let k = self.resolve_type(k)?;
                let v = self.resolve_type(v)?;
                self.ensure_resolved(k)?;
                if !(self.types.int_info(k).is_some() || matches!(self.types.ukind(k), TyKind::String)) {
                    if !self.types.comparable(k) {
                        return err(kpos, format!("invalid map key type {}", self.types.name(k)));
                    }
                    return err(kpos, format!("unsupported: map key type {}", self.types.name(k)));
                }
                self.types.intern(TyKind::Map(k, v))
            }
            TypeExprKind::Chan(dir, e) => {
                let e = self.resolve_type(e)?;
                let d = match dir {
                    ast::ChanDir::Both => 0,
                    ast::ChanDir::Send => 1,
                    ast::ChanDir::Recv => 2,
                };
                self.types.intern(TyKind::Chan(d, e))
            }
            TypeExprKind::Func(ft) => {
                let sig = self.resolve_sig(ft)?;
                self.types.intern(TyKind::Func(sig))
            }
            TypeExprKind::Struct(fields) => {
                if !std::mem::replace(&mut self.struct_ok, false) {
                    return err(t.pos, "unsupported: anonymous struct type");
                }
                let mut fs: Vec<FieldTy> = Vec::new();
                for f in fields {
                    if f.name.name != "_" && fs.iter().any(|g| g.name == f.name.name) {
                        return err(f.name.pos, format!("{} redeclared", f.name.name));
                    }
                    let ty = self.resolve_type(&f.ty)?;
                    if f.embedded {
                        // Go: an embedded field is a type name T or *T, T not a pointer
                        // (and *T not an interface).
                        let base = match self.types.kind(ty) {
                            TyKind::Pointer(e) => Some(*e),
                            _ => None,
                        };
                        if let Some(b) = base {
                            self.ensure_resolved(b)?;
                            if matches!(self.types.ukind(b), TyKind::Pointer(_) | TyKind::Interface(_)) {
                                return err(f.ty.pos, "embedded field type cannot be a pointer to an interface");
                            }
                        } else if matches!(self.types.ukind(ty), TyKind::Pointer(_)) {
                            return err(f.ty.pos, "embedded field type cannot be a pointer");
                        }
                    }
                    fs.push(FieldTy { name: f.name.name.clone(), ty, embedded: f.embedded });
                }
                self.types.intern(TyKind::Struct(fs))
            }
            TypeExprKind::Interface(elems) => {
                let mut ms: Vec<(String, Sig)> = Vec::new();
                for el in elems {
                    match el {
                        ast::InterfaceElem::Method { name, sig } => {
                            if ms.iter().any(|m| m.0 == name.name) {
                                return err(name.pos, format!("duplicate method {}", name.name));
                            }
                            let s = self.resolve_sig(sig)?;
                            ms.push((name.name.clone(), s));
                        }
                        ast::InterfaceElem::Embedded(te) => {
                            let et = self.resolve_type(te)?;
                            self.ensure_resolved(et)?;
                            match self.types.iface_methods(et) {
                                Some(em) => {
                                    for m in em.clone() {
                                        if !ms.iter().any(|x| x.0 == m.0) {
                                            ms.push(m);
                                        }
                                    }
                                }
                                None => return err(te.pos, "unsupported: type constraints"),
                            }
                        }
                    }
                }
                ms.sort_by(|a, b| a.0.cmp(&b.0));
                self.types.intern(TyKind::Interface(ms))
            }
            TypeExprKind::Paren(e) => self.resolve_type(e)?,
        })
    }

    fn check_supported_type(&self, _name: &str, _pos: ast::Pos) -> R<()> {
        Ok(())
    }

    pub fn resolve_sig(&mut self, ft: &ast::FuncType) -> R<Sig> {
        let mut params = Vec::new();
        let mut variadic = false;
        for (i, p) in ft.params.iter().enumerate() {
            let mut t = self.resolve_type(&p.ty)?;
            if p.variadic {
                if i + 1 != ft.params.len() {
                    return err(p.ty.pos, "can only use ... with final parameter in list");
                }
                variadic = true;
                t = self.types.slice(t);
            }
            params.push(t);
        }
        let mut results = Vec::new();
        for p in &ft.results {
            results.push(self.resolve_type(&p.ty)?);
        }
        Ok(Sig { params, results, variadic })
    }

    /// Evaluate a constant expression (array lengths, package constants).
    pub fn eval_const(&mut self, e: &ast::Expr) -> R<(TyId, ConstVal)> {
        let pushed = self.fns.is_empty();
        if pushed {
            self.fns.push(super::new_fnctx("const", Sig { params: vec![], results: vec![], variadic: false }));
        }
        let before = self.fns.last().map(|f| f.b.code.len()).unwrap_or(0);
        let v = self.expr(e, None);
        if pushed {
            self.fns.pop();
        }
        let v = v?;
        match v.loc {
            super::Loc::Const(c) => Ok((v.ty, c)),
            _ => {
                if !pushed {
                    if let Some(f) = self.fns.last_mut() {
                        f.b.code.truncate(before);
                        f.b.lines.truncate(before);
                    }
                }
                err(e.pos, format!("{} (value of type {}) is not constant", ast_text(e), self.types.name(v.ty)))
            }
        }
    }

    /// The runtime type id of a checker type, creating the descriptor on first use.
    pub fn rtype(&mut self, t: TyId) -> u16 {
        let t = if self.types.is_untyped(t) { self.types.default_type(t) } else { t };
        if let Some(&id) = self.rtype_ids.get(&t) {
            return id as u16;
        }
        let id = self.program.types.len() as u32;
        self.rtype_ids.insert(t, id);
        let name = self.types.runtime_name(t);
        self.program.types.push(RType { name, kind: RKind::Int, methods: Vec::new(), go_size: 8 });
        let u = self.types.under(t);
        let kind = match self.types.kind(u).clone() {
            TyKind::Int | TyKind::UntypedInt => RKind::Int,
            TyKind::Byte => RKind::Byte,
            TyKind::Rune | TyKind::UntypedRune => RKind::Rune,
            TyKind::IntN(k) => RKind::IntN(k),
            TyKind::Float | TyKind::UntypedFloat => RKind::Float,
            TyKind::Bool | TyKind::UntypedBool => RKind::Bool,
            TyKind::String | TyKind::UntypedString => RKind::String,
            TyKind::Slice(e) => RKind::Slice(crate::bytecode::TypeId(self.rtype(e) as u32)),
            TyKind::Array(n, e) => RKind::Array(crate::bytecode::TypeId(self.rtype(e) as u32), n as u32),
            TyKind::Map(k, v) => {
                RKind::Map(crate::bytecode::TypeId(self.rtype(k) as u32), crate::bytecode::TypeId(self.rtype(v) as u32))
            }
            TyKind::Struct(fs) => {
                let mut out = Vec::new();
                for f in fs {
                    out.push((f.name.clone(), crate::bytecode::TypeId(self.rtype(f.ty) as u32)));
                }
                RKind::Struct(out)
            }
            TyKind::Pointer(e) => RKind::Pointer(crate::bytecode::TypeId(self.rtype(e) as u32)),
            TyKind::Func(_) => RKind::Func,
            TyKind::Chan(_, e) => RKind::Chan(crate::bytecode::TypeId(self.rtype(e) as u32)),
            TyKind::Interface(ms) => {
                let mut ids: Vec<u32> = ms.iter().map(|(n, _)| self.method_id(n)).collect();
                ids.sort();
                RKind::Interface(ids)
            }
            _ => RKind::Int,
        };
        let go_size = self.types.go_size(t).min(u32::MAX as u64) as u32;
        // Method table.
        let mut methods: Vec<(u32, crate::bytecode::FuncId)> = Vec::new();
        let (base, is_ptr) = match self.types.kind(t) {
            TyKind::Pointer(e) => (*e, true),
            _ => (t, false),
        };
        if let Some(info) = self.types.named_info(base) {
            for m in info.methods.clone() {
                if m.ptr_recv && !is_ptr {
                    continue;
                }
                let func = if is_ptr && !m.ptr_recv && !self.types.is_aggregate(base) {
                    self.ptr_wrapper(base, &m)
                } else {
                    m.func
                };
                let mid = self.method_id(&m.name);
                methods.push((mid, crate::bytecode::FuncId(func)));
            }
        }
        // Methods promoted from embedded fields, through wrappers that select the field.
        if matches!(self.types.ukind(base), TyKind::Struct(_)) {
            for name in self.types.embedded_method_names(base) {
                let mid = self.method_id(&name);
                if methods.iter().any(|m| m.0 == mid) {
                    continue;
                }
                if let Some(p) = self.types.promoted_method(t, &name) {
                    if p.method.ptr_recv && !is_ptr {
                        continue;
                    }
                    if let Some(w) = self.promoted_wrapper(t, &p.path, &p.method, p.via_iface) {
                        methods.push((mid, crate::bytecode::FuncId(w)));
                    }
                }
            }
        }
        methods.sort();
        let rt = &mut self.program.types[id as usize];
        rt.kind = kind;
        rt.go_size = go_size;
        rt.methods = methods;
        id as u16
    }

    /// A wrapper `T.M` (or `(*T).M`) for method `m` promoted to `t` from the embedded
    /// field that `path` selects: selects the field, then calls the method on it
    /// (through the interface for an embedded interface). `None` when the method needs
    /// the address of a non-struct field, which the VM does not have.
    fn promoted_wrapper(
        &mut self,
        t: TyId,
        path: &[(usize, TyId)],
        m: &super::types::MethodInfo,
        via_iface: bool,
    ) -> Option<u32> {
        let key = (t, m.name.clone());
        if let Some(&id) = self.promoted_wrappers.get(&key) {
            return Some(id);
        }
        let &(_, last) = path.last()?;
        let target = if via_iface { None } else { self.types.find_method(last, &m.name) };
        if let Some(tm) = &target {
            let last_ptr = matches!(self.types.kind(last), TyKind::Pointer(_));
            if tm.ptr_recv && !last_ptr && !self.types.is_aggregate(last) {
                return None;
            }
        }
        let name = self.method_func_name(t, &m.name);
        let id = self.new_func(name.clone());
        self.promoted_wrappers.insert(key, id);
        let mut b = FuncBuilder::new(name);
        let recv = b.new_slot(true);
        let params: Vec<u16> = m.sig.params.iter().map(|&p| b.new_slot(self.types.is_ref(p))).collect();
        b.param_count = params.len() as u16 + 1;
        b.result_count = m.sig.results.len() as u16;
        let mut r = recv;
        for &(i, fty) in path {
            let d = b.new_slot(self.types.is_ref(fty));
            b.emit(Op::GetField, d, r, i as u16);
            r = d;
        }
        for (i, p) in params.iter().enumerate() {
            b.emit(Op::Move, WINDOW + 1 + i as u16, *p, 0);
        }
        b.use_window((params.len() + 1).max(m.sig.results.len()));
        match target {
            None => {
                b.emit(Op::IfaceData, WINDOW, r, 0);
                let mid = self.method_id(&m.name);
                b.emit(Op::CallIface, mid as u16, r, 0);
            }
            Some(tm) => {
                let last_ptr = matches!(self.types.kind(last), TyKind::Pointer(_));
                let func = if last_ptr && !tm.ptr_recv && !self.types.is_aggregate(self.types.pointee(last)) {
                    let base = self.types.pointee(last);
                    self.ptr_wrapper(base, &tm)
                } else {
                    tm.func
                };
                b.emit(Op::Move, WINDOW, r, 0);
                b.emit(Op::Call, func as u16, 0, 0);
            }
        }
        b.emit(Op::Ret, WINDOW, m.sig.results.len() as u16, 0);
        self.funcs[id as usize].func = Some(finish(b).expect("a wrapper is small"));
        Some(id)
    }

    /// Go's name of method `name` of receiver type `t` (a named type or a pointer to
    /// one): `main.T.M`, `bufio.(*Writer).M`, in the type's own package.
    fn method_func_name(&self, t: TyId, name: &str) -> String {
        let (base, ptr) = match self.types.kind(t) {
            TyKind::Pointer(e) => (*e, true),
            _ => (t, false),
        };
        let full = self.types.runtime_name(base);
        let (pkg, ty) = full.rsplit_once('.').unwrap_or(("main", full.as_str()));
        if ptr {
            format!("{pkg}.(*{ty}).{name}")
        } else {
            format!("{pkg}.{ty}.{name}")
        }
    }

    /// A wrapper `(*T).M` for a value method of a non-aggregate named type `T`: loads the
    /// pointee from the box and calls `T.M`.
    pub(super) fn ptr_wrapper(&mut self, base: TyId, m: &super::types::MethodInfo) -> u32 {
        if let Some(&id) = self.ptr_wrappers.get(&(base, m.name.clone())) {
            return id;
        }
        let pt = self.types.pointer(base);
        let name = self.method_func_name(pt, &m.name);
        let id = self.new_func(name.clone());
        self.ptr_wrappers.insert((base, m.name.clone()), id);
        let mut b = FuncBuilder::new(name);
        let recv = b.new_slot(true);
        let mut params = vec![recv];
        for p in &m.sig.params {
            let r = self.types.is_ref(*p);
            params.push(b.new_slot(r));
        }
        b.param_count = params.len() as u16;
        b.result_count = m.sig.results.len() as u16;
        b.emit(Op::BoxGet, WINDOW, recv, 0);
        for (i, p) in params.iter().enumerate().skip(1) {
            b.emit(Op::Move, WINDOW + i as u16, *p, 0);
        }
        b.use_window(params.len().max(m.sig.results.len()));
        b.emit(Op::Call, m.func as u16, 0, 0);
        b.emit(Op::Ret, WINDOW, m.sig.results.len() as u16, 0);
        let f = finish(b).expect("wrapper is small");
        self.funcs[id as usize].func = Some(f);
        id
    }
}

/// Go-like source text of an expression, for messages.
pub fn ast_text(e: &ast::Expr) -> String {
    use ast::ExprKind::*;
    match &e.kind {
        Ident(n) => n.clone(),
        IntLit(v) => v.to_string(),
        FloatLit(_, text) => text.clone(),
        CharLit(c) => match char::from_u32(*c) {
            Some(ch) => format!("{ch:?}"),
            None => c.to_string(),
        },
        StringLit(s) => format!("{:?}", String::from_utf8_lossy(s)),
        // types2 shows a literal's elements as "…", an empty one as "{}".
        Composite { ty, elems, .. } => {
            let body = if elems.is_empty() { "{}" } else { "{…}" };
            match ty {
                Some(t) => format!("{}{body}", type_text(t)),
                None => body.into(),
            }
        }
        FuncLit { .. } => "func literal".into(),
        Paren(x) => format!("({})", ast_text(x)),
        Selector { expr, sel } => format!("{}.{}", ast_text(expr), sel.name),
        Index { expr, index, .. } => format!("{}[{}]", ast_text(expr), ast_text(index)),
        Slice { expr, lo, hi, max, .. } => {
            let f = |x: &Option<Box<ast::Expr>>| x.as_ref().map(|x| ast_text(x)).unwrap_or_default();
            match max {
                Some(_) => format!("{}[{}:{}:{}]", ast_text(expr), f(lo), f(hi), f(max)),
                None => format!("{}[{}:{}]", ast_text(expr), f(lo), f(hi)),
            }
        }
        TypeAssert { expr, ty } => match ty {
            Some(t) => format!("{}.({})", ast_text(expr), type_text(t)),
            None => format!("{}.(type)", ast_text(expr)),
        },
        Call { func, args, ellipsis, .. } => {
            let a: Vec<String> = args.iter().map(ast_text).collect();
            format!("{}({}{})", ast_text(func), a.join(", "), if *ellipsis { "..." } else { "" })
        }
        Unary { op, expr } => {
            let o = match op {
                ast::UnOp::Neg => "-",
                ast::UnOp::Plus => "+",
                ast::UnOp::Not => "!",
                ast::UnOp::BitNot => "^",
                ast::UnOp::Deref => "*",
                ast::UnOp::Addr => "&",
                ast::UnOp::Recv => "<-",
            };
            format!("{o}{}", ast_text(expr))
        }
        Binary { op, lhs, rhs, .. } => format!("{} {} {}", ast_text(lhs), op.as_str(), ast_text(rhs)),
        Type(t) => type_text(t),
    }
}

pub fn type_text(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Name(n) => n.name.clone(),
        TypeExprKind::Qualified(p, n) => format!("{}.{}", p.name, n.name),
        TypeExprKind::Pointer(e) => format!("*{}", type_text(e)),
        TypeExprKind::Slice(e) => format!("[]{}", type_text(e)),
        TypeExprKind::Array(n, e) => match n {
            Some(n) => format!("[{}]{}", ast_text(n), type_text(e)),
            None => format!("[...]{}", type_text(e)),
        },
        TypeExprKind::Map(k, v) => format!("map[{}]{}", type_text(k), type_text(v)),
        TypeExprKind::Chan(_, e) => format!("chan {}", type_text(e)),
        TypeExprKind::Func(_) => "func(…)".into(),
        TypeExprKind::Struct(_) => "struct{…}".into(),
        TypeExprKind::Interface(es) if es.is_empty() => "interface{}".into(),
        TypeExprKind::Interface(_) => "interface{…}".into(),
        TypeExprKind::Paren(e) => format!("({})", type_text(e)),
    }
}
