//! From source bytes to a runnable [`Program`]: the one entry point the harness, the
//! tests and (later) the JIT strategies use to load a program.

use std::fmt;

use crate::bytecode::Program;
use crate::front::ast::CompileError;

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

/// Parse, type-check and compile one source file.
pub fn compile_source(src: &[u8], file: &str) -> Result<Program, SourceError> {
    let wrap = |error: CompileError| SourceError { file: file.to_string(), error };
    let ast = crate::front::parser::parse_file(src).map_err(wrap)?;
    crate::compile::compile(&ast, file).map_err(wrap)
}
