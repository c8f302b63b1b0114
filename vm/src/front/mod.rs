//! The front end: source bytes to a syntax tree (lexer, parser) with positions; `header`
//! checks the package clause and imports first, as `go build` does.
//!
//! **Invariant:** the front end never panics on any input; it returns the first error
//! as a [`ast::CompileError`] with Go's position and, where Go has one, Go's message.
pub mod ast;
pub mod header;
pub mod lexer;
pub mod parser;
