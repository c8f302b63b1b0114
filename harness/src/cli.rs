//! The command line (clap). Parsing only: each subcommand's work lives in its module.
//! With no subcommand the harness runs the matrix (`--all`, or filtered).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::manifest::Size;
use crate::strategies::TierThresholds;

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
        harness --tag gc --iterations 20\n  \
        harness --all --strategy template,cranelift-regmap,tiered --tier-thresholds 100:50,500:5000\n  \
        harness gate --baseline results/baseline.json",
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
    /// Strategies to run (repeat or comma-separate; default: every one compiled in). A
    /// tiered pair is `FIRST+SECOND`.
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub strategy: Vec<String>,
    /// Also run the tiered pair FIRST then SECOND (strategy `FIRST+SECOND`; repeatable);
    /// the first tier must offer what the second needs (tier-up countdowns, and frame
    /// anchors below a second tier with stack maps).
    #[arg(long, value_name = "FIRST,SECOND")]
    pub tiers: Vec<String>,
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
    // Help computed: it names the vm's defaults.
    #[arg(long, value_name = "C1:L1,C2:L2[,all]", help = tier_thresholds_help("every cell"))]
    pub tier_thresholds: Option<TierThresholds>,
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
    /// After the timed cells, count each VM cell's instructions per call of `run(n)`
    /// under Valgrind's Callgrind (one more process per cell; needs `valgrind`).
    #[arg(long)]
    pub count_instructions: bool,
    /// Counted calls after the warm-up in a counting process [default: 1; a count does
    /// not depend on machine load, so one call measures it].
    #[arg(long, value_name = "N", requires = "count_instructions")]
    pub count_iterations: Option<usize>,
    /// Counting processes run at once [default: one per core]; counts do not depend on
    /// machine load, times do, so the timed cells always run one at a time.
    #[arg(long, value_name = "N", requires = "count_instructions")]
    pub jobs: Option<usize>,
    /// Each timed cell process writes /tmp/perf-<pid>.map naming its compiled functions,
    /// so `perf record` over the run attributes samples to JIT code.
    #[arg(long)]
    pub perf_map: bool,
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
    /// Execution strategy (a tiered pair is `FIRST+SECOND`).
    #[arg(long, default_value = "interp")]
    pub strategy: String,
    /// Run the tiered pair FIRST then SECOND (instead of --strategy).
    #[arg(long, value_name = "FIRST,SECOND", conflicts_with = "strategy")]
    pub tiers: Option<String>,
    /// Print the bytecode listing and exit without running.
    #[arg(long)]
    pub dump_bytecode: bool,
    /// After the run, print the machine code of every compiled function (or those named
    /// FUNC: `main.fib` or `fib`) to stdout: each bytecode instruction above the code it
    /// produced, slow paths after the body (JIT strategies; `--jit-eager` compiles
    /// every function). Give it after FILE.
    #[arg(long, value_name = "FUNC", num_args = 0..=1, default_missing_value = "")]
    pub dump_asm: Option<String>,
    /// After the run, print the Cranelift IR of every compiled function (or FUNC's)
    /// before and after optimization (cranelift-reload, cranelift-regmap, tiered's
    /// second tier). Give it after FILE.
    #[arg(long, value_name = "FUNC", num_args = 0..=1, default_missing_value = "")]
    pub dump_clif: Option<String>,
    /// Write /tmp/perf-<pid>.map naming every compiled function, for `perf report`.
    #[arg(long)]
    pub perf_map: bool,
    /// After the run, print instructions executed, wall time, the instruction rate and the
    /// collector's statistics to stderr. A JIT then compiles counting code (each native
    /// block counts its instructions), so the run is a little slower than without.
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
    #[arg(long, value_name = "C1:L1,C2:L2[,all]", conflicts_with = "jit_threshold", help = tier_thresholds_help("the run"))]
    pub tier_thresholds: Option<TierThresholds>,
    /// The program's own arguments, after `--` (`os.Args[1:]`, what `flag` parses).
    #[arg(last = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

/// The help of `--tier-thresholds` (of the matrix's cells, or of `run`).
fn tier_thresholds_help(of: &str) -> String {
    format!(
        "JIT hotness thresholds of {of}: C1 calls or L1 loop back edges of a function before it is compiled \
         (the first tier of every JIT strategy, not only a tiered pair's), then C2 calls or L2 back edges counted \
         in a tiered pair's first-tier code (template's in tiered) before its second tier (cranelift-regmap in \
         tiered) recompiles the function (only functions with a register loop and leaves, or every function with \
         a trailing `,all`); each at least 1 [default: the vm's, {}]",
        TierThresholds::vm_defaults()
    )
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
    /// Relative growth of a cell's instructions per call that fails it, when both runs
    /// counted [default: 0.02; counts repeat between runs to within 0.01%].
    #[arg(long, value_name = "FRACTION")]
    pub instruction_tolerance: Option<f64>,
    /// Do not gate on time at all (only on the deterministic metrics).
    #[arg(long)]
    pub no_time: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    #[test]
    fn tier_thresholds_on_the_command_line() {
        let cli = Cli::try_parse_from(["harness", "--all", "--tier-thresholds", "100:50,2000:20000"]).unwrap();
        assert_eq!(cli.matrix.tier_thresholds.map(|t| t.to_string()).as_deref(), Some("100:50,2000:20000"));
        assert_eq!(Cli::try_parse_from(["harness", "--all"]).unwrap().matrix.tier_thresholds, None);
        let cli = Cli::try_parse_from(["harness", "run", "x.go", "--tier-thresholds", "1:2,3:4"]).unwrap();
        let Some(Command::Run(run)) = cli.command else { panic!("not run") };
        assert_eq!(run.tier_thresholds.map(|t| t.to_string()).as_deref(), Some("1:2,3:4"));
        // Bad values are clap's usage errors naming the option and what is wrong.
        for (args, complaint) in [
            (&["harness", "--all", "--tier-thresholds", "100:50"][..], "two tiers separated by a comma"),
            (&["harness", "--all", "--tier-thresholds", "100:0,1:1"][..], "tier 1 loops \"0\""),
            (&["harness", "run", "x.go", "--tier-thresholds", "a:b,c:d"][..], "tier 1 calls \"a\""),
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ValueValidation, "{args:?}");
            let text = err.to_string();
            assert!(text.contains("--tier-thresholds") && text.contains(complaint), "{args:?}: {text}");
        }
        let err = Cli::try_parse_from(["harness", "--all", "--tier-thresholds"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        // `run` takes one way of setting the first tier.
        let both = ["harness", "run", "x.go", "--jit-threshold", "5", "--tier-thresholds", "1:2,3:4"];
        assert_eq!(Cli::try_parse_from(both).unwrap_err().kind(), ErrorKind::ArgumentConflict);
        assert_eq!(
            Cli::try_parse_from(["harness", "run", "x.go", "--jit-threshold", "5"]).map(|c| c.command.is_some()).ok(),
            Some(true)
        );
    }
}
