//! `harness`: the command line researchers touch (DESIGN §6), as a library so that the
//! benches and integration tests reach its parts; `main.rs` only calls `commands::main`.
//!
//! ```text
//!  harness --all ──matrix::plan──▶ matrix::run ──per cell──▶ supervise::run_child
//!                                      │                      (harness cell ... | go binary)
//!                                      │                      cell::assemble ◀── JSON lines
//!                                      │ --count-instructions: count::run ──▶ valgrind (callgrind)
//!                                      │                      harness cell ... --count-instructions
//!                                      ▼
//!                                  results::Results ──▶ results/latest.json (+ timestamped)
//!                                      ├──▶ report   ──▶ reports/index.html (plotters SVG)
//!                                      └──▶ summary  ──▶ terminal table (or --json)
//!  harness gate --baseline B ──▶ gate::gate(B, latest) ──▶ table, exit 1 on regression
//!  harness report [OLD] NEW  ──▶ report::render
//!  harness run FILE          ──▶ run_file (the program's own output and exit status)
//!  harness fuzz              ──▶ fuzz::gen ──▶ harness run (interp, each JIT) ──▶ fuzz::reduce
//! ```
//!
//! Modules: `cli` (arguments), `manifest` (workloads), `strategies` (the compiled-in
//! strategies: where the JITs plug in), `matrix` (plan, order, progress), `supervise`
//! and `sys` (child processes and limits), `cell` (the per-cell protocol, both sides),
//! `calibrate` (machine-speed loop), `stats` (pure statistics), `analysis` (speed-ups,
//! means), `results` (the versioned schema), `summary` (terminal table), `report`
//! (HTML), `code_view` (machine code beside bytecode: `run --dump-asm`, the report's
//! code section), `gate` (the CI gate), `count` (the counting pass under Callgrind) and
//! `valgrind` (the client requests its child issues), `anchor_go` (real Go beside the
//! strategies), `fuzz` (differential fuzzing: generator, runner, reducer).

pub mod analysis;
pub mod anchor_go;
pub mod calibrate;
pub mod cell;
pub mod cli;
pub mod code_view;
pub mod commands;
pub mod count;
pub mod error;
pub mod fuzz;
pub mod gate;
pub mod manifest;
pub mod matrix;
pub mod report;
pub mod results;
pub mod run_file;
pub mod stats;
pub mod strategies;
pub mod summary;
pub mod supervise;
pub mod sys;
pub mod valgrind;
