//! `harness fuzz`: differential fuzzing of every strategy against the interpreter.
//!
//! Each round generates a program ([`gen`]) from the next seed, runs it under `interp`
//! (the reference) and under every compiled-in JIT strategy in each [`MODES`] entry
//! (`--jit-eager`, and `--jit-eager --gc-stress --gc-verify`; `tiered` also in each
//! [`TIER_UP_MODES`] entry, with immediate tier-up), each run a child
//! process (`harness run`) under a time limit so a crash or hang is an outcome, not
//! the end of the campaign. Any difference in stdout, stderr or exit status is a bug:
//! the program is reduced ([`reduce`]: statements deleted while the difference stays)
//! and written with the original to the output directory. Every bug found becomes a
//! conformance test (`vm/tests/conformance/run/`).

pub mod gen;
pub mod reduce;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::error::HarnessError;
use crate::supervise::{run_child, ChildExit, Limits};

/// The JIT modes every strategy runs each program in (flags of `harness run`).
pub const MODES: [&[&str]; 2] = [&["--jit-eager"], &["--jit-eager", "--gc-stress", "--gc-verify"]];

/// A tiered pair (`tiered`, or `A+B` named with `--strategy`) also runs in these:
/// functions move to the second tier at their first call or back edge in first-tier
/// code (running loops by OSR), so code is replaced while it runs in nearly every
/// program; every function plainly, and under stress with the default policy (most
/// functions stay in first-tier code), so frames of both tiers mix while the collector
/// moves objects.
pub const TIER_UP_MODES: [&[&str]; 2] = [
    &["--jit-eager", "--tier-thresholds", "1:1,1:1,all"],
    &["--jit-eager", "--tier-thresholds", "1:1,1:1", "--gc-stress", "--gc-verify"],
];

/// The modes `jit` runs each program in.
fn modes(jit: &str) -> impl Iterator<Item = &'static [&'static str]> {
    let extra: &[&[&str]] = if crate::strategies::tiers_of(jit).is_some() { &TIER_UP_MODES } else { &[] };
    MODES.iter().chain(extra).copied()
}

/// Arguments of `harness fuzz`.
#[derive(clap::Args, Debug, Clone)]
pub struct FuzzArgs {
    /// Stop starting new programs after this many seconds.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// The first program's seed (program i uses seed + i).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Run at most this many programs.
    #[arg(long)]
    pub programs: Option<u64>,
    /// Strategies to compare with interp (default: every JIT compiled in).
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub strategy: Vec<String>,
    /// Where reduced reproducers are written.
    #[arg(long, default_value = "fuzz-failures", value_name = "DIR")]
    pub out: PathBuf,
    /// Time limit per run, in seconds.
    #[arg(long, default_value_t = 20.0, value_name = "SECS")]
    pub timeout: f64,
    /// Print the program of `--seed` and exit (to run it elsewhere, e.g. under Go).
    #[arg(long)]
    pub print: bool,
}

/// What one run of a program showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub stdout: Vec<String>,
    pub stderr: String,
    pub exit: String,
}

impl Outcome {
    fn describe(&self) -> String {
        let first_err = self.stderr.lines().next().unwrap_or("");
        format!("exit {}, {} stdout lines, stderr {first_err:?}", self.exit, self.stdout.len())
    }
}

/// Runs programs in child processes.
pub struct Runner {
    exe: PathBuf,
    limits: Limits,
    dir: PathBuf,
}

impl Runner {
    pub fn new(timeout_s: f64) -> Result<Runner, HarnessError> {
        let exe = std::env::current_exe().map_err(|e| HarnessError::software(format!("no executable: {e}")))?;
        let dir = std::env::temp_dir().join(format!("jitlab-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| HarnessError::software(format!("{}: {e}", dir.display())))?;
        let limits = Limits { timeout: Duration::from_secs_f64(timeout_s), memory_bytes: 4 << 30 };
        Ok(Runner { exe, limits, dir })
    }

    /// Run `src` under `strategy` with `flags`.
    pub fn run(&self, src: &str, strategy: &str, flags: &[&str]) -> Result<Outcome, HarnessError> {
        let file = self.dir.join("p.go");
        std::fs::write(&file, src).map_err(|e| HarnessError::software(format!("{}: {e}", file.display())))?;
        let mut cmd = Command::new(&self.exe);
        cmd.arg("run").arg("--strategy").arg(strategy).args(flags).arg(&file);
        let out = run_child(&mut cmd, &self.limits)?;
        let exit = match out.exit {
            ChildExit::Exited(c) => format!("{c}"),
            ChildExit::Signaled(s) => format!("signal {s}"),
            ChildExit::TimedOut { .. } => "timed out".to_string(),
            ChildExit::MemoryExceeded { .. } => "memory limit".to_string(),
        };
        Ok(Outcome { stdout: out.stdout_lines, stderr: out.stderr_tail, exit })
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A difference between a strategy and the interpreter.
pub struct Difference {
    pub seed: u64,
    pub strategy: String,
    pub flags: Vec<String>,
    pub reference: Outcome,
    pub got: Outcome,
}

/// Run the campaign; exit 1 when a difference was found.
pub fn run(args: &FuzzArgs) -> Result<ExitCode, HarnessError> {
    if args.print {
        print!("{}", gen::generate(args.seed).render());
        return Ok(ExitCode::SUCCESS);
    }
    let jits: Vec<String> = if args.strategy.is_empty() {
        crate::strategies::compiled_in()
            .into_iter()
            .filter(|s| *s != crate::strategies::INTERP)
            .map(String::from)
            .collect()
    } else {
        args.strategy.clone()
    };
    let runner = Runner::new(args.timeout)?;
    let start = Instant::now();
    let deadline = Duration::from_secs(args.seconds);
    let (mut programs, mut runs) = (0u64, 0u64);
    let mut found: Vec<Difference> = Vec::new();
    eprintln!("fuzz: seeds from {}, strategies {}, {} s", args.seed, jits.join(","), args.seconds);
    while start.elapsed() < deadline && args.programs.is_none_or(|n| programs < n) {
        let seed = args.seed + programs;
        programs += 1;
        let src = gen::generate(seed).render();
        let reference = runner.run(&src, crate::strategies::INTERP, &[])?;
        runs += 1;
        if reference.exit != "0" {
            // The generator promises terminating, well-typed programs: anything else is
            // a bug in the generator or the interpreter, reported like a difference.
            eprintln!("fuzz: seed {seed}: the interpreter itself failed ({})", reference.describe());
            let d = Difference {
                seed,
                strategy: "interp".into(),
                flags: vec![],
                reference: reference.clone(),
                got: reference.clone(),
            };
            save(&args.out, &d, &src, &src)?;
            found.push(d);
            continue;
        }
        for jit in &jits {
            for flags in modes(jit) {
                let got = runner.run(&src, jit, flags)?;
                runs += 1;
                if got != reference {
                    eprintln!(
                        "fuzz: seed {seed}: {jit} {} differs: {} (interp: {})",
                        flags.join(" "),
                        got.describe(),
                        reference.describe()
                    );
                    let d = Difference {
                        seed,
                        strategy: jit.clone(),
                        flags: flags.iter().map(|f| f.to_string()).collect(),
                        reference: reference.clone(),
                        got,
                    };
                    let reduced = reduce::reduce(&gen::generate(seed), |p| {
                        let s = p.render();
                        let (Ok(r), Ok(g)) =
                            (runner.run(&s, crate::strategies::INTERP, &[]), runner.run(&s, jit, flags))
                        else {
                            return false;
                        };
                        r.exit == "0" && r != g
                    });
                    save(&args.out, &d, &src, &reduced.render())?;
                    found.push(d);
                }
            }
        }
        if programs % 25 == 0 {
            eprintln!(
                "fuzz: {programs} programs, {runs} runs, {} differences, {:.0} s",
                found.len(),
                start.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "fuzz: {programs} programs (seeds {}..{}), {runs} runs, {} differences in {:.0} s",
        args.seed,
        args.seed + programs,
        found.len(),
        start.elapsed().as_secs_f64()
    );
    for d in &found {
        println!("  seed {}: {} {}", d.seed, d.strategy, d.flags.join(" "));
    }
    Ok(if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Write the reduced reproducer (and the original) of `d` to `dir`.
fn save(dir: &Path, d: &Difference, original: &str, reduced: &str) -> Result<(), HarnessError> {
    std::fs::create_dir_all(dir).map_err(|e| HarnessError::software(format!("{}: {e}", dir.display())))?;
    let stem = format!("seed{}-{}{}", d.seed, d.strategy, d.flags.join("").replace("--", "-"));
    let header = format!(
        "// harness fuzz: seed {}, `harness run --strategy {} {}` differs from interp\n// interp: {}\n// {}: {}\n",
        d.seed,
        d.strategy,
        d.flags.join(" "),
        d.reference.describe(),
        d.strategy,
        d.got.describe()
    );
    let write = |name: String, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("{header}{text}"))
            .map_err(|e| HarnessError::software(format!("{}: {e}", path.display())))
    };
    write(format!("{stem}.go"), reduced)?;
    write(format!("{stem}.original.go"), original)?;
    eprintln!("fuzz: reproducer written to {}", dir.join(format!("{stem}.go")).display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(feature = "jit-template", feature = "jit-dynasm", feature = "jit-cranelift"))]
    fn every_tiered_pair_is_fuzzed_with_immediate_tier_up() {
        assert_eq!(modes("dynasm").count(), MODES.len());
        for pair in ["tiered", "dynasm+cranelift-reload", "dynasm+cranelift-regmap"] {
            assert_eq!(modes(pair).count(), MODES.len() + TIER_UP_MODES.len(), "{pair}");
        }
    }
}
