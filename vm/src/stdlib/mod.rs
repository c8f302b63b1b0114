//! The library packages written in the Go subset itself, compiled into a program
//! that imports them (see `compile::packages`): `os`, `io`, `io/ioutil`, `errors`,
//! `bufio`, `flag`, `strings`, `bytes`, `unicode`, `unicode/utf8`, `sort`, `runtime`, and the parts of `fmt`,
//! `math` and `strconv` that are not natives or single instructions.
//!
//! Each is a Go file beside this module, written for jitlab (not copied from Go's
//! library) to give the behaviour and the output of Go 1.19's package for what
//! single-file programs use. What they need of the process comes from natives,
//! declared as functions without a body (`func write(fd int, b []byte) int` in `os`),
//! so every strategy runs the library like user code, compiled by the same JIT.
//!
//! This module only maps import paths to sources; it never compiles anything.

/// The Go source of library package `path`, if it is one.
pub fn source(path: &str) -> Option<&'static str> {
    Some(match path {
        "os" => include_str!("os.go"),
        "io" => include_str!("io.go"),
        "errors" => include_str!("errors.go"),
        "fmt" => include_str!("fmt.go"),
        "bufio" => include_str!("bufio.go"),
        "flag" => include_str!("flag.go"),
        "strconv" => include_str!("strconv.go"),
        "strings" => include_str!("strings.go"),
        "sort" => include_str!("sort.go"),
        "bytes" => include_str!("bytes.go"),
        "unicode" => include_str!("unicode.go"),
        "unicode/utf8" => include_str!("utf8.go"),
        "io/ioutil" => include_str!("ioutil.go"),
        "runtime" => include_str!("runtime.go"),
        "math" => include_str!("math.go"),
        _ => return None,
    })
}
