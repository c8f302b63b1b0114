#!/usr/bin/env bash
# Build fuzz-frontend with SanitizerCoverage (edge coverage on stable Rust) and run it.
#
#   bash fuzz/frontend/run.sh --seconds 600 --seed 7 [--corpus DIR] [--crashes DIR]
#
# The instrumented build has its own target directory (FUZZ_TARGET_DIR, default
# target/fuzz-sancov under the workspace) because RUSTFLAGS change every crate's code.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target=${FUZZ_TARGET_DIR:-$root/target/fuzz-sancov}
# An explicit --target keeps RUSTFLAGS off build scripts (which would need the callbacks).
host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-C passes=sancov-module -C llvm-args=-sanitizer-coverage-level=3 -C llvm-args=-sanitizer-coverage-trace-pc-guard"
"${CARGO:-cargo}" build --release --quiet --manifest-path "$root/Cargo.toml" -p fuzz-frontend --bin fuzz-frontend --target "$host" --target-dir "$target"
exec "$target/$host/release/fuzz-frontend" "$@"
