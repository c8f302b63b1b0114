//! The front end: source bytes to a syntax tree (lexer, parser) with positions.
//!
//! **Invariant:** the front end never panics on any input; it returns the first error
//! as a [`ast::CompileError`] with Go's position and, where Go has one, Go's message.
pub mod ast;
pub mod lexer;
pub mod parser;
