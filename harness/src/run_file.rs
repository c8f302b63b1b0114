//! `harness run FILE [-- ARGS...]`: run one Go-subset program as a user would, with
//! `os.Args` = FILE and ARGS, under any compiled-in strategy (`--jit-eager`, `--jit-threshold N` and `--tier-thresholds C1:L1,C2:L2` tune
//! a JIT's hotness). `--dump-asm [FUNC]` and `--dump-clif [FUNC]` print the code the
//! run compiled after the program's output (`code_view`); `--perf-map` names it for
//! Linux `perf`. Its stdout, stderr and exit status are the program's: 0, 1 for a
//! compile error (`file:line:col: message`), 2 for a Go panic or fatal error (Go's
//! text), or the status the program gave `os.Exit`; the harness's own failures use 64 (unknown strategy), 66 (unreadable file)
//! and 70 (the verifier rejected the bytecode).

use std::process::ExitCode;
use std::sync::Arc;

use std::io::Write;

use crate::cli::RunArgs;
use crate::code_view;
use crate::error::{EXIT_NO_INPUT, EXIT_SOFTWARE, EXIT_USAGE};
use crate::strategies::{self, Engine};

pub fn run(args: &RunArgs) -> ExitCode {
    // The statistics need the native instruction count: with --stats the JIT compiles
    // counting code (see "Coverage" in `vm::jit`).
    let mut jit = vm::jit::JitOptions { eager: args.jit_eager, count_native: args.stats, ..Default::default() };
    if let Some(n) = args.jit_threshold {
        jit.call_threshold = n;
        jit.loop_threshold = n;
    }
    if let Some(t) = args.tier_thresholds {
        t.apply(&mut jit);
    }
    jit.keep_code = args.dump_asm.is_some() || args.dump_clif.is_some();
    jit.keep_ir = args.dump_clif.is_some();
    jit.perf_map = args.perf_map;
    let options = vm::VmOptions {
        gc_stress: args.gc_stress,
        gc_verify: args.gc_verify,
        max_heap: args.max_heap,
        jit,
        // os.Args: the program (as named on the command line), then its arguments.
        args: std::iter::once(args.file.clone()).chain(args.args.iter().cloned()).collect(),
        ..Default::default()
    };
    let strategy = match &args.tiers {
        Some(pair) => strategies::tiers_strategy(pair),
        None => strategies::resolve(&args.strategy).map(str::to_string),
    };
    let strategy = match strategy {
        Ok(s) => s,
        Err(e) => {
            eprintln!("harness: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if strategy == strategies::INTERP && (args.dump_asm.is_some() || args.dump_clif.is_some()) {
        eprintln!("harness: interp compiles no machine code; --dump-asm and --dump-clif need a JIT strategy");
        return ExitCode::from(EXIT_USAGE);
    }
    let source = match std::fs::read(&args.file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("harness: cannot read {}: {e}", args.file);
            return ExitCode::from(EXIT_NO_INPUT);
        }
    };
    let program = match vm::compile_source(&source, &args.file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if args.dump_bytecode {
        print!("{}", program.disassemble());
        return ExitCode::SUCCESS;
    }
    let mut engine = match Engine::new(&strategy, Arc::new(program), options) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("harness: invalid bytecode: {e}");
            return ExitCode::from(EXIT_SOFTWARE);
        }
    };
    let start = std::time::Instant::now();
    let result = engine.run_main();
    fault_hook(&strategy, &source);
    if args.stats {
        print_stats(&engine, start.elapsed().as_secs_f64());
    }
    if let Some(func) = &args.dump_asm {
        dump(&engine, func, false);
    }
    if let Some(func) = &args.dump_clif {
        dump(&engine, func, true);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.stderr_text());
            ExitCode::from(e.exit_status() as u8)
        }
    }
}

/// Test hook of the fuzzer's own tests: with `JITLAB_RUN_FAULT=STRATEGY`, a program
/// run under STRATEGY that prints an "at" line (`fmt.Println("at", ...)`) gets one more
/// stdout line, as a miscompilation would, so `harness fuzz` must find, reduce and save
/// it. Never set outside tests.
pub const RUN_FAULT_ENV: &str = "JITLAB_RUN_FAULT";

fn fault_hook(strategy: &str, source: &[u8]) {
    if std::env::var(RUN_FAULT_ENV).is_ok_and(|s| s == strategy)
        && String::from_utf8_lossy(source).contains("fmt.Println(\"at\"")
    {
        println!("injected fault");
    }
}

/// Print the kept code of the functions `func` names (all for ""): disassembled, or
/// their IR (`ir`).
fn dump(engine: &Engine, func: &str, ir: bool) {
    let records: Vec<_> =
        engine.jit_code().iter().filter(|r| func.is_empty() || code_view::name_matches(&r.name, func)).collect();
    if records.is_empty() {
        let what = if func.is_empty() { "no function".to_string() } else { format!("{func} was not") };
        eprintln!("harness: {what} compiled (a function is compiled when it gets hot; --jit-eager compiles every one)");
    }
    let mut out = std::io::stdout().lock();
    for r in records {
        let text = if ir {
            if r.ir.is_empty() {
                format!("== {} [{}]: no IR (only Cranelift has one)\n", r.name, r.generator)
            } else {
                r.ir.iter().map(|(stage, text)| format!("== {} [{}]: {stage}\n{text}\n", r.name, r.generator)).collect()
            }
        } else {
            code_view::Listing::of(r, engine.program()).text()
        };
        // A closed pipe (`| head`) ends the dump, not the program's status.
        if writeln!(out, "{text}").is_err() {
            break;
        }
    }
}

fn print_stats(engine: &Engine, secs: f64) {
    let n = engine.instructions_executed();
    eprintln!("stats: {n} bytecode instructions in {:.3} s = {:.1} M instructions/s", secs, n as f64 / secs / 1e6);
    let gc = engine.gc_stats();
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
    let events = engine.compile_events();
    if !events.is_empty() {
        let failed = events.iter().filter(|e| e.error.is_some()).count();
        eprintln!(
            "stats: jit {} functions compiled ({failed} failed) from {} bytecode instructions, {} code bytes, {:.1} ms compiling, {:.1}% of instructions native",
            events.len() - failed,
            events.iter().filter(|e| e.error.is_none()).map(|e| e.bytecode_instructions).sum::<u64>(),
            events.iter().map(|e| e.bytes).sum::<u64>(),
            events.iter().map(|e| e.ns).sum::<u64>() as f64 / 1e6,
            engine.native_instructions() as f64 * 100.0 / n.max(1) as f64
        );
    }
}
