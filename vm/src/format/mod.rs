//! Go's `fmt` formatting rules over a value tree; never touches the VM heap.
//!
//! This module owns the byte-exact reproduction of Go 1.19's `fmt.Print`,
//! `fmt.Println` and `fmt.Printf` (and their `Sprint*` forms), plus the pieces of
//! `strconv` they rely on (`FormatFloat`, `Quote`, `Atoi`, `Itoa`). The caller reads
//! each operand out of the VM heap into a [`FmtArg`] tree first; everything here is
//! pure computation over that tree, so it is safe to call from any thread and never
//! allocates on the VM heap or triggers a collection.
//!
//! The implementation is a close port of `fmt/print.go`, `fmt/format.go`,
//! `strconv/quote.go`, `strconv/ftoa.go` and `strconv/atoi.go` from Go 1.19, one file
//! per Go file: `print` (the printer), `ftoa`, `numbers` (atoi, itoa, atof), `quote`,
//! `isprint` (the tables) and `utf8`; this file holds the value tree and the entry
//! points.
//! Float digits come from Rust's own shortest / correctly rounded formatting
//! (`{:e}`, `{:.Ne}`, `{:.N}`), then laid out the way `strconv` does. Fixed
//! precision rounds exact ties to even in both languages; for the shortest form
//! Rust breaks an exact tie between two shortest candidates upwards where Go's
//! Ryu picks the even digit, so `Digits::shortest` re-checks that case.
//!
//! Widths and precisions follow Go's own limits rather than a smaller clamp: a
//! literal width is accepted while Go's `parsenum` accepts it (up to about 1e7),
//! a `*` operand beyond 1e6 gives `%!(BADWIDTH)` / `%!(BADPREC)`. Nothing panics
//! on any input; the largest output of one directive is about 10 MB, as in Go.
//!
//! Conventions for building the tree (what the VM must do):
//! - `type_name` is Go's `reflect.Type.String()` of the *dynamic* type: `int`,
//!   `uint8`, `int32`, `[]int`, `map[string]int`, `main.Point`, `*main.Point`, ...
//! - a nil *interface* is [`FmtValue::Nil`] (its `type_name` is the static interface
//!   type, e.g. `interface {}` or `error`, used only by `%#v`); a nil *pointer* is
//!   `Pointer { addr: 0, .. }`, a nil slice `Slice(None)`, a nil map `Map(None)`,
//!   a nil func `Func { addr: 0 }`.
//! - `Pointer::target` should hold the pointee whenever it is a struct, array,
//!   slice or map (and is not part of a cycle): Go prints `&{..}` for such a pointer
//!   at depth 0, which also happens for nested values inside `%!verb(type=value)`
//!   error text. Channels can be passed as `Pointer { addr, target: None }`.
//! - a value whose type has an `Error()` or `String()` method (error first, as Go
//!   checks) is wrapped in [`FmtValue::Methods`]; the caller decides which nested
//!   values qualify (Go skips values reached through unexported struct fields).
//!
//! Not covered: `%p` of slices and maps (their data pointer is not in the tree, so
//! `0x0` is printed), `Formatter`/`GoStringer` methods, panics inside `String()`,
//! complex numbers and float32 (all floats are formatted as float64). An empty
//! slice of a *named* byte-slice type prints `[]` rather than nothing for `%s`, since
//! its element kind cannot be told from the tree (`[]uint8`/`[N]uint8` are fine).

mod ftoa;
mod isprint;
mod numbers;
mod print;
mod quote;
mod utf8;

pub use ftoa::format_float;
pub use numbers::{atoi, itoa, parse_float};
use print::Printer;

/// One operand of Print/Println/Printf, already read out of the VM heap.
#[derive(Clone, Debug, PartialEq)]
pub struct FmtArg {
    /// Go's reflect type string of the dynamic type (`int`, `[]string`, `main.Point`, ...).
    pub type_name: String,
    /// The value itself.
    pub value: FmtValue,
}

/// The shape of a Go value, as far as `fmt` cares.
#[derive(Clone, Debug, PartialEq)]
pub enum FmtValue {
    /// A nil interface (prints `<nil>`; `%d` at top level gives `%!d(<nil>)`).
    Nil,
    /// `bool`.
    Bool(bool),
    /// Any signed integer kind (`int`, `int32`/rune, ...).
    Int(i64),
    /// Any unsigned integer kind (`uint8`/byte, `uint`, ...).
    Uint(u64),
    /// `float64`.
    Float(f64),
    /// A Go string: bytes, not necessarily UTF-8.
    Str(Vec<u8>),
    /// A slice; `None` is a nil slice.
    Slice(Option<Vec<FmtArg>>),
    /// An array.
    Array(Vec<FmtArg>),
    /// A map; `None` is a nil map. Entries may come in any order; they are sorted
    /// here the way Go's `internal/fmtsort` does.
    Map(Option<Vec<(FmtArg, FmtArg)>>),
    /// A struct: field names and values, in declaration order.
    Struct(Vec<(String, FmtArg)>),
    /// A pointer (`addr` 0 is nil) with its pointee when that is a struct, array,
    /// slice or map.
    Pointer {
        /// The address printed as `0xc000...`.
        addr: u64,
        /// The pointee, used for `&{..}` at depth 0.
        target: Option<Box<FmtArg>>,
    },
    /// A func value (`addr` 0 is nil).
    Func {
        /// The address printed by `%v`/`%p`.
        addr: u64,
    },
    /// A value whose type has `Error()` or `String()`: `text` is the method's
    /// result, `inner` the underlying value (used for `%d`, `%#v`, error text...).
    Methods {
        /// What `Error()` / `String()` returned.
        text: Vec<u8>,
        /// The value without its methods.
        inner: Box<FmtValue>,
    },
}

/// `fmt.Sprint`: operands formatted with `%v`, a space between two operands when
/// neither of them is a string.
pub fn sprint(args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_print(args);
    p.buf
}

/// `fmt.Sprintln`: operands formatted with `%v`, always separated by spaces, and a
/// trailing newline.
pub fn sprintln(args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_println(args);
    p.buf
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &[u8], args: &[FmtArg]) -> Vec<u8> {
    let mut p = Printer::new();
    p.do_printf(format, args);
    p.buf
}

/// For each of the `nargs` operands of `Printf(format, ...)`: whether some verb prints
/// it in a way that calls its `Error()`/`String()` method (Go's `handleMethods`: `%v`
/// `%s` `%x` `%X` `%q`, not `%#v`; extra operands print with `%v`). The caller calls a
/// method only for those, as Go does: `%d` or `%g` of a value with a `String()` method
/// formatted the value itself, and an `Error()` that formats its own receiver with
/// `%g` must not recurse.
pub fn operands_printed_with_methods(format: &[u8], nargs: usize) -> Vec<bool> {
    // Placeholders are ints, so a `*` width or precision consumes an operand as Go's
    // does; nothing is printed.
    let placeholders = vec![FmtArg { type_name: "int".into(), value: FmtValue::Int(0) }; nargs];
    let mut p = Printer::new();
    p.probe = Some(vec![false; nargs]);
    p.do_printf(format, &placeholders);
    p.probe.unwrap_or_default()
}

#[cfg(test)]
mod tests;
