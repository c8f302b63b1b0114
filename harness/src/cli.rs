//! The command line (clap). Parsing only: each subcommand's work lives in its module.
//! With no subcommand the harness runs the matrix (`--all`, or filtered).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::manifest::Size;

#[derive(Parser, Debug)]
#[command(
    name = "harness",
    version,
    about = "jitlab: compare JIT strategies on one Go-subset VM",
    long_about = "jitlab: compare JIT strategies on one Go-subset VM.\n\n\
        Without a subcommand, runs the workload matrix: every selected workload under every \
        selected strategy, each cell in its own process; writes results/latest.json (and a \
        timestamped copy), renders reports/index.html and prints a summary table.\n\n\
        Examples:\n  harness --all\n  harness --all --size quick\n  harness --workload fib,nbody --strategy interp\n  \
        harness --tag gc --iterations 20\n  harness gate --baseline results/baseline.json",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub matrix: MatrixArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run one program as a user would (its output and exit status are the program's).
    Run(RunArgs),
    /// Render the HTML report of a results file, or compare two (OLD then NEW).
    Report(ReportArgs),
    /// Compare results with a baseline; exit 1 with a table of what regressed.
    Gate(GateArgs),
    /// List the workloads of the manifest and the strategies compiled in.
    List {
        /// Workload manifest.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
    },
    /// Differential fuzzing: generated programs under every strategy against interp.
    Fuzz(crate::fuzz::FuzzArgs),
    /// Internal: run one cell in this process and print its protocol lines.
    #[command(hide = true)]
    Cell(crate::cell::CellArgs),
}

#[derive(Args, Debug, Default)]
pub struct MatrixArgs {
    /// Run every workload (filters below narrow it down).
    #[arg(long)]
    pub all: bool,
    /// Workloads to run (repeat or comma-separate).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub workload: Vec<String>,
    /// Strategies to run (repeat or comma-separate; default: every one compiled in).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub strategy: Vec<String>,
    /// Only workloads carrying one of these tags.
    #[arg(long, value_delimiter = ',', value_name = "TAG")]
    pub tag: Vec<String>,
    /// Workload size (the manifest's n and checksum for it).
    #[arg(long, value_enum, default_value = "default")]
    pub size: Size,
    /// Measured iterations per process [default: quick 8, others 6].
    #[arg(long, value_name = "N")]
    pub iterations: Option<usize>,
    /// Warm-up iterations per process, run and checked but not measured [default: 2, large 3].
    #[arg(long, value_name = "N")]
    pub warmup: Option<usize>,
    /// Processes per cell, interleaved with the other strategies; their measured
    /// iterations are pooled [default: quick 3, others 2].
    #[arg(long, value_name = "N")]
    pub invocations: Option<usize>,
    /// Time limit per process in seconds [default: quick 60, default 300, large 1200].
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// Memory limit per cell process (peak RSS), in MiB.
    #[arg(long, default_value_t = 4096, value_name = "MIB")]
    pub memory_limit: u64,
    /// Also build each workload with real Go and time it with the same protocol.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub anchor: Option<Anchor>,
    /// Print the results JSON on stdout instead of the summary table.
    #[arg(long)]
    pub json: bool,
    /// Workload manifest [default: workloads/manifest.toml of the repository].
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Where latest.json and its timestamped copy go [default: results/].
    #[arg(long, value_name = "DIR")]
    pub results_dir: Option<PathBuf>,
    /// Where index.html goes [default: reports/].
    #[arg(long, value_name = "DIR")]
    pub report_dir: Option<PathBuf>,
    /// Do not render the HTML report.
    #[arg(long)]
    pub no_report: bool,
    /// Results to compare with in the report [default: results/baseline.json if present].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Anchor {
    /// Real Go (`go build`), when `go` is on the PATH.
    Go,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The Go-subset source file.
    pub file: String,
    /// Execution strategy.
    #[arg(long, default_value = "interp")]
    pub strategy: String,
    /// Print the bytecode listing and exit without running.
    #[arg(long)]
    pub dump_bytecode: bool,
    /// After the run, print instructions executed, wall time, the instruction rate and the
    /// collector's statistics to stderr.
    #[arg(long)]
    pub stats: bool,
    /// Collect at every allocation (finds missing roots and barriers).
    #[arg(long)]
    pub gc_stress: bool,
    /// Verify every reference in the heap around every collection.
    #[arg(long)]
    pub gc_verify: bool,
    /// Heap limit in bytes; exceeding it is Go's `fatal error: runtime: out of memory`.
    #[arg(long, value_name = "BYTES")]
    pub max_heap: Option<usize>,
    /// Compile every function before it first runs (JIT strategies).
    #[arg(long)]
    pub jit_eager: bool,
    /// Calls and loop back edges before a function is compiled (JIT strategies).
    #[arg(long, value_name = "N")]
    pub jit_threshold: Option<u32>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// One results file (its report), or two: OLD NEW (NEW's report compared with OLD).
    #[arg(required = true, num_args = 1..=2, value_name = "RESULTS.json")]
    pub files: Vec<PathBuf>,
    /// Output file [default: reports/index.html for one file, reports/compare.html for two].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct GateArgs {
    /// The committed baseline results.
    #[arg(long, value_name = "FILE")]
    pub baseline: PathBuf,
    /// The results to judge [default: results/latest.json].
    #[arg(long, value_name = "FILE")]
    pub current: Option<PathBuf>,
    /// Relative slow-down that fails one cell, when the intervals also separate
    /// [default: 0.50, or 1.50 when the CI environment variable is set].
    #[arg(long, value_name = "FRACTION")]
    pub time_tolerance: Option<f64>,
    /// Relative slow-down of a strategy's geometric mean over all workloads that fails
    /// it [default: 0.20, or 0.30 under CI].
    #[arg(long, value_name = "FRACTION")]
    pub suite_tolerance: Option<f64>,
    /// Do not gate on time at all (only on the deterministic metrics).
    #[arg(long)]
    pub no_time: bool,
}
