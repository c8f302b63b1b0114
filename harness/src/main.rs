//! `harness`: the command line users touch. For now: `run FILE` runs one Go-subset
//! program as a user would (its stdout, stderr and exit status are the program's);
//! `--dump-bytecode` prints the compiled listing instead.

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "harness", about = "jitlab: compare JIT strategies on one Go-subset VM")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one program as a user would.
    Run {
        /// The Go-subset source file.
        file: String,
        /// Execution strategy.
        #[arg(long, default_value = "interp")]
        strategy: String,
        /// Print the bytecode listing and exit without running.
        #[arg(long)]
        dump_bytecode: bool,
        /// After the run, print instructions executed, wall time, the instruction rate
        /// and the collector's statistics to stderr.
        #[arg(long)]
        stats: bool,
        /// Collect at every allocation (finds missing roots and barriers).
        #[arg(long)]
        gc_stress: bool,
        /// Verify every reference in the heap around every collection.
        #[arg(long)]
        gc_verify: bool,
        /// Heap limit in bytes; exceeding it is Go's `fatal error: runtime: out of memory`.
        #[arg(long, value_name = "BYTES")]
        max_heap: Option<usize>,
        /// Compile every function before it first runs (JIT strategies).
        #[arg(long)]
        jit_eager: bool,
        /// Calls and loop back edges before a function is compiled (JIT strategies).
        #[arg(long, value_name = "N")]
        jit_threshold: Option<u32>,
    },
}

fn main() -> ExitCode {
    #[cfg(feature = "jit-cranelift")]
    strategy_cranelift::register();
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            strategy,
            dump_bytecode,
            stats,
            gc_stress,
            gc_verify,
            max_heap,
            jit_eager,
            jit_threshold,
        } => {
            let Some(kind) = vm::jit::StrategyKind::from_name(&strategy) else {
                let names: Vec<&str> = vm::jit::StrategyKind::available().iter().map(|s| s.name()).collect();
                eprintln!("harness: unknown strategy {strategy:?} (available: {})", names.join(", "));
                return ExitCode::from(64);
            };
            let mut jit = vm::jit::JitOptions { strategy: kind, eager: jit_eager, ..Default::default() };
            if let Some(n) = jit_threshold {
                jit.call_threshold = n;
                jit.loop_threshold = n;
            }
            let options = vm::VmOptions { gc_stress, gc_verify, max_heap, jit, ..Default::default() };
            run(&file, dump_bytecode, stats, options)
        }
    }
}

fn run(file: &str, dump: bool, stats: bool, options: vm::VmOptions) -> ExitCode {
    let src = match std::fs::read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("harness: cannot read {file}: {e}");
            return ExitCode::from(66);
        }
    };
    let program = match vm::compile_source(&src, file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if dump {
        print!("{}", program.disassemble());
        return ExitCode::SUCCESS;
    }
    let mut machine = match vm::Vm::new(Arc::new(program), options) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("harness: invalid bytecode: {e}");
            return ExitCode::from(70);
        }
    };
    let start = std::time::Instant::now();
    let result = machine.run_main();
    if stats {
        let secs = start.elapsed().as_secs_f64();
        let n = machine.instructions_executed();
        eprintln!("stats: {n} bytecode instructions in {:.3} s = {:.1} M instructions/s", secs, n as f64 / secs / 1e6);
        let gc = machine.gc_stats();
        eprintln!(
            "stats: gc {} minor + {} major collections, {} bytes allocated, {} bytes copied, pause {:.1} ms total ({:.1}% of run), {:.2} ms max",
            gc.minor_collections,
            gc.major_collections,
            gc.bytes_allocated,
            gc.bytes_copied,
            gc.total_pause_ns as f64 / 1e6,
            gc.total_pause_ns as f64 / 1e9 / secs * 100.0,
            gc.max_pause_ns as f64 / 1e6
        );
        let j = machine.jit_stats();
        if j.functions_compiled + j.compile_failures > 0 {
            eprintln!(
                "stats: jit {} functions compiled ({} failed), {} code bytes, {:.1} ms compiling, {:.1}% of instructions native",
                j.functions_compiled,
                j.compile_failures,
                j.code_bytes,
                j.compile_ns as f64 / 1e6,
                j.native_instructions as f64 * 100.0 / n.max(1) as f64
            );
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.stderr_text());
            ExitCode::from(e.exit_status() as u8)
        }
    }
}
