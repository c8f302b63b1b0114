//! The subcommands' top level: parse, dispatch, map errors to exit statuses. The work
//! itself lives in the modules named in the crate doc.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, GateArgs, MatrixArgs, ReportArgs};
use crate::error::{HarnessError, EXIT_USAGE};
use crate::results::Results;
use crate::{cell, code_view, gate, manifest, matrix, report, results, run_file, strategies, summary};

/// Parse the command line and run it; the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // Help and version go to stdout with status 0; usage errors are EX_USAGE.
            return if e.use_stderr() { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS };
        }
    };
    let outcome = match cli.command {
        Some(Command::Run(args)) => return run_file::run(&args),
        Some(Command::Cell(args)) => return cell::run_child(&args),
        Some(Command::Fuzz(args)) => crate::fuzz::run(&args),
        Some(Command::Gate(args)) => gate_command(&args),
        Some(Command::Report(args)) => report_command(&args).map(|()| ExitCode::SUCCESS),
        Some(Command::List { manifest }) => list_command(manifest).map(|()| ExitCode::SUCCESS),
        None => matrix_command(&cli.matrix).map(|()| ExitCode::SUCCESS),
    };
    outcome.unwrap_or_else(|e| e.report())
}

fn manifest_path(root: &Path, given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| root.join("workloads/manifest.toml"))
}

/// Timings must come from optimized code without debug assertions even under plain
/// `cargo run` (whose dev profile keeps debug assertions on: about 20-40% slower). A
/// debug build started by cargo therefore hands the whole command over to
/// `cargo run --release`; started any other way it runs, and the results and report
/// say that it was a debug build.
fn ensure_release_build() {
    if !cfg!(debug_assertions) || std::env::var_os("JITLAB_NO_REEXEC").is_some() {
        return;
    }
    let Some(cargo) = std::env::var_os("CARGO") else {
        eprintln!("harness: warning: this is a debug build; timings will be slower than a release build's");
        return;
    };
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    eprintln!(
        "harness: debug build; re-running as `cargo run --release -p harness` so timings come from optimized code"
    );
    let mut command = std::process::Command::new(cargo);
    command
        .args(["run", "--release", "--quiet", "-p", "harness", "--manifest-path"])
        .arg(workspace)
        .arg("--")
        .args(std::env::args_os().skip(1))
        .env("JITLAB_NO_REEXEC", "1");
    use std::os::unix::process::CommandExt;
    let error = command.exec();
    eprintln!("harness: warning: cannot re-run in release mode ({error}); timings will be those of a debug build");
}

fn matrix_command(args: &MatrixArgs) -> Result<(), HarnessError> {
    let root = manifest::repo_root();
    let workloads = manifest::load(&manifest_path(&root, args.manifest.clone()))?;
    let plan = matrix::plan(args, workloads)?;
    ensure_release_build();
    let command_line = std::env::args().collect::<Vec<_>>().join(" ");
    let results = matrix::run(&plan, &root, command_line)?;
    let latest = matrix::save(&results, &args.results_dir.clone().unwrap_or_else(|| root.join("results")))?;
    let mut written = vec![format!("results: {}", latest.display())];
    if !args.no_report {
        let baseline_path = args.baseline.clone().unwrap_or_else(|| root.join("results/baseline.json"));
        let baseline = if args.baseline.is_some() || baseline_path.is_file() {
            match Results::load(&baseline_path) {
                // The committed baseline is a quick run: compare only like with like,
                // unless a baseline was asked for explicitly.
                Ok(b) if args.baseline.is_none() && b.config.size != results.config.size => None,
                Ok(b) => Some((b, baseline_path.display().to_string())),
                Err(e) => {
                    eprintln!("harness: warning: no baseline comparison in the report: {e}");
                    None
                }
            }
        } else {
            None
        };
        let code = code_view::hottest_functions(&results, &plan.workloads);
        let html =
            report::render_with_code(&results, baseline.as_ref().map(|(b, name)| (b, name.as_str())), Some(&code));
        let path = args.report_dir.clone().unwrap_or_else(|| root.join("reports")).join("index.html");
        results::write_file(&path, &html)?;
        written.push(format!("report: {}", path.display()));
    }
    if args.json {
        print!("{}", results.to_json());
    } else {
        print!("{}", summary::render(&results));
        println!("{}", written.join("\n"));
    }
    Ok(())
}

fn report_command(args: &ReportArgs) -> Result<(), HarnessError> {
    let root = manifest::repo_root();
    // The code view compiles the workloads of the manifest with this build.
    let workloads = manifest::load(&manifest_path(&root, None)).unwrap_or_default();
    let code = |r: &Results| code_view::hottest_functions(r, &workloads);
    let (html, default_name) = match args.files.as_slice() {
        [one] => {
            let results = Results::load(one)?;
            (report::render_with_code(&results, None, Some(&code(&results))), "index.html")
        }
        [old, new] => {
            let old_results = Results::load(old)?;
            let label = old.display().to_string();
            let results = Results::load(new)?;
            (report::render_with_code(&results, Some((&old_results, &label)), Some(&code(&results))), "compare.html")
        }
        _ => return Err(HarnessError::usage("report takes one or two results files")),
    };
    let path = args.output.clone().unwrap_or_else(|| root.join("reports").join(default_name));
    results::write_file(&path, &html)?;
    println!("report: {}", path.display());
    Ok(())
}

fn gate_command(args: &GateArgs) -> Result<ExitCode, HarnessError> {
    let root = manifest::repo_root();
    let baseline = Results::load(&args.baseline)?;
    let current_path = args.current.clone().unwrap_or_else(|| root.join("results/latest.json"));
    let current = Results::load(&current_path)?;
    let under_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    let defaults = gate::GateConfig::defaults(under_ci);
    let config = gate::GateConfig {
        time_tolerance: args.time_tolerance.unwrap_or(defaults.time_tolerance),
        suite_tolerance: args.suite_tolerance.unwrap_or(defaults.suite_tolerance),
        gate_time: !args.no_time,
        instruction_tolerance: args.instruction_tolerance.unwrap_or(defaults.instruction_tolerance),
    };
    for t in [config.time_tolerance, config.suite_tolerance, config.instruction_tolerance] {
        if !(t >= 0.0 && t.is_finite()) {
            return Err(HarnessError::usage("tolerances must be non-negative fractions"));
        }
    }
    println!(
        "gate: {} (commit {}) against baseline {} (commit {}), time tolerance {:.0}% per cell, {:.0}% per strategy, \
         instructions {:.1}% per cell{}",
        current_path.display(),
        current.commit,
        args.baseline.display(),
        baseline.commit,
        config.time_tolerance * 100.0,
        config.suite_tolerance * 100.0,
        config.instruction_tolerance * 100.0,
        if under_ci { " (CI)" } else { "" }
    );
    let report = gate::gate(&baseline, &current, &config);
    print!("{}", report.render());
    Ok(if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn list_command(manifest: Option<PathBuf>) -> Result<(), HarnessError> {
    let root = manifest::repo_root();
    let workloads = manifest::load(&manifest_path(&root, manifest))?;
    println!("strategies compiled in: {}", strategies::compiled_in().join(", "));
    println!("workloads ({}):", workloads.len());
    let width = workloads.iter().map(|w| w.name.len()).max().unwrap_or(0);
    for w in &workloads {
        println!("  {:<width$}  [{}] {}", w.name, w.tags.join(", "), w.description);
    }
    Ok(())
}
