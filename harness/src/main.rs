//! The `harness` binary: everything is in the library (see its crate doc).

fn main() -> std::process::ExitCode {
    // `perf record` sets PERF_BUILDID_DIR for the program it starts, and cranelift-jit
    // then appends its own line (`f12_3`) for each Cranelift function to the same
    // /tmp/perf-<pid>.map that `--perf-map` writes: two names for one range. The VM's
    // map names every strategy's code (`main.fib [cranelift-regmap]`), so the variable
    // goes before any thread starts; the cells inherit the environment without it.
    std::env::remove_var("PERF_BUILDID_DIR");
    harness::commands::main()
}
