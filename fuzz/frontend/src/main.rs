//! `fuzz-frontend`: coverage-guided fuzzing of jitlab's front end on stable Rust.
//!
//! ```text
//! fuzz-frontend [--seconds N] [--runs N] [--seed S] [--corpus DIR]... [--crashes DIR]
//!               [--max-len BYTES] [--timeout SECS] [--slow SECS] [--quiet]
//! ```
//!
//! Exit status: 0 no bug found, 1 a bug (its input is in the crash directory and the
//! message on stderr), 2 bad usage, 3 an execution exceeded `--timeout`, 134 an abort
//! (stack overflow; the input is `CRASHES/abort-current.go`).
//!
//! For edge coverage build it with SanitizerCoverage (`fuzz/frontend/run.sh` does):
//! the two callbacks below receive the instrumented code's guards. Without the flags
//! they are never called and the fuzzer runs on outcome features alone.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use fuzz_frontend::{cov, Fuzzer, Options};

/// SanitizerCoverage's module constructor callback (libFuzzer's role).
///
/// # Safety
/// Called by instrumented code with its guard array.
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_trace_pc_guard_init(start: *mut u32, stop: *mut u32) {
    // SAFETY: forwarded unchanged from the instrumentation.
    unsafe { cov::init_guards(start, stop) }
}

/// SanitizerCoverage's edge callback.
///
/// # Safety
/// Called by instrumented code with one of its registered guards.
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_trace_pc_guard(guard: *mut u32) {
    // SAFETY: forwarded unchanged from the instrumentation.
    unsafe { cov::hit(guard) }
}

const USAGE: &str = "usage: fuzz-frontend [--seconds N] [--runs N] [--seed S] [--corpus DIR]... [--crashes DIR] \
                     [--max-len BYTES] [--timeout SECS] [--slow SECS] [--quiet]";

fn parse_args() -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let num = |name: &str, v: String| v.parse::<f64>().map_err(|_| format!("{name}: not a number: {v}"));
        match a.as_str() {
            "--seconds" => o.seconds = num("--seconds", value("--seconds")?)?,
            "--runs" => o.runs = Some(num("--runs", value("--runs")?)? as u64),
            "--seed" => {
                let v = value("--seed")?;
                o.seed = v.parse().map_err(|_| format!("--seed: not an integer: {v}"))?;
            }
            "--corpus" => o.corpus.push(PathBuf::from(value("--corpus")?)),
            "--crashes" => o.crashes = PathBuf::from(value("--crashes")?),
            "--max-len" => o.max_len = num("--max-len", value("--max-len")?)? as usize,
            "--timeout" => o.timeout = Duration::from_secs_f64(num("--timeout", value("--timeout")?)?),
            "--slow" => o.slow = Duration::from_secs_f64(num("--slow", value("--slow")?)?),
            "--quiet" => o.verbose = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz-frontend: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let guards = cov::guards();
    eprintln!(
        "fuzz-frontend: seed {}, {} s, feedback: {}",
        opts.seed,
        opts.seconds,
        if guards > 0 {
            format!("SanitizerCoverage edges ({guards} guards) + outcome features")
        } else {
            "outcome features only (not built with SanitizerCoverage: see run.sh)".to_string()
        }
    );
    let r = Fuzzer::new(opts).run();
    println!(
        "fuzz-frontend: {} executions in {:.1} s ({:.0}/s), corpus {}, edges {} of {} guards, features {}, \
         compiled {}, rejected {}, slowest {:?} ({} bytes)",
        r.execs,
        r.elapsed.as_secs_f64(),
        r.execs as f64 / r.elapsed.as_secs_f64().max(1e-9),
        r.corpus,
        r.edges,
        r.guards,
        r.features,
        r.compiled,
        r.rejected,
        r.slowest.0,
        r.slowest.1
    );
    match r.crash {
        None => ExitCode::SUCCESS,
        Some(c) => {
            eprintln!("fuzz-frontend: BUG: {}", c.message);
            if let Some(p) = c.path {
                eprintln!("fuzz-frontend: input: {}", p.display());
            }
            if let Some(p) = c.minimized {
                eprintln!("fuzz-frontend: minimized: {}", p.display());
            }
            ExitCode::FAILURE
        }
    }
}
