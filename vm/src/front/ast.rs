//! The syntax tree of one Go-subset source file, as the parser builds it.
//!
//! The tree is deliberately close to Go's own syntax: it holds everything the parser
//! accepts, including constructs the type checker later rejects as outside the subset
//! (goroutines and channels are parsed now and compiled by a later issue). Every node
//! carries a [`Pos`]; nodes whose Go diagnostics point somewhere other than their first
//! token carry that position too (`op_pos` of a binary expression, `lparen` of a call,
//! `end` of a block), so the checker can report errors exactly where `go build` does.
//!
//! The tree owns no semantics: no types, no resolution. It must never be mutated after
//! parsing, except by the parser's own desugarings documented on each node.

/// A source position: 1-based line and 1-based *byte* column, as Go reports them (a tab
/// counts as one column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A compile error (syntax or type): printed as `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub pos: Pos,
    pub message: String,
}

impl CompileError {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        CompileError { pos, message: message.into() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// `package NAME`; `pos` of the name.
    pub package: Ident,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// Optional local name (`import f "fmt"`; `_` and `.` are kept as names).
    pub alias: Option<Ident>,
    /// The decoded import path.
    pub path: String,
    /// Position of the path's string literal.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Func(FuncDecl),
    /// One `var` spec; a grouped `var ( ... )` becomes several.
    Var(VarSpec),
    /// One `const` spec; a grouped `const ( ... )` becomes several, see [`ConstSpec`].
    Const(ConstSpec),
    /// One `type` spec; a grouped `type ( ... )` becomes several.
    Type(TypeSpec),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub name: Ident,
    pub recv: Option<Receiver>,
    pub sig: FuncType,
    /// `None` for a declaration without body (rejected by the checker).
    pub body: Option<Block>,
    /// Position of the `func` keyword.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Receiver {
    pub name: Option<Ident>,
    /// The receiver's base type name (`T` in `(t *T)`).
    pub type_name: Ident,
    pub pointer: bool,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VarSpec {
    pub names: Vec<Ident>,
    pub ty: Option<TypeExpr>,
    pub values: Vec<Expr>,
    pub pos: Pos,
}

/// One constant spec. The parser resolves Go's implicit repetition inside a group: a spec
/// without type and values gets a copy of the previous spec's `ty` and `values`, and every
/// spec records its index in the group as `iota`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstSpec {
    pub names: Vec<Ident>,
    pub ty: Option<TypeExpr>,
    pub values: Vec<Expr>,
    pub iota: i64,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    pub name: Ident,
    /// `type A = B`.
    pub alias: bool,
    pub ty: TypeExpr,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    /// Position of the first token of the type.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    /// `int`, `Point`, `error`.
    Name(Ident),
    /// `pkg.Name`.
    Qualified(Ident, Ident),
    Pointer(Box<TypeExpr>),
    Slice(Box<TypeExpr>),
    /// `[N]T`; `len` is `None` for `[...]T` (only valid in a composite literal).
    Array(Option<Box<Expr>>, Box<TypeExpr>),
    Map(Box<TypeExpr>, Box<TypeExpr>),
    Chan(ChanDir, Box<TypeExpr>),
    Func(FuncType),
    Struct(Vec<Field>),
    Interface(Vec<InterfaceElem>),
    /// A parenthesized type `(T)`.
    Paren(Box<TypeExpr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    /// Grouped parameters (`a, b int`) are expanded: one `Param` per name, type cloned.
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Option<Ident>,
    pub ty: TypeExpr,
    /// `...T` (only the last parameter).
    pub variadic: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: Ident,
    pub ty: TypeExpr,
    /// An embedded field (`struct { T }`): `name` is the type's name. Rejected as outside
    /// the subset by the checker.
    pub embedded: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InterfaceElem {
    Method { name: Ident, sig: FuncType },
    Embedded(TypeExpr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// Position of `{`.
    pub pos: Pos,
    /// Position of `}` (Go reports "missing return" there).
    pub end: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    /// Position of the statement's first token.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Empty,
    Expr(Expr),
    Var(VarSpec),
    Const(Vec<ConstSpec>),
    Type(TypeSpec),
    /// `a, b := x, y`; `op_pos` is the position of `:=`.
    ShortVar {
        lhs: Vec<Ident>,
        rhs: Vec<Expr>,
        op_pos: Pos,
    },
    /// `a, b = x, y`; `op_pos` is the position of `=`.
    Assign {
        lhs: Vec<Expr>,
        rhs: Vec<Expr>,
        op_pos: Pos,
    },
    /// `x op= y`.
    OpAssign {
        lhs: Expr,
        op: BinOp,
        rhs: Expr,
        op_pos: Pos,
    },
    IncDec {
        expr: Expr,
        inc: bool,
    },
    Send {
        chan: Expr,
        value: Expr,
    },
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    /// All three `for` forms: `for {}`, `for cond {}`, `for init; cond; post {}`.
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for k, v := range x` (`define`) or `for k, v = range x`; both optional.
    ForRange {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        expr: Expr,
        body: Block,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        cases: Vec<CaseClause>,
    },
    /// `switch [init;] [bind :=] x.(type) { ... }`.
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        expr: Expr,
        cases: Vec<TypeCase>,
    },
    Select {
        cases: Vec<SelectCase>,
    },
    Return(Vec<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Goto(Ident),
    Fallthrough,
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    Go(Expr),
    Defer(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    /// Empty for `default`.
    pub exprs: Vec<Expr>,
    pub is_default: bool,
    pub body: Vec<Stmt>,
    /// Position of `case`/`default`.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeCase {
    /// `None` entries stand for `nil`.
    pub types: Vec<Option<TypeExpr>>,
    pub is_default: bool,
    pub body: Vec<Stmt>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SelectCase {
    /// A send, a receive expression statement, or a receive assignment
    /// (`v := <-c`, `v, ok = <-c`); `None` for `default`.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Position of the expression's first token.
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Ident(String),
    /// Integer literal (decimal, hex, octal, binary, with `_`), already evaluated.
    IntLit(u128),
    /// Floating-point literal: its value rounded to float64, and its source text (the
    /// exact value a constant expression starts from: `1e400` is not a float64).
    FloatLit(f64, String),
    /// Rune literal, already decoded.
    CharLit(u32),
    /// String literal (interpreted or raw), already decoded to bytes.
    StringLit(Vec<u8>),
    /// `T{...}`; `ty` is `None` for an elided type inside another composite literal.
    Composite {
        ty: Option<Box<TypeExpr>>,
        elems: Vec<KeyedElement>,
        lbrace: Pos,
    },
    FuncLit {
        sig: FuncType,
        body: Block,
    },
    Paren(Box<Expr>),
    /// `x.sel`; also `pkg.Name`, told apart by the checker.
    Selector {
        expr: Box<Expr>,
        sel: Ident,
    },
    Index {
        expr: Box<Expr>,
        index: Box<Expr>,
        lbrack: Pos,
    },
    /// `x[lo:hi]` or `x[lo:hi:max]`.
    Slice {
        expr: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        lbrack: Pos,
    },
    /// `x.(T)`; `ty` is `None` for `x.(type)` (only valid in a type switch header).
    TypeAssert {
        expr: Box<Expr>,
        ty: Option<Box<TypeExpr>>,
    },
    /// `f(args)`, `f(args...)`; also conversions `T(x)` and builtins `make([]int, n)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        ellipsis: bool,
        lparen: Pos,
    },
    Unary {
        op: UnOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        op_pos: Pos,
    },
    /// A type in expression position: `[]int` in `make([]int, 3)`, `[]byte` in `[]byte(s)`,
    /// `map[string]int` in `make(...)`, `*T` only where it must be a type.
    Type(Box<TypeExpr>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyedElement {
    /// The key (`Field:`, index, or map key); `None` for a positional element.
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `^x`
    BitNot,
    /// `*x`
    Deref,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LogAnd,
    LogOr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl UnOp {
    /// Go's spelling of the operator.
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Plus => "+",
            UnOp::Not => "!",
            UnOp::BitNot => "^",
            UnOp::Deref => "*",
            UnOp::Addr => "&",
            UnOp::Recv => "<-",
        }
    }
}

impl BinOp {
    /// Go's spelling of the operator.
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::AndNot => "&^",
            BinOp::LogAnd => "&&",
            BinOp::LogOr => "||",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
        }
    }
}
