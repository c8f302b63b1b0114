//! The file header as `go build` checks it before the compiler runs: `go/build`'s import
//! reader finds the package clause and imports, and `go/parser` (ImportsOnly) parses them,
//! scanning with `go/scanner`. Errors found there are printed with those packages'
//! wording (`expected 'package', found 'EOF'`, `illegal character`, `string literal not
//! terminated`), not the compiler's, so a file with a broken header gets Go's message.
//!
//! This module owns those three models ([`header_check`] is the entry); the compiler's
//! own scanner is `lexer`, whose character classes, UTF-8 decoding and escape values it
//! shares. Like the lexer it must never panic, index out of bounds or loop on any input.

use super::ast::{CompileError, Pos};
use super::lexer::{
    decode_rune, fmt_sharp_u, is_decimal, is_hex, is_letter, keyword, lower, unicode_is_digit, unicode_is_letter,
    LitValue, Tok, Token, BOM, EOF_CH, RUNE_ERROR,
};

// ---------------------------------------------------------------------------------------
// go/scanner

/// Token classes of `go/scanner` that the header check distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HTok {
    Eof,
    Package,
    Import,
    Ident,
    /// A string literal (interpreted or raw).
    Str,
    /// Any other literal (int, float, imaginary, char).
    OtherLit,
    Semi,
    Lparen,
    Rparen,
    Rbrace,
    Period,
    Comma,
    Comment,
    /// Every other keyword, operator or delimiter.
    Other,
}

/// One `go/scanner` token: its class, byte offset, and Go's description of it in
/// `expected X, found Y` messages.
#[derive(Clone, Debug, PartialEq)]
pub struct HToken {
    pub tok: HTok,
    pub offset: usize,
    /// The literal text (identifiers and literals).
    pub lit: String,
    /// How `go/parser` names the token after `found `.
    pub found: String,
}

/// A model of `go/scanner` (with comments scanned, as `go/build` runs it) over the header
/// bytes. Errors are collected with byte offsets.
pub struct HeaderScanner<'a> {
    src: &'a [u8],
    ch: i32,
    offset: usize,
    rd: usize,
    insert_semi: bool,
    /// Reported errors: (offset, message), in report order.
    pub errors: Vec<(usize, String)>,
}

impl<'a> HeaderScanner<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        let mut s =
            HeaderScanner { src, ch: i32::from(b' '), offset: 0, rd: 0, insert_semi: false, errors: Vec::new() };
        s.next();
        if s.ch == BOM {
            s.next();
        }
        s
    }

    fn error(&mut self, offs: usize, msg: impl Into<String>) {
        self.errors.push((offs, msg.into()));
    }

    fn next(&mut self) {
        if self.rd < self.src.len() {
            self.offset = self.rd;
            let mut r = i32::from(self.src[self.rd]);
            let mut w = 1;
            if r == 0 {
                self.error(self.offset, "illegal character NUL");
            } else if r >= 0x80 {
                let (c, cw) = decode_rune(&self.src[self.rd..]);
                r = c;
                w = cw;
                if r == RUNE_ERROR && w == 1 {
                    self.error(self.offset, "illegal UTF-8 encoding");
                } else if r == BOM && self.offset > 0 {
                    self.error(self.offset, "illegal byte order mark");
                }
            }
            self.rd += w;
            self.ch = r;
        } else {
            self.offset = self.src.len();
            self.ch = EOF_CH;
        }
    }

    fn peek(&self) -> u8 {
        self.src.get(self.rd).copied().unwrap_or(0)
    }

    fn is(&self, c: u8) -> bool {
        self.ch == i32::from(c)
    }

    fn text(&self, from: usize) -> String {
        String::from_utf8_lossy(self.src.get(from..self.offset).unwrap_or(&[])).into_owned()
    }

    fn is_letter(ch: i32) -> bool {
        is_letter(ch) || (ch >= 0x80 && unicode_is_letter(ch))
    }

    fn is_digit(ch: i32) -> bool {
        is_decimal(ch) || (ch >= 0x80 && unicode_is_digit(ch))
    }

    /// Whether a newline or EOF follows before the next non-comment token (the initial
    /// `/` of a comment is consumed). Restores the scanner state.
    fn find_line_end(&mut self) -> bool {
        let saved = (self.ch, self.offset, self.rd);
        let nerr = self.errors.len();
        let mut result = false;
        'outer: while self.is(b'/') || self.is(b'*') {
            if self.is(b'/') {
                result = true;
                break;
            }
            self.next();
            while self.ch >= 0 {
                let ch = self.ch;
                if ch == i32::from(b'\n') {
                    result = true;
                    break 'outer;
                }
                self.next();
                if ch == i32::from(b'*') && self.is(b'/') {
                    self.next();
                    break;
                }
            }
            self.skip_whitespace();
            if self.ch < 0 || self.is(b'\n') {
                result = true;
                break;
            }
            if !self.is(b'/') {
                break;
            }
            self.next();
        }
        self.ch = saved.0;
        self.offset = saved.1;
        self.rd = saved.2;
        self.errors.truncate(nerr);
        result
    }

    fn skip_whitespace(&mut self) {
        while self.is(b' ') || self.is(b'\t') || (self.is(b'\n') && !self.insert_semi) || self.is(b'\r') {
            self.next();
        }
    }

    fn scan_comment(&mut self, offs: usize) {
        // the initial '/' is consumed, ch is '/' or '*'
        if self.is(b'/') {
            self.next();
            while !self.is(b'\n') && self.ch >= 0 {
                self.next();
            }
            return;
        }
        self.next();
        while self.ch >= 0 {
            let ch = self.ch;
            self.next();
            if ch == i32::from(b'*') && self.is(b'/') {
                self.next();
                return;
            }
        }
        self.error(offs, "comment not terminated");
    }

    fn scan_escape(&mut self, quote: u8) -> bool {
        let offs = self.offset;
        let (mut n, base, max): (u32, u32, u32);
        match u8::try_from(self.ch).unwrap_or(0) {
            c if c == quote && self.ch >= 0 => {
                self.next();
                return true;
            }
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.next();
                return true;
            }
            b'0'..=b'7' => {
                n = 3;
                base = 8;
                max = 255;
            }
            b'x' => {
                self.next();
                n = 2;
                base = 16;
                max = 255;
            }
            b'u' => {
                self.next();
                n = 4;
                base = 16;
                max = 0x10FFFF;
            }
            b'U' => {
                self.next();
                n = 8;
                base = 16;
                max = 0x10FFFF;
            }
            _ => {
                let msg = if self.ch < 0 { "escape sequence not terminated" } else { "unknown escape sequence" };
                self.error(offs, msg);
                return false;
            }
        }
        let mut x: u32 = 0;
        while n > 0 {
            let ch = self.ch;
            let d = if is_decimal(ch) {
                (ch - i32::from(b'0')) as u32
            } else if (i32::from(b'a')..=i32::from(b'f')).contains(&lower(ch)) {
                (lower(ch) - i32::from(b'a') + 10) as u32
            } else {
                16
            };
            if d >= base {
                let msg = if ch < 0 {
                    "escape sequence not terminated".to_string()
                } else {
                    format!("illegal character {} in escape sequence", fmt_sharp_u(ch))
                };
                self.error(self.offset, msg);
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.next();
            n -= 1;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error(offs, "escape sequence is invalid Unicode code point");
            return false;
        }
        true
    }

    fn scan_number(&mut self) -> HTok {
        // A loose model: the header only needs the token's extent and class.
        let offs = self.offset;
        let mut is_float = false;
        let hex = self.is(b'0') && (self.peek() | 0x20) == b'x';
        if hex {
            self.next();
            self.next();
        }
        loop {
            let ch = self.ch;
            let l = lower(ch);
            if is_decimal(ch) || ch == i32::from(b'_') || (hex && is_hex(ch)) {
                self.next();
            } else if ch == i32::from(b'.') {
                is_float = true;
                self.next();
            } else if (l == i32::from(b'e') && !hex) || l == i32::from(b'p') {
                is_float = true;
                self.next();
                if self.is(b'+') || self.is(b'-') {
                    self.next();
                }
            } else if !hex && (l == i32::from(b'o') || l == i32::from(b'b')) && self.offset == offs + 1 {
                self.next();
            } else {
                break;
            }
        }
        if self.is(b'i') {
            self.next();
            return HTok::OtherLit;
        }
        let _ = is_float;
        HTok::OtherLit
    }

    /// Scan the next token (comments are returned as `Comment` tokens).
    pub fn scan(&mut self) -> HToken {
        self.skip_whitespace();
        let offs = self.offset;
        let mut insert_semi = false;
        let ch = self.ch;
        let mk = |tok: HTok, lit: String, found: String| HToken { tok, offset: offs, lit, found };
        let tok: HToken;
        if Self::is_letter(ch) {
            while Self::is_letter(self.ch) || Self::is_digit(self.ch) {
                self.next();
            }
            let lit = self.text(offs);
            let kw = if lit.len() > 1 { keyword(lit.as_bytes()) } else { None };
            match kw {
                Some(k) => {
                    insert_semi = matches!(k, Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return);
                    let class = match k {
                        Tok::Package => HTok::Package,
                        Tok::Import => HTok::Import,
                        _ => HTok::Other,
                    };
                    tok = mk(class, lit.clone(), format!("'{}'", lit));
                }
                None => {
                    insert_semi = true;
                    tok = mk(HTok::Ident, lit.clone(), lit);
                }
            }
        } else if is_decimal(ch) || (ch == i32::from(b'.') && self.peek().is_ascii_digit()) {
            insert_semi = true;
            let t = self.scan_number();
            let lit = self.text(offs);
            tok = mk(t, lit.clone(), lit);
        } else {
            self.next();
            let c = u8::try_from(ch).ok();
            let simple = |s: &str| (HTok::Other, format!("'{}'", s));
            let (class, found): (HTok, String) = match c {
                None if ch == EOF_CH => {
                    if self.insert_semi {
                        self.insert_semi = false;
                        return mk(HTok::Semi, "\n".into(), "newline".into());
                    }
                    (HTok::Eof, "'EOF'".into())
                }
                Some(b'\n') => {
                    self.insert_semi = false;
                    return mk(HTok::Semi, "\n".into(), "newline".into());
                }
                Some(b'"') => {
                    loop {
                        let ch = self.ch;
                        if ch == i32::from(b'\n') || ch < 0 {
                            self.error(offs, "string literal not terminated");
                            break;
                        }
                        self.next();
                        if ch == i32::from(b'"') {
                            break;
                        }
                        if ch == i32::from(b'\\') {
                            self.scan_escape(b'"');
                        }
                    }
                    let lit = self.text(offs);
                    return self.finish(mk(HTok::Str, lit.clone(), lit), true);
                }
                Some(b'\'') => {
                    let mut valid = true;
                    let mut n = 0;
                    loop {
                        let ch = self.ch;
                        if ch == i32::from(b'\n') || ch < 0 {
                            if valid {
                                self.error(offs, "rune literal not terminated");
                                valid = false;
                            }
                            break;
                        }
                        self.next();
                        if ch == i32::from(b'\'') {
                            break;
                        }
                        n += 1;
                        if ch == i32::from(b'\\') && !self.scan_escape(b'\'') {
                            valid = false;
                        }
                    }
                    if valid && n != 1 {
                        self.error(offs, "illegal rune literal");
                    }
                    let lit = self.text(offs);
                    return self.finish(mk(HTok::OtherLit, lit.clone(), lit), true);
                }
                Some(b'`') => {
                    loop {
                        let ch = self.ch;
                        if ch < 0 {
                            self.error(offs, "raw string literal not terminated");
                            break;
                        }
                        self.next();
                        if ch == i32::from(b'`') {
                            break;
                        }
                    }
                    let lit = self.text(offs);
                    return self.finish(mk(HTok::Str, lit.clone(), lit), true);
                }
                Some(b':') => {
                    if self.is(b'=') {
                        self.next();
                        simple(":=")
                    } else {
                        simple(":")
                    }
                }
                Some(b'.') => {
                    if self.is(b'.') && self.peek() == b'.' {
                        self.next();
                        self.next();
                        simple("...")
                    } else {
                        (HTok::Period, "'.'".into())
                    }
                }
                Some(b',') => (HTok::Comma, "','".into()),
                Some(b';') => return self.finish(mk(HTok::Semi, ";".into(), "';'".into()), false),
                Some(b'(') => (HTok::Lparen, "'('".into()),
                Some(b')') => {
                    insert_semi = true;
                    (HTok::Rparen, "')'".into())
                }
                Some(b'[') => simple("["),
                Some(b']') => {
                    insert_semi = true;
                    simple("]")
                }
                Some(b'{') => simple("{"),
                Some(b'}') => {
                    insert_semi = true;
                    (HTok::Rbrace, "'}'".into())
                }
                Some(b'/') if self.is(b'/') || self.is(b'*') => {
                    if self.insert_semi && self.find_line_end() {
                        // the semicolon stands where the comment starts; rescan the comment
                        self.ch = i32::from(b'/');
                        self.offset = offs;
                        self.rd = offs + 1;
                        self.insert_semi = false;
                        return mk(HTok::Semi, "\n".into(), "newline".into());
                    }
                    self.scan_comment(offs);
                    let lit = self.text(offs);
                    return self.finish(mk(HTok::Comment, lit, "'COMMENT'".into()), false);
                }
                Some(c) => {
                    let two = |s: &mut Self, a: &str, b: &str| -> (HTok, String) {
                        if s.is(b'=') {
                            s.next();
                            (HTok::Other, format!("'{}'", b))
                        } else {
                            (HTok::Other, format!("'{}'", a))
                        }
                    };
                    match c {
                        b'+' | b'-' => {
                            if self.is(c) {
                                self.next();
                                insert_semi = true;
                                simple(if c == b'+' { "++" } else { "--" })
                            } else if c == b'+' {
                                two(self, "+", "+=")
                            } else {
                                two(self, "-", "-=")
                            }
                        }
                        b'*' => two(self, "*", "*="),
                        b'/' => two(self, "/", "/="),
                        b'%' => two(self, "%", "%="),
                        b'^' => two(self, "^", "^="),
                        b'=' => two(self, "=", "=="),
                        b'!' => two(self, "!", "!="),
                        b'<' => {
                            if self.is(b'-') {
                                self.next();
                                simple("<-")
                            } else if self.is(b'<') {
                                self.next();
                                two(self, "<<", "<<=")
                            } else {
                                two(self, "<", "<=")
                            }
                        }
                        b'>' => {
                            if self.is(b'>') {
                                self.next();
                                two(self, ">>", ">>=")
                            } else {
                                two(self, ">", ">=")
                            }
                        }
                        b'&' => {
                            if self.is(b'^') {
                                self.next();
                                two(self, "&^", "&^=")
                            } else if self.is(b'&') {
                                self.next();
                                simple("&&")
                            } else {
                                two(self, "&", "&=")
                            }
                        }
                        b'|' => {
                            if self.is(b'|') {
                                self.next();
                                simple("||")
                            } else {
                                two(self, "|", "|=")
                            }
                        }
                        b'~' => simple("~"),
                        _ => self.illegal(offs, ch, &mut insert_semi),
                    }
                }
                None => self.illegal(offs, ch, &mut insert_semi),
            };
            tok = mk(class, String::new(), found);
        }
        self.finish(tok, insert_semi)
    }

    fn illegal(&mut self, offs: usize, ch: i32, insert_semi: &mut bool) -> (HTok, String) {
        if ch != BOM {
            self.error(offs, format!("illegal character {}", fmt_sharp_u(ch)));
        }
        *insert_semi = self.insert_semi;
        (HTok::Other, "'ILLEGAL'".into())
    }

    fn finish(&mut self, t: HToken, insert_semi: bool) -> HToken {
        self.insert_semi = insert_semi;
        t
    }
}

// ---------------------------------------------------------------------------------------
// go/build's import reader and go/parser (ImportsOnly)

/// `go build` reads the package clause and imports with `go/build`'s import reader and
/// parses them with `go/parser` (ImportsOnly) before the compiler runs: errors there are
/// reported with `go/parser`'s wording. Returns that first error, if any.
pub(super) fn header_check(src: &[u8]) -> Option<CompileError> {
    let start = if src.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
    let body = src.get(start..).unwrap_or(&[]);
    let header = match header_extent(body) {
        Ok(n) => body.get(..n).unwrap_or(body),
        Err(offset) => {
            let pos = offset_pos(body, offset);
            return Some(CompileError::new(pos, "unexpected NUL in input"));
        }
    };
    let (offset, msg) = HeaderParser::run(header)?;
    Some(CompileError::new(offset_pos(header, offset), msg))
}

/// 1-based line and byte column of a byte offset, as `go/token` computes it (a newline
/// that is the file's last byte starts no line).
fn offset_pos(src: &[u8], offset: usize) -> Pos {
    let before = src.get(..offset).unwrap_or(src);
    let mut counted = before;
    if offset >= src.len() && counted.last() == Some(&b'\n') {
        counted = &counted[..counted.len() - 1];
    }
    let line = counted.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = counted.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = before.len() - line_start + 1;
    Pos { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReadErr {
    Syntax,
    Nul,
}

/// A model of `go/build`'s `importReader` (read.go, `readGoInfo`).
struct ImportReader<'a> {
    src: &'a [u8],
    /// Bytes read so far (`len(r.buf)`).
    n: usize,
    peek: u8,
    err: Option<ReadErr>,
    eof: bool,
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'a> ImportReader<'a> {
    fn syntax_error(&mut self) {
        if self.err.is_none() {
            self.err = Some(ReadErr::Syntax);
        }
    }

    fn read_byte(&mut self) -> u8 {
        match self.src.get(self.n) {
            Some(&c) => {
                self.n += 1;
                if c == 0 && self.err.is_none() {
                    self.err = Some(ReadErr::Nul);
                }
                c
            }
            None => {
                self.eof = true;
                0
            }
        }
    }

    fn peek_byte(&mut self, skip_space: bool) -> u8 {
        if self.err.is_some() {
            return 0;
        }
        let mut c = self.peek;
        if c == 0 {
            c = self.read_byte();
        }
        while self.err.is_none() && !self.eof {
            if skip_space {
                match c {
                    b' ' | 0x0c | b'\t' | b'\r' | b'\n' | b';' => {
                        c = self.read_byte();
                        continue;
                    }
                    b'/' => {
                        c = self.read_byte();
                        if c == b'/' {
                            while c != b'\n' && self.err.is_none() && !self.eof {
                                c = self.read_byte();
                            }
                        } else if c == b'*' {
                            let mut c1 = 0u8;
                            while (c != b'*' || c1 != b'/') && self.err.is_none() {
                                if self.eof {
                                    self.syntax_error();
                                }
                                c = c1;
                                c1 = self.read_byte();
                            }
                        } else {
                            self.syntax_error();
                        }
                        c = self.read_byte();
                        continue;
                    }
                    _ => {}
                }
            }
            break;
        }
        self.peek = c;
        c
    }

    fn next_byte(&mut self, skip_space: bool) -> u8 {
        let c = self.peek_byte(skip_space);
        self.peek = 0;
        c
    }

    fn read_keyword(&mut self, kw: &[u8]) {
        self.peek_byte(true);
        for &k in kw {
            if self.next_byte(false) != k {
                self.syntax_error();
                return;
            }
        }
        if is_ident_byte(self.peek_byte(false)) {
            self.syntax_error();
        }
    }

    fn read_ident(&mut self) {
        let c = self.peek_byte(true);
        if !is_ident_byte(c) {
            self.syntax_error();
            return;
        }
        while is_ident_byte(self.peek_byte(false)) {
            self.peek = 0;
        }
    }

    fn read_string(&mut self) {
        match self.next_byte(true) {
            b'`' => {
                while self.err.is_none() {
                    if self.next_byte(false) == b'`' {
                        break;
                    }
                    if self.eof {
                        self.syntax_error();
                    }
                }
            }
            b'"' => {
                while self.err.is_none() {
                    let c = self.next_byte(false);
                    if c == b'"' {
                        break;
                    }
                    if self.eof || c == b'\n' {
                        self.syntax_error();
                    }
                    if c == b'\\' {
                        self.next_byte(false);
                    }
                }
            }
            _ => self.syntax_error(),
        }
    }

    fn read_import(&mut self) {
        let c = self.peek_byte(true);
        if c == b'.' {
            self.peek = 0;
        } else if is_ident_byte(c) {
            self.read_ident();
        }
        self.read_string();
    }
}

/// The length of the header `go/parser` sees, or the offset of a NUL byte.
fn header_extent(src: &[u8]) -> Result<usize, usize> {
    let mut r = ImportReader { src, n: 0, peek: 0, err: None, eof: false };
    r.read_keyword(b"package");
    r.read_ident();
    let mut guard = 0usize;
    while r.peek_byte(true) == b'i' && guard <= src.len() {
        guard += 1;
        r.read_keyword(b"import");
        if r.peek_byte(true) == b'(' {
            r.next_byte(false);
            while r.peek_byte(true) != b')' && r.err.is_none() {
                let before = r.n;
                r.read_import();
                if r.n == before && r.err.is_none() {
                    break;
                }
            }
            r.next_byte(false);
        } else {
            r.read_import();
        }
    }
    match r.err {
        Some(ReadErr::Nul) => Err(r.n.saturating_sub(1)),
        Some(ReadErr::Syntax) => match src.iter().position(|&b| b == 0) {
            Some(i) => Err(i),
            None => Ok(src.len()),
        },
        None if !r.eof => Ok(r.n.saturating_sub(1)),
        None => Ok(r.n),
    }
}

/// A model of `go/parser` in ImportsOnly mode over the header.
struct HeaderParser<'a> {
    src: &'a [u8],
    sc: HeaderScanner<'a>,
    t: HToken,
    /// Scanner and parser errors (offset, message) in report order.
    errors: Vec<(usize, String)>,
    /// How many of the scanner's errors are in `errors`.
    synced: usize,
}

impl<'a> HeaderParser<'a> {
    /// The first error (by position, then message), if any.
    fn run(src: &'a [u8]) -> Option<(usize, String)> {
        let mut sc = HeaderScanner::new(src);
        let t = Self::scan(&mut sc);
        let mut p = HeaderParser { src, sc, t, errors: Vec::new(), synced: 0 };
        p.sync();
        p.parse();
        p.sync();
        // Positions grow with offsets (columns count bytes; offsets past the end all
        // mean the end), so the offset orders them: no `offset_pos` per comparison,
        // which made a line of 60000 bad escapes take seconds.
        p.errors.into_iter().min_by(|a, b| a.0.min(src.len()).cmp(&b.0.min(src.len())).then_with(|| a.1.cmp(&b.1)))
    }

    fn scan(sc: &mut HeaderScanner<'a>) -> HToken {
        loop {
            let t = sc.scan();
            if t.tok != HTok::Comment {
                return t;
            }
        }
    }

    fn next(&mut self) {
        self.t = Self::scan(&mut self.sc);
        self.sync();
    }

    /// Move the scanner's new errors into `errors`.
    fn sync(&mut self) {
        while let Some(e) = self.sc.errors.get(self.synced) {
            self.errors.push(e.clone());
            self.synced += 1;
        }
    }

    fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    /// `go/parser`'s `error`: dropped if on the line of the previous error.
    fn error(&mut self, offset: usize, msg: String) {
        let line = offset_pos(self.src, offset).line;
        if let Some(last) = self.errors.last() {
            if offset_pos(self.src, last.0).line == line {
                return;
            }
        }
        self.errors.push((offset, msg));
    }

    fn expected(&mut self, what: &str) {
        let msg = format!("expected {}, found {}", what, self.t.found);
        self.error(self.t.offset, msg);
    }

    fn expect_semi(&mut self) -> bool {
        match self.t.tok {
            HTok::Rparen | HTok::Rbrace => true,
            HTok::Semi => {
                self.next();
                true
            }
            _ => {
                self.expected("';'");
                false
            }
        }
    }

    fn parse(&mut self) {
        if self.failed() {
            return;
        }
        if self.t.tok != HTok::Package {
            self.expected("'package'");
            return;
        }
        self.next();
        if self.t.tok != HTok::Ident {
            self.expected("'IDENT'");
            return;
        }
        self.next();
        if !self.expect_semi() || self.failed() {
            return;
        }
        while self.t.tok == HTok::Import {
            self.next();
            if self.t.tok == HTok::Lparen {
                self.next();
                while self.t.tok != HTok::Rparen && self.t.tok != HTok::Eof {
                    if !self.import_spec() {
                        return;
                    }
                }
                if self.t.tok != HTok::Rparen {
                    self.expected("')'");
                    return;
                }
                self.next();
                if !self.expect_semi() {
                    return;
                }
            } else if !self.import_spec() {
                return;
            }
        }
    }

    fn import_spec(&mut self) -> bool {
        if matches!(self.t.tok, HTok::Period | HTok::Ident) {
            self.next();
        }
        if self.t.tok != HTok::Str {
            self.expected("'STRING'");
            return false;
        }
        if !valid_import(&self.t.lit) {
            let msg = format!("invalid import path: {}", self.t.lit);
            self.error(self.t.offset, msg);
            return false;
        }
        self.next();
        self.expect_semi()
    }
}

/// `go/parser`'s `isValidImport` over the literal's source text.
fn valid_import(lit: &str) -> bool {
    let bytes = match super::lexer::tokenize(lit.as_bytes()).0.into_iter().next() {
        Some(Token { value: LitValue::Str(b), .. }) => b,
        _ => return false,
    };
    let s = String::from_utf8_lossy(&bytes);
    const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{FFFD}";
    !s.is_empty() && s.chars().all(|c| !c.is_control() && !c.is_whitespace() && !ILLEGAL.contains(c))
}
