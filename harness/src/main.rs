//! The `harness` binary: everything is in the library (see its crate doc).

fn main() -> std::process::ExitCode {
    harness::commands::main()
}
