//! Mutations of Go source: byte-level edits plus edits that know Go's tokens and lines
//! (splice, duplicate, delete or swap lines and tokens, insert keywords, operators and
//! brackets, replace numbers by extreme literals, wrap code in deep nesting, long chains).

use crate::rng::Rng;

/// Go's keywords, predeclared names, operators, punctuation, extreme literals and
/// snippets of subset syntax: what token-aware mutations insert.
pub const DICTIONARY: &[&str] = &[
    // keywords
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var", // predeclared
    "int",
    "byte",
    "float64",
    "bool",
    "string",
    "error",
    "rune",
    "uint8",
    "int32",
    "uint",
    "any",
    "len",
    "cap",
    "append",
    "make",
    "new",
    "copy",
    "delete",
    "close",
    "panic",
    "recover",
    "print",
    "println",
    "nil",
    "true",
    "false",
    "iota",
    "_",
    "main",
    "x",
    "T",
    "f", // operators and punctuation
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "&^",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "&=",
    "|=",
    "^=",
    "<<=",
    ">>=",
    "&^=",
    "&&",
    "||",
    "<-",
    "++",
    "--",
    "==",
    "<",
    ">",
    "=",
    "!",
    "~",
    "!=",
    "<=",
    ">=",
    ":=",
    "...",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    ".",
    ":",
    "\n",
    " ", // literals
    "0",
    "1",
    "-1",
    "0x7fffffffffffffff",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "1e400",
    "1e-400",
    "1.5",
    "0.0",
    "0x1p-2",
    "'a'",
    "'\\x'",
    "'\\377'",
    "'\\u00e9'",
    "\"s\"",
    "`raw`",
    "\"\\xff\"",
    "\"\\u00e9\"",
    "1<<62",
    "1<<64",
    "1<<1000",
    "0b101",
    "0o17",
    "017",
    "1_000",
    "08",
    "0x",
    "1e",
    "'ab'",
    "''",
    "\"\\q\"",
    "\u{e9}",
    "\u{feff}", // packages
    "fmt",
    "math",
    "strconv",
    "island",
    "fmt.Println",
    "fmt.Sprintf(\"%v %d\", x, 1)",
    "math.Sqrt",
    "strconv.Itoa",
    "island.Go",
    "import \"fmt\"\n", // snippets
    "x := 1\n",
    "var x int\n",
    "func f() {}\n",
    "func (t T) m() {}\n",
    "type T struct{ a int }\n",
    "type I interface{ m() }\n",
    "interface{}",
    "[]int{1, 2}",
    "[3]int{}",
    "map[string]int{\"a\": 1}",
    "make(chan int, 1)",
    "go func() {}()",
    "defer func() { recover() }()",
    "select {}\n",
    "for i := range x {}\n",
    "switch x.(type) {}\n",
    "switch {\ncase true:\n}\n",
    "x.(int)",
    "func(a ...int) {}",
    "label:\n",
    "goto label\n",
    "break label\n",
    "const c = iota\n",
    "struct{}{}",
    "&T{}",
    "*p",
    "x[1:2:3]",
    "x[:]",
    "<-ch",
    "ch <- 1\n",
];

/// Wrappers for deep nesting: `open` repeated N times, the code, `close` repeated N times.
const NESTERS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("[]", ""),
    ("*", ""),
    ("-", ""),
    ("!", ""),
    ("^", ""),
    ("<-", ""),
    ("&", ""),
    ("[1]", ""),
    ("map[int]", ""),
    ("chan ", ""),
    ("func() ", ""),
    ("struct{ a ", "}"),
    ("f(", ")"),
    ("[]int{", "}"),
    ("{", "}"),
    ("func() {\n", "}()\n"),
    ("if x {\n", "}\n"),
    ("for {\n", "}\n"),
    ("switch {\ncase true:\n", "}\n"),
    ("{\n", "}\n"),
    ("x.", ""),
    ("a[", "]"),
    ("interface{ m() ", "}"),
];

/// Depths for nesting and chain mutations: small, around the parser's limit, beyond it.
const DEPTHS: &[usize] = &[2, 3, 4, 8, 16, 64, 200, 499, 500, 501, 998, 999, 1000, 1001, 2000, 5000];

/// Numeric literals at and beyond every limit.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "255",
    "256",
    "-128",
    "65535",
    "65536",
    "2147483647",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "1e308",
    "1.8e308",
    "1e400",
    "4.9e-324",
    "1e-400",
    "0x8000000000000000",
    "1<<63",
    "1<<64",
    "1<<1000",
    "1<<100000",
    "1>>64",
    "0.5",
    "3.0",
    "1e9999999999",
    "0x1p1024",
    "99999999999999999999999999999999999999999999999999999",
];

/// The kind of a rough token (for splitting only).
fn class(b: u8) -> u8 {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | 0x80..=0xff => 0,
        b' ' | b'\t' | b'\r' => 1,
        _ => 2,
    }
}

/// Split into rough tokens: words (identifiers, numbers, UTF-8 runs), whitespace runs,
/// string/rune/raw literals, line comments, and single punctuation bytes. The tokens
/// concatenate back to the input.
pub fn tokens(src: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        let start = i;
        i += 1;
        match b {
            b'"' | b'\'' => {
                while i < src.len() && src[i] != b && src[i] != b'\n' {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(src.len());
            }
            b'`' => {
                while i < src.len() && src[i] != b'`' {
                    i += 1;
                }
                i = (i + 1).min(src.len());
            }
            b'/' if src.get(i) == Some(&b'/') => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
            }
            _ if class(b) < 2 => {
                while i < src.len() && class(src[i]) == class(b) {
                    i += 1;
                }
            }
            _ => {}
        }
        out.push((start, i));
    }
    out
}

/// Byte offsets of line starts (0 first), plus the end.
fn line_starts(src: &[u8]) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(src.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
    if *v.last().unwrap_or(&0) != src.len() {
        v.push(src.len());
    }
    v
}

fn replace(src: &[u8], range: std::ops::Range<usize>, with: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(src.len() + with.len());
    v.extend_from_slice(&src[..range.start]);
    v.extend_from_slice(with);
    v.extend_from_slice(&src[range.end..]);
    v
}

/// A random token range `[a, b)` of at most `max` tokens, as byte offsets.
fn token_range(rng: &mut Rng, toks: &[(usize, usize)], max: usize) -> (usize, usize) {
    let i = rng.below(toks.len());
    let n = 1 + rng.below(max.min(toks.len() - i));
    (toks[i].0, toks[i + n - 1].1)
}

/// A random line range `[a, b)` of at most `max` lines, as byte offsets.
fn line_range(rng: &mut Rng, lines: &[usize], max: usize) -> (usize, usize) {
    let n_lines = lines.len() - 1;
    let i = rng.below(n_lines);
    let n = 1 + rng.below(max.min(n_lines - i));
    (lines[i], lines[i + n])
}

fn depth(rng: &mut Rng) -> usize {
    if rng.chance(4) {
        DEPTHS[rng.below(DEPTHS.len())]
    } else {
        2 + rng.below(12)
    }
}

/// Apply one random mutation. `other` is another corpus entry (for splicing).
pub fn mutate_once(rng: &mut Rng, src: &[u8], other: &[u8]) -> Vec<u8> {
    if src.is_empty() {
        return DICTIONARY[rng.below(DICTIONARY.len())].as_bytes().to_vec();
    }
    let toks = tokens(src);
    let lines = line_starts(src);
    let pos = rng.below(src.len() + 1);
    let dict = |rng: &mut Rng| DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
    match rng.below(20) {
        0 => {
            let mut v = src.to_vec();
            let i = rng.below(v.len());
            v[i] ^= 1 << rng.below(8);
            v
        }
        1 => {
            let mut v = src.to_vec();
            let i = rng.below(v.len());
            const BYTES: &[u8] = b"\0\xff\n\"`'\\{}()[];,.:=+-*/%<>!&|^~09aZ_ \t\x80\xc3\xe2";
            v[i] = if rng.chance(2) { BYTES[rng.below(BYTES.len())] } else { rng.next_u64() as u8 };
            v
        }
        2 => {
            let n = 1 + rng.below(16);
            let end = (pos + n).min(src.len());
            replace(src, pos..end, b"")
        }
        3 => {
            // insert a dictionary word at a token boundary
            let (at, _) = toks[rng.below(toks.len())];
            let at = if rng.chance(2) { at } else { toks[rng.below(toks.len())].1 };
            let mut w = dict(rng).to_vec();
            if rng.chance(2) {
                w.push(b' ');
            }
            replace(src, at..at, &w)
        }
        4 => {
            let (a, b) = toks[rng.below(toks.len())];
            replace(src, a..b, dict(rng))
        }
        5 => {
            let (a, b) = token_range(rng, &toks, 4);
            replace(src, a..b, b"")
        }
        6 => {
            let (a, b) = token_range(rng, &toks, 6);
            let dup = src[a..b].to_vec();
            replace(src, a..a, &dup)
        }
        7 => {
            // swap two tokens
            let (mut x, mut y) = (toks[rng.below(toks.len())], toks[rng.below(toks.len())]);
            if x.0 > y.0 {
                std::mem::swap(&mut x, &mut y);
            }
            if x.1 > y.0 {
                return src.to_vec();
            }
            let mut v = Vec::with_capacity(src.len());
            v.extend_from_slice(&src[..x.0]);
            v.extend_from_slice(&src[y.0..y.1]);
            v.extend_from_slice(&src[x.1..y.0]);
            v.extend_from_slice(&src[x.0..x.1]);
            v.extend_from_slice(&src[y.1..]);
            v
        }
        8 => {
            // replace a token by another token of the same input
            let (a, b) = toks[rng.below(toks.len())];
            let (c, d) = toks[rng.below(toks.len())];
            let w = src[c..d].to_vec();
            replace(src, a..b, &w)
        }
        9 => {
            let (a, b) = line_range(rng, &lines, 8);
            replace(src, a..b, b"")
        }
        10 => {
            let (a, b) = line_range(rng, &lines, 8);
            let dup = src[a..b].to_vec();
            replace(src, a..a, &dup)
        }
        11 => {
            // swap two lines
            let (a, b) = line_range(rng, &lines, 1);
            let (c, d) = line_range(rng, &lines, 1);
            if b <= c {
                let mut v = Vec::with_capacity(src.len());
                v.extend_from_slice(&src[..a]);
                v.extend_from_slice(&src[c..d]);
                v.extend_from_slice(&src[b..c]);
                v.extend_from_slice(&src[a..b]);
                v.extend_from_slice(&src[d..]);
                v
            } else {
                src.to_vec()
            }
        }
        12 | 13 if !other.is_empty() => {
            let olines = line_starts(other);
            let (c, d) = line_range(rng, &olines, 12);
            let at = lines[rng.below(lines.len())];
            if rng.chance(3) {
                // crossover: our prefix, their suffix
                let mut v = src[..at].to_vec();
                v.extend_from_slice(&other[c..]);
                v
            } else {
                replace(src, at..at, &other[c..d])
            }
        }
        14 | 15 => {
            // deep nesting around a token range (or at a point)
            let (open, close) = NESTERS[rng.below(NESTERS.len())];
            let n = depth(rng);
            let (a, b) = if rng.chance(3) { (pos, pos) } else { token_range(rng, &toks, 3) };
            let mut v = Vec::with_capacity(src.len() + n * (open.len() + close.len()));
            v.extend_from_slice(&src[..a]);
            for _ in 0..n {
                v.extend_from_slice(open.as_bytes());
            }
            v.extend_from_slice(&src[a..b]);
            for _ in 0..n {
                v.extend_from_slice(close.as_bytes());
            }
            v.extend_from_slice(&src[b..]);
            v
        }
        16 => {
            // a long chain: `x + x + ...`, `x.f.f...`, `x[0][0]...`, `f()()...`
            const LINKS: &[&str] =
                &["+x", "*x", "-1", "||x", "&&x", "+\"s\"", ".f", "[0]", "()", "[:]", ".(int)", ", x"];
            let link = LINKS[rng.below(LINKS.len())];
            let n = depth(rng);
            let (_, b) = toks[rng.below(toks.len())];
            replace(src, b..b, link.repeat(n).as_bytes())
        }
        17 => {
            // replace a number (or any word) by an extreme literal
            let words: Vec<_> = toks.iter().filter(|(a, _)| src[*a].is_ascii_digit()).collect();
            let &(a, b) = if words.is_empty() { &toks[rng.below(toks.len())] } else { words[rng.below(words.len())] };
            replace(src, a..b, NUMBERS[rng.below(NUMBERS.len())].as_bytes())
        }
        18 => {
            // truncate
            src[..pos].to_vec()
        }
        _ => {
            // insert a bracket or a line break at a token boundary
            const B: &[&str] = &["(", ")", "[", "]", "{", "}", "\n", ";", ",", "{\n", "}\n", "\"", "`", "/*", "*/"];
            let (at, _) = toks[rng.below(toks.len())];
            replace(src, at..at, B[rng.below(B.len())].as_bytes())
        }
    }
}

/// Apply a stack of 1 to 16 mutations (fewer more often); the result is cut to `max_len`.
pub fn mutate(rng: &mut Rng, src: &[u8], other: &[u8], max_len: usize) -> Vec<u8> {
    let n = 1 << rng.below(5);
    let n = 1 + rng.below(n);
    let mut v = mutate_once(rng, src, other);
    for _ in 1..n {
        v = mutate_once(rng, &v, other);
        if v.len() > max_len {
            break;
        }
    }
    v.truncate(max_len);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_concatenate_back() {
        let src = b"package main\n// c\nfunc main() { x := \"a\\\"b\" + `r` + 'c'; y := 12.5e3 }\n\xff\"";
        let toks = tokens(src);
        let mut v = Vec::new();
        for (a, b) in toks {
            v.extend_from_slice(&src[a..b]);
        }
        assert_eq!(v, src);
    }

    #[test]
    fn mutations_stay_in_bounds() {
        let mut rng = Rng::new(7);
        let srcs: [&[u8]; 4] = [b"", b"x", b"package main\n\nfunc main() {\n}\n", b"\n\n\n"];
        for _ in 0..20000 {
            let a = srcs[rng.below(srcs.len())];
            let b = srcs[rng.below(srcs.len())];
            let m = mutate(&mut rng, a, b, 1 << 16);
            assert!(m.len() <= 1 << 16);
        }
    }
}
