//! The lexer of the Go-subset front end: bytes in, tokens with positions out.
//!
//! This module owns the translation of raw source bytes into tokens, following Go 1.19's
//! `cmd/compile/internal/syntax` scanner as closely as the parser's error messages need:
//! positions (1-based line, 1-based *byte* column, a tab is one column), automatic
//! semicolon insertion, comments, every operator and keyword, and literals already
//! evaluated (integers to `u128`, floats to `f64`, runes to code points, strings to bytes).
//! Lexical errors are recorded with Go's wording (`newline in string`, `invalid character
//! U+0040 '@'`, `invalid UTF-8 encoding`, ...) and scanning goes on, as Go's scanner does;
//! the parser decides which error is reported first.
//!
//! The *other* Go scanner (`go/scanner`), which `go build` runs over the package clause
//! and imports before the compiler sees the file, is modelled in `header`, with this
//! module's character classes and UTF-8 decoding.
//!
//! The lexer must never panic, index out of bounds, or loop forever on any input: arbitrary
//! bytes (not UTF-8, NUL, binary garbage, the empty file) are all valid inputs. It must never
//! allocate more than a small multiple of the input size, and it does not build syntax.

use super::ast::{CompileError, Pos};

/// Token kinds, mirroring Go's `syntax` package (operators are grouped; see [`Op`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Eof,
    Name,
    Literal,
    /// A binary or unary operator other than `*` (see `Token::op`).
    Operator,
    /// `op=`
    AssignOp,
    /// `++` or `--`
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDotDot,
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

impl Tok {
    /// Go's `token.String()` (used in messages as `tokstring`, see [`Tok::describe`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Tok::Eof => "EOF",
            Tok::Name => "name",
            Tok::Literal => "literal",
            Tok::Operator => "op",
            Tok::AssignOp => "op=",
            Tok::IncOp => "opop",
            Tok::Assign => "=",
            Tok::Define => ":=",
            Tok::Arrow => "<-",
            Tok::Star => "*",
            Tok::Lparen => "(",
            Tok::Lbrack => "[",
            Tok::Lbrace => "{",
            Tok::Rparen => ")",
            Tok::Rbrack => "]",
            Tok::Rbrace => "}",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::DotDotDot => "...",
            Tok::Break => "break",
            Tok::Case => "case",
            Tok::Chan => "chan",
            Tok::Const => "const",
            Tok::Continue => "continue",
            Tok::Default => "default",
            Tok::Defer => "defer",
            Tok::Else => "else",
            Tok::Fallthrough => "fallthrough",
            Tok::For => "for",
            Tok::Func => "func",
            Tok::Go => "go",
            Tok::Goto => "goto",
            Tok::If => "if",
            Tok::Import => "import",
            Tok::Interface => "interface",
            Tok::Map => "map",
            Tok::Package => "package",
            Tok::Range => "range",
            Tok::Return => "return",
            Tok::Select => "select",
            Tok::Struct => "struct",
            Tok::Switch => "switch",
            Tok::Type => "type",
            Tok::Var => "var",
        }
    }

    /// Go's `tokstring`: the English word for `,` and `;` in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Tok::Comma => "comma",
            Tok::Semi => "semicolon or newline",
            t => t.as_str(),
        }
    }
}

const KEYWORDS: [(&str, Tok); 25] = [
    ("break", Tok::Break),
    ("case", Tok::Case),
    ("chan", Tok::Chan),
    ("const", Tok::Const),
    ("continue", Tok::Continue),
    ("default", Tok::Default),
    ("defer", Tok::Defer),
    ("else", Tok::Else),
    ("fallthrough", Tok::Fallthrough),
    ("for", Tok::For),
    ("func", Tok::Func),
    ("go", Tok::Go),
    ("goto", Tok::Goto),
    ("if", Tok::If),
    ("import", Tok::Import),
    ("interface", Tok::Interface),
    ("map", Tok::Map),
    ("package", Tok::Package),
    ("range", Tok::Range),
    ("return", Tok::Return),
    ("select", Tok::Select),
    ("struct", Tok::Struct),
    ("switch", Tok::Switch),
    ("type", Tok::Type),
    ("var", Tok::Var),
];

pub(super) fn keyword(lit: &[u8]) -> Option<Tok> {
    KEYWORDS.iter().find(|(k, _)| k.as_bytes() == lit).map(|&(_, t)| t)
}

/// Operators carried by `Operator`, `Star`, `AssignOp` and `IncOp` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    None,
    Not,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::None => "",
            Op::Not => "!",
            Op::Tilde => "~",
            Op::OrOr => "||",
            Op::AndAnd => "&&",
            Op::Eql => "==",
            Op::Neq => "!=",
            Op::Lss => "<",
            Op::Leq => "<=",
            Op::Gtr => ">",
            Op::Geq => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Or => "|",
            Op::Xor => "^",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
            Op::And => "&",
            Op::AndNot => "&^",
            Op::Shl => "<<",
            Op::Shr => ">>",
        }
    }
}

/// Binary operator precedences, as in Go.
pub const PREC_OROR: u8 = 1;
pub const PREC_ANDAND: u8 = 2;
pub const PREC_CMP: u8 = 3;
pub const PREC_ADD: u8 = 4;
pub const PREC_MUL: u8 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// The evaluated value of a literal token (`None` for imaginary or malformed literals).
#[derive(Clone, Debug, PartialEq)]
pub enum LitValue {
    None,
    Int(u128),
    Float(f64),
    Rune(u32),
    Str(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// `Name`: the identifier; `Literal`: the source text; `Semi`: `semicolon`, `newline`
    /// or `EOF` (how Go names it in messages). Empty otherwise.
    pub lit: String,
    /// Valid if `tok == Literal`.
    pub kind: LitKind,
    /// Valid if `tok == Literal`.
    pub value: LitValue,
    /// Valid if `tok == Literal`: a lexical error was reported inside the literal.
    pub bad: bool,
    /// Valid if `tok` is `Operator`, `Star`, `AssignOp` or `IncOp`.
    pub op: Op,
    /// Valid with `op`: the binary precedence (0 for unary-only operators).
    pub prec: u8,
}

impl Token {
    fn new(tok: Tok, pos: Pos) -> Self {
        Token {
            tok,
            pos,
            lit: String::new(),
            kind: LitKind::Int,
            value: LitValue::None,
            bad: false,
            op: Op::None,
            prec: 0,
        }
    }
}

pub(super) const EOF_CH: i32 = -1;
pub(super) const RUNE_ERROR: i32 = 0xFFFD;
pub(super) const BOM: i32 = 0xFEFF;

/// Decode one UTF-8 sequence like Go's `utf8.DecodeRune`: `(RuneError, 1)` when invalid.
/// `s` must be non-empty.
pub(super) fn decode_rune(s: &[u8]) -> (i32, usize) {
    let end = s.len().min(4);
    let chunk = &s[..end];
    let valid = match std::str::from_utf8(chunk) {
        Ok(v) => v,
        Err(e) => {
            let upto = e.valid_up_to();
            // `upto` is a char boundary, so this cannot fail
            std::str::from_utf8(&chunk[..upto]).unwrap_or("")
        }
    };
    match valid.chars().next() {
        Some(c) => (c as i32, c.len_utf8()),
        None => (RUNE_ERROR, 1),
    }
}

/// Append the UTF-8 encoding of `r` (Go's `utf8.AppendRune`: invalid runes become U+FFFD).
pub fn push_utf8(out: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

pub(super) fn is_letter(ch: i32) -> bool {
    let l = ch | 0x20;
    (i32::from(b'a')..=i32::from(b'z')).contains(&l) || ch == i32::from(b'_')
}

pub(super) fn is_decimal(ch: i32) -> bool {
    (i32::from(b'0')..=i32::from(b'9')).contains(&ch)
}

pub(super) fn is_hex(ch: i32) -> bool {
    let l = ch | 0x20;
    is_decimal(ch) || (i32::from(b'a')..=i32::from(b'f')).contains(&l)
}

pub(super) fn lower(ch: i32) -> i32 {
    ch | 0x20
}

fn to_char(ch: i32) -> Option<char> {
    u32::try_from(ch).ok().and_then(char::from_u32)
}

/// Approximation of Go's `unicode.IsLetter` for non-ASCII code points.
pub fn unicode_is_letter(ch: i32) -> bool {
    match to_char(ch) {
        Some(c) => c.is_alphabetic() && !c.is_numeric(),
        None => false,
    }
}

/// Approximation of Go's `unicode.IsDigit` for non-ASCII code points.
pub fn unicode_is_digit(ch: i32) -> bool {
    match to_char(ch) {
        Some(c) => c.is_numeric() && !c.is_alphabetic(),
        None => false,
    }
}

/// Approximation of Go's `strconv.IsPrint`.
pub fn is_print(r: i32) -> bool {
    if r < 0x20 {
        return false;
    }
    if r < 0x7f {
        return true;
    }
    if r < 0xa0 || r == 0xad {
        return false;
    }
    let c = match to_char(r) {
        Some(c) => c,
        None => return false,
    };
    if c.is_whitespace() || c.is_control() {
        return false;
    }
    let format = [
        (0x600, 0x605),
        (0x61c, 0x61c),
        (0x6dd, 0x6dd),
        (0x70f, 0x70f),
        (0x180e, 0x180e),
        (0x200b, 0x200f),
        (0x2028, 0x202e),
        (0x2060, 0x206f),
        (0xd800, 0xf8ff),
        (0xfdd0, 0xfdef),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0xfffe, 0xffff),
        (0x110bd, 0x110bd),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe007f),
        (0xf0000, 0x10ffff),
    ];
    if format.iter().any(|&(lo, hi)| (lo..=hi).contains(&r)) {
        return false;
    }
    (r & 0xfffe) != 0xfffe
}

/// Go's `%#U`: `U+0040 '@'` (the character only if printable).
pub fn fmt_sharp_u(r: i32) -> String {
    let mut s = format!("U+{:04X}", r.max(0));
    if is_print(r) {
        if let Some(c) = to_char(r) {
            s.push_str(&format!(" '{}'", c));
        }
    }
    s
}

/// Go's `%q` applied to a rune: `'x'`, `'\n'`, `'\x00'`, `'\u00a0'`.
pub fn quote_rune(r: i32) -> String {
    let r = if to_char(r).is_none() { RUNE_ERROR } else { r };
    let body = match r {
        0x07 => "\\a".to_string(),
        0x08 => "\\b".to_string(),
        0x0c => "\\f".to_string(),
        0x0a => "\\n".to_string(),
        0x0d => "\\r".to_string(),
        0x09 => "\\t".to_string(),
        0x0b => "\\v".to_string(),
        0x5c => "\\\\".to_string(),
        0x27 => "\\'".to_string(),
        _ if is_print(r) => to_char(r).map(String::from).unwrap_or_default(),
        _ if r < 0x20 || r == 0x7f => format!("\\x{:02x}", r),
        _ if r < 0x10000 => format!("\\u{:04x}", r),
        _ => format!("\\U{:08x}", r),
    };
    format!("'{}'", body)
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// Index of the first misplaced `_` in a number literal, as Go's `invalidSep`.
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1] | 0x20;
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

/// The syntax-package scanner. Call [`Lexer::next_token`] repeatedly; after `Eof` it keeps
/// returning `Eof`.
pub struct Lexer<'a> {
    src: &'a [u8],
    /// Index of the byte after the current character.
    r: usize,
    /// Current character; `-1` at EOF.
    ch: i32,
    chw: usize,
    /// 0-based position of `ch`.
    line: u32,
    col: u32,
    /// Start of the active segment.
    b: usize,
    nlsemi: bool,
    /// Position of the current token.
    tline: u32,
    tcol: u32,
    first_error: Option<CompileError>,
    error_count: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        let mut lx = Lexer {
            src,
            r: 0,
            ch: i32::from(b' '),
            chw: 0,
            line: 0,
            col: 0,
            b: 0,
            nlsemi: false,
            tline: 1,
            tcol: 1,
            first_error: None,
            error_count: 0,
        };
        lx.nextch();
        lx
    }

    /// The earliest (by position) lexical error reported so far.
    pub fn first_error(&self) -> Option<&CompileError> {
        self.first_error.as_ref()
    }

    /// Number of lexical errors reported so far.
    pub fn error_count(&self) -> usize {
        self.error_count
    }

    fn error_at(&mut self, line: u32, col: u32, msg: String) {
        self.error_count += 1;
        let pos = Pos { line, col };
        let earlier = match &self.first_error {
            None => true,
            Some(e) => pos < e.pos,
        };
        if earlier {
            self.first_error = Some(CompileError::new(pos, msg));
        }
    }

    /// Error at the current character.
    fn error(&mut self, msg: impl Into<String>) {
        let (l, c) = (self.line + 1, self.col + 1);
        self.error_at(l, c, msg.into());
    }

    /// Error at a byte offset from the current token's start.
    fn error_at_offset(&mut self, offset: usize, msg: impl Into<String>) {
        let col = self.tcol.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
        self.error_at(self.tline, col, msg.into());
    }

    fn nextch(&mut self) {
        loop {
            self.col = self.col.saturating_add(self.chw as u32);
            if self.ch == i32::from(b'\n') {
                self.line = self.line.saturating_add(1);
                self.col = 0;
            }
            let Some(&b) = self.src.get(self.r) else {
                self.ch = EOF_CH;
                self.chw = 0;
                return;
            };
            if b < 0x80 {
                self.r += 1;
                self.chw = 1;
                self.ch = i32::from(b);
                if b == 0 {
                    self.error("invalid NUL character");
                    continue;
                }
                return;
            }
            let (c, w) = decode_rune(&self.src[self.r..]);
            self.r += w;
            self.chw = w;
            self.ch = c;
            if c == RUNE_ERROR && w == 1 {
                self.error("invalid UTF-8 encoding");
                continue;
            }
            if c == BOM {
                if self.line > 0 || self.col > 0 {
                    self.error("invalid BOM in the middle of the file");
                }
                continue;
            }
            return;
        }
    }

    fn start(&mut self) {
        self.b = self.r - self.chw;
    }

    fn segment(&self) -> &'a [u8] {
        let end = self.r - self.chw;
        self.src.get(self.b..end).unwrap_or(&[])
    }

    fn is(&self, c: u8) -> bool {
        self.ch == i32::from(c)
    }

    /// Scan the next token.
    pub fn next_token(&mut self) -> Token {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;
        loop {
            while self.is(b' ') || self.is(b'\t') || (self.is(b'\n') && !nlsemi) || self.is(b'\r') {
                self.nextch();
            }
            self.tline = self.line + 1;
            self.tcol = self.col + 1;
            let pos = Pos { line: self.tline, col: self.tcol };
            self.start();
            let ch = self.ch;
            if is_letter(ch) || (ch >= 0x80 && self.at_ident_char(true)) {
                self.nextch();
                return self.ident(pos);
            }
            let mut t = Token::new(Tok::Eof, pos);
            if ch == EOF_CH {
                if nlsemi {
                    t.tok = Tok::Semi;
                    t.lit = "EOF".into();
                }
                return t;
            }
            let Ok(c) = u8::try_from(ch) else {
                // non-ASCII characters always start identifiers (see above)
                self.nextch();
                continue;
            };
            let assignop = |lx: &mut Self, mut t: Token, op: Op, prec: u8| {
                t.op = op;
                t.prec = prec;
                if lx.is(b'=') {
                    lx.nextch();
                    t.tok = Tok::AssignOp;
                } else {
                    t.tok = Tok::Operator;
                }
                t
            };
            match c {
                b'\n' => {
                    self.nextch();
                    t.tok = Tok::Semi;
                    t.lit = "newline".into();
                }
                b'0'..=b'9' => return self.number(pos, false),
                b'"' => return self.std_string(pos),
                b'`' => return self.raw_string(pos),
                b'\'' => return self.rune(pos),
                b'(' => {
                    self.nextch();
                    t.tok = Tok::Lparen;
                }
                b'[' => {
                    self.nextch();
                    t.tok = Tok::Lbrack;
                }
                b'{' => {
                    self.nextch();
                    t.tok = Tok::Lbrace;
                }
                b',' => {
                    self.nextch();
                    t.tok = Tok::Comma;
                }
                b';' => {
                    self.nextch();
                    t.tok = Tok::Semi;
                    t.lit = "semicolon".into();
                }
                b')' => {
                    self.nextch();
                    self.nlsemi = true;
                    t.tok = Tok::Rparen;
                }
                b']' => {
                    self.nextch();
                    self.nlsemi = true;
                    t.tok = Tok::Rbrack;
                }
                b'}' => {
                    self.nextch();
                    self.nlsemi = true;
                    t.tok = Tok::Rbrace;
                }
                b':' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        t.tok = Tok::Define;
                    } else {
                        t.tok = Tok::Colon;
                    }
                }
                b'.' => {
                    self.nextch();
                    if is_decimal(self.ch) {
                        return self.number(pos, true);
                    }
                    // `...` needs two more dots; `..` is two separate dots
                    if self.is(b'.') && self.src.get(self.r) == Some(&b'.') {
                        self.nextch();
                        self.nextch();
                        t.tok = Tok::DotDotDot;
                    } else {
                        t.tok = Tok::Dot;
                    }
                }
                b'+' | b'-' => {
                    self.nextch();
                    let op = if c == b'+' { Op::Add } else { Op::Sub };
                    if self.is(c) {
                        self.nextch();
                        self.nlsemi = true;
                        t.tok = Tok::IncOp;
                        t.op = op;
                        t.prec = PREC_ADD;
                    } else {
                        return assignop(self, t, op, PREC_ADD);
                    }
                }
                b'*' => {
                    self.nextch();
                    t.op = Op::Mul;
                    t.prec = PREC_MUL;
                    if self.is(b'=') {
                        self.nextch();
                        t.tok = Tok::AssignOp;
                    } else {
                        t.tok = Tok::Star;
                    }
                }
                b'/' => {
                    self.nextch();
                    if self.is(b'/') {
                        self.nextch();
                        self.line_comment();
                        continue;
                    }
                    if self.is(b'*') {
                        self.nextch();
                        self.full_comment();
                        if self.line + 1 > self.tline && nlsemi {
                            t.tok = Tok::Semi;
                            t.lit = "newline".into();
                            return t;
                        }
                        continue;
                    }
                    return assignop(self, t, Op::Div, PREC_MUL);
                }
                b'%' => {
                    self.nextch();
                    return assignop(self, t, Op::Rem, PREC_MUL);
                }
                b'&' => {
                    self.nextch();
                    if self.is(b'&') {
                        self.nextch();
                        t.op = Op::AndAnd;
                        t.prec = PREC_ANDAND;
                        t.tok = Tok::Operator;
                    } else if self.is(b'^') {
                        self.nextch();
                        return assignop(self, t, Op::AndNot, PREC_MUL);
                    } else {
                        return assignop(self, t, Op::And, PREC_MUL);
                    }
                }
                b'|' => {
                    self.nextch();
                    if self.is(b'|') {
                        self.nextch();
                        t.op = Op::OrOr;
                        t.prec = PREC_OROR;
                        t.tok = Tok::Operator;
                    } else {
                        return assignop(self, t, Op::Or, PREC_ADD);
                    }
                }
                b'^' => {
                    self.nextch();
                    return assignop(self, t, Op::Xor, PREC_ADD);
                }
                b'<' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        t.op = Op::Leq;
                        t.prec = PREC_CMP;
                        t.tok = Tok::Operator;
                    } else if self.is(b'<') {
                        self.nextch();
                        return assignop(self, t, Op::Shl, PREC_MUL);
                    } else if self.is(b'-') {
                        self.nextch();
                        t.tok = Tok::Arrow;
                    } else {
                        t.op = Op::Lss;
                        t.prec = PREC_CMP;
                        t.tok = Tok::Operator;
                    }
                }
                b'>' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        t.op = Op::Geq;
                        t.prec = PREC_CMP;
                        t.tok = Tok::Operator;
                    } else if self.is(b'>') {
                        self.nextch();
                        return assignop(self, t, Op::Shr, PREC_MUL);
                    } else {
                        t.op = Op::Gtr;
                        t.prec = PREC_CMP;
                        t.tok = Tok::Operator;
                    }
                }
                b'=' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        t.op = Op::Eql;
                        t.prec = PREC_CMP;
                        t.tok = Tok::Operator;
                    } else {
                        t.tok = Tok::Assign;
                    }
                }
                b'!' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        t.op = Op::Neq;
                        t.prec = PREC_CMP;
                    } else {
                        t.op = Op::Not;
                        t.prec = 0;
                    }
                    t.tok = Tok::Operator;
                }
                b'~' => {
                    self.nextch();
                    t.op = Op::Tilde;
                    t.prec = 0;
                    t.tok = Tok::Operator;
                }
                _ => {
                    self.error(format!("invalid character {}", fmt_sharp_u(ch)));
                    self.nextch();
                    continue;
                }
            }
            return t;
        }
    }

    fn ident(&mut self, pos: Pos) -> Token {
        while is_letter(self.ch) || is_decimal(self.ch) {
            self.nextch();
        }
        if self.ch >= 0x80 {
            while self.at_ident_char(false) {
                self.nextch();
            }
        }
        let lit = self.segment();
        if lit.len() >= 2 {
            if let Some(tok) = keyword(lit) {
                self.nlsemi = matches!(tok, Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return);
                return Token::new(tok, pos);
            }
        }
        self.nlsemi = true;
        let mut t = Token::new(Tok::Name, pos);
        t.lit = String::from_utf8_lossy(lit).into_owned();
        t
    }

    fn at_ident_char(&mut self, first: bool) -> bool {
        let ch = self.ch;
        if is_letter(ch) || (ch >= 0x80 && unicode_is_letter(ch)) {
            // ok
        } else if is_decimal(ch) || (ch >= 0x80 && unicode_is_digit(ch)) {
            if first {
                self.error(format!("identifier cannot begin with digit {}", fmt_sharp_u(ch)));
            }
        } else if ch >= 0x80 {
            self.error(format!("invalid character {} in identifier", fmt_sharp_u(ch)));
        } else {
            return false;
        }
        true
    }

    /// Accepts `{ digit | '_' }`; returns bit 0 = digits seen, bit 1 = `_` seen.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u32 {
        let mut digsep = 0;
        if base <= 10 {
            let max = i32::from(b'0') + base as i32;
            while is_decimal(self.ch) || self.is(b'_') {
                let mut ds = 1;
                if self.is(b'_') {
                    ds = 2;
                } else if self.ch >= max && invalid.is_none() {
                    *invalid = Some((self.col + 1).saturating_sub(self.tcol) as usize);
                }
                digsep |= ds;
                self.nextch();
            }
        } else {
            while is_hex(self.ch) || self.is(b'_') {
                digsep |= if self.is(b'_') { 2 } else { 1 };
                self.nextch();
            }
        }
        digsep
    }

    fn number(&mut self, pos: Pos, mut seen_point: bool) -> Token {
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10u32;
        let mut prefix = 0u8; // 0 (decimal), b'0' (legacy octal), b'x', b'o', b'b'
        let mut digsep = 0u32;
        let mut invalid: Option<usize> = None;

        if !seen_point {
            if self.is(b'0') {
                self.nextch();
                match lower(self.ch) {
                    0x78 => {
                        self.nextch();
                        base = 16;
                        prefix = b'x';
                    }
                    0x6f => {
                        self.nextch();
                        base = 8;
                        prefix = b'o';
                    }
                    0x62 => {
                        self.nextch();
                        base = 2;
                        prefix = b'b';
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        digsep = 1;
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.is(b'.') {
                if prefix == b'o' || prefix == b'b' {
                    self.error(format!("invalid radix point in {} literal", base_name(base)));
                    ok = false;
                }
                self.nextch();
                seen_point = true;
            }
        }
        if seen_point {
            kind = LitKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            self.error(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }
        let e = lower(self.ch);
        if e == i32::from(b'e') || e == i32::from(b'p') {
            if ok {
                if e == i32::from(b'e') && prefix != 0 && prefix != b'0' {
                    self.error(format!("{} exponent requires decimal mantissa", quote_rune(self.ch)));
                    ok = false;
                } else if e == i32::from(b'p') && prefix != b'x' {
                    self.error(format!("{} exponent requires hexadecimal mantissa", quote_rune(self.ch)));
                    ok = false;
                }
            }
            self.nextch();
            kind = LitKind::Float;
            if self.is(b'+') || self.is(b'-') {
                self.nextch();
            }
            let mut none = None;
            digsep = self.digits(10, &mut none) | (digsep & 2);
            if digsep & 1 == 0 && ok {
                self.error("exponent has no digits");
                ok = false;
            }
        } else if prefix == b'x' && kind == LitKind::Float && ok {
            self.error("hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }
        if self.is(b'i') {
            kind = LitKind::Imag;
            self.nextch();
        }
        let lit = self.segment();
        if kind == LitKind::Int && ok {
            if let Some(i) = invalid {
                let d = lit.get(i).copied().unwrap_or(b'?');
                self.error_at_offset(
                    i,
                    format!("invalid digit {} in {} literal", quote_rune(i32::from(d)), base_name(base)),
                );
                ok = false;
            }
        }
        if digsep & 2 != 0 && ok {
            if let Some(i) = invalid_sep(lit) {
                self.error_at_offset(i, "'_' must separate successive digits");
                ok = false;
            }
        }
        let mut t = self.lit_token(pos, kind, ok);
        if ok {
            let clean: Vec<u8> = lit.iter().copied().filter(|&c| c != b'_').collect();
            match kind {
                LitKind::Int => {
                    let digits = match prefix {
                        b'x' | b'o' | b'b' => clean.get(2..).unwrap_or(&[]),
                        _ => &clean[..],
                    };
                    match parse_uint(digits, base) {
                        Some(v) => t.value = LitValue::Int(v),
                        None => {
                            self.error_at(pos.line, pos.col, "unsupported: integer literal exceeds 128 bits".into());
                            t.bad = true;
                        }
                    }
                }
                LitKind::Float => {
                    let v = if prefix == b'x' {
                        parse_hex_float(clean.get(2..).unwrap_or(&[]))
                    } else {
                        let s = String::from_utf8_lossy(&clean);
                        s.parse::<f64>().unwrap_or(f64::INFINITY)
                    };
                    t.value = LitValue::Float(v);
                }
                _ => {}
            }
        }
        t
    }

    fn lit_token(&mut self, pos: Pos, kind: LitKind, ok: bool) -> Token {
        self.nlsemi = true;
        let mut t = Token::new(Tok::Literal, pos);
        t.lit = String::from_utf8_lossy(self.segment()).into_owned();
        t.kind = kind;
        t.bad = !ok;
        t
    }

    fn rune(&mut self, pos: Pos) -> Token {
        let mut ok = true;
        self.nextch();
        let mut n = 0;
        loop {
            if self.is(b'\'') {
                if ok {
                    if n == 0 {
                        self.error("empty rune literal or unescaped '");
                        ok = false;
                    } else if n != 1 {
                        self.error_at_offset(0, "more than one character in rune literal");
                        ok = false;
                    }
                }
                self.nextch();
                break;
            }
            if self.is(b'\\') {
                self.nextch();
                if !self.escape(b'\'') {
                    ok = false;
                }
                n += 1;
                continue;
            }
            if self.is(b'\n') {
                if ok {
                    self.error("newline in rune literal");
                    ok = false;
                }
                break;
            }
            if self.ch < 0 {
                if ok {
                    self.error_at_offset(0, "rune literal not terminated");
                    ok = false;
                }
                break;
            }
            self.nextch();
            n += 1;
        }
        let mut t = self.lit_token(pos, LitKind::Rune, ok);
        if ok {
            let seg = self.segment();
            let inner = seg.get(1..seg.len().saturating_sub(1)).unwrap_or(&[]);
            let mut v = Vec::new();
            let r = decode_escaped(inner, &mut v, true);
            t.value = LitValue::Rune(r.unwrap_or(0));
        }
        t
    }

    fn std_string(&mut self, pos: Pos) -> Token {
        let mut ok = true;
        self.nextch();
        loop {
            if self.is(b'"') {
                self.nextch();
                break;
            }
            if self.is(b'\\') {
                self.nextch();
                if !self.escape(b'"') {
                    ok = false;
                }
                continue;
            }
            if self.is(b'\n') {
                self.error("newline in string");
                ok = false;
                break;
            }
            if self.ch < 0 {
                self.error_at_offset(0, "string not terminated");
                ok = false;
                break;
            }
            self.nextch();
        }
        let mut t = self.lit_token(pos, LitKind::String, ok);
        if ok {
            let seg = self.segment();
            let inner = seg.get(1..seg.len().saturating_sub(1)).unwrap_or(&[]);
            let mut v = Vec::with_capacity(inner.len());
            decode_escaped(inner, &mut v, false);
            t.value = LitValue::Str(v);
        }
        t
    }

    fn raw_string(&mut self, pos: Pos) -> Token {
        let mut ok = true;
        self.nextch();
        loop {
            if self.is(b'`') {
                self.nextch();
                break;
            }
            if self.ch < 0 {
                self.error_at_offset(0, "string not terminated");
                ok = false;
                break;
            }
            self.nextch();
        }
        let mut t = self.lit_token(pos, LitKind::String, ok);
        if ok {
            let seg = self.segment();
            let inner = seg.get(1..seg.len().saturating_sub(1)).unwrap_or(&[]);
            t.value = LitValue::Str(inner.iter().copied().filter(|&c| c != b'\r').collect());
        }
        t
    }

    fn line_comment(&mut self) {
        // don't consume '\n': needed for the semicolon logic
        while self.ch >= 0 && !self.is(b'\n') {
            self.nextch();
        }
    }

    fn full_comment(&mut self) {
        while self.ch >= 0 {
            while self.is(b'*') {
                self.nextch();
                if self.is(b'/') {
                    self.nextch();
                    return;
                }
            }
            if self.ch < 0 {
                break;
            }
            self.nextch();
        }
        self.error_at_offset(0, "comment not terminated");
    }

    /// Checks one escape sequence (the backslash is consumed); reports Go's errors.
    fn escape(&mut self, quote: u8) -> bool {
        let (n, base, max): (u32, u32, u32);
        match u8::try_from(self.ch).unwrap_or(0) {
            c if c == quote && self.ch >= 0 => {
                self.nextch();
                return true;
            }
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.nextch();
                return true;
            }
            b'0'..=b'7' => {
                n = 3;
                base = 8;
                max = 255;
            }
            b'x' => {
                self.nextch();
                n = 2;
                base = 16;
                max = 255;
            }
            b'u' => {
                self.nextch();
                n = 4;
                base = 16;
                max = 0x10FFFF;
            }
            b'U' => {
                self.nextch();
                n = 8;
                base = 16;
                max = 0x10FFFF;
            }
            _ => {
                if self.ch < 0 {
                    return true; // complain in caller about EOF
                }
                self.error("unknown escape");
                return false;
            }
        }
        let mut x: u32 = 0;
        for _ in 0..n {
            if self.ch < 0 {
                return true; // complain in caller about EOF
            }
            let ch = self.ch;
            let d = if is_decimal(ch) {
                (ch - i32::from(b'0')) as u32
            } else if (i32::from(b'a')..=i32::from(b'f')).contains(&lower(ch)) {
                (lower(ch) - i32::from(b'a') + 10) as u32
            } else {
                base
            };
            if d >= base {
                self.error(format!("invalid character {} in {} escape", quote_rune(ch), base_name(base)));
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.nextch();
        }
        if x > max && base == 8 {
            self.error(format!("octal escape value {} > 255", x));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error(format!("escape is invalid Unicode code point {}", fmt_sharp_u(x as i32)));
            return false;
        }
        true
    }
}

/// Parse unsigned digits in `base` into a u128; `None` on overflow or a bad digit.
fn parse_uint(digits: &[u8], base: u32) -> Option<u128> {
    let mut v: u128 = 0;
    for &c in digits {
        let d = char::from(c).to_digit(base)?;
        v = v.checked_mul(u128::from(base))?.checked_add(u128::from(d))?;
    }
    Some(v)
}

/// `2^k` as an f64 for `k` in the normal exponent range.
fn pow2(k: i64) -> f64 {
    let k = k.clamp(-1022, 1023);
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// Exact `q * 2^e` for a `q` with at most 54 significant bits, where the result is known
/// to be representable (or overflows to infinity / is zero).
fn scale2(q: u128, e: i64) -> f64 {
    let mut x = q as f64;
    let mut e = e;
    // at most three steps bring any e in [-1200, 1200] into range
    for _ in 0..4 {
        if e == 0 {
            break;
        }
        let step = e.clamp(-1000, 1000);
        x *= pow2(step);
        e -= step;
    }
    x
}

/// Correctly rounded value of the hexadecimal float mantissa+exponent `digits` (after `0x`,
/// separators removed), e.g. `1.8p3`.
fn parse_hex_float(digits: &[u8]) -> f64 {
    let mut mant: u128 = 0;
    let mut exp2: i64 = 0;
    let mut sticky = false;
    let mut seen_point = false;
    let mut i = 0;
    while i < digits.len() {
        let c = digits[i];
        if c == b'.' {
            seen_point = true;
            i += 1;
            continue;
        }
        let Some(d) = char::from(c).to_digit(16) else { break };
        if mant >> 120 == 0 {
            mant = mant * 16 + u128::from(d);
            if seen_point {
                exp2 -= 4;
            }
        } else {
            if d != 0 {
                sticky = true;
            }
            if !seen_point {
                exp2 += 4;
            }
        }
        i += 1;
    }
    // exponent
    if i < digits.len() && (digits[i] | 0x20) == b'p' {
        i += 1;
        let mut neg = false;
        if i < digits.len() && (digits[i] == b'+' || digits[i] == b'-') {
            neg = digits[i] == b'-';
            i += 1;
        }
        let mut e: i64 = 0;
        while i < digits.len() && digits[i].is_ascii_digit() {
            e = (e * 10 + i64::from(digits[i] - b'0')).min(1_000_000);
            i += 1;
        }
        exp2 += if neg { -e } else { e };
    }
    if mant == 0 {
        return 0.0;
    }
    let nbits = i64::from(128 - mant.leading_zeros());
    let top = exp2 + nbits - 1; // exponent of the leading bit
    if top > 1023 {
        return f64::INFINITY;
    }
    let keep: i64 = if top < -1022 { 53 - (-1022 - top) } else { 53 };
    if keep < 0 {
        return 0.0;
    }
    let shift = nbits - keep;
    if shift <= 0 {
        return scale2(mant, exp2);
    }
    let sh = shift as u32;
    let q = mant.checked_shr(sh).unwrap_or(0);
    let rem = mant & (1u128.checked_shl(sh).map(|v| v - 1).unwrap_or(u128::MAX));
    let half = 1u128 << (sh - 1);
    let up = rem > half || (rem == half && (sticky || q & 1 == 1));
    let q = if up { q + 1 } else { q };
    scale2(q, exp2 + shift)
}

fn hex_val(c: u8) -> u32 {
    char::from(c).to_digit(16).unwrap_or(0)
}

/// Decode the body of a valid interpreted string or rune literal into `out`; returns the
/// value of the first character or escape (the rune value for rune literals).
fn decode_escaped(s: &[u8], out: &mut Vec<u8>, is_rune: bool) -> Option<u32> {
    let mut first: Option<u32> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let val: u32;
        if c == b'\\' && i + 1 < s.len() {
            let e = s[i + 1];
            i += 2;
            let simple = match e {
                b'a' => Some(7u8),
                b'b' => Some(8),
                b'f' => Some(12),
                b'n' => Some(10),
                b'r' => Some(13),
                b't' => Some(9),
                b'v' => Some(11),
                b'\\' => Some(b'\\'),
                b'\'' => Some(b'\''),
                b'"' => Some(b'"'),
                _ => None,
            };
            if let Some(b) = simple {
                out.push(b);
                val = u32::from(b);
            } else {
                let (n, base) = match e {
                    b'x' => (2, 16),
                    b'u' => (4, 16),
                    b'U' => (8, 16),
                    _ => {
                        i -= 1; // octal: the first digit is part of the value
                        (3, 8)
                    }
                };
                let mut x: u32 = 0;
                for _ in 0..n {
                    let d = s.get(i).copied().unwrap_or(b'0');
                    x = x.wrapping_mul(base).wrapping_add(hex_val(d));
                    i += 1;
                }
                if e == b'u' || e == b'U' {
                    push_utf8(out, x);
                } else {
                    out.push(x as u8);
                }
                val = x;
            }
        } else if c < 0x80 {
            out.push(c);
            val = u32::from(c);
            i += 1;
        } else {
            let (r, w) = decode_rune(&s[i..]);
            out.extend_from_slice(&s[i..(i + w).min(s.len())]);
            val = r as u32;
            i += w;
        }
        if first.is_none() {
            first = Some(val);
            if is_rune {
                break;
            }
        }
    }
    first
}

/// Scan a whole source into tokens (up to and including the first `Eof`), returning the
/// earliest lexical error. Intended for tests and tools.
pub fn tokenize(src: &[u8]) -> (Vec<Token>, Option<CompileError>) {
    let mut lx = Lexer::new(src);
    let mut out = Vec::new();
    loop {
        let t = lx.next_token();
        let eof = t.tok == Tok::Eof;
        out.push(t);
        if eof {
            break;
        }
    }
    (out, lx.first_error().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src.as_bytes()).0.into_iter().map(|t| t.tok).collect()
    }

    fn lit(src: &str) -> LitValue {
        let (t, e) = tokenize(src.as_bytes());
        assert!(e.is_none(), "{:?}", e);
        t[0].value.clone()
    }

    fn err(src: &str) -> String {
        errb(src.as_bytes())
    }

    fn errb(src: &[u8]) -> String {
        let (_, e) = tokenize(src);
        match e {
            Some(e) => format!("{}:{}: {}", e.pos.line, e.pos.col, e.message),
            None => "ok".into(),
        }
    }

    #[test]
    fn semicolons() {
        use Tok::*;
        assert_eq!(toks("x\ny"), vec![Name, Semi, Name, Semi, Eof]);
        assert_eq!(toks("return\n"), vec![Return, Semi, Eof]);
        assert_eq!(toks("x /* a\nb */ y"), vec![Name, Semi, Name, Semi, Eof]);
        assert_eq!(toks("x /* ab */ y"), vec![Name, Name, Semi, Eof]);
        assert_eq!(toks("f(\n)"), vec![Name, Lparen, Rparen, Semi, Eof]);
        assert_eq!(toks("a.. ..."), vec![Name, Dot, Dot, DotDotDot, Eof]);
        assert_eq!(toks(""), vec![Eof]);
    }

    #[test]
    fn literals() {
        assert_eq!(lit("0x_1F"), LitValue::Int(31));
        assert_eq!(lit("0o17"), LitValue::Int(15));
        assert_eq!(lit("0777"), LitValue::Int(511));
        assert_eq!(lit("0b1010"), LitValue::Int(10));
        assert_eq!(lit("1_000_000"), LitValue::Int(1_000_000));
        assert_eq!(lit("0"), LitValue::Int(0));
        assert_eq!(lit("340282366920938463463374607431768211455"), LitValue::Int(u128::MAX));
        assert_eq!(lit("1.5e3"), LitValue::Float(1500.0));
        assert_eq!(lit(".25"), LitValue::Float(0.25));
        assert_eq!(lit("1."), LitValue::Float(1.0));
        assert_eq!(lit("0778.5"), LitValue::Float(778.5));
        assert_eq!(lit("0x1.8p3"), LitValue::Float(12.0));
        assert_eq!(lit("0x1p-2"), LitValue::Float(0.25));
        assert_eq!(lit("0x.8p1"), LitValue::Float(1.0));
        assert_eq!(lit("0x1p-1074"), LitValue::Float(f64::from_bits(1)));
        assert_eq!(lit("0x1p-1075"), LitValue::Float(0.0));
        assert_eq!(lit("0x1.8p-1075"), LitValue::Float(f64::from_bits(1)));
        assert_eq!(lit("0x1fffffffffffffp0"), LitValue::Float(9007199254740991.0));
        assert_eq!(lit("0x20000000000001p0"), LitValue::Float(9007199254740992.0));
        assert_eq!(lit("0x20000000000003p0"), LitValue::Float(9007199254740996.0));
        assert_eq!(lit("0x1p1024"), LitValue::Float(f64::INFINITY));
        assert_eq!(lit("'a'"), LitValue::Rune(97));
        assert_eq!(lit("'\\n'"), LitValue::Rune(10));
        assert_eq!(lit("'\\377'"), LitValue::Rune(255));
        assert_eq!(lit("'\\xff'"), LitValue::Rune(255));
        assert_eq!(lit("'\\u00e9'"), LitValue::Rune(0xe9));
        assert_eq!(lit("'é'"), LitValue::Rune(0xe9));
        assert_eq!(lit("'\\''"), LitValue::Rune(39));
        assert_eq!(
            lit(r#""a\tb\x41\101\u00e9\U0001F600\\\"""#),
            LitValue::Str(b"a\tbAA\xc3\xa9\xf0\x9f\x98\x80\\\"".to_vec())
        );
        assert_eq!(lit("\"\\a\\b\\f\\v\\r\""), LitValue::Str(vec![7, 8, 12, 11, 13]));
        assert_eq!(lit("`a\\n\r\nb`"), LitValue::Str(b"a\\n\nb".to_vec()));
        assert_eq!(lit("\"\""), LitValue::Str(vec![]));
    }

    #[test]
    fn errors() {
        assert_eq!(err("x := @"), "1:6: invalid character U+0040 '@'");
        assert_eq!(err("\"abc\n"), "1:5: newline in string");
        assert_eq!(err("\"abc"), "1:1: string not terminated");
        assert_eq!(err("'ab'"), "1:1: more than one character in rune literal");
        assert_eq!(err("''"), "1:2: empty rune literal or unescaped '");
        assert_eq!(err("'a"), "1:1: rune literal not terminated");
        assert_eq!(err("x\u{1}"), "1:2: invalid character U+0001");
        assert_eq!(err("a\x00b"), "1:2: invalid NUL character");
        assert_eq!(err("\"\\q\""), "1:3: unknown escape");
        assert_eq!(err("\"\\xZZ\""), "1:4: invalid character 'Z' in hexadecimal escape");
        assert_eq!(err("\"\\400\""), "1:6: octal escape value 256 > 255");
        assert_eq!(err("\"\\uD800\""), "1:8: escape is invalid Unicode code point U+D800");
        assert_eq!(err("0x"), "1:3: hexadecimal literal has no digits");
        assert_eq!(err("0b102"), "1:5: invalid digit '2' in binary literal");
        assert_eq!(err("0o1.2"), "1:4: invalid radix point in octal literal");
        assert_eq!(err("1__0"), "1:3: '_' must separate successive digits");
        assert_eq!(err("0x1.5"), "1:6: hexadecimal mantissa requires a 'p' exponent");
        assert_eq!(err("1e"), "1:3: exponent has no digits");
        assert_eq!(err("09"), "1:2: invalid digit '9' in octal literal");
        assert_eq!(err("/* abc"), "1:1: comment not terminated");
        assert_eq!(err("x \u{b7}"), "1:3: invalid character U+00B7 '·' in identifier");
        assert_eq!(err("a \u{feff}"), "1:3: invalid BOM in the middle of the file");
        assert_eq!(err("\u{feff}a"), "ok");
        assert_eq!(err("a \u{ff}"), "ok");
        assert_eq!(errb(b"a \x80"), "1:3: invalid UTF-8 encoding");
    }
}
