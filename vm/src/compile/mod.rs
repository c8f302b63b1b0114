//! Type checker and code generator: one pass from the syntax tree to a [`Program`].
//!
//! Checking and code generation run together, expression by expression: each checked
//! expression yields a [`Val`] (its type plus where its value is: a folded constant or a
//! slot). Package-level declarations are collected first (types, then function
//! signatures, then globals and constants), so bodies may refer to anything declared
//! anywhere in the file. Errors stop compilation at the first one, reported as
//! `line:col: message` with Go's wording where Go has one.
//!
//! Value-semantics rules (structs and arrays are references to storage objects):
//! - a *fresh* aggregate (composite literal, call result, explicit copy) may be stored as
//!   is; any other aggregate value is cloned when stored into a new home;
//! - assigning to an existing aggregate variable copies *into* its object when the
//!   variable may be aliased (its address was taken or a closure uses its name);
//! - a function clones an aggregate parameter at entry only if its body may modify or
//!   alias it, so callers pass references without copying.
//!
//! Variables used by closures or whose address is taken (`&x` of a non-aggregate) live
//! in boxes; the decision is made per name for a whole top-level declaration (a safe
//! over-approximation, see [`analysis`]).

mod analysis;
mod assign;
mod builder;
mod builtins;
mod call;
mod consts;
mod control;
mod expr;
mod methods;
mod operators;
mod packages;
mod rtypes;
mod stmt;
pub mod types;

use std::collections::{HashMap, HashSet};

use crate::bytecode::{FuncId, Function, Op, Program, RKind, RType, ERROR_STRING_TYPE};
use crate::front::ast::{self, CompileError, Pos};
use builder::FuncBuilder;
pub use consts::ConstVal;
use types::{Sig, TyId, TyKind, Types};

pub(crate) type R<T> = Result<T, CompileError>;

pub(crate) fn err<T>(pos: Pos, msg: impl Into<String>) -> R<T> {
    Err(CompileError::new(pos, msg))
}

/// Compile a parsed file into a program.
pub fn compile(file: &ast::File, file_name: &str) -> Result<Program, CompileError> {
    let mut c = Compiler::new(file_name);
    c.compile_file(file)?;
    Ok(c.program)
}

/// Where a checked expression's value is.
#[derive(Clone, Debug)]
pub(crate) enum Loc {
    Const(ConstVal),
    /// In a slot; `temp` says the consumer owns (and should free) it.
    Reg {
        slot: u16,
        temp: bool,
    },
    /// A call's results, still in the call window (slots `WINDOW + i`).
    Window,
    /// No value (a call of a function without results).
    Void,
}

#[derive(Clone, Debug)]
pub(crate) struct Val {
    pub ty: TyId,
    pub loc: Loc,
    /// A freshly created aggregate nobody else references.
    pub fresh: bool,
}

impl Val {
    fn reg(ty: TyId, slot: u16, temp: bool) -> Val {
        Val { ty, loc: Loc::Reg { slot, temp }, fresh: false }
    }
    fn konst(ty: TyId, v: ConstVal) -> Val {
        Val { ty, loc: Loc::Const(v), fresh: false }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    Len,
    Cap,
    Append,
    Make,
    New,
    Copy,
    Delete,
    Panic,
    Recover,
    Print,
    Println,
    Close,
}

/// A local variable.
#[derive(Clone, Debug)]
pub(crate) struct LocalVar {
    pub id: u32,
    pub name: String,
    pub ty: TyId,
    pub slot: u16,
    /// The slot holds a box; the variable is its content.
    pub boxed: bool,
    pub pos: Pos,
    pub used: bool,
    /// Set when the variable belongs to an enclosing function: its capture index here.
    pub capture: Option<u16>,
}

#[derive(Clone, Debug)]
pub(crate) enum Entity {
    Local(LocalVar),
    Global { ty: TyId, slot: u16, boxed: bool },
    Const(TyId, ConstVal),
    Type(TyId),
    Func(u32, TyId),
    Builtin(Builtin),
    Package(String),
    Nil,
}

/// How a closure obtains one captured variable from its parent.
#[derive(Clone, Debug)]
pub(crate) enum CaptureSrc {
    /// The parent's slot (holding the box or aggregate reference).
    Slot(u16),
    /// The parent's own capture.
    Capture(u16),
}

pub(crate) struct LoopCtx {
    pub label: Option<String>,
    pub brk: builder::Label,
    pub cont: Option<builder::Label>,
}

/// State of one function being compiled (closures nest).
pub(crate) struct FnCtx {
    pub b: FuncBuilder,
    pub scopes: Vec<HashMap<String, Entity>>,
    pub sig: Sig,
    /// Result variables (named results, or hidden ones in functions with defer).
    pub result_vars: Vec<LocalVar>,
    pub has_defer: bool,
    pub captures: Vec<CaptureSrc>,
    pub capture_of: HashMap<u32, u16>,
    pub loops: Vec<LoopCtx>,
    /// Labels some `break`/`continue` used.
    pub used_labels: HashSet<String>,
}

pub(crate) struct FuncDef {
    pub name: String,
    pub func: Option<Function>,
}

pub(crate) struct Compiler {
    pub types: Types,
    pub program: Program,
    pub package: HashMap<String, Entity>,
    pub imports: HashMap<String, (String, Pos, bool)>,
    pub funcs: Vec<FuncDef>,
    pub fns: Vec<FnCtx>,
    pub rtype_ids: HashMap<TyId, u32>,
    pub method_ids: HashMap<String, u32>,
    pub string_ids: HashMap<Vec<u8>, u16>,
    pub const_ids: HashMap<u64, u16>,
    pub global_count: u16,
    pub next_var_id: u32,
    /// Names boxed in the current top-level declaration.
    pub boxed_names: HashSet<String>,
    /// Names the current top-level declaration may modify or alias.
    pub mutated_names: HashSet<String>,
    /// Global names whose address is taken.
    pub global_addr_names: HashSet<String>,
    /// Globals that are a method call's receiver somewhere (boxed when their type has
    /// pointer methods).
    pub global_receiver_names: HashSet<String>,
    pub closure_counter: u32,
    pub closure_base: String,
    /// Wrappers for value methods called through a pointer to a non-struct named type.
    pub ptr_wrappers: HashMap<(TyId, String), u32>,
    /// Package type declarations, resolved on first use.
    pub type_specs: HashMap<String, ast::TypeSpec>,
    /// The value of `iota` inside a constant declaration.
    pub iota: Option<i64>,
    /// Element ops of the slice/array lvalue being stored (set by `set_elem_ops`).
    pub pending_elem_ops: Option<(Op, Op, Op)>,
    /// What a condition belongs to, for "non-boolean condition in ..." messages.
    pub cond_what: &'static str,
    /// Set while resolving the top level of a type declaration: the one place a struct
    /// type literal is allowed (anonymous struct types are outside the subset).
    pub struct_ok: bool,
    pub resolving: HashSet<String>,
    /// The package being compiled: `main`, or a library package's name (`bufio`); the
    /// prefix of its functions' and types' names.
    pub pkg: String,
    /// The library packages compiled so far, by import path.
    pub packages: HashMap<String, packages::PackageInfo>,
    /// Library packages whose compilation is in progress (an import cycle check).
    pub compiling: HashSet<String>,
    /// The library packages' init functions, in the order they must run.
    pub package_inits: Vec<u32>,
    /// Wrappers of methods promoted from embedded fields, by (receiver type, name).
    pub promoted_wrappers: HashMap<(TyId, String), u32>,
    /// Bound-method functions of method values, by (method function, name, receiver).
    pub bound_methods: HashMap<(u32, String, methods::BoundRecv), u32>,
}

impl Compiler {
    fn new(file_name: &str) -> Compiler {
        let mut program = Program { file: file_name.to_string(), ..Program::default() };
        program.types.push(RType {
            name: "runtime.Error".into(),
            kind: RKind::ErrorString,
            methods: Vec::new(),
            go_size: 16,
        });
        debug_assert_eq!(ERROR_STRING_TYPE.0, 0);
        Compiler {
            types: Types::new(),
            program,
            package: HashMap::new(),
            imports: HashMap::new(),
            funcs: Vec::new(),
            fns: Vec::new(),
            rtype_ids: HashMap::new(),
            method_ids: HashMap::new(),
            string_ids: HashMap::new(),
            const_ids: HashMap::new(),
            global_count: 0,
            next_var_id: 0,
            boxed_names: HashSet::new(),
            mutated_names: HashSet::new(),
            global_addr_names: HashSet::new(),
            global_receiver_names: HashSet::new(),
            closure_counter: 0,
            closure_base: String::new(),
            ptr_wrappers: HashMap::new(),
            type_specs: HashMap::new(),
            iota: None,
            pending_elem_ops: None,
            cond_what: "if statement",
            struct_ok: false,
            resolving: HashSet::new(),
            pkg: "main".into(),
            packages: HashMap::new(),
            compiling: HashSet::new(),
            package_inits: Vec::new(),
            bound_methods: HashMap::new(),
            promoted_wrappers: HashMap::new(),
        }
    }

    // ---------------------------------------------------------------- tables

    pub fn method_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.method_ids.get(name) {
            return id;
        }
        let id = self.program.method_names.len() as u32;
        self.program.method_names.push(name.to_string());
        self.method_ids.insert(name.to_string(), id);
        id
    }

    pub fn string_id(&mut self, s: &[u8]) -> u16 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = self.program.strings.len() as u16;
        self.program.strings.push(s.to_vec());
        self.string_ids.insert(s.to_vec(), id);
        id
    }

    pub fn const_id(&mut self, bits: u64) -> u16 {
        if let Some(&id) = self.const_ids.get(&bits) {
            return id;
        }
        let id = self.program.consts.len() as u16;
        self.program.consts.push(bits);
        self.const_ids.insert(bits, id);
        id
    }

    pub fn new_func(&mut self, name: String) -> u32 {
        self.funcs.push(FuncDef { name, func: None });
        self.funcs.len() as u32 - 1
    }

    pub fn new_var_id(&mut self) -> u32 {
        self.next_var_id += 1;
        self.next_var_id
    }

    pub fn f(&mut self) -> &mut FnCtx {
        self.fns.last_mut().expect("inside a function")
    }

    pub fn b(&mut self) -> &mut FuncBuilder {
        &mut self.f().b
    }

    /// A temporary of the right kind for a value of type `ty`.
    pub fn tmp(&mut self, ty: TyId) -> u16 {
        let r = self.types.is_ref(ty);
        self.b().temp(r)
    }

    /// A fresh (never recycled) slot for a value of type `ty`.
    pub fn slot_for(&mut self, ty: TyId) -> u16 {
        let r = self.types.is_ref(ty);
        self.b().new_slot(r)
    }

    pub fn set_line(&mut self, pos: Pos) {
        if let Some(f) = self.fns.last_mut() {
            f.b.cur_line = pos.line;
        }
    }

    // ---------------------------------------------------------------- scopes

    pub fn push_scope(&mut self) {
        self.f().scopes.push(HashMap::new());
    }

    /// Pop a scope, reporting the first unused variable as Go does.
    pub fn pop_scope(&mut self) -> R<()> {
        let scope = self.f().scopes.pop().unwrap_or_default();
        let mut unused: Vec<&LocalVar> = scope
            .values()
            .filter_map(|e| match e {
                Entity::Local(v) if !v.used && v.name != "_" => Some(v),
                _ => None,
            })
            .collect();
        unused.sort_by_key(|v| v.pos);
        if let Some(v) = unused.first() {
            return err(v.pos, format!("{} declared but not used", v.name));
        }
        Ok(())
    }

    pub fn declare(&mut self, name: &str, e: Entity, pos: Pos) -> R<()> {
        if name == "_" {
            return Ok(());
        }
        let scope = self.f().scopes.last_mut().expect("scope");
        if scope.contains_key(name) {
            return err(pos, format!("{name} redeclared in this block"));
        }
        scope.insert(name.to_string(), e);
        Ok(())
    }

    /// Declare a new local variable of type `ty`, allocating its slot (boxed if needed).
    /// Returns the variable; its slot is uninitialised.
    pub fn new_local(&mut self, name: &str, ty: TyId, pos: Pos) -> LocalVar {
        let boxed = self.local_needs_box(name, ty);
        let is_ref = boxed || self.types.is_ref(ty);
        let slot = self.b().new_slot(is_ref);
        let id = self.new_var_id();
        LocalVar { id, name: name.to_string(), ty, slot, boxed, pos, used: false, capture: None }
    }

    /// A non-aggregate named type with pointer-receiver methods: its variables must be
    /// addressable (boxed) when they are method receivers.
    pub fn has_ptr_methods(&self, ty: TyId) -> bool {
        self.types.named_info(ty).map(|i| i.methods.iter().any(|m| m.ptr_recv)).unwrap_or(false)
    }

    /// Whether a variable of type `ty` lives in a box: not an aggregate (whose reference
    /// is already its address), and `boxed` (address taken, or captured) or the receiver
    /// of a method call (`receiver`) when `ty` has pointer methods (`v.m()` is `(&v).m()`).
    /// The one rule for locals, parameters and globals.
    pub fn needs_box(&self, ty: TyId, boxed: bool, receiver: bool) -> bool {
        !self.types.is_aggregate(ty) && (boxed || (receiver && self.has_ptr_methods(ty)))
    }

    /// [`Self::needs_box`] for a local or parameter, from the function's pre-pass.
    pub fn local_needs_box(&self, name: &str, ty: TyId) -> bool {
        self.needs_box(ty, self.boxed_names.contains(name), self.mutated_names.contains(&format!(".{name}")))
    }

    /// Look a name up through local scopes, enclosing functions (capturing), the
    /// package and the universe. Marks locals used when `mark_used`.
    pub fn lookup(&mut self, name: &str, pos: Pos, mark_used: bool) -> R<Entity> {
        let depth = self.fns.len();
        for fi in (0..depth).rev() {
            let mut found: Option<Entity> = None;
            for scope in self.fns[fi].scopes.iter_mut().rev() {
                if let Some(e) = scope.get_mut(name) {
                    if let Entity::Local(v) = e {
                        if mark_used {
                            v.used = true;
                        }
                    }
                    found = Some(e.clone());
                    break;
                }
            }
            if let Some(e) = found {
                if fi + 1 == depth {
                    return Ok(e);
                }
                if let Entity::Local(v) = e {
                    // Captured from an enclosing function.
                    let idx = self.capture(fi, &v);
                    return Ok(Entity::Local(LocalVar { capture: Some(idx), ..v }));
                }
                return Ok(e);
            }
        }
        if let Some(e) = self.package.get(name) {
            if let Entity::Package(p) = e {
                let p = p.clone();
                if let Some(imp) = self.imports.get_mut(&p) {
                    imp.2 = true;
                }
            }
            return Ok(e.clone());
        }
        if let Some(e) = universe(name) {
            return Ok(e);
        }
        if name == "float32" {
            return err(pos, format!("unsupported: type {name}"));
        }
        if matches!(name, "complex" | "real" | "imag" | "complex64" | "complex128") {
            return err(pos, "unsupported: complex numbers");
        }
        err(pos, format!("undefined: {name}"))
    }

    /// Ensure variable `v` (declared in function `owner`) is captured by every function
    /// nested below it; returns its capture index in the innermost one.
    fn capture(&mut self, owner: usize, v: &LocalVar) -> u16 {
        let mut src = CaptureSrc::Slot(v.slot);
        let mut idx = 0;
        for fi in owner + 1..self.fns.len() {
            let f = &mut self.fns[fi];
            idx = match f.capture_of.get(&v.id) {
                Some(&i) => i,
                None => {
                    let i = f.captures.len() as u16;
                    f.captures.push(src.clone());
                    f.capture_of.insert(v.id, i);
                    i
                }
            };
            src = CaptureSrc::Capture(idx);
        }
        idx
    }

    // ---------------------------------------------------------------- driver

    fn compile_file(&mut self, file: &ast::File) -> R<()> {
        if file.package.name != "main" {
            return err(
                file.package.pos,
                format!("unsupported: package {} (expected package main)", file.package.name),
            );
        }
        let init = self.compile_package_file(file)?;
        let main = match self.package.get("main") {
            Some(Entity::Func(id, _)) => *id,
            _ => {
                // Go reports this at link time; point at the package clause.
                let at = Pos { line: file.package.pos.line, col: 1 };
                return err(at, "function main is undeclared in the main package");
            }
        };
        self.program.init = Some(FuncId(self.runtime_init(init)));
        self.program.main = Some(FuncId(main));
        self.program.global_refs.resize(self.global_count as usize, false);
        let funcs = std::mem::take(&mut self.funcs);
        for (i, fd) in funcs.into_iter().enumerate() {
            match fd.func {
                Some(f) => self.program.funcs.push(f),
                None => {
                    return err(Pos::default(), format!("internal error: function {} (#{i}) not compiled", fd.name))
                }
            }
        }
        Ok(())
    }

    /// Compile one package's file (the user's `main`, or a library package): its
    /// imports first, then its declarations, its init function and its bodies. Returns
    /// the init function; `main`'s runs the library packages' inits first.
    fn compile_package_file(&mut self, file: &ast::File) -> R<u32> {
        for imp in &file.imports {
            let local = match imp.path.as_str() {
                p if packages::has_natives(p) || Self::is_library(p) => packages::package_name(p).to_string(),
                _ => return err(imp.pos, format!("unsupported: import of package {:?}", imp.path)),
            };
            if Self::is_library(&imp.path) && !packages::has_natives(&imp.path) {
                self.compile_library(&imp.path, imp.pos)?;
            }
            let local = match &imp.alias {
                Some(a) if a.name == "_" || a.name == "." => {
                    return err(a.pos, "unsupported: import alias");
                }
                Some(a) => a.name.clone(),
                None => local,
            };
            self.imports.insert(imp.path.clone(), (local.clone(), imp.pos, false));
            self.package.insert(local, Entity::Package(imp.path.clone()));
        }
        self.collect_decls(file)?;
        if self.pkg == "main" {
            // Once per program, where main's declarations end (library packages compile
            // before main's file, so this is the last package).
            self.runtime_error_method();
        }
        // Package initialisation: globals in source order, then init functions.
        let init_name = format!("{}.init", self.pkg);
        let init = self.new_func(init_name.clone());
        self.fns.push(new_fnctx(&init_name, Sig { params: vec![], results: vec![], variadic: false }));
        self.boxed_names.clear();
        self.mutated_names.clear();
        self.closure_base = init_name;
        self.closure_counter = 0;
        for d in &file.decls {
            if let ast::Decl::Var(spec) = d {
                analysis::scan_exprs(&spec.values, &mut self.boxed_names, &mut self.mutated_names);
            }
        }
        for spec in analysis::init_order(file) {
            self.set_line(spec.pos);
            self.global_var_decl(spec)?;
        }
        let mut inits = Vec::new();
        for d in &file.decls {
            if let ast::Decl::Func(fd) = d {
                if fd.recv.is_none() && fd.name.name == "init" {
                    inits.push(fd);
                }
            }
        }
        for fd in &inits {
            let id = self.compile_func_decl(fd, true)?;
            self.b().emit(Op::Call, id as u16, 0, 0);
        }
        let b = self.b();
        b.emit(Op::Ret, 0, 0, 0);
        let ctx = self.fns.pop().expect("init ctx");
        self.funcs[init as usize].func = Some(finish(ctx.b)?);
        for d in &file.decls {
            if let ast::Decl::Func(fd) = d {
                if !(fd.recv.is_none() && fd.name.name == "init") {
                    self.compile_func_decl(fd, false)?;
                }
            }
        }
        for (path, (_, pos, used)) in &self.imports {
            if !used {
                return err(*pos, format!("imported and not used: {path:?}"));
            }
        }
        Ok(init)
    }

    /// The program's initialisation: `main.init`, or with library packages a
    /// `runtime.doInit` (Go's name for the function that runs package inits) that runs
    /// theirs (dependencies first), then `main.init`. Not `runtime.init`: that is the
    /// `runtime` package's own.
    fn runtime_init(&mut self, main_init: u32) -> u32 {
        if self.package_inits.is_empty() {
            return main_init;
        }
        let id = self.new_func("runtime.doInit".into());
        let mut b = FuncBuilder::new("runtime.doInit".into());
        for &init in self.package_inits.iter().chain([&main_init]) {
            b.emit(Op::Call, init as u16, 0, 0);
        }
        b.emit(Op::Ret, 0, 0, 0);
        self.funcs[id as usize].func = Some(b.finish().expect("a function of calls"));
        id
    }

    /// `Error()` of the runtime's own error type (payload: the message string).
    fn runtime_error_method(&mut self) {
        let id = self.new_func("runtime.Error.Error".into());
        let mut b = FuncBuilder::new("runtime.Error.Error".into());
        let p = b.new_slot(true);
        b.param_count = 1;
        b.result_count = 1;
        b.emit(Op::Ret, p, 1, 0);
        self.funcs[id as usize].func = Some(b.finish().expect("tiny function"));
        let mid = self.method_id("Error");
        self.program.types[ERROR_STRING_TYPE.0 as usize].methods = vec![(mid, FuncId(id))];
    }

    /// First pass over package declarations: names, types, signatures, constants.
    fn collect_decls(&mut self, file: &ast::File) -> R<()> {
        // Type names first (so types may refer to each other in any order).
        for d in &file.decls {
            if let ast::Decl::Type(ts) = d {
                self.declare_type_name(ts, true)?;
            }
        }
        // Constants in source order (they may only refer to earlier constants here).
        self.fns.push(new_fnctx("main.const", Sig { params: vec![], results: vec![], variadic: false }));
        for d in &file.decls {
            if let ast::Decl::Const(cs) = d {
                self.const_spec(cs, true)?;
            }
        }
        self.fns.pop();
        for d in &file.decls {
            if let ast::Decl::Type(ts) = d {
                self.resolve_type_decl(ts, true)?;
            }
        }
        // Functions and methods.
        for d in &file.decls {
            if let ast::Decl::Func(fd) = d {
                self.declare_func(fd)?;
            }
        }
        analysis::global_addr_names(file, &mut self.global_addr_names, &mut self.global_receiver_names);
        Ok(())
    }

    fn declare_type_name(&mut self, ts: &ast::TypeSpec, package: bool) -> R<()> {
        if ts.alias {
            return err(ts.pos, "unsupported: type alias");
        }
        let name = &ts.name.name;
        let t = self.types.new_named(format!("{}.{name}", self.pkg));
        if package {
            if self.package.contains_key(name) || universe_is_type(name) && name == "error" {
                return err(ts.name.pos, format!("{name} redeclared in this block"));
            }
            self.package.insert(name.clone(), Entity::Type(t));
            self.type_specs.insert(name.clone(), ts.clone());
        } else {
            self.declare(name, Entity::Type(t), ts.name.pos)?;
        }
        Ok(())
    }

    fn resolve_type_decl(&mut self, ts: &ast::TypeSpec, package: bool) -> R<()> {
        let t = if package {
            match self.package.get(&ts.name.name) {
                Some(Entity::Type(t)) => *t,
                _ => return Ok(()),
            }
        } else {
            match self.lookup(&ts.name.name, ts.name.pos, false)? {
                Entity::Type(t) => t,
                _ => return Ok(()),
            }
        };
        let TyKind::Named(i) = self.types.kind(t).clone() else { return Ok(()) };
        if self.types.named[i as usize].underlying.0 != u32::MAX {
            return Ok(());
        }
        if !self.resolving.insert(ts.name.name.clone()) {
            return err(ts.name.pos, format!("invalid recursive type {}", ts.name.name));
        }
        self.struct_ok = true;
        let u = self.resolve_type(&ts.ty);
        self.struct_ok = false;
        let u = self.types.under(u?);
        self.resolving.remove(&ts.name.name);
        if u == t || self.types.kind(u) == &TyKind::Pending {
            return err(ts.name.pos, format!("invalid recursive type {}", ts.name.name));
        }
        self.types.named[i as usize].underlying = u;
        // A struct containing itself by value is infinite.
        if self.contains_by_value(u, t, 0) {
            return err(ts.name.pos, format!("invalid recursive type {}", ts.name.name));
        }
        Ok(())
    }

    fn contains_by_value(&self, t: TyId, target: TyId, depth: u32) -> bool {
        if depth > 50 {
            return false;
        }
        match self.types.kind(t) {
            TyKind::Named(_) if t == target => true,
            TyKind::Named(_) => {
                let u = self.types.under(t);
                u != t && self.contains_by_value(u, target, depth + 1)
            }
            TyKind::Struct(fs) => fs.iter().any(|f| self.contains_by_value(f.ty, target, depth + 1)),
            TyKind::Array(_, e) => self.contains_by_value(*e, target, depth + 1),
            _ => false,
        }
    }

    /// Make sure a named package type's underlying type is known.
    pub fn ensure_resolved(&mut self, t: TyId) -> R<()> {
        if let TyKind::Named(i) = self.types.kind(t) {
            if self.types.named[*i as usize].underlying.0 == u32::MAX {
                let name = self.types.named[*i as usize].name.trim_start_matches(&format!("{}.", self.pkg)).to_string();
                if let Some(ts) = self.type_specs.get(&name).cloned() {
                    self.resolve_type_decl(&ts, true)?;
                }
            }
        }
        Ok(())
    }

    fn declare_func(&mut self, fd: &ast::FuncDecl) -> R<()> {
        let sig = self.resolve_sig(&fd.sig)?;
        let fty = self.types.intern(TyKind::Func(sig.clone()));
        match &fd.recv {
            None => {
                let name = &fd.name.name;
                if name == "init" {
                    if !sig.params.is_empty() || !sig.results.is_empty() {
                        return err(fd.name.pos, "func init must have no arguments and no return values");
                    }
                    return Ok(());
                }
                if name == "main" && (!sig.params.is_empty() || !sig.results.is_empty()) {
                    return err(fd.name.pos, "func main must have no arguments and no return values");
                }
                if self.package.contains_key(name) {
                    return err(fd.name.pos, format!("{name} redeclared in this block"));
                }
                let id = self.new_func(format!("{}.{name}", self.pkg));
                self.package.insert(name.clone(), Entity::Func(id, fty));
            }
            Some(r) => {
                let base = match self.package.get(&r.type_name.name) {
                    None if matches!(universe(&r.type_name.name), Some(Entity::Type(_))) => {
                        return err(
                            r.name.as_ref().map(|n| n.pos).unwrap_or(r.type_name.pos),
                            format!("cannot define new methods on non-local type {}", r.type_name.name),
                        );
                    }
                    Some(Entity::Type(t)) => *t,
                    Some(_) => return err(r.type_name.pos, format!("{} is not a type", r.type_name.name)),
                    None => return err(r.type_name.pos, format!("undefined: {}", r.type_name.name)),
                };
                let TyKind::Named(ni) = self.types.kind(base).clone() else {
                    return err(r.type_name.pos, "invalid receiver type");
                };
                if matches!(self.types.ukind(base), TyKind::Pointer(_) | TyKind::Interface(_)) {
                    return err(r.type_name.pos, format!("invalid receiver type {}", r.type_name.name));
                }
                let mname = &fd.name.name;
                let info = &self.types.named[ni as usize];
                if info.methods.iter().any(|m| &m.name == mname) {
                    return err(fd.name.pos, format!("method {}.{} already declared", r.type_name.name, mname));
                }
                if let TyKind::Struct(fs) = self.types.ukind(base) {
                    if fs.iter().any(|f| &f.name == mname) {
                        return err(fd.name.pos, format!("field and method with the same name {mname}"));
                    }
                }
                let fname = if r.pointer {
                    format!("{}.(*{}).{}", self.pkg, r.type_name.name, mname)
                } else {
                    format!("{}.{}.{}", self.pkg, r.type_name.name, mname)
                };
                let id = self.new_func(fname);
                self.types.named[ni as usize].methods.push(types::MethodInfo {
                    name: mname.clone(),
                    sig,
                    ptr_recv: r.pointer,
                    func: id,
                });
            }
        }
        Ok(())
    }

    /// Compile a top-level function or method body.
    fn compile_func_decl(&mut self, fd: &ast::FuncDecl, is_init: bool) -> R<u32> {
        if fd.body.is_none() && self.pkg != "main" && fd.recv.is_none() {
            if let Some(Entity::Func(id, fty)) = self.package.get(&fd.name.name).cloned() {
                let TyKind::Func(sig) = self.types.kind(fty).clone() else { unreachable!() };
                self.compile_native_wrapper(fd, id, &sig)?;
                return Ok(id);
            }
        }
        let Some(body) = &fd.body else {
            return err(fd.name.pos, "missing function body".to_string());
        };
        let (id, sig, recv_ty) = match &fd.recv {
            None if is_init => {
                let id = self.new_func(format!("{}.init.0", self.pkg));
                (id, Sig { params: vec![], results: vec![], variadic: false }, None)
            }
            None => match self.package.get(&fd.name.name) {
                Some(Entity::Func(id, fty)) => {
                    let TyKind::Func(sig) = self.types.kind(*fty).clone() else { unreachable!() };
                    (*id, sig, None)
                }
                _ => return err(fd.name.pos, "internal error: function not declared"),
            },
            Some(r) => {
                let Some(Entity::Type(base)) = self.package.get(&r.type_name.name).cloned() else {
                    return err(r.type_name.pos, "internal error: receiver");
                };
                let m = self.types.find_method(base, &fd.name.name).expect("declared method");
                let rt = if r.pointer { self.types.pointer(base) } else { base };
                (m.func, m.sig, Some((rt, r.name.clone())))
            }
        };
        self.boxed_names.clear();
        self.mutated_names.clear();
        analysis::scan_function(&fd.sig, body, &mut self.boxed_names, &mut self.mutated_names);
        let name = self.funcs[id as usize].name.clone();
        self.closure_base = name.clone();
        self.closure_counter = 0;
        let mut params: Vec<(Option<ast::Ident>, TyId)> = Vec::new();
        if let Some((rt, rname)) = &recv_ty {
            params.push((rname.clone(), *rt));
        }
        for (p, t) in fd.sig.params.iter().zip(sig.params.iter()) {
            params.push((p.name.clone(), *t));
        }
        let full_sig =
            Sig { params: params.iter().map(|p| p.1).collect(), results: sig.results.clone(), variadic: sig.variadic };
        self.fns.push(new_fnctx(&name, full_sig));
        self.compile_body(&params, &fd.sig.results, &sig.results, body, fd.pos)?;
        let ctx = self.fns.pop().expect("fn ctx");
        self.funcs[id as usize].func = Some(finish(ctx.b)?);
        Ok(id)
    }
}

pub(crate) fn new_fnctx(name: &str, sig: Sig) -> FnCtx {
    FnCtx {
        b: FuncBuilder::new(name.to_string()),
        scopes: vec![HashMap::new()],
        sig,
        result_vars: Vec::new(),
        has_defer: false,
        captures: Vec::new(),
        capture_of: HashMap::new(),
        loops: Vec::new(),
        used_labels: HashSet::new(),
    }
}

pub(crate) fn finish(b: FuncBuilder) -> R<Function> {
    b.finish().map_err(|m| CompileError::new(Pos::default(), m))
}

fn universe_is_type(name: &str) -> bool {
    matches!(name, "int" | "byte" | "uint8" | "rune" | "int32" | "float64" | "bool" | "string" | "error" | "any")
        || types::IntKind::ALL.iter().any(|k| k.name() == name)
}

/// Predeclared identifiers.
pub(crate) fn universe(name: &str) -> Option<Entity> {
    use types::*;
    Some(match name {
        "int" => Entity::Type(INT),
        "byte" | "uint8" => Entity::Type(BYTE),
        "rune" | "int32" => Entity::Type(RUNE),
        "int8" => Entity::Type(int_kind_type(IntKind::Int8)),
        "int16" => Entity::Type(int_kind_type(IntKind::Int16)),
        "int64" => Entity::Type(int_kind_type(IntKind::Int64)),
        "uint" => Entity::Type(int_kind_type(IntKind::Uint)),
        "uint16" => Entity::Type(int_kind_type(IntKind::Uint16)),
        "uint32" => Entity::Type(int_kind_type(IntKind::Uint32)),
        "uint64" => Entity::Type(int_kind_type(IntKind::Uint64)),
        "uintptr" => Entity::Type(int_kind_type(IntKind::Uintptr)),
        "float64" => Entity::Type(FLOAT),
        "bool" => Entity::Type(BOOL),
        "string" => Entity::Type(STRING),
        "error" => Entity::Type(ERROR),
        "any" => Entity::Type(ANY),
        "true" => Entity::Const(UNTYPED_BOOL, ConstVal::Bool(true)),
        "false" => Entity::Const(UNTYPED_BOOL, ConstVal::Bool(false)),
        "nil" => Entity::Nil,
        "iota" => return None,
        "len" => Entity::Builtin(Builtin::Len),
        "cap" => Entity::Builtin(Builtin::Cap),
        "append" => Entity::Builtin(Builtin::Append),
        "make" => Entity::Builtin(Builtin::Make),
        "new" => Entity::Builtin(Builtin::New),
        "copy" => Entity::Builtin(Builtin::Copy),
        "delete" => Entity::Builtin(Builtin::Delete),
        "panic" => Entity::Builtin(Builtin::Panic),
        "recover" => Entity::Builtin(Builtin::Recover),
        "print" => Entity::Builtin(Builtin::Print),
        "println" => Entity::Builtin(Builtin::Println),
        "close" => Entity::Builtin(Builtin::Close),
        _ => return None,
    })
}
