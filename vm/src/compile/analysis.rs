//! Syntactic pre-passes over a declaration: which names need boxes, which parameters a
//! body may modify. Both are safe over-approximations keyed by name.

use std::collections::HashSet;

use crate::front::ast::*;

/// Scan one top-level function: `boxed` gets every name used inside a function literal
/// and every name whose address is taken; `mutated` gets every name that is the root
/// of an assignment target, has its address taken, is a method-call receiver, or is
/// used inside a closure.
pub fn scan_function(sig: &FuncType, body: &Block, boxed: &mut HashSet<String>, mutated: &mut HashSet<String>) {
    let _ = sig;
    let mut s = Scan { boxed, mutated, in_closure: 0 };
    s.block(body);
}

/// Scan expressions outside any function (global initialisers) like a body.
pub fn scan_exprs(es: &[Expr], boxed: &mut HashSet<String>, mutated: &mut HashSet<String>) {
    let mut s = Scan { boxed, mutated, in_closure: 0 };
    es.iter().for_each(|e| s.expr(e));
}

/// Global names whose address is taken anywhere (`out`; they live in boxes), and global
/// names that are the receiver of a method call somewhere (`receivers`; they live in
/// boxes too when their type has pointer methods: `b.m()` means `(&b).m()`).
pub fn global_addr_names(file: &File, out: &mut HashSet<String>, receivers: &mut HashSet<String>) {
    let mut boxed = HashSet::new();
    let mut mutated = HashSet::new();
    let mut s = Scan { boxed: &mut boxed, mutated: &mut mutated, in_closure: 0 };
    for d in &file.decls {
        match d {
            Decl::Func(f) => {
                if let Some(b) = &f.body {
                    s.block(b);
                }
            }
            Decl::Var(v) => v.values.iter().for_each(|e| s.expr(e)),
            _ => {}
        }
    }
    out.extend(s.addr_only());
    receivers.extend(s.mutated.iter().filter_map(|n| n.strip_prefix('.')).map(str::to_string));
}

struct Scan<'a> {
    boxed: &'a mut HashSet<String>,
    mutated: &'a mut HashSet<String>,
    in_closure: u32,
}

fn root_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Ident(n) => Some(n),
        ExprKind::Selector { expr, .. } | ExprKind::Index { expr, .. } | ExprKind::Paren(expr) => root_name(expr),
        ExprKind::Unary { op: UnOp::Deref, expr } => root_name(expr),
        _ => None,
    }
}

impl Scan<'_> {
    fn addr_only(&self) -> HashSet<String> {
        // For globals only `&x` matters; closure use is not a capture.
        self.mutated.iter().filter(|n| n.starts_with('&')).map(|n| n[1..].to_string()).collect()
    }

    fn mutate(&mut self, e: &Expr) {
        if let Some(n) = root_name(e) {
            self.mutated.insert(n.to_string());
        }
        self.expr(e);
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty
            | StmtKind::Fallthrough
            | StmtKind::Break(_)
            | StmtKind::Continue(_)
            | StmtKind::Goto(_) => {}
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Var(v) => v.values.iter().for_each(|e| self.expr(e)),
            StmtKind::Const(_) | StmtKind::Type(_) => {}
            StmtKind::ShortVar { lhs, rhs, .. } => {
                for l in lhs {
                    self.mutated.insert(l.name.clone());
                    if self.in_closure > 0 {
                        self.boxed.insert(l.name.clone());
                    }
                }
                rhs.iter().for_each(|e| self.expr(e));
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                lhs.iter().for_each(|e| self.mutate(e));
                rhs.iter().for_each(|e| self.expr(e));
            }
            StmtKind::OpAssign { lhs, rhs, .. } => {
                self.mutate(lhs);
                self.expr(rhs);
            }
            StmtKind::IncDec { expr, .. } => self.mutate(expr),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::For { init, cond, post, body } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(body);
            }
            StmtKind::ForRange { key, value, expr, body, .. } => {
                for e in [key, value].into_iter().flatten() {
                    self.mutate(e);
                }
                self.expr(expr);
                self.block(body);
            }
            StmtKind::Switch { init, tag, cases } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    c.exprs.iter().for_each(|e| self.expr(e));
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::TypeSwitch { init, expr, cases, bind } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(b) = bind {
                    self.mutated.insert(b.name.clone());
                }
                self.expr(expr);
                for c in cases {
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(s) = &c.comm {
                        self.stmt(s);
                    }
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::Return(es) => es.iter().for_each(|e| self.expr(e)),
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(n) => {
                if self.in_closure > 0 {
                    self.boxed.insert(n.clone());
                    self.mutated.insert(n.clone());
                }
            }
            ExprKind::IntLit(_) | ExprKind::FloatLit(..) | ExprKind::CharLit(_) | ExprKind::StringLit(_) => {}
            ExprKind::Type(_) => {}
            ExprKind::Composite { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        // Struct field keys are not variable uses.
                        if !matches!(k.kind, ExprKind::Ident(_)) {
                            self.expr(k);
                        }
                    }
                    self.expr(&el.value);
                }
            }
            ExprKind::FuncLit { sig, body } => {
                let _ = sig;
                self.in_closure += 1;
                self.block(body);
                self.in_closure -= 1;
            }
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Selector { expr, .. } => self.expr(expr),
            ExprKind::Index { expr, index, .. } => {
                self.expr(expr);
                self.expr(index);
            }
            ExprKind::Slice { expr, lo, hi, max, .. } => {
                self.expr(expr);
                for x in [lo, hi, max].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::TypeAssert { expr, .. } => self.expr(expr),
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Selector { expr, .. } = &func.kind {
                    // A method call may take the receiver's address.
                    if let Some(n) = root_name(expr) {
                        self.mutated.insert(n.to_string());
                    }
                    if let ExprKind::Ident(n) = &expr.kind {
                        // Receiver of a possible pointer-method call: boxed if its type needs it.
                        self.mutated.insert(format!(".{n}"));
                    }
                }
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Unary { op, expr } => {
                if *op == UnOp::Addr {
                    if let ExprKind::Ident(n) = &expr.kind {
                        self.boxed.insert(n.clone());
                        self.mutated.insert(format!("&{n}"));
                    }
                    if let Some(n) = root_name(expr) {
                        self.mutated.insert(n.to_string());
                    }
                }
                self.expr(expr);
            }
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
        }
    }
}

/// Every identifier used in some expressions (over-approximation of references).
pub fn idents_in_exprs(es: &[Expr], out: &mut HashSet<String>) {
    let mut boxed = HashSet::new();
    let mut mutated = HashSet::new();
    let mut s = Scan { boxed: &mut boxed, mutated: &mut mutated, in_closure: 1 };
    es.iter().for_each(|e| s.expr(e));
    out.extend(boxed);
}

/// Every identifier used in a function body.
pub fn idents_in_block(b: &Block, out: &mut HashSet<String>) {
    let mut boxed = HashSet::new();
    let mut mutated = HashSet::new();
    let mut s = Scan { boxed: &mut boxed, mutated: &mut mutated, in_closure: 1 };
    s.block(b);
    out.extend(boxed);
}

/// Package variable specs in Go's initialisation order: repeatedly the earliest spec
/// (in source order) whose dependencies (direct, or through called functions) are
/// initialised. Falls back to source order for what remains on a cycle.
pub fn init_order(file: &File) -> Vec<&VarSpec> {
    use std::collections::HashMap;
    let specs: Vec<&VarSpec> =
        file.decls.iter().filter_map(|d| if let Decl::Var(v) = d { Some(v) } else { None }).collect();
    let globals: HashSet<String> = specs.iter().flat_map(|s| s.names.iter().map(|n| n.name.clone())).collect();
    let mut func_refs: HashMap<String, HashSet<String>> = HashMap::new();
    for d in &file.decls {
        if let Decl::Func(f) = d {
            if let (None, Some(b)) = (&f.recv, &f.body) {
                let mut ids = HashSet::new();
                idents_in_block(b, &mut ids);
                func_refs.insert(f.name.name.clone(), ids);
            }
        }
    }
    // Transitive global dependencies of each spec.
    let deps: Vec<HashSet<String>> = specs
        .iter()
        .map(|s| {
            let mut ids = HashSet::new();
            idents_in_exprs(&s.values, &mut ids);
            let mut out = HashSet::new();
            let mut seen_funcs = HashSet::new();
            let mut work: Vec<String> = ids.into_iter().collect();
            while let Some(n) = work.pop() {
                if globals.contains(&n) {
                    out.insert(n.clone());
                }
                if let Some(r) = func_refs.get(&n) {
                    if seen_funcs.insert(n.clone()) {
                        work.extend(r.iter().cloned());
                    }
                }
            }
            for n in &s.names {
                out.remove(&n.name);
            }
            out
        })
        .collect();
    let mut done: HashSet<String> = HashSet::new();
    let mut emitted = vec![false; specs.len()];
    let mut order = Vec::new();
    while order.len() < specs.len() {
        let next = (0..specs.len())
            .find(|&i| !emitted[i] && deps[i].iter().all(|d| done.contains(d)))
            .or_else(|| (0..specs.len()).find(|&i| !emitted[i]));
        let Some(i) = next else { break };
        emitted[i] = true;
        done.extend(specs[i].names.iter().map(|n| n.name.clone()));
        order.push(specs[i]);
    }
    order
}
