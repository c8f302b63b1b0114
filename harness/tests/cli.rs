//! End-to-end tests of the `harness` binary: a quick matrix over real workloads writes
//! results that parse and a report with its sections; failing cells (a Go panic, a wrong
//! checksum, a compile error, a real hang, an abort, the memory limit) are recorded as
//! such while the run completes; the gate and the report subcommands; and bad input
//! gives a message and an exit status, never a Rust panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{harness, scratch, text};
use harness::results::{ErrorKind, Results};
use harness::strategies::{compiled_in, TierThresholds, INTERP};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn assert_no_rust_panic(out: &Output) {
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked at") && !stderr.contains("RUST_BACKTRACE"), "Rust panic: {stderr}");
}

/// Run the matrix into `dir` with the given extra arguments.
fn matrix(dir: &Path, args: &[&str]) -> Output {
    let out =
        harness().args(args).arg("--results-dir").arg(dir).arg("--report-dir").arg(dir).output().expect("run harness");
    assert_no_rust_panic(&out);
    out
}

#[test]
fn quick_run_on_two_workloads_writes_results_and_report() {
    let dir = scratch("e2e");
    let out = matrix(
        &dir,
        &[
            "--all",
            "--workload",
            "fib,sieve",
            "--size",
            "quick",
            "--warmup",
            "1",
            "--iterations",
            "4",
            "--invocations",
            "2",
        ],
    );
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("fib") && stdout.contains("sieve"), "{stdout}");
    let cells = 2 * compiled_in().len();
    assert!(stdout.contains(&format!("{cells} of {cells} cells correct")), "{stdout}");

    let results = Results::load(&dir.join("latest.json")).expect("results parse");
    assert_eq!(results.schema_version, harness::results::SCHEMA_VERSION);
    assert_eq!(results.config.size, "quick");
    assert_eq!(results.config.workloads, vec!["fib", "sieve"]);
    assert_eq!(results.cells.len(), cells, "every compiled-in strategy ran");
    assert_eq!(results.calibration_ns.len(), 2, "one calibration per workload");
    assert_eq!(results.config.tier_thresholds, Some(TierThresholds::vm_defaults()), "the vm's defaults, recorded");
    for cell in &results.cells {
        assert!(cell.correct, "{cell:?}");
        // Two processes per cell, their calls pooled.
        assert_eq!((cell.warmup_ns.len(), cell.iterations_ns.len()), (2, 8));
        assert_eq!(cell.invocation_lengths, vec![[1, 4], [1, 4]]);
        assert_eq!((cell.warmup_cpu_ns.len(), cell.iterations_cpu_ns.len()), (2, 8));
        assert_eq!(cell.calibration_cpu_ns.len(), 8, "a calibration sample after each measured call");
        assert!(cell.median_ns.unwrap() > 0.0);
        let ci = cell.ci95_ns.unwrap();
        assert!(ci.low <= cell.median_ns.unwrap() && cell.median_ns.unwrap() <= ci.high);
        assert!(cell.peak_rss_bytes > 1 << 20, "peak RSS {}", cell.peak_rss_bytes);
        assert!(cell.instructions_executed > 0);
        if cell.strategy == INTERP {
            assert_eq!((cell.jit_coverage, cell.code_bytes, cell.functions_compiled), (0.0, 0, 0));
        } else {
            // A JIT compiled the hot functions and ran most instructions natively.
            assert!(cell.functions_compiled > 0 && cell.code_bytes > 0, "{cell:?}");
            assert!(cell.compile_ns > 0 && !cell.compile_events.is_empty());
            assert!(cell.jit_coverage > 0.5, "coverage {}", cell.jit_coverage);
            assert_eq!(cell.compile_failures, 0);
            // Each compilation names its code generator and the call of run(n) it happened in.
            assert!(cell.compile_events.iter().all(|e| !e.generator.is_empty() && e.tier >= 1), "{cell:?}");
            assert!(cell.compile_events.iter().any(|e| e.iteration.is_some()), "{cell:?}");
            assert!(cell.compile_events.iter().all(|e| e.iteration.is_none_or(|i| i < 5)), "{cell:?}");
        }
    }
    // The sieve allocates a fresh []bool per repetition: the collector ran.
    assert!(results.cell("sieve", "interp").unwrap().gc.bytes_allocated > 0);
    // A timestamped copy beside latest.json.
    let copies = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with("-quick.json"))
        .count();
    assert_eq!(copies, 1);

    let html = std::fs::read_to_string(dir.join("index.html")).expect("report written");
    for section in [
        "The run",
        "Failures",
        "Geometric means",
        "Speed-up per workload",
        "Correctness and times",
        "Warm-up curves",
        "Compile time vs steady-state speed",
        "Code bytes per bytecode instruction",
        "JIT coverage",
        "Garbage collection",
        "Steady state",
        "How these numbers were made",
    ] {
        assert!(html.contains(section), "report lacks section {section:?}");
    }
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(!html.contains("<script") && !html.contains("<link"), "self-contained");
    harness::report::well_formed::check(&html).expect("the report is well-formed HTML");
    // The code section: each workload's hottest function (named by the counting replay)
    // under every JIT strategy, collapsed.
    let code = &html[html.find("<h2 id=\"code\">Code</h2>").expect("a Code section")..];
    for (workload, function) in [("fib", "main.fib"), ("sieve", "main.sieve")] {
        let hot = &results.cell(workload, "template").unwrap().hot_functions;
        assert_eq!(hot.first().map(|h| h.name.as_str()), Some(function), "{workload}: {hot:?}");
        let summary = format!("<details class=\"code\"><summary><b>{workload}</b>: <code>{function}</code>");
        let at = code.find(&summary).unwrap_or_else(|| panic!("no code view of {workload}"));
        let view = &code[at..at + code[at..].find("</details>").expect("closed")];
        for s in compiled_in().into_iter().filter(|s| *s != INTERP) {
            assert!(view.contains(&format!("<th colspan=\"2\">{s}")), "{workload}: no {s} column");
        }
        assert!(view.contains("slow paths") && view.contains("<pre>"), "{workload}");
    }

    // The gate passes a run against itself, and `report OLD NEW` renders a comparison.
    let latest = dir.join("latest.json");
    let gate = harness().arg("gate").arg("--baseline").arg(&latest).arg("--current").arg(&latest).output().unwrap();
    assert!(gate.status.success(), "{}", text(&gate.stdout));
    assert!(text(&gate.stdout).contains(&format!("gate: passed ({cells} cells checked)")));
    let compare = dir.join("compare.html");
    let report = harness().arg("report").arg(&latest).arg(&latest).arg("-o").arg(&compare).output().unwrap();
    assert!(report.status.success(), "{}", text(&report.stderr));
    let html = std::fs::read_to_string(&compare).unwrap();
    assert!(html.contains("Comparison with the baseline") && html.contains("What the gate says"));
}

#[test]
fn tier_thresholds_reach_every_cell_and_compilations_name_their_call() {
    let strategies: Vec<&str> = ["template", "tiered"].into_iter().filter(|s| compiled_in().contains(s)).collect();
    if strategies.is_empty() {
        return;
    }
    let dir = scratch("tiers");
    let out = matrix(
        &dir,
        &[
            "--workload",
            "fib",
            "--strategy",
            &strategies.join(","),
            "--size",
            "quick",
            "--warmup",
            "1",
            "--iterations",
            "2",
            "--invocations",
            "1",
            "--no-report",
            "--tier-thresholds",
            "1:1,1:1,all",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let results = Results::load(&dir.join("latest.json")).unwrap();
    assert_eq!(results.config.tier_thresholds.map(|t| t.to_string()).as_deref(), Some("1:1,1:1,all"));
    for cell in &results.cells {
        assert!(cell.correct, "{cell:?}");
        // Hot at once: every function of fib is compiled while loading, in init, or in
        // the first call of run(n).
        assert!(cell.compile_events.iter().all(|e| e.iteration.is_none_or(|i| i == 0)), "{cell:?}");
        assert!(cell.compile_events.iter().any(|e| e.iteration == Some(0)), "{cell:?}");
        let tiers: Vec<(u8, &str)> = cell.compile_events.iter().map(|e| (e.tier, e.generator.as_str())).collect();
        if cell.strategy == "tiered" {
            // Both tiers at once, the second by cranelift-regmap.
            assert!(tiers.contains(&(1, "template")) && tiers.contains(&(2, "cranelift-regmap")), "{tiers:?}");
        } else {
            assert!(tiers.iter().all(|t| *t == (1, "template")), "{tiers:?}");
        }
    }
    // `run` applies them too.
    let ok = fixtures().join("ok.go");
    for strategy in strategies {
        let out = harness()
            .args(["run", "--strategy", strategy, "--tier-thresholds", "1:1,1:1,all"])
            .arg(&ok)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "500500\n");
    }
}

#[test]
fn json_output_is_the_results_document() {
    let dir = scratch("json");
    let out = matrix(
        &dir,
        &["--workload", "fib", "--size", "quick", "--warmup", "0", "--iterations", "2", "--json", "--no-report"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let results = Results::parse(&text(&out.stdout)).expect("stdout is the results JSON");
    assert_eq!(results.cells.len(), compiled_in().len());
    assert!(!dir.join("index.html").exists(), "--no-report");
}

#[test]
fn failing_cells_are_recorded_and_the_run_goes_on() {
    let dir = scratch("failures");
    let manifest = fixtures().join("manifest.toml");
    let out = harness()
        .args(["--all", "--strategy", "interp", "--size", "quick", "--warmup", "1", "--iterations", "2"])
        .args(["--timeout", "3", "--invocations", "1", "--no-report"])
        .arg("--manifest")
        .arg(&manifest)
        .arg("--results-dir")
        .arg(&dir)
        .output()
        .unwrap();
    assert_no_rust_panic(&out);
    assert!(out.status.success(), "the run completes: {}", text(&out.stderr));
    let results = Results::load(&dir.join("latest.json")).unwrap();
    let kind = |w: &str| results.cell(w, "interp").unwrap().error_kind;
    let error = |w: &str| results.cell(w, "interp").unwrap().error.clone().unwrap_or_default();
    assert!(results.cell("ok", "interp").unwrap().correct);
    assert_eq!(kind("wrong"), Some(ErrorKind::WrongChecksum));
    assert!(error("wrong").contains("wrong checksum 500500 (want 1) at iteration 0"), "{}", error("wrong"));
    assert_eq!(kind("panics"), Some(ErrorKind::Panic));
    assert!(
        error("panics").starts_with("panic: runtime error: index out of range [5] with length 3"),
        "{}",
        error("panics")
    );
    assert_eq!(kind("hangs"), Some(ErrorKind::Timeout));
    assert!(error("hangs").contains("no result after 3 s"), "{}", error("hangs"));
    assert_eq!(kind("broken"), Some(ErrorKind::Compile));
    assert!(error("broken").contains("broken.go:5:1"), "{}", error("broken"));
    let summary = text(&out.stdout);
    assert!(summary.contains("1 of 5 cells correct"), "{summary}");
    assert!(summary.contains("FAILED hangs/interp [time-out]"), "{summary}");

    // The gate fails on them, with a table naming each.
    let gate = harness()
        .arg("gate")
        .arg("--baseline")
        .arg(dir.join("latest.json"))
        .arg("--current")
        .arg(dir.join("latest.json"))
        .output()
        .unwrap();
    assert_eq!(gate.status.code(), Some(1));
    let table = text(&gate.stdout);
    for w in ["wrong", "panics", "hangs", "broken"] {
        assert!(table.contains(&format!("{w}/interp")), "{table}");
    }
    assert!(table.contains("gate: FAILED: 4 regression(s)"), "{table}");
}

#[test]
fn an_aborting_cell_and_a_memory_hog_are_recorded() {
    let dir = scratch("faults");
    let manifest = fixtures().join("manifest.toml");
    let run = |fault: &str, memory_mib: &str| {
        let out = harness()
            .args(["--workload", "ok", "--strategy", "interp", "--size", "quick", "--warmup", "1"])
            .args(["--iterations", "3", "--invocations", "1", "--timeout", "20"])
            .args(["--memory-limit", memory_mib, "--no-report"])
            .arg("--manifest")
            .arg(&manifest)
            .arg("--results-dir")
            .arg(&dir)
            .env("JITLAB_CELL_FAULT", fault)
            .output()
            .unwrap();
        assert_no_rust_panic(&out);
        assert!(out.status.success(), "{}", text(&out.stderr));
        Results::load(&dir.join("latest.json")).unwrap().cells.remove(0)
    };
    let aborted = run("abort@ok/interp", "4096");
    assert_eq!(aborted.error_kind, Some(ErrorKind::Crash));
    assert!(aborted.error.as_deref().unwrap().contains("SIGABRT"), "{:?}", aborted.error);
    assert_eq!(aborted.warmup_ns.len(), 1, "the iteration before the abort is kept");
    let hog = run("memory", "200");
    assert_eq!(hog.error_kind, Some(ErrorKind::Memory));
    assert!(hog.error.as_deref().unwrap().contains("over 200 MiB"), "{:?}", hog.error);
    assert!(hog.peak_rss_bytes > 200 << 20, "peak RSS {}", hog.peak_rss_bytes);
    let silent = run("exit", "4096");
    assert_eq!(silent.error_kind, Some(ErrorKind::Harness));
    // A fault aimed at another cell leaves this one alone.
    assert!(run("abort@other/interp", "4096").correct);
}

#[test]
fn bad_input_gets_a_message_and_a_status() {
    let dir = scratch("bad");
    let check = |args: &[&str], status: i32, message: &str| {
        let out = harness().args(args).output().unwrap();
        assert_no_rust_panic(&out);
        assert_eq!(out.status.code(), Some(status), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(message), "{args:?}: {}", text(&out.stderr));
    };
    check(&["--workload", "nosuch"], 64, "unknown workload \"nosuch\" (available: fib,");
    check(&["--all", "--strategy", "warp"], 64, "unknown strategy \"warp\"");
    check(&[], 64, "nothing to run");
    check(&["--all", "--bogus-flag"], 64, "--bogus-flag");
    check(&["--all", "--tier-thresholds", "100:50"], 64, "invalid value '100:50' for '--tier-thresholds");
    check(&["run", "--tier-thresholds", "1:0,1:1", "x.go"], 64, "tier 1 loops \"0\" is not a count from 1");
    check(&["run", "--jit-threshold", "3", "--tier-thresholds", "1:1,1:1", "x.go"], 64, "cannot be used with");
    check(&["--all", "--manifest", "/nonexistent/manifest.toml"], 66, "cannot read manifest");
    let bad_manifest = dir.join("manifest.toml");
    std::fs::write(&bad_manifest, "[[workload]]\nname = 3\n").unwrap();
    check(&["--all", "--manifest", bad_manifest.to_str().unwrap()], 65, "manifest.toml");
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, "{ not json").unwrap();
    check(
        &["gate", "--baseline", bad_json.to_str().unwrap(), "--current", bad_json.to_str().unwrap()],
        65,
        "not valid JSON",
    );
    check(&["gate", "--baseline", "/nonexistent.json"], 66, "cannot read results file");
    check(&["report", bad_json.to_str().unwrap()], 65, "not valid JSON");
    // `run` keeps the program's statuses.
    check(&["run", "/nonexistent.go"], 66, "cannot read /nonexistent.go");
    check(&["run", "--strategy", "warp", "x.go"], 64, "unknown strategy \"warp\"");
    let panics = fixtures().join("panics.go");
    check(&["run", panics.to_str().unwrap()], 2, "panic: runtime error: index out of range [5] with length 3");
    let broken = fixtures().join("broken.go");
    check(&["run", broken.to_str().unwrap()], 1, "broken.go:5:1");
}

/// Real Go, if installed (Debian's golang-1.19 or `go` on the PATH).
fn go_dir() -> Option<PathBuf> {
    let debian = Path::new("/usr/lib/go-1.19/bin");
    if debian.join("go").is_file() {
        return Some(debian.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?).find(|d| d.join("go").is_file())
}

#[test]
fn go_anchor_times_real_go_with_the_same_protocol() {
    let Some(go) = go_dir() else {
        eprintln!("go is not installed: the --anchor go test has nothing to run against");
        return;
    };
    let path =
        std::env::join_paths(std::iter::once(go).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())))
            .unwrap();
    let dir = scratch("anchor");
    let out = harness()
        .args(["--workload", "ok,wrong,panics", "--strategy", "interp", "--size", "quick", "--warmup", "1"])
        .args(["--iterations", "3", "--invocations", "1"])
        .args(["--anchor", "go", "--no-report", "--timeout", "20"])
        .arg("--manifest")
        .arg(fixtures().join("manifest.toml"))
        .arg("--results-dir")
        .arg(&dir)
        .env("PATH", path)
        .output()
        .unwrap();
    assert_no_rust_panic(&out);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let results = Results::load(&dir.join("latest.json")).unwrap();
    assert_eq!(results.config.strategies, vec!["interp", "go"]);
    let ok = results.cell("ok", "go").expect("a go cell");
    assert!(ok.correct, "{:?}", ok.error);
    assert_eq!((ok.warmup_ns.len(), ok.iterations_ns.len()), (1, 3));
    assert!(ok.peak_rss_bytes > 0);
    assert_eq!(results.cell("wrong", "go").unwrap().error_kind, Some(ErrorKind::WrongChecksum));
    let panics = results.cell("panics", "go").unwrap();
    assert_eq!(panics.error_kind, Some(ErrorKind::Panic));
    assert!(panics.error.as_deref().unwrap().contains("index out of range [5] with length 3"), "{:?}", panics.error);
    // Speed-ups over interp include the anchor.
    assert!(results.summary.unwrap().speedups.iter().any(|s| s.workload == "ok" && s.strategy == "go"));
}

#[test]
fn anchor_without_go_is_a_clear_error() {
    let out = harness()
        .args(["--workload", "fib", "--anchor", "go", "--no-report"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_no_rust_panic(&out);
    assert_eq!(out.status.code(), Some(69), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("`go` is not on the PATH"));
}

#[test]
fn fuzz_finds_reduces_and_saves_a_difference() {
    let strategies = compiled_in();
    let Some(jit) = strategies.iter().find(|s| **s != INTERP) else { return };
    let dir = scratch("fuzz");
    // A clean campaign finds nothing (exit 0).
    let out = harness()
        .args(["fuzz", "--seconds", "60", "--programs", "3", "--seed", "5", "--strategy", jit, "--out"])
        .arg(&dir)
        .output()
        .expect("harness runs");
    assert_no_rust_panic(&out);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("3 programs"), "{}", text(&out.stdout));
    // With a fault injected into one strategy, the first program that prints an "at"
    // line differs: exit 1, and a reduced reproducer that still shows it is saved.
    let out = harness()
        .env("JITLAB_RUN_FAULT", jit)
        .args(["fuzz", "--seconds", "120", "--programs", "3", "--seed", "1", "--strategy", jit, "--out"])
        .arg(&dir)
        .output()
        .expect("harness runs");
    assert_no_rust_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let saved: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the output directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".go") && !p.to_string_lossy().ends_with(".original.go"))
        .collect();
    assert!(!saved.is_empty(), "a reproducer is saved");
    for repro in saved {
        let reduced = std::fs::read_to_string(&repro).expect("reproducer");
        let original = std::fs::read_to_string(repro.with_extension("original.go")).expect("original");
        assert!(reduced.contains("fmt.Println(\"at\""), "{reduced}");
        // Beyond the shared prelude, at most half the statements remain.
        let common = reduced.lines().zip(original.lines()).take_while(|(a, b)| a == b).count();
        let (kept, had) = (reduced.lines().count() - common, original.lines().count() - common);
        assert!(kept * 2 < had, "kept {kept} of {had} lines:\n{reduced}");
        assert!(vm::compile_source(reduced.as_bytes(), "repro.go").is_ok(), "{reduced}");
    }
}

/// `run --dump-asm FUNC` under every JIT strategy: every bytecode instruction of the
/// function appears, in pc order, and every machine instruction printed decodes from
/// the bytes printed beside it (checked with the decoder, not against golden bytes).
#[test]
fn dump_asm_shows_every_bytecode_instruction_above_decodable_code() {
    let file = fixtures().join("dump_asm.go");
    let source = std::fs::read(&file).expect("fixture");
    let program = vm::compile_source(&source, "dump_asm.go").expect("compiles");
    let f = program.func(program.func_by_name("main.collatz").expect("collatz"));
    let bytecode = harness::code_view::bytecode_lines(&program, f);
    for strategy in compiled_in().into_iter().filter(|s| *s != INTERP) {
        let out = harness()
            .args(["run"])
            .arg(&file)
            .args(["--strategy", strategy, "--dump-asm", "collatz"])
            .output()
            .expect("run harness");
        assert_no_rust_panic(&out);
        assert!(out.status.success(), "{strategy}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let (program_output, dump) = stdout.split_once("== main.collatz [").expect("a listing of collatz");
        assert_eq!(program_output, "111\n", "{strategy}: the program's own output comes first");
        let mut at = 0;
        for (pc, line) in bytecode.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            let header = format!("-- {pc:>4}  {line}    ;");
            let found = dump[at..]
                .find(&header)
                .unwrap_or_else(|| panic!("{strategy}: pc {pc} missing or out of order\n{dump}"));
            at += found + header.len();
        }
        let mut decoded = 0;
        for l in dump.lines().filter(|l| l.starts_with("   ")) {
            // "   OFFS  HEX  TEXT"
            let mut words = l.split_whitespace();
            let offset = u64::from_str_radix(words.next().unwrap(), 16).expect("offset");
            let hex = words.next().unwrap();
            let shown: Vec<&str> = words.collect();
            let bytes: Vec<u8> =
                (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
            let mut decoder = iced_x86::Decoder::with_ip(64, &bytes, offset, iced_x86::DecoderOptions::NONE);
            let ins = decoder.decode();
            assert!(!ins.is_invalid() && ins.len() == bytes.len(), "{strategy}: {l}");
            assert_eq!(
                shown.first().copied(),
                Some(format!("{:?}", ins.mnemonic()).to_lowercase().as_str()),
                "{strategy}: {l}"
            );
            decoded += 1;
        }
        assert!(decoded > bytecode.len(), "{strategy}: only {decoded} instructions");
        assert!(dump.contains("-- entry"), "{strategy}: entry code");
    }
}
