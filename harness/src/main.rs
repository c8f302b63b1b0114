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
        /// After the run, print instructions executed, wall time and the instruction
        /// rate to stderr.
        #[arg(long)]
        stats: bool,
    },
}

/// Strategies compiled into this harness.
const STRATEGIES: &[&str] = &["interp"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, strategy, dump_bytecode, stats } => run(&file, &strategy, dump_bytecode, stats),
    }
}

fn run(file: &str, strategy: &str, dump: bool, stats: bool) -> ExitCode {
    if !STRATEGIES.contains(&strategy) {
        eprintln!("harness: unknown strategy {strategy:?} (available: {})", STRATEGIES.join(", "));
        return ExitCode::from(64);
    }
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
    let mut machine = match vm::Vm::new(Arc::new(program), vm::VmOptions::default()) {
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
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.stderr_text());
            ExitCode::from(e.exit_status() as u8)
        }
    }
}
