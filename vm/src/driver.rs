//! From source bytes to a runnable [`Program`]: the one entry point the harness, the
//! tests and (later) the JIT strategies use to load a program.

use std::fmt;

use crate::bytecode::Program;
use crate::front::ast::CompileError;
use crate::front::parser::{parse_with_limit, FALLBACK_DEPTH, MAX_DEPTH, PARSER_STACK};

/// A compile error with the file it belongs to; displays as `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    pub file: String,
    pub error: CompileError,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.error.pos.line, self.error.pos.col, self.error.message)
    }
}

impl std::error::Error for SourceError {}

/// Stack of the front-end thread: the parser's recursion for [`MAX_DEPTH`] levels
/// ([`PARSER_STACK`]) and then the checker's and code generator's over a tree of that
/// depth, which need more per level than the parser (about 25 KiB per level of a `+`
/// chain in a release build; the stack is reserved, and committed only as it is used).
const FRONT_END_STACK: usize = 4 * PARSER_STACK;

/// Parse, type-check and compile one source file.
///
/// All three recurse over the source's nesting, so they run on a helper thread with a
/// stack sized for the parser's nesting bound: the caller's stack (a 2 MiB test
/// thread, say) never overflows, whatever the input. If no thread can be started, the
/// work runs here with the small bound that fits a 2 MiB stack. A panic (a bug) is
/// passed on to the caller.
pub fn compile_source(src: &[u8], file: &str) -> Result<Program, SourceError> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("jitlab-front-end".into())
            .stack_size(FRONT_END_STACK)
            .spawn_scoped(s, || compile_here(src, file, MAX_DEPTH));
        match worker {
            Ok(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => compile_here(src, file, FALLBACK_DEPTH),
        }
    })
}

fn compile_here(src: &[u8], file: &str, max_depth: u32) -> Result<Program, SourceError> {
    let wrap = |error: CompileError| SourceError { file: file.to_string(), error };
    let ast = parse_with_limit(src, max_depth).map_err(wrap)?;
    crate::compile::compile(&ast, file).map_err(wrap)
}
