//! The parser of the Go-subset front end: source bytes in, one [`File`] syntax tree out.
//!
//! This module owns the recursive-descent translation of a token stream (from
//! [`super::lexer`]) into the tree of [`super::ast`], following Go 1.19's
//! `cmd/compile/internal/syntax` parser production by production, so that the first error
//! it reports has the position and, for the common cases, the exact text `go build`
//! prints (`syntax error: unexpected newline, expecting comma or }`). Errors in the package
//! clause and imports are reported as `go build` does, with `go/parser`'s wording, by the
//! models of `go/build`'s import reader and `go/parser` in [`super::header`], run first. It also resolves the
//! grouping sugar the tree documents: grouped declarations become one spec each (a grouped
//! `var`/`type` inside a body becomes consecutive statements), grouped parameters one
//! `Param` each, and a `const` group's implicit repetition and `iota` are filled in.
//!
//! It reports only the first error, ordered as `go build` orders them: the earliest of
//! the lexical errors and the first parser error. Errors that Go reports from its type
//! checker but that the tree cannot express (`non-name x.y on left side of :=`,
//! `5 is not a type`, `invalid receiver type []int`, ...) are reported only if the file
//! has no syntax error, as `go build` does. Generic type parameters and instantiations are
//! rejected (`unsupported: generic type parameters`), as are imaginary literals. Branch
//! and label rules (`label L defined and not used`) are the checker's.
//!
//! It must never panic, overflow the stack, index out of bounds or loop forever on any
//! input: nesting (and the depth of left-leaning operator and selector chains) is bounded
//! (`syntax error: nesting too deep`) and the parse runs on a helper thread with a stack
//! sized for that bound; every loop consumes a token or stops; there is no unchecked
//! indexing; implicit `const` repetition has a copying budget. It does no name resolution
//! or typing, and the tree is never changed after it is returned.

use super::ast::{
    BinOp, Block, CaseClause, ChanDir, CompileError, ConstSpec, Decl, Expr, ExprKind, Field, File, FuncDecl, FuncType,
    Ident, Import, InterfaceElem, KeyedElement, Param, Pos, Receiver, SelectCase, Stmt, StmtKind, TypeCase, TypeExpr,
    TypeExprKind, TypeSpec, UnOp, VarSpec,
};
use super::header::header_check;
use super::lexer::{Lexer, LitKind, LitValue, Op, Tok, Token};

/// Maximum nesting of expressions, types, statements and composite literals.
pub(crate) const MAX_DEPTH: u32 = 1000;

/// Stack for the parsing thread: the recursion for [`MAX_DEPTH`] levels needs up to about
/// 17 MiB in an unoptimized build (a few KiB per level in an optimized one).
pub(crate) const PARSER_STACK: usize = 64 << 20;

/// Nesting bound when no parsing thread can be started (fits a 2 MiB stack, also for
/// the checker and code generator: see `driver::compile_source`).
pub(crate) const FALLBACK_DEPTH: u32 = 64;

type PResult<T> = Result<T, CompileError>;

/// Parse one source file. Returns the first error (by Go's ordering) if there is any.
///
/// The parse runs on a helper thread with a large stack, so deeply nested input is
/// reported (`syntax error: nesting too deep`) instead of overflowing the caller's stack.
pub fn parse_file(src: &[u8]) -> Result<File, CompileError> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("jitlab-parser".into())
            .stack_size(PARSER_STACK)
            .spawn_scoped(s, || parse_with_limit(src, MAX_DEPTH));
        match worker {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(CompileError::new(Pos { line: 1, col: 1 }, "internal error: parser failed"))),
            Err(_) => parse_with_limit(src, FALLBACK_DEPTH),
        }
    })
}

/// Parse on the current thread with a nesting bound (the caller provides the stack:
/// [`PARSER_STACK`] for [`MAX_DEPTH`]).
pub(crate) fn parse_with_limit(src: &[u8], max_depth: u32) -> Result<File, CompileError> {
    if let Some(e) = header_check(src) {
        return Err(e);
    }
    let mut p = Parser::new(src, max_depth);
    let res = p.file();
    let lex_err = p.lx.first_error().cloned();
    match res {
        Err(e) => Err(earliest(lex_err, e)),
        Ok(f) => match (lex_err, p.soft.take()) {
            (Some(l), Some(s)) => Err(earliest(Some(l), s)),
            (Some(e), None) | (None, Some(e)) => Err(e),
            (None, None) => Ok(f),
        },
    }
}

/// The error Go prints first: the earlier position (`first` wins a tie).
fn earliest(first: Option<CompileError>, second: CompileError) -> CompileError {
    match first {
        Some(f) if f.pos <= second.pos => f,
        _ => second,
    }
}

/// A raw parameter before Go's distribution of grouped types.
struct RawParam {
    name: Option<Ident>,
    ty: Option<TypeExpr>,
    variadic: bool,
    /// Position of the `...` of a variadic parameter.
    dots: Pos,
}

/// The condition part of an `if`/`for`/`switch` header.
enum Cond {
    None,
    Expr(Expr),
    /// `[bind :=] x.(type)`
    Guard(Option<Ident>, Expr),
}

struct Header {
    init: Option<Stmt>,
    cond: Cond,
    post: Option<Stmt>,
}

struct Parser<'a> {
    lx: Lexer<'a>,
    t: Token,
    /// Expression nesting level; negative inside control clause headers (complit rule).
    xnest: i32,
    depth: u32,
    max_depth: u32,
    /// Tokens consumed so far.
    ntok: usize,
    /// How many more tokens' worth of syntax implicit `const` repetition may copy.
    clone_budget: usize,
    /// Further statements of a grouped `var`/`type` declaration inside a function body.
    pending: Vec<Stmt>,
    /// The first type-checker-class error (reported only if there is no syntax error).
    soft: Option<CompileError>,
}

fn mk_expr(kind: ExprKind, pos: Pos) -> Expr {
    Expr { kind, pos }
}

fn mk_type(kind: TypeExprKind, pos: Pos) -> TypeExpr {
    TypeExpr { kind, pos }
}

fn mk_stmt(kind: StmtKind, pos: Pos) -> Stmt {
    Stmt { kind, pos }
}

fn placeholder_type(pos: Pos) -> TypeExpr {
    mk_type(TypeExprKind::Name(Ident { name: "_".into(), pos }), pos)
}

fn binop(op: Op) -> Option<BinOp> {
    Some(match op {
        Op::OrOr => BinOp::LogOr,
        Op::AndAnd => BinOp::LogAnd,
        Op::Eql => BinOp::Eq,
        Op::Neq => BinOp::Ne,
        Op::Lss => BinOp::Lt,
        Op::Leq => BinOp::Le,
        Op::Gtr => BinOp::Gt,
        Op::Geq => BinOp::Ge,
        Op::Add => BinOp::Add,
        Op::Sub => BinOp::Sub,
        Op::Or => BinOp::Or,
        Op::Xor => BinOp::Xor,
        Op::Mul => BinOp::Mul,
        Op::Div => BinOp::Div,
        Op::Rem => BinOp::Rem,
        Op::And => BinOp::And,
        Op::AndNot => BinOp::AndNot,
        Op::Shl => BinOp::Shl,
        Op::Shr => BinOp::Shr,
        Op::None | Op::Not | Op::Tilde => return None,
    })
}

fn unparen(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(x) = &e.kind {
        e = x;
    }
    e
}

impl<'a> Parser<'a> {
    fn new(src: &'a [u8], max_depth: u32) -> Self {
        let mut lx = Lexer::new(src);
        let t = lx.next_token();
        Parser {
            lx,
            t,
            xnest: 0,
            depth: 0,
            max_depth,
            ntok: 0,
            clone_budget: 100_000 + 4 * src.len(),
            pending: Vec::new(),
            soft: None,
        }
    }

    // ------------------------------------------------------------------------------
    // Tokens and errors

    fn tok(&self) -> Tok {
        self.t.tok
    }

    fn pos(&self) -> Pos {
        self.t.pos
    }

    fn next(&mut self) {
        self.t = self.lx.next_token();
        self.ntok += 1;
    }

    fn got(&mut self, tok: Tok) -> bool {
        if self.t.tok == tok {
            self.next();
            true
        } else {
            false
        }
    }

    fn want(&mut self, tok: Tok) -> PResult<()> {
        if self.got(tok) {
            Ok(())
        } else {
            Err(self.syntax_error(&format!("expecting {}", tok.describe())))
        }
    }

    fn is_op(&self, op: Op) -> bool {
        self.t.tok == Tok::Operator && self.t.op == op
    }

    /// Go's description of the current token in `unexpected X` messages.
    fn tok_desc(&self) -> String {
        match self.t.tok {
            Tok::Name | Tok::Semi => self.t.lit.clone(),
            Tok::Literal => format!("literal {}", self.t.lit),
            Tok::Operator => self.t.op.as_str().to_string(),
            Tok::AssignOp => format!("{}=", self.t.op.as_str()),
            Tok::IncOp => format!("{0}{0}", self.t.op.as_str()),
            t => t.describe().to_string(),
        }
    }

    /// Go's `syntaxErrorAt`: adds `unexpected TOKEN` for contextual messages.
    fn syntax_error_at(&self, pos: Pos, msg: &str) -> CompileError {
        let suffix = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {}", msg)
        } else if msg.starts_with("expecting ") {
            format!(", {}", msg)
        } else {
            return CompileError::new(pos, format!("syntax error: {}", msg));
        };
        CompileError::new(pos, format!("syntax error: unexpected {}{}", self.tok_desc(), suffix))
    }

    fn syntax_error(&self, msg: &str) -> CompileError {
        self.syntax_error_at(self.t.pos, msg)
    }

    /// Record a type-checker-class error; parsing goes on.
    fn soft_error(&mut self, pos: Pos, msg: impl Into<String>) {
        if self.soft.is_none() {
            self.soft = Some(CompileError::new(pos, msg));
        }
    }

    fn unsupported_generics(&self, pos: Pos) -> CompileError {
        CompileError::new(pos, "unsupported: generic type parameters")
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(CompileError::new(self.t.pos, "syntax error: nesting too deep"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// `list = [ f { sep f } [sep] ] close .` Returns the position of `close`.
    fn list(
        &mut self,
        context: &str,
        sep: Tok,
        close: Tok,
        f: &mut dyn FnMut(&mut Self) -> PResult<bool>,
    ) -> PResult<Pos> {
        let mut done = false;
        while self.tok() != Tok::Eof && self.tok() != close && !done {
            done = f(self)?;
            if !self.got(sep) && self.tok() != close {
                return Err(self.syntax_error(&format!(
                    "in {}; possibly missing {} or {}",
                    context,
                    sep.describe(),
                    close.describe()
                )));
            }
        }
        let pos = self.pos();
        self.want(close)?;
        Ok(pos)
    }

    fn name(&mut self) -> PResult<Ident> {
        if self.tok() == Tok::Name {
            let id = Ident { name: std::mem::take(&mut self.t.lit), pos: self.pos() };
            self.next();
            return Ok(id);
        }
        Err(self.syntax_error("expecting name"))
    }

    fn name_list(&mut self, first: Ident) -> PResult<Vec<Ident>> {
        let mut l = vec![first];
        while self.got(Tok::Comma) {
            l.push(self.name()?);
        }
        Ok(l)
    }

    /// Like `got(Assign)` but `:=` is an error.
    fn got_assign(&mut self) -> PResult<bool> {
        match self.tok() {
            Tok::Define => Err(self.syntax_error("expecting =")),
            Tok::Assign => {
                self.next();
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    // ------------------------------------------------------------------------------
    // Files and declarations

    fn file(&mut self) -> PResult<File> {
        if !self.got(Tok::Package) {
            return Err(self.syntax_error("package statement must be first"));
        }
        let package = self.name()?;
        self.want(Tok::Semi)?;
        let mut imports = Vec::new();
        while self.got(Tok::Import) {
            self.group(&mut |p| {
                imports.push(p.import_spec()?);
                Ok(())
            })?;
            self.want(Tok::Semi)?;
        }
        let mut decls: Vec<Decl> = Vec::new();
        while self.tok() != Tok::Eof {
            match self.tok() {
                Tok::Const => {
                    self.next();
                    let specs = self.const_group()?;
                    decls.extend(specs.into_iter().map(Decl::Const));
                }
                Tok::Type => {
                    self.next();
                    self.group(&mut |p| {
                        decls.push(Decl::Type(p.type_spec()?));
                        Ok(())
                    })?;
                }
                Tok::Var => {
                    self.next();
                    self.group(&mut |p| {
                        decls.push(Decl::Var(p.var_spec()?));
                        Ok(())
                    })?;
                }
                Tok::Func => {
                    let pos = self.pos();
                    self.next();
                    decls.push(Decl::Func(self.func_decl(pos)?));
                }
                _ => {
                    let after_empty_func = matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                    if self.tok() == Tok::Lbrace && after_empty_func {
                        return Err(self.syntax_error("unexpected semicolon or newline before {"));
                    }
                    return Err(self.syntax_error("non-declaration statement outside function body"));
                }
            }
            if self.tok() != Tok::Eof && !self.got(Tok::Semi) {
                return Err(self.syntax_error("after top level declaration"));
            }
        }
        Ok(File { package, imports, decls })
    }

    /// `f | "(" { f ";" } ")"`
    fn group(&mut self, f: &mut dyn FnMut(&mut Self) -> PResult<()>) -> PResult<()> {
        if self.tok() == Tok::Lparen {
            self.next();
            self.list("grouped declaration", Tok::Semi, Tok::Rparen, &mut |p| {
                f(p)?;
                Ok(false)
            })?;
            Ok(())
        } else {
            f(self)
        }
    }

    fn import_spec(&mut self) -> PResult<Import> {
        let alias = match self.tok() {
            Tok::Name => Some(self.name()?),
            Tok::Dot => {
                let id = Ident { name: ".".into(), pos: self.pos() };
                self.next();
                Some(id)
            }
            _ => None,
        };
        if self.tok() != Tok::Literal {
            return Err(self.syntax_error("missing import path"));
        }
        let pos = self.pos();
        if !self.t.bad && self.t.kind != LitKind::String {
            return Err(self.syntax_error("import path must be a string"));
        }
        let path = match &self.t.value {
            LitValue::Str(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        self.next();
        Ok(Import { alias, path, pos })
    }

    /// A `const` declaration (single or grouped), with implicit repetition and `iota`.
    fn const_group(&mut self) -> PResult<Vec<ConstSpec>> {
        let mut specs: Vec<ConstSpec> = Vec::new();
        // tokens of the type and values of the latest spec: the cost of copying them
        let mut cost = 0usize;
        self.group(&mut |p| {
            let pos = p.pos();
            let first = p.name()?;
            let names = p.name_list(first)?;
            let mut ty = None;
            let mut values = Vec::new();
            if !matches!(p.tok(), Tok::Eof | Tok::Semi | Tok::Rparen) {
                let before = p.ntok;
                ty = p.type_or_nil()?;
                if p.got_assign()? {
                    values = p.expr_list()?;
                }
                cost = p.ntok - before;
            }
            let iota = specs.len() as i64;
            if ty.is_none() && values.is_empty() {
                if let Some(prev) = specs.last() {
                    // bound the copying (`const ( a = <huge>; b; c; ... )`)
                    if cost > p.clone_budget {
                        return Err(CompileError::new(pos, "syntax error: constant declaration too large"));
                    }
                    p.clone_budget -= cost;
                    ty = prev.ty.clone();
                    values = prev.values.clone();
                }
            }
            specs.push(ConstSpec { names, ty, values, iota, pos });
            Ok(())
        })?;
        Ok(specs)
    }

    fn var_spec(&mut self) -> PResult<VarSpec> {
        let pos = self.pos();
        let first = self.name()?;
        let names = self.name_list(first)?;
        let mut ty = None;
        let mut values = Vec::new();
        if self.got_assign()? {
            values = self.expr_list()?;
        } else {
            ty = Some(self.type_()?);
            if self.got_assign()? {
                values = self.expr_list()?;
            }
        }
        Ok(VarSpec { names, ty, values, pos })
    }

    fn type_spec(&mut self) -> PResult<TypeSpec> {
        let pos = self.pos();
        let name = self.name()?;
        let mut alias = false;
        let ty = if self.tok() == Tok::Lbrack {
            let lbrack = self.pos();
            self.next();
            match self.tok() {
                Tok::Name => {
                    let id = self.name()?;
                    let mut x = mk_expr(ExprKind::Ident(id.name), id.pos);
                    if self.tok() != Tok::Lbrack {
                        self.xnest += 1;
                        let px = self.pexpr(Some(x))?.0;
                        x = self.binary_expr(Some(px), 0)?;
                        self.xnest -= 1;
                    }
                    if self.looks_like_type_params(&x) {
                        return Err(self.unsupported_generics(lbrack));
                    }
                    Some(self.array_type(lbrack, Some(x))?)
                }
                Tok::Rbrack => {
                    self.next();
                    Some(self.slice_type(lbrack)?)
                }
                _ => Some(self.array_type(lbrack, None)?),
            }
        } else {
            alias = self.got_assign()?;
            self.type_or_nil()?
        };
        match ty {
            Some(ty) => Ok(TypeSpec { name, alias, ty, pos }),
            None => Err(self.syntax_error("in type declaration")),
        }
    }

    /// Go's `extractName` test: does `type T[x ...` start a type parameter list?
    fn looks_like_type_params(&self, x: &Expr) -> bool {
        let force = self.tok() == Tok::Comma;
        let is_name = |e: &Expr| matches!(e.kind, ExprKind::Ident(_));
        match &x.kind {
            ExprKind::Ident(_) => self.tok() != Tok::Rbrack,
            ExprKind::Binary { op: BinOp::Mul | BinOp::Or, lhs, rhs, .. } => {
                is_name(lhs) && (force || is_type_elem(rhs))
            }
            ExprKind::Call { func, args, ellipsis: false, .. } => {
                is_name(func) && args.len() == 1 && (force || args.first().is_some_and(is_type_elem))
            }
            _ => false,
        }
    }

    fn func_decl(&mut self, pos: Pos) -> PResult<FuncDecl> {
        let mut recv = None;
        if self.got(Tok::Lparen) {
            let mut list = self.param_list(Tok::Rparen)?;
            match list.len() {
                0 => return Err(CompileError::new(self.pos(), "method has no receiver")),
                1 => {}
                _ => return Err(CompileError::new(self.pos(), "method has multiple receivers")),
            }
            if let Some(par) = list.pop() {
                recv = Some(self.receiver(par));
            }
        }
        if self.tok() != Tok::Name {
            return Err(self.syntax_error("expecting name or ("));
        }
        let name = self.name()?;
        if self.tok() == Tok::Lbrack {
            if recv.is_some() {
                return Err(self.syntax_error_at(self.pos(), "method must have no type parameters"));
            }
            return Err(self.unsupported_generics(self.pos()));
        }
        let sig = self.func_sig(pos)?;
        let body = if self.tok() == Tok::Lbrace { Some(self.block_stmt("")?) } else { None };
        Ok(FuncDecl { name, recv, sig, body, pos })
    }

    fn receiver(&mut self, par: Param) -> Receiver {
        let pos = par.name.as_ref().map(|n| n.pos).unwrap_or(par.ty.pos);
        let (base, pointer) = match &par.ty.kind {
            TypeExprKind::Pointer(inner) => (inner.as_ref(), true),
            _ => (&par.ty, false),
        };
        let type_name = match &base.kind {
            TypeExprKind::Name(id) if !par.variadic => id.clone(),
            _ => {
                let msg = format!("invalid receiver type {}", type_string(&par.ty));
                self.soft_error(pos, msg);
                Ident { name: "_".into(), pos: par.ty.pos }
            }
        };
        Receiver { name: par.name, type_name, pointer, pos }
    }
}

// ----------------------------------------------------------------------------------
// Types

impl<'a> Parser<'a> {
    fn type_(&mut self) -> PResult<TypeExpr> {
        match self.type_or_nil()? {
            Some(t) => Ok(t),
            None => Err(self.syntax_error("expecting type")),
        }
    }

    fn type_or_nil(&mut self) -> PResult<Option<TypeExpr>> {
        self.enter()?;
        let r = self.type_or_nil_inner();
        self.leave();
        r
    }

    fn type_or_nil_inner(&mut self) -> PResult<Option<TypeExpr>> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Star => {
                self.next();
                TypeExprKind::Pointer(Box::new(self.type_()?))
            }
            Tok::Arrow => {
                self.next();
                self.want(Tok::Chan)?;
                TypeExprKind::Chan(ChanDir::Recv, Box::new(self.chan_elem()?))
            }
            Tok::Func => {
                self.next();
                TypeExprKind::Func(self.func_type("function type", pos)?)
            }
            Tok::Lbrack => {
                self.next();
                if self.got(Tok::Rbrack) {
                    return Ok(Some(self.slice_type(pos)?));
                }
                return Ok(Some(self.array_type(pos, None)?));
            }
            Tok::Chan => {
                self.next();
                let dir = if self.got(Tok::Arrow) { ChanDir::Send } else { ChanDir::Both };
                TypeExprKind::Chan(dir, Box::new(self.chan_elem()?))
            }
            Tok::Map => {
                self.next();
                self.want(Tok::Lbrack)?;
                let key = self.type_()?;
                self.want(Tok::Rbrack)?;
                let val = self.type_()?;
                TypeExprKind::Map(Box::new(key), Box::new(val))
            }
            Tok::Struct => return Ok(Some(self.struct_type()?)),
            Tok::Interface => return Ok(Some(self.interface_type()?)),
            Tok::Name => return Ok(Some(self.qualified_name(None)?)),
            Tok::Lparen => {
                self.next();
                let t = self.type_()?;
                self.want(Tok::Rparen)?;
                TypeExprKind::Paren(Box::new(t))
            }
            _ => return Ok(None),
        };
        Ok(Some(mk_type(kind, pos)))
    }

    /// `Name`, `pkg.Name` (the first name may already be consumed).
    fn qualified_name(&mut self, name: Option<Ident>) -> PResult<TypeExpr> {
        let x = match name {
            Some(n) => n,
            None if self.tok() == Tok::Name => self.name()?,
            None => return Err(self.syntax_error("expecting name")),
        };
        let pos = x.pos;
        let t = if self.got(Tok::Dot) {
            let sel = self.name()?;
            mk_type(TypeExprKind::Qualified(x, sel), pos)
        } else {
            mk_type(TypeExprKind::Name(x), pos)
        };
        if self.tok() == Tok::Lbrack {
            return Err(self.type_instance());
        }
        Ok(t)
    }

    /// At the `[` of `T[args]` (Go's `typeInstance`): parse the arguments as Go does,
    /// for its syntax errors, then reject the instantiation.
    fn type_instance(&mut self) -> CompileError {
        let lbrack = self.pos();
        self.next();
        if self.tok() == Tok::Rbrack {
            return self.syntax_error("expecting type");
        }
        self.xnest += 1;
        let r = self.expr().and_then(|_| {
            if self.tok() == Tok::Comma {
                self.type_args(lbrack)
            } else {
                self.want(Tok::Rbrack)
            }
        });
        match r {
            Err(e) => e,
            Ok(()) => self.unsupported_generics(lbrack),
        }
    }

    /// `[` already consumed at `pos`; `len` is an already parsed length.
    fn array_type(&mut self, pos: Pos, len: Option<Expr>) -> PResult<TypeExpr> {
        let len = match len {
            Some(l) => Some(l),
            None if self.got(Tok::DotDotDot) => None,
            None => {
                self.xnest += 1;
                let l = self.expr()?;
                self.xnest -= 1;
                Some(l)
            }
        };
        if self.tok() == Tok::Comma {
            return Err(self.syntax_error("unexpected comma; expecting ]"));
        }
        self.want(Tok::Rbrack)?;
        let elem = self.type_()?;
        Ok(mk_type(TypeExprKind::Array(len.map(Box::new), Box::new(elem)), pos))
    }

    /// `[` and `]` already consumed, `pos` is the `[`.
    fn slice_type(&mut self, pos: Pos) -> PResult<TypeExpr> {
        let elem = self.type_()?;
        Ok(mk_type(TypeExprKind::Slice(Box::new(elem)), pos))
    }

    fn chan_elem(&mut self) -> PResult<TypeExpr> {
        match self.type_or_nil()? {
            Some(t) => Ok(t),
            None => Err(self.syntax_error("missing channel element type")),
        }
    }

    /// After `func` (at `pos`): `[ TypeParams ] Parameters [ Result ]`.
    fn func_type(&mut self, context: &str, pos: Pos) -> PResult<FuncType> {
        if self.tok() == Tok::Lbrack {
            return Err(self.syntax_error_at(self.pos(), &format!("{} must have no type parameters", context)));
        }
        self.func_sig(pos)
    }

    /// `Parameters [ Result ]`.
    fn func_sig(&mut self, pos: Pos) -> PResult<FuncType> {
        self.want(Tok::Lparen)?;
        let params = self.param_list(Tok::Rparen)?;
        let results = self.func_result()?;
        Ok(FuncType { params, results, pos })
    }

    fn func_result(&mut self) -> PResult<Vec<Param>> {
        if self.got(Tok::Lparen) {
            return self.param_list(Tok::Rparen);
        }
        match self.type_or_nil()? {
            Some(ty) => Ok(vec![Param { name: None, ty, variadic: false }]),
            None => Ok(Vec::new()),
        }
    }

    /// `x [n]E` or `x []E` after a field or parameter name; `x[T]` is a generic instance.
    fn array_or_targs(&mut self) -> PResult<TypeExpr> {
        let pos = self.pos();
        self.want(Tok::Lbrack)?;
        if self.got(Tok::Rbrack) {
            return self.slice_type(pos);
        }
        self.xnest += 1;
        let n = self.expr()?;
        self.xnest -= 1;
        if self.tok() == Tok::Comma {
            self.type_args(pos)?;
            return Err(self.unsupported_generics(pos));
        }
        self.want(Tok::Rbrack)?;
        match self.type_or_nil()? {
            Some(elem) => Ok(mk_type(TypeExprKind::Array(Some(Box::new(n)), Box::new(elem)), pos)),
            None => Err(self.unsupported_generics(pos)),
        }
    }

    /// At the `,` of a type argument list `x[a, T...]` opened at `lbrack`: parse the rest
    /// as Go does, through the `]`. A single element with a trailing comma (`x[i,]`) is
    /// an index (`Ok`); a real list is a generic instantiation, rejected.
    fn type_args(&mut self, lbrack: Pos) -> PResult<()> {
        self.next();
        if self.type_or_nil()?.is_none() {
            return self.want(Tok::Rbrack);
        }
        while self.got(Tok::Comma) {
            if self.type_or_nil()?.is_none() {
                break;
            }
        }
        self.want(Tok::Rbrack)?;
        Err(self.unsupported_generics(lbrack))
    }

    /// `(` already consumed. Returns the parameters with Go's type distribution applied.
    fn param_list(&mut self, close: Tok) -> PResult<Vec<Param>> {
        let mut list: Vec<RawParam> = Vec::new();
        self.list("parameter list", Tok::Comma, close, &mut |p| {
            list.push(p.param_decl(close)?);
            Ok(false)
        })?;
        let named = list.iter().filter(|p| p.name.is_some() && p.ty.is_some()).count();
        let mut out = Vec::with_capacity(list.len());
        if named == 0 {
            // all unnamed => found names are type names
            for par in list {
                let ty = match (par.ty, par.name) {
                    (Some(t), _) => t,
                    (None, Some(n)) => mk_type(TypeExprKind::Name(n.clone()), n.pos),
                    (None, None) => continue,
                };
                out.push(Param { name: None, ty, variadic: par.variadic });
            }
            return Ok(out);
        }
        if named != list.len() {
            // some named => all must have names and types
            let mut err: Option<Pos> = None;
            let mut typ: Option<(TypeExpr, bool)> = None;
            for par in list.iter_mut().rev() {
                if let Some(t) = &par.ty {
                    typ = Some((t.clone(), par.variadic));
                    if par.name.is_none() {
                        err = Some(if par.variadic { par.dots } else { t.pos });
                        par.name = Some(Ident { name: "_".into(), pos: t.pos });
                    }
                } else if let Some((t, v)) = &typ {
                    par.ty = Some(t.clone());
                    par.variadic = *v;
                } else if let Some(n) = &par.name {
                    err = Some(n.pos);
                }
            }
            if let Some(pos) = err {
                return Err(self.syntax_error_at(pos, "mixed named and unnamed parameters"));
            }
        }
        for par in list {
            if let Some(ty) = par.ty {
                out.push(Param { name: par.name, ty, variadic: par.variadic });
            }
        }
        Ok(out)
    }

    /// `ParameterDecl = [ IdentifierList ] [ "..." ] Type .` (one element).
    fn param_decl(&mut self, follow: Tok) -> PResult<RawParam> {
        let mut par = RawParam { name: None, ty: None, variadic: false, dots: Pos::default() };
        if self.tok() == Tok::Name {
            let name = self.name()?;
            if self.tok() == Tok::Lbrack {
                par.ty = Some(self.array_or_targs()?);
                par.name = Some(name);
                return Ok(par);
            }
            if self.tok() == Tok::Dot {
                par.ty = Some(self.qualified_name(Some(name))?);
                return Ok(par);
            }
            par.name = Some(name);
        }
        if self.tok() == Tok::DotDotDot {
            par.dots = self.pos();
            self.next();
            match self.type_or_nil()? {
                Some(t) => par.ty = Some(t),
                None => return Err(self.syntax_error("... is missing type")),
            }
            par.variadic = true;
            return Ok(par);
        }
        par.ty = self.type_or_nil()?;
        if par.name.is_some() || par.ty.is_some() {
            return Ok(par);
        }
        Err(self.syntax_error(&format!("expecting {}", follow.describe())))
    }

    fn struct_type(&mut self) -> PResult<TypeExpr> {
        let pos = self.pos();
        self.want(Tok::Struct)?;
        self.want(Tok::Lbrace)?;
        let mut fields = Vec::new();
        self.list("struct type", Tok::Semi, Tok::Rbrace, &mut |p| {
            p.field_decl(&mut fields)?;
            Ok(false)
        })?;
        Ok(mk_type(TypeExprKind::Struct(fields), pos))
    }

    fn field_decl(&mut self, fields: &mut Vec<Field>) -> PResult<()> {
        match self.tok() {
            Tok::Name => {
                let name = self.name()?;
                if matches!(self.tok(), Tok::Dot | Tok::Literal | Tok::Semi | Tok::Rbrace) {
                    // embedded type
                    let ty = self.qualified_name(Some(name))?;
                    self.oliteral();
                    fields.push(embedded_field(ty));
                    return Ok(());
                }
                let names = self.name_list(name)?;
                let ty =
                    if names.len() == 1 && self.tok() == Tok::Lbrack { self.array_or_targs()? } else { self.type_()? };
                self.oliteral();
                for name in names {
                    fields.push(Field { name, ty: ty.clone(), embedded: false });
                }
                Ok(())
            }
            Tok::Star => {
                let pos = self.pos();
                self.next();
                if self.tok() == Tok::Lparen {
                    return Err(self.syntax_error("cannot parenthesize embedded type"));
                }
                let ty = self.qualified_name(None)?;
                self.oliteral();
                fields.push(embedded_field(mk_type(TypeExprKind::Pointer(Box::new(ty)), pos)));
                Ok(())
            }
            Tok::Lparen => Err(self.syntax_error("cannot parenthesize embedded type")),
            _ => Err(self.syntax_error("expecting field name or embedded type")),
        }
    }

    /// An optional literal (struct tags): skipped.
    fn oliteral(&mut self) {
        if self.tok() == Tok::Literal {
            self.next();
        }
    }

    fn interface_type(&mut self) -> PResult<TypeExpr> {
        let pos = self.pos();
        self.want(Tok::Interface)?;
        self.want(Tok::Lbrace)?;
        let mut elems = Vec::new();
        self.list("interface type", Tok::Semi, Tok::Rbrace, &mut |p| {
            let elem = if p.tok() == Tok::Name {
                let name = p.name()?;
                match p.tok() {
                    Tok::Lparen => {
                        let sig = p.func_type("interface method", name.pos)?;
                        InterfaceElem::Method { name, sig }
                    }
                    Tok::Lbrack => return Err(p.unsupported_generics(p.pos())),
                    _ => InterfaceElem::Embedded(p.qualified_name(Some(name))?),
                }
            } else if p.is_op(Op::Tilde) {
                return Err(CompileError::new(p.pos(), "unsupported: type constraints"));
            } else {
                match p.type_or_nil()? {
                    Some(t) => InterfaceElem::Embedded(t),
                    None => return Err(p.syntax_error("expecting ~ term or type")),
                }
            };
            if p.is_op(Op::Or) {
                return Err(CompileError::new(p.pos(), "unsupported: type constraints"));
            }
            elems.push(elem);
            Ok(false)
        })?;
        Ok(mk_type(TypeExprKind::Interface(elems), pos))
    }
}

fn embedded_field(ty: TypeExpr) -> Field {
    let base = match &ty.kind {
        TypeExprKind::Pointer(inner) => inner.as_ref(),
        _ => &ty,
    };
    let name = match &base.kind {
        TypeExprKind::Name(id) | TypeExprKind::Qualified(_, id) => id.clone(),
        _ => Ident { name: "_".into(), pos: ty.pos },
    };
    Field { name, ty, embedded: true }
}

/// Go's `isTypeElem`: is `x` certainly a type (not a value)?
fn is_type_elem(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::Type(t) => !matches!(t.kind, TypeExprKind::Name(_) | TypeExprKind::Qualified(..)),
        ExprKind::Unary { expr, .. } => is_type_elem(expr),
        ExprKind::Binary { lhs, rhs, .. } => is_type_elem(lhs) || is_type_elem(rhs),
        ExprKind::Paren(e) => is_type_elem(e),
        _ => false,
    }
}

// ----------------------------------------------------------------------------------
// Expressions

impl<'a> Parser<'a> {
    fn expr(&mut self) -> PResult<Expr> {
        self.binary_expr(None, 0)
    }

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut l = vec![self.expr()?];
        while self.got(Tok::Comma) {
            l.push(self.expr()?);
        }
        Ok(l)
    }

    fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> PResult<Expr> {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr()?,
        };
        // each operator of a chain nests the (left-leaning) tree one level deeper
        let depth = self.depth;
        while matches!(self.tok(), Tok::Operator | Tok::Star) && self.t.prec > prec {
            self.enter()?;
            let op_pos = self.pos();
            let Some(op) = binop(self.t.op) else { break };
            let tprec = self.t.prec;
            self.next();
            let y = self.binary_expr(None, tprec)?;
            let pos = x.pos;
            x = mk_expr(ExprKind::Binary { op, lhs: Box::new(x), rhs: Box::new(y), op_pos }, pos);
        }
        self.depth = depth;
        Ok(x)
    }

    fn unary_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.unary_expr_inner();
        self.leave();
        r
    }

    fn unary_expr_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Operator | Tok::Star => {
                let op = match self.t.op {
                    Op::Mul => Some(UnOp::Deref),
                    Op::Add => Some(UnOp::Plus),
                    Op::Sub => Some(UnOp::Neg),
                    Op::Not => Some(UnOp::Not),
                    Op::Xor => Some(UnOp::BitNot),
                    Op::And => Some(UnOp::Addr),
                    Op::Tilde => {
                        self.soft_error(pos, "cannot use ~ outside of interface or type constraint");
                        Some(UnOp::BitNot)
                    }
                    _ => None,
                };
                if let Some(op) = op {
                    self.next();
                    let mut x = self.unary_expr()?;
                    if op == UnOp::Addr {
                        // `&(T{})`: drop the parentheses around a composite literal
                        while let ExprKind::Paren(inner) = x.kind {
                            x = *inner;
                        }
                    }
                    return Ok(mk_expr(ExprKind::Unary { op, expr: Box::new(x) }, pos));
                }
            }
            Tok::Arrow => {
                self.next();
                let mut x = self.unary_expr()?;
                if let ExprKind::Type(t) = &mut x.kind {
                    if matches!(t.kind, TypeExprKind::Chan(..)) {
                        // `<-chan E`: re-associate the arrow with the channel type
                        self.reassociate_recv_chan(t)?;
                        t.pos = pos;
                        x.pos = pos;
                        return Ok(x);
                    }
                }
                return Ok(mk_expr(ExprKind::Unary { op: UnOp::Recv, expr: Box::new(x) }, pos));
            }
            _ => {}
        }
        Ok(self.pexpr(None)?.0)
    }

    /// `<-(chan E)` => `(<-chan E)`, `<-(chan<- E)` => `(<-chan (<-E))`.
    fn reassociate_recv_chan(&mut self, t: &mut TypeExpr) -> PResult<()> {
        match reassociate(t) {
            Ok(()) => Ok(()),
            Err(msg) => Err(self.syntax_error(&msg)),
        }
    }

    fn literal(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let kind = match (self.t.kind, std::mem::replace(&mut self.t.value, LitValue::None)) {
            (_, LitValue::Int(v)) => ExprKind::IntLit(v),
            (_, LitValue::Float(f)) => ExprKind::FloatLit(f, self.t.lit.clone()),
            (_, LitValue::Rune(r)) => ExprKind::CharLit(r),
            (_, LitValue::Str(s)) => ExprKind::StringLit(s),
            (LitKind::Imag, _) if !self.t.bad => {
                self.soft_error(pos, "unsupported: complex numbers");
                ExprKind::IntLit(0)
            }
            (LitKind::Int, _) if !self.t.bad => {
                self.soft_error(pos, format!("integer constant too large: {}", self.t.lit));
                ExprKind::IntLit(0)
            }
            // a malformed literal: the lexer has reported it
            _ => ExprKind::IntLit(0),
        };
        self.next();
        Ok(mk_expr(kind, pos))
    }

    /// Operand = Literal | OperandName | "(" Expression ")" | FunctionLit | type literal.
    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Name => {
                let id = self.name()?;
                Ok(mk_expr(ExprKind::Ident(id.name), pos))
            }
            Tok::Literal => self.literal(),
            Tok::Lparen => {
                self.next();
                self.xnest += 1;
                let x = self.expr()?;
                self.xnest -= 1;
                self.want(Tok::Rparen)?;
                Ok(mk_expr(ExprKind::Paren(Box::new(x)), pos))
            }
            Tok::Func => {
                self.next();
                let sig = self.func_type("function type", pos)?;
                if self.tok() == Tok::Lbrace {
                    self.xnest += 1;
                    let body = self.block_stmt("")?;
                    self.xnest -= 1;
                    return Ok(mk_expr(ExprKind::FuncLit { sig, body }, pos));
                }
                let t = mk_type(TypeExprKind::Func(sig), pos);
                Ok(mk_expr(ExprKind::Type(Box::new(t)), pos))
            }
            Tok::Lbrack | Tok::Chan | Tok::Map | Tok::Struct | Tok::Interface => {
                let t = self.type_()?;
                Ok(mk_expr(ExprKind::Type(Box::new(t)), pos))
            }
            _ => Err(self.syntax_error("expecting expression")),
        }
    }

    /// PrimaryExpr. Also returns Go's position of the node (the `.`, `[`, `(` or `{` of
    /// the last postfix operation), which some messages use.
    fn pexpr(&mut self, x: Option<Expr>) -> PResult<(Expr, Pos)> {
        let mut x = match x {
            Some(x) => x,
            None => self.operand()?,
        };
        let mut gopos = x.pos;
        // each postfix operation nests the tree one level deeper
        let depth = self.depth;
        loop {
            self.enter()?;
            let pos = self.pos();
            let start = x.pos;
            match self.tok() {
                Tok::Dot => {
                    self.next();
                    match self.tok() {
                        Tok::Name => {
                            let sel = self.name()?;
                            x = mk_expr(ExprKind::Selector { expr: Box::new(x), sel }, start);
                        }
                        Tok::Lparen => {
                            self.next();
                            let ty = if self.got(Tok::Type) { None } else { Some(Box::new(self.type_()?)) };
                            self.want(Tok::Rparen)?;
                            x = mk_expr(ExprKind::TypeAssert { expr: Box::new(x), ty }, start);
                        }
                        _ => return Err(self.syntax_error("expecting name or (")),
                    }
                }
                Tok::Lbrack => {
                    self.next();
                    if self.tok() == Tok::Rbrack {
                        return Err(self.syntax_error("expecting operand"));
                    }
                    let mut lo = None;
                    if self.tok() != Tok::Colon {
                        self.xnest += 1;
                        let i = self.expr()?;
                        self.xnest -= 1;
                        let comma = self.tok() == Tok::Comma;
                        if comma {
                            self.type_args(pos)?;
                        }
                        if comma || self.got(Tok::Rbrack) {
                            x = mk_expr(ExprKind::Index { expr: Box::new(x), index: Box::new(i), lbrack: pos }, start);
                            gopos = pos;
                            continue;
                        }
                        lo = Some(Box::new(i));
                    }
                    if !self.got(Tok::Colon) {
                        return Err(self.syntax_error("expecting comma, : or ]"));
                    }
                    self.xnest += 1;
                    let mut hi = None;
                    let mut max = None;
                    if self.tok() != Tok::Colon && self.tok() != Tok::Rbrack {
                        hi = Some(Box::new(self.expr()?));
                    }
                    if self.tok() == Tok::Colon {
                        if hi.is_none() {
                            return Err(CompileError::new(self.pos(), "middle index required in 3-index slice"));
                        }
                        self.next();
                        if self.tok() == Tok::Rbrack {
                            return Err(CompileError::new(self.pos(), "final index required in 3-index slice"));
                        }
                        max = Some(Box::new(self.expr()?));
                    }
                    self.xnest -= 1;
                    self.want(Tok::Rbrack)?;
                    x = mk_expr(ExprKind::Slice { expr: Box::new(x), lo, hi, max, lbrack: pos }, start);
                }
                Tok::Lparen => {
                    self.next();
                    let (args, ellipsis) = self.arg_list()?;
                    x = mk_expr(ExprKind::Call { func: Box::new(x), args, ellipsis, lparen: pos }, start);
                }
                Tok::Lbrace => {
                    let t = unparen(&x);
                    let complit_ok = match &t.kind {
                        ExprKind::Ident(_) | ExprKind::Selector { .. } => self.xnest >= 0,
                        ExprKind::Index { .. } => self.xnest >= 0 && !is_value(t),
                        ExprKind::Type(ty) => matches!(
                            ty.kind,
                            TypeExprKind::Array(..)
                                | TypeExprKind::Slice(_)
                                | TypeExprKind::Struct(_)
                                | TypeExprKind::Map(..)
                        ),
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if !std::ptr::eq(t, &x) {
                        return Err(self.syntax_error("cannot parenthesize type in composite literal"));
                    }
                    if let ExprKind::Index { lbrack, .. } = &x.kind {
                        return Err(self.unsupported_generics(*lbrack));
                    }
                    let ty = self.as_type(x);
                    let (elems, lbrace) = self.complit()?;
                    x = mk_expr(ExprKind::Composite { ty: Some(Box::new(ty)), elems, lbrace }, start);
                }
                _ => break,
            }
            gopos = pos;
        }
        self.depth = depth;
        Ok((x, gopos))
    }

    /// `LiteralValue = "{" [ ElementList [ "," ] ] "}"`. Returns elements and `{`.
    fn complit(&mut self) -> PResult<(Vec<KeyedElement>, Pos)> {
        self.enter()?;
        let lbrace = self.pos();
        self.xnest += 1;
        self.want(Tok::Lbrace)?;
        let mut elems = Vec::new();
        self.list("composite literal", Tok::Comma, Tok::Rbrace, &mut |p| {
            let e = p.bare_complitexpr()?;
            if p.tok() == Tok::Colon {
                p.next();
                let v = p.bare_complitexpr()?;
                elems.push(KeyedElement { key: Some(e), value: v });
            } else {
                elems.push(KeyedElement { key: None, value: e });
            }
            Ok(false)
        })?;
        self.xnest -= 1;
        self.leave();
        Ok((elems, lbrace))
    }

    fn bare_complitexpr(&mut self) -> PResult<Expr> {
        if self.tok() == Tok::Lbrace {
            let (elems, lbrace) = self.complit()?;
            return Ok(mk_expr(ExprKind::Composite { ty: None, elems, lbrace }, lbrace));
        }
        self.expr()
    }

    fn arg_list(&mut self) -> PResult<(Vec<Expr>, bool)> {
        let mut args = Vec::new();
        let mut dots = false;
        self.xnest += 1;
        self.list("argument list", Tok::Comma, Tok::Rparen, &mut |p| {
            args.push(p.expr()?);
            dots = p.got(Tok::DotDotDot);
            Ok(dots)
        })?;
        self.xnest -= 1;
        Ok((args, dots))
    }

    /// Convert an expression that must denote a type; `X is not a type` otherwise.
    fn as_type(&mut self, e: Expr) -> TypeExpr {
        match expr_to_type(e) {
            Ok(t) => t,
            Err(e) => {
                let msg = format!("{} is not a type", expr_string(&e));
                self.soft_error(e.pos, msg);
                placeholder_type(e.pos)
            }
        }
    }
}

/// Re-associate `<-` with a channel type: `<-(chan E)` => `(<-chan E)`,
/// `<-(chan<- E)` => `(<-chan (<-E))`. `Err` carries the message.
fn reassociate(t: &mut TypeExpr) -> Result<(), String> {
    if !matches!(t.kind, TypeExprKind::Chan(..)) {
        return Err(format!("unexpected {}, expecting chan", type_string(t)));
    }
    if let TypeExprKind::Chan(d, elem) = &mut t.kind {
        let was = *d;
        if was == ChanDir::Recv {
            return Err("unexpected <-, expecting chan".into());
        }
        *d = ChanDir::Recv;
        if was == ChanDir::Send {
            return reassociate(elem);
        }
    }
    Ok(())
}

/// An expression as a type (`Err` gives back the offending sub-expression).
fn expr_to_type(e: Expr) -> Result<TypeExpr, Expr> {
    let pos = e.pos;
    let kind = match e.kind {
        ExprKind::Ident(name) => TypeExprKind::Name(Ident { name, pos }),
        ExprKind::Selector { expr, sel } => match expr.kind {
            ExprKind::Ident(name) => TypeExprKind::Qualified(Ident { name, pos: expr.pos }, sel),
            k => return Err(mk_expr(ExprKind::Selector { expr: Box::new(mk_expr(k, expr.pos)), sel }, pos)),
        },
        ExprKind::Unary { op: UnOp::Deref, expr } => TypeExprKind::Pointer(Box::new(expr_to_type(*expr)?)),
        ExprKind::Paren(x) => TypeExprKind::Paren(Box::new(expr_to_type(*x)?)),
        ExprKind::Type(t) => return Ok(*t),
        k => return Err(mk_expr(k, pos)),
    };
    Ok(mk_type(kind, pos))
}

/// Go's `isValue`: must `x` be a value (not a type)?
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::IntLit(_)
        | ExprKind::FloatLit(..)
        | ExprKind::CharLit(_)
        | ExprKind::StringLit(_)
        | ExprKind::Composite { .. }
        | ExprKind::FuncLit { .. }
        | ExprKind::Slice { .. }
        | ExprKind::TypeAssert { .. }
        | ExprKind::Call { .. }
        | ExprKind::Binary { .. } => true,
        ExprKind::Unary { op, .. } => *op != UnOp::Deref,
        ExprKind::Paren(e) => is_value(e),
        ExprKind::Index { expr, index, .. } => is_value(expr) || is_value(index),
        _ => false,
    }
}

// ----------------------------------------------------------------------------------
// Statements

/// A simple statement with Go's node position (the operator of an assignment, `++`,
/// `<-`, or `range`), used by some messages.
struct Simple {
    stmt: Stmt,
    gopos: Pos,
}

impl<'a> Parser<'a> {
    /// SimpleStmt; with `keyword == For` a range clause is accepted (as a `ForRange`
    /// statement with an empty body).
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<Tok>) -> PResult<Simple> {
        if keyword == Some(Tok::For) && self.tok() == Tok::Range {
            return self.range_clause(Vec::new(), false);
        }
        let mut lhs = match lhs {
            Some(l) => l,
            None => self.expr_list()?,
        };
        let start = lhs.first().map(|e| e.pos).unwrap_or_else(|| self.pos());
        if lhs.len() == 1 && self.tok() != Tok::Assign && self.tok() != Tok::Define {
            let pos = self.pos();
            let Some(x) = lhs.pop() else {
                return Err(self.syntax_error("expecting expression"));
            };
            let kind = match self.tok() {
                Tok::AssignOp => {
                    let Some(op) = binop(self.t.op) else {
                        return Err(self.syntax_error(""));
                    };
                    self.next();
                    let rhs = self.expr()?;
                    StmtKind::OpAssign { lhs: x, op, rhs, op_pos: pos }
                }
                Tok::IncOp => {
                    let inc = self.t.op == Op::Add;
                    self.next();
                    StmtKind::IncDec { expr: x, inc }
                }
                Tok::Arrow => {
                    self.next();
                    let value = self.expr()?;
                    StmtKind::Send { chan: x, value }
                }
                _ => return Ok(Simple { stmt: mk_stmt(StmtKind::Expr(x), start), gopos: start }),
            };
            return Ok(Simple { stmt: mk_stmt(kind, start), gopos: pos });
        }
        match self.tok() {
            Tok::Assign | Tok::Define => {
                let pos = self.pos();
                let define = self.tok() == Tok::Define;
                self.next();
                if keyword == Some(Tok::For) && self.tok() == Tok::Range {
                    return self.range_clause(lhs, define);
                }
                let rhs = self.expr_list()?;
                let kind = if define {
                    let mut names = Vec::with_capacity(lhs.len());
                    for e in lhs {
                        match e.kind {
                            ExprKind::Ident(name) => names.push(Ident { name, pos: e.pos }),
                            _ => {
                                // the tree is not returned after a soft error: keep the
                                // text for a later `cannot use ... as value`
                                let text = expr_string(&e);
                                let msg = format!("non-name {} on left side of :=", text);
                                self.soft_error(e.pos, msg);
                                names.push(Ident { name: text, pos: e.pos });
                            }
                        }
                    }
                    StmtKind::ShortVar { lhs: names, rhs, op_pos: pos }
                } else {
                    StmtKind::Assign { lhs, rhs, op_pos: pos }
                };
                Ok(Simple { stmt: mk_stmt(kind, start), gopos: pos })
            }
            _ => Err(self.syntax_error("expecting := or = or comma")),
        }
    }

    fn range_clause(&mut self, mut lhs: Vec<Expr>, define: bool) -> PResult<Simple> {
        let pos = self.pos();
        let start = lhs.first().map(|e| e.pos).unwrap_or(pos);
        self.next(); // range
        let expr = self.expr()?;
        if let Some(third) = lhs.get(2) {
            self.soft_error(third.pos, "range clause permits at most two iteration variables");
        }
        lhs.truncate(2);
        let mut it = lhs.into_iter();
        let key = it.next();
        let value = it.next();
        let body = Block { stmts: Vec::new(), pos, end: pos };
        let kind = StmtKind::ForRange { key, value, define, expr, body };
        Ok(Simple { stmt: mk_stmt(kind, start), gopos: pos })
    }

    fn block_stmt(&mut self, context: &str) -> PResult<Block> {
        self.enter()?;
        let pos = self.pos();
        if !self.got(Tok::Lbrace) {
            return Err(self.syntax_error(&format!("expecting {{ after {}", context)));
        }
        let stmts = self.stmt_list()?;
        let end = self.pos();
        self.want(Tok::Rbrace)?;
        self.leave();
        Ok(Block { stmts, pos, end })
    }

    fn stmt_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut l = Vec::new();
        while !matches!(self.tok(), Tok::Eof | Tok::Rbrace | Tok::Case | Tok::Default) {
            let Some(s) = self.stmt_or_nil()? else { break };
            l.push(s);
            l.append(&mut self.pending);
            if !self.got(Tok::Semi) && self.tok() != Tok::Rbrace {
                return Err(self.syntax_error("at end of statement"));
            }
        }
        Ok(l)
    }

    fn stmt_or_nil(&mut self) -> PResult<Option<Stmt>> {
        self.enter()?;
        let r = self.stmt_or_nil_inner();
        self.leave();
        r
    }

    fn stmt_or_nil_inner(&mut self) -> PResult<Option<Stmt>> {
        let pos = self.pos();
        if self.tok() == Tok::Name {
            let lhs = self.expr_list()?;
            if self.tok() == Tok::Colon && lhs.len() == 1 {
                if let Some(Expr { kind: ExprKind::Ident(name), pos }) = lhs.first() {
                    let label = Ident { name: name.clone(), pos: *pos };
                    return self.labeled_stmt(label).map(Some);
                }
            }
            return Ok(Some(self.simple_stmt(Some(lhs), None)?.stmt));
        }
        let kind = match self.tok() {
            Tok::Var => {
                self.next();
                let mut specs = Vec::new();
                self.group(&mut |p| {
                    specs.push(p.var_spec()?);
                    Ok(())
                })?;
                return Ok(Some(self.decl_stmts(specs.into_iter().map(StmtKind::Var), pos)));
            }
            Tok::Const => {
                self.next();
                StmtKind::Const(self.const_group()?)
            }
            Tok::Type => {
                self.next();
                let mut specs = Vec::new();
                self.group(&mut |p| {
                    specs.push(p.type_spec()?);
                    Ok(())
                })?;
                return Ok(Some(self.decl_stmts(specs.into_iter().map(StmtKind::Type), pos)));
            }
            Tok::Lbrace => StmtKind::Block(self.block_stmt("")?),
            Tok::Operator | Tok::Star => {
                if matches!(self.t.op, Op::Add | Op::Sub | Op::Mul | Op::And | Op::Xor | Op::Not) {
                    return Ok(Some(self.simple_stmt(None, None)?.stmt));
                }
                return Ok(None);
            }
            Tok::Literal
            | Tok::Func
            | Tok::Lparen
            | Tok::Lbrack
            | Tok::Struct
            | Tok::Map
            | Tok::Chan
            | Tok::Interface
            | Tok::Arrow => return Ok(Some(self.simple_stmt(None, None)?.stmt)),
            Tok::For => return self.for_stmt().map(Some),
            Tok::Switch => return self.switch_stmt().map(Some),
            Tok::Select => return self.select_stmt().map(Some),
            Tok::If => return self.if_stmt().map(Some),
            Tok::Fallthrough => {
                self.next();
                StmtKind::Fallthrough
            }
            Tok::Break | Tok::Continue => {
                let brk = self.tok() == Tok::Break;
                self.next();
                let label = if self.tok() == Tok::Name { Some(self.name()?) } else { None };
                if brk {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Go | Tok::Defer => return self.call_stmt().map(Some),
            Tok::Goto => {
                self.next();
                StmtKind::Goto(self.name()?)
            }
            Tok::Return => {
                self.next();
                let mut results = Vec::new();
                if self.tok() != Tok::Semi && self.tok() != Tok::Rbrace {
                    results = self.expr_list()?;
                }
                StmtKind::Return(results)
            }
            Tok::Semi => StmtKind::Empty,
            _ => return Ok(None),
        };
        Ok(Some(mk_stmt(kind, pos)))
    }

    /// The first spec of a grouped declaration is returned, the rest queued in `pending`.
    fn decl_stmts(&mut self, kinds: impl Iterator<Item = StmtKind>, pos: Pos) -> Stmt {
        let mut first = None;
        for k in kinds {
            let s = mk_stmt(k, pos);
            if first.is_none() {
                first = Some(s);
            } else {
                self.pending.push(s);
            }
        }
        first.unwrap_or_else(|| mk_stmt(StmtKind::Empty, pos))
    }

    fn labeled_stmt(&mut self, label: Ident) -> PResult<Stmt> {
        let colon = self.pos();
        self.want(Tok::Colon)?;
        let pos = label.pos;
        if self.tok() == Tok::Rbrace {
            let e = mk_stmt(StmtKind::Empty, self.pos());
            return Ok(mk_stmt(StmtKind::Labeled { label, stmt: Box::new(e) }, pos));
        }
        match self.stmt_or_nil()? {
            Some(s) => Ok(mk_stmt(StmtKind::Labeled { label, stmt: Box::new(s) }, pos)),
            None => Err(self.syntax_error_at(colon, "missing statement after label")),
        }
    }

    fn call_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let is_go = self.tok() == Tok::Go;
        let kw = if is_go { "go" } else { "defer" };
        self.next();
        let (x, gopos) = self.pexpr(None)?;
        if let ExprKind::Paren(_) = x.kind {
            return Err(CompileError::new(x.pos, format!("expression in {} must not be parenthesized", kw)));
        }
        if !matches!(x.kind, ExprKind::Call { .. }) {
            return Err(CompileError::new(gopos, format!("expression in {} must be function call", kw)));
        }
        let kind = if is_go { StmtKind::Go(x) } else { StmtKind::Defer(x) };
        Ok(mk_stmt(kind, pos))
    }
}

// ----------------------------------------------------------------------------------
// Control statements

impl<'a> Parser<'a> {
    /// The header of `if`, `for` and `switch` (Go's `parser.header`).
    fn header(&mut self, keyword: Tok) -> PResult<Header> {
        self.want(keyword)?;
        let mut h = Header { init: None, cond: Cond::None, post: None };
        if self.tok() == Tok::Lbrace {
            if keyword == Tok::If {
                return Err(self.syntax_error("missing condition in if statement"));
            }
            return Ok(h);
        }
        let outer = self.xnest;
        self.xnest = -1;
        let mut init: Option<Simple> = None;
        if self.tok() != Tok::Semi {
            if self.tok() == Tok::Var {
                self.next();
                let msg = format!("var declaration not allowed in {} initializer", keyword.describe());
                return Err(self.syntax_error(&msg));
            }
            let s = self.simple_stmt(None, Some(keyword))?;
            if let StmtKind::ForRange { .. } = s.stmt.kind {
                self.xnest = outer;
                h.init = Some(s.stmt);
                return Ok(h);
            }
            init = Some(s);
        }
        let mut cond_stmt: Option<Simple> = None;
        let mut semi: Option<(Pos, String)> = None;
        if self.tok() != Tok::Lbrace {
            if self.tok() == Tok::Semi {
                semi = Some((self.pos(), self.t.lit.clone()));
                self.next();
            } else {
                self.want(Tok::Lbrace)?;
            }
            if keyword == Tok::For {
                if self.tok() != Tok::Semi {
                    if self.tok() == Tok::Lbrace {
                        return Err(self.syntax_error("expecting for loop condition"));
                    }
                    cond_stmt = Some(self.simple_stmt(None, None)?);
                }
                self.want(Tok::Semi)?;
                if self.tok() != Tok::Lbrace {
                    let post = self.simple_stmt(None, None)?;
                    if let StmtKind::ShortVar { .. } = post.stmt.kind {
                        return Err(self.syntax_error_at(post.gopos, "cannot declare in post statement of for loop"));
                    }
                    h.post = Some(post.stmt);
                }
            } else if self.tok() != Tok::Lbrace {
                cond_stmt = Some(self.simple_stmt(None, Some(keyword))?);
            }
            h.init = init.map(|s| s.stmt);
        } else {
            cond_stmt = init;
        }
        h.cond = match cond_stmt {
            None => {
                if let (Tok::If, Some((pos, lit))) = (keyword, semi) {
                    if lit != "semicolon" {
                        let msg = format!("unexpected {}, expecting {{ after if clause", lit);
                        return Err(self.syntax_error_at(pos, &msg));
                    }
                    return Err(self.syntax_error_at(pos, "missing condition in if statement"));
                }
                Cond::None
            }
            Some(s) => self.unpack_cond(s, keyword)?,
        };
        self.xnest = outer;
        Ok(h)
    }

    fn unpack_cond(&mut self, s: Simple, keyword: Tok) -> PResult<Cond> {
        let is_guard = |e: &Expr| matches!(e.kind, ExprKind::TypeAssert { ty: None, .. });
        match s.stmt.kind {
            StmtKind::Expr(e) => {
                if keyword == Tok::Switch && is_guard(&e) {
                    return Ok(Cond::Guard(None, e));
                }
                Ok(Cond::Expr(e))
            }
            StmtKind::ShortVar { mut lhs, mut rhs, .. }
                if keyword == Tok::Switch && lhs.len() == 1 && rhs.len() == 1 && rhs.first().is_some_and(is_guard) =>
            {
                match (lhs.pop(), rhs.pop()) {
                    (Some(id), Some(e)) => Ok(Cond::Guard(Some(id), e)),
                    _ => Ok(Cond::None),
                }
            }
            kind => {
                let str = match &kind {
                    StmtKind::Assign { lhs, rhs, .. } => {
                        format!("assignment ({}) = ({})", list_string(lhs), list_string(rhs))
                    }
                    k => simple_stmt_string(k),
                };
                Err(self.syntax_error_at(s.gopos, &format!("cannot use {} as value", str)))
            }
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let pos = self.pos();
        let h = self.header(Tok::If)?;
        let cond = match h.cond {
            Cond::Expr(e) | Cond::Guard(_, e) => e,
            Cond::None => mk_expr(ExprKind::Ident("_".into()), pos),
        };
        let then = self.block_stmt("if clause")?;
        let mut els = None;
        if self.got(Tok::Else) {
            match self.tok() {
                Tok::If => els = Some(Box::new(self.if_stmt()?)),
                Tok::Lbrace => {
                    let bpos = self.pos();
                    els = Some(Box::new(mk_stmt(StmtKind::Block(self.block_stmt("")?), bpos)));
                }
                _ => return Err(self.syntax_error("else must be followed by if or statement block")),
            }
        }
        self.leave();
        let kind = StmtKind::If { init: h.init.map(Box::new), cond, then, els };
        Ok(mk_stmt(kind, pos))
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let h = self.header(Tok::For)?;
        let body = self.block_stmt("for clause")?;
        if let Some(Stmt { kind: StmtKind::ForRange { key, value, define, expr, .. }, .. }) = h.init {
            if matches!(h.cond, Cond::None) && h.post.is_none() {
                return Ok(mk_stmt(StmtKind::ForRange { key, value, define, expr, body }, pos));
            }
            return Err(self.syntax_error_at(pos, "unexpected range clause"));
        }
        let cond = match h.cond {
            Cond::Expr(e) | Cond::Guard(_, e) => Some(e),
            Cond::None => None,
        };
        let kind = StmtKind::For { init: h.init.map(Box::new), cond, post: h.post.map(Box::new), body };
        Ok(mk_stmt(kind, pos))
    }

    fn switch_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let h = self.header(Tok::Switch)?;
        if !self.got(Tok::Lbrace) {
            return Err(self.syntax_error("missing { after switch clause"));
        }
        let mut cases = Vec::new();
        while self.tok() != Tok::Eof && self.tok() != Tok::Rbrace {
            cases.push(self.case_clause()?);
        }
        self.want(Tok::Rbrace)?;
        let init = h.init.map(Box::new);
        let kind = match h.cond {
            Cond::Guard(bind, x) => {
                let expr = match x.kind {
                    ExprKind::TypeAssert { expr, .. } => *expr,
                    k => mk_expr(k, x.pos),
                };
                let mut tcases = Vec::with_capacity(cases.len());
                for c in cases {
                    let mut types = Vec::with_capacity(c.exprs.len());
                    for e in c.exprs {
                        if matches!(&e.kind, ExprKind::Ident(n) if n == "nil") {
                            types.push(None);
                        } else {
                            types.push(Some(self.as_type(e)));
                        }
                    }
                    tcases.push(TypeCase { types, is_default: c.is_default, body: c.body, pos: c.pos });
                }
                StmtKind::TypeSwitch { init, bind, expr, cases: tcases }
            }
            Cond::Expr(tag) => StmtKind::Switch { init, tag: Some(tag), cases },
            Cond::None => StmtKind::Switch { init, tag: None, cases },
        };
        Ok(mk_stmt(kind, pos))
    }

    fn case_clause(&mut self) -> PResult<CaseClause> {
        let pos = self.pos();
        let mut exprs = Vec::new();
        let is_default = match self.tok() {
            Tok::Case => {
                self.next();
                exprs = self.expr_list()?;
                false
            }
            Tok::Default => {
                self.next();
                true
            }
            _ => return Err(self.syntax_error("expecting case or default or }")),
        };
        self.want(Tok::Colon)?;
        let body = self.stmt_list()?;
        Ok(CaseClause { exprs, is_default, body, pos })
    }

    fn select_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.want(Tok::Select)?;
        if !self.got(Tok::Lbrace) {
            return Err(self.syntax_error("missing { after select clause"));
        }
        let mut cases = Vec::new();
        while self.tok() != Tok::Eof && self.tok() != Tok::Rbrace {
            let cpos = self.pos();
            let comm = match self.tok() {
                Tok::Case => {
                    self.next();
                    Some(Box::new(self.simple_stmt(None, None)?.stmt))
                }
                Tok::Default => {
                    self.next();
                    None
                }
                _ => return Err(self.syntax_error("expecting case or default or }")),
            };
            self.want(Tok::Colon)?;
            let body = self.stmt_list()?;
            cases.push(SelectCase { comm, body, pos: cpos });
        }
        self.want(Tok::Rbrace)?;
        Ok(mk_stmt(StmtKind::Select { cases }, pos))
    }
}

// ----------------------------------------------------------------------------------
// Printing (Go's `syntax.String` short form), for messages

fn list_string(l: &[Expr]) -> String {
    l.iter().map(expr_string).collect::<Vec<_>>().join(", ")
}

fn simple_stmt_string(k: &StmtKind) -> String {
    match k {
        StmtKind::Expr(e) => expr_string(e),
        StmtKind::ShortVar { lhs, rhs, .. } => {
            let names: Vec<&str> = lhs.iter().map(|i| i.name.as_str()).collect();
            format!("{} := {}", names.join(", "), list_string(rhs))
        }
        StmtKind::Assign { lhs, rhs, .. } => format!("{} = {}", list_string(lhs), list_string(rhs)),
        StmtKind::OpAssign { lhs, op, rhs, .. } => {
            format!("{} {}= {}", expr_string(lhs), op.as_str(), expr_string(rhs))
        }
        StmtKind::IncDec { expr, inc } => {
            format!("{}{}", expr_string(expr), if *inc { "++" } else { "--" })
        }
        StmtKind::Send { chan, value } => {
            format!("{} <- {}", expr_string(chan), expr_string(value))
        }
        _ => String::new(),
    }
}

fn quote_bytes(b: &[u8]) -> String {
    let mut s = String::from("\"");
    for c in String::from_utf8_lossy(b).chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\x{:02x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn expr_string(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(n) => n.clone(),
        ExprKind::IntLit(v) => v.to_string(),
        ExprKind::FloatLit(_, text) => text.clone(),
        ExprKind::CharLit(c) => super::lexer::quote_rune(i32::try_from(*c).unwrap_or(0xFFFD)),
        ExprKind::StringLit(b) => quote_bytes(b),
        ExprKind::Composite { ty, elems, .. } => {
            let t = ty.as_ref().map(|t| type_string(t)).unwrap_or_default();
            format!("{}{{{}}}", t, if elems.is_empty() { "" } else { "…" })
        }
        ExprKind::FuncLit { sig, body } => {
            format!("func{} {{{}}}", sig_string(sig), if body.stmts.is_empty() { "" } else { "…" })
        }
        ExprKind::Paren(x) => format!("({})", expr_string(x)),
        ExprKind::Selector { expr, sel } => format!("{}.{}", expr_string(expr), sel.name),
        ExprKind::Index { expr, index, .. } => {
            format!("{}[{}]", expr_string(expr), expr_string(index))
        }
        ExprKind::Slice { expr, lo, hi, max, .. } => {
            let o = |x: &Option<Box<Expr>>| x.as_ref().map(|x| expr_string(x)).unwrap_or_default();
            let mut s = format!("{}[{}:{}", expr_string(expr), o(lo), o(hi));
            if max.is_some() {
                s.push(':');
                s.push_str(&o(max));
            }
            s.push(']');
            s
        }
        ExprKind::TypeAssert { expr, ty } => match ty {
            Some(t) => format!("{}.({})", expr_string(expr), type_string(t)),
            None => format!("{}.(type)", expr_string(expr)),
        },
        ExprKind::Call { func, args, ellipsis, .. } => {
            format!("{}({}{})", expr_string(func), list_string(args), if *ellipsis { "..." } else { "" })
        }
        ExprKind::Unary { op, expr } => format!("{}{}", op.as_str(), expr_string(expr)),
        ExprKind::Binary { op, lhs, rhs, .. } => {
            format!("{} {} {}", expr_string(lhs), op.as_str(), expr_string(rhs))
        }
        ExprKind::Type(t) => type_string(t),
    }
}

fn params_string(ps: &[Param]) -> String {
    let v: Vec<String> = ps
        .iter()
        .map(|p| {
            let t = format!("{}{}", if p.variadic { "..." } else { "" }, type_string(&p.ty));
            match &p.name {
                Some(n) => format!("{} {}", n.name, t),
                None => t,
            }
        })
        .collect();
    v.join(", ")
}

fn sig_string(sig: &FuncType) -> String {
    let mut s = format!("({})", params_string(&sig.params));
    match sig.results.as_slice() {
        [] => {}
        [r] if r.name.is_none() => {
            s.push(' ');
            s.push_str(&type_string(&r.ty));
        }
        rs => s.push_str(&format!(" ({})", params_string(rs))),
    }
    s
}

fn type_string(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Name(n) => n.name.clone(),
        TypeExprKind::Qualified(p, n) => format!("{}.{}", p.name, n.name),
        TypeExprKind::Pointer(x) => format!("*{}", type_string(x)),
        TypeExprKind::Slice(x) => format!("[]{}", type_string(x)),
        TypeExprKind::Array(len, x) => {
            let l = len.as_ref().map(|l| expr_string(l)).unwrap_or_else(|| "...".into());
            format!("[{}]{}", l, type_string(x))
        }
        TypeExprKind::Map(k, v) => format!("map[{}]{}", type_string(k), type_string(v)),
        TypeExprKind::Chan(d, x) => match d {
            ChanDir::Both => format!("chan {}", type_string(x)),
            ChanDir::Send => format!("chan<- {}", type_string(x)),
            ChanDir::Recv => format!("<-chan {}", type_string(x)),
        },
        TypeExprKind::Func(sig) => format!("func{}", sig_string(sig)),
        TypeExprKind::Struct(fields) => {
            let v: Vec<String> =
                fields
                    .iter()
                    .map(|f| {
                        if f.embedded {
                            type_string(&f.ty)
                        } else {
                            format!("{} {}", f.name.name, type_string(&f.ty))
                        }
                    })
                    .collect();
            if v.is_empty() {
                "struct{}".into()
            } else {
                format!("struct{{ {} }}", v.join("; "))
            }
        }
        TypeExprKind::Interface(elems) => {
            let v: Vec<String> = elems
                .iter()
                .map(|e| match e {
                    InterfaceElem::Method { name, sig } => {
                        format!("{}{}", name.name, sig_string(sig))
                    }
                    InterfaceElem::Embedded(t) => type_string(t),
                })
                .collect();
            if v.is_empty() {
                "interface{}".into()
            } else {
                format!("interface{{ {} }}", v.join("; "))
            }
        }
        TypeExprKind::Paren(x) => format!("({})", type_string(x)),
    }
}

#[cfg(test)]
mod tests;
