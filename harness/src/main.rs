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
    },
}

/// Strategies compiled into this harness.
const STRATEGIES: &[&str] = &["interp"];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, strategy, dump_bytecode } => run(&file, &strategy, dump_bytecode),
    }
}

fn run(file: &str, strategy: &str, dump: bool) -> ExitCode {
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
    match machine.run_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.stderr_text());
            ExitCode::from(e.exit_status() as u8)
        }
    }
}
