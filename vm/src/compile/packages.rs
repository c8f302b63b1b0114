//! Packages other than `main`: the library packages written in Go (`crate::stdlib`),
//! compiled from source into the same program as the user's file.
//!
//! An import of such a package compiles it first (its own imports before it), once per
//! program, with its own package scope: while it compiles, `Compiler::package`,
//! `imports`, `type_specs` and the per-file analyses are the package's, and its
//! functions and types are named `os.write`, `bufio.Writer`, as Go names them. Its
//! exported names are then reached through selectors (`bufio.NewWriter`), and its
//! initialisation runs before `main`'s, in the order they were compiled: dependencies
//! first (`Compiler::package_inits`, called by the program's `runtime.doInit`).
//!
//! A function a library package declares without a body is a native: the one whose
//! [`Native::name`] is the function's qualified name. It compiles to a small bytecode
//! function that calls the native, so every strategy runs it like any other call.
//!
//! The natives and one-instruction operations of `fmt`, `math`, `strconv` and
//! `island` that predate this (`expr::package_func`) take precedence: a package may
//! have both, and calls of those stay single instructions.

use std::collections::{HashMap, HashSet};

use super::builder::{FuncBuilder, WINDOW};
use super::types::Sig;
use super::{err, finish, Compiler, Entity, FnCtx, R};
use crate::bytecode::{Native, Op};
use crate::front::ast::{self, CompileError, Pos};

/// A compiled library package: its package-level names.
pub(crate) struct PackageInfo {
    pub scope: HashMap<String, Entity>,
}

/// The per-package state of the compiler, swapped out while another package compiles
/// (which may happen in the middle of a function body: see `library_member`).
#[derive(Default)]
struct PackageState {
    name: String,
    package: HashMap<String, Entity>,
    imports: HashMap<String, (String, Pos, bool)>,
    type_specs: HashMap<String, ast::TypeSpec>,
    global_addr_names: HashSet<String>,
    global_receiver_names: HashSet<String>,
    fns: Vec<FnCtx>,
    boxed_names: HashSet<String>,
    mutated_names: HashSet<String>,
    closure_counter: u32,
    closure_base: String,
    iota: Option<i64>,
    resolving: HashSet<String>,
}

/// The name a package is known by in the files that import it: the last element of
/// its path (`io/ioutil` is `ioutil`).
pub(crate) fn package_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether package `path` has natives or single-instruction functions
/// (`expr::package_func`); its Go half, if any, compiles on first use.
pub(crate) fn has_natives(path: &str) -> bool {
    matches!(path, "fmt" | "math" | "strconv" | "island")
}

/// Whether `name` is exported (begins with an upper-case letter).
fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl Compiler {
    fn swap_package_state(&mut self, state: &mut PackageState) {
        std::mem::swap(&mut self.pkg, &mut state.name);
        std::mem::swap(&mut self.package, &mut state.package);
        std::mem::swap(&mut self.imports, &mut state.imports);
        std::mem::swap(&mut self.type_specs, &mut state.type_specs);
        std::mem::swap(&mut self.global_addr_names, &mut state.global_addr_names);
        std::mem::swap(&mut self.global_receiver_names, &mut state.global_receiver_names);
        std::mem::swap(&mut self.fns, &mut state.fns);
        std::mem::swap(&mut self.boxed_names, &mut state.boxed_names);
        std::mem::swap(&mut self.mutated_names, &mut state.mutated_names);
        std::mem::swap(&mut self.closure_counter, &mut state.closure_counter);
        std::mem::swap(&mut self.closure_base, &mut state.closure_base);
        std::mem::swap(&mut self.iota, &mut state.iota);
        std::mem::swap(&mut self.resolving, &mut state.resolving);
    }

    /// Compile library package `path` (imported at `pos`) unless it already is.
    pub(super) fn compile_library(&mut self, path: &str, pos: Pos) -> R<()> {
        if self.packages.contains_key(path) {
            return Ok(());
        }
        if !self.compiling.insert(path.to_string()) {
            return err(pos, format!("import cycle not allowed: {path}"));
        }
        let src = crate::stdlib::source(path).expect("caller checked the package exists");
        // A library package that does not compile is a bug of jitlab's, reported where
        // the user's program imports it.
        let internal = |e: CompileError| {
            CompileError::new(
                pos,
                format!("internal error: library package {path}: {}:{}: {}", e.pos.line, e.pos.col, e.message),
            )
        };
        let file = crate::front::parser::parse_with_limit(src.as_bytes(), 200).map_err(internal)?;
        let mut state = PackageState { name: package_name(path).to_string(), ..PackageState::default() };
        self.swap_package_state(&mut state);
        let result = self.compile_package_file(&file);
        self.swap_package_state(&mut state);
        let init = result.map_err(internal)?;
        self.package_inits.push(init);
        self.compiling.remove(path);
        self.packages.insert(path.to_string(), PackageInfo { scope: state.package });
        Ok(())
    }

    /// Whether `path` is a package written in Go that `compile_library` can compile.
    pub(super) fn is_library(path: &str) -> bool {
        crate::stdlib::source(path).is_some()
    }

    /// The exported package-level entity `pkg.name` of a library package, if any; an
    /// error for an unexported one. The Go half of a package with natives (`fmt`,
    /// `math`, `strconv`) is compiled here, on its first use, so programs that use only
    /// the natives do not carry it.
    pub(super) fn package_entity(&mut self, path: &str, sel: &ast::Ident) -> R<Option<Entity>> {
        if !self.packages.contains_key(path) && Self::is_library(path) {
            self.compile_library(path, sel.pos)?;
        }
        let Some(info) = self.packages.get(path) else { return Ok(None) };
        match info.scope.get(&sel.name) {
            Some(Entity::Package(_)) | None => Ok(None),
            Some(_) if !exported(&sel.name) => {
                err(sel.pos, format!("name {} not exported by package {}", sel.name, package_name(path)))
            }
            Some(e) => Ok(Some(e.clone())),
        }
    }

    /// The body of a library function declared without one: a call of the native of
    /// the same qualified name, passing the parameters and returning its results.
    pub(super) fn compile_native_wrapper(&mut self, fd: &ast::FuncDecl, id: u32, sig: &Sig) -> R<()> {
        let qualified = format!("{}.{}", self.pkg, fd.name.name);
        let Some(native) = Native::ALL.iter().copied().find(|n| n.name() == qualified) else {
            return err(fd.name.pos, "missing function body");
        };
        if native.result_count() != sig.results.len() {
            return err(fd.name.pos, format!("native {qualified} returns {} results", native.result_count()));
        }
        let mut b = FuncBuilder::new(self.funcs[id as usize].name.clone());
        let params: Vec<u16> = sig.params.iter().map(|&t| b.new_slot(self.types.is_ref(t))).collect();
        b.param_count = params.len() as u16;
        let results: Vec<u16> = sig.results.iter().map(|&t| b.new_slot(self.types.is_ref(t))).collect();
        for (i, &p) in params.iter().enumerate() {
            b.emit(Op::Move, WINDOW + i as u16, p, 0);
        }
        b.use_window(params.len().max(results.len()));
        // A variadic native takes its `...` operands spread from the slice parameter.
        let call = if sig.variadic { Op::CallNativeSpread } else { Op::CallNative };
        b.emit(call, native as u16, params.len() as u16, 0);
        for (i, &r) in results.iter().enumerate() {
            b.emit(Op::Move, r, WINDOW + i as u16, 0);
        }
        b.result_count = results.len() as u16;
        b.emit(Op::Ret, results.first().copied().unwrap_or(0), results.len() as u16, 0);
        self.funcs[id as usize].func = Some(finish(b)?);
        Ok(())
    }
}
