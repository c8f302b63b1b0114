//! jitlab's VM core: one Go-subset language, one bytecode, one runtime.
//!
//! ```text
//!  source bytes ──front::lexer/parser──▶ ast::File ──compile (check + codegen)──▶ Program
//!                                                                               │
//!                                         interp (reference semantics) ◀────────┘
//! ```
//!
//! - [`front`]: lexer and parser with positions; never panics, returns the first error.
//! - [`compile`]: type checker and code generator in one pass (Go's rules for the subset).
//! - [`bytecode`]: the instruction set (why it is encoded as it is: see its module doc),
//!   functions with slot maps and line tables, runtime type descriptors, disassembler.
//! - [`driver`]: `compile_source`, the single entry point from bytes to a [`bytecode::Program`].
//! - the heap, interpreter and runtime helpers: see their module docs.
pub mod bytecode;
pub mod compile;
pub mod driver;
pub mod front;
pub use driver::{compile_source, SourceError};
pub mod format;
pub mod heap;
pub mod interp;
pub mod jit;
pub mod rng;
pub mod runtime;
pub mod stdlib;
pub mod verify;
pub use heap::GcStats;
pub use interp::{Vm, VmError, VmOptions};
