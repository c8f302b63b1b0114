//! In-process benchmarks (`cargo bench -p harness`), for what a child process per cell
//! measures badly: work of microseconds, where process start-up and clock reads would
//! dominate.
//!
//! - `frontend/WORKLOAD`: the bytecode compiler (lex, parse, check, generate) on a fixed
//!   set of workload sources; throughput in source bytes.
//! - `load/STRATEGY/WORKLOAD`: verifying the bytecode and making a VM with the strategy
//!   installed.
//! - `load_eager/STRATEGY/WORKLOAD`: the same with every function of the workload
//!   compiled to native code up front (`--jit-eager`; JIT strategies only): minus
//!   `load`, the strategy's compile time for the whole program.
//! - `dispatch/WORKLOAD`: the interpreter running `run(n)` for a small n; throughput in
//!   bytecode instructions, so criterion reports instructions per second.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use harness::manifest::{self, Size};
use harness::strategies::{self, Engine, INTERP};

/// The fixed set: calls, floats, interface dispatch, allocation, strings and maps.
const WORKLOADS: &[&str] = &["fib", "nbody", "dispatch", "towers", "strmap"];

struct Loaded {
    name: String,
    source: Vec<u8>,
    program: Arc<vm::bytecode::Program>,
    quick_n: i64,
}

fn workloads() -> Vec<Loaded> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let manifest = manifest::load(&root.join("workloads/manifest.toml")).expect("manifest");
    manifest
        .into_iter()
        .filter(|w| WORKLOADS.contains(&w.name.as_str()))
        .map(|w| {
            let source = std::fs::read(&w.file).expect("workload source");
            let program = vm::compile_source(&source, &w.name).expect("workload compiles");
            Loaded {
                quick_n: w.size(Size::Quick).expect("quick size").n,
                name: w.name,
                source,
                program: Arc::new(program),
            }
        })
        .collect()
}

fn frontend(c: &mut Criterion) {
    let mut group = c.benchmark_group("frontend");
    for w in workloads() {
        group.throughput(Throughput::Bytes(w.source.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&w.name), &w.source, |b, source| {
            b.iter(|| vm::compile_source(black_box(source), "bench.go").expect("compiles"))
        });
    }
    group.finish();
}

fn load_and_compile(c: &mut Criterion) {
    let loaded = workloads();
    let mut group = c.benchmark_group("load");
    for strategy in strategies::compiled_in() {
        for w in &loaded {
            group.bench_with_input(BenchmarkId::new(strategy, &w.name), &w.program, |b, program| {
                b.iter(|| Engine::new(strategy, program.clone(), vm::VmOptions::default()).expect("loads"))
            });
        }
    }
    group.finish();
    let mut group = c.benchmark_group("load_eager");
    let eager = vm::VmOptions { jit: vm::jit::JitOptions { eager: true, ..Default::default() }, ..Default::default() };
    for strategy in strategies::compiled_in().into_iter().filter(|s| *s != INTERP) {
        for w in &loaded {
            group.bench_with_input(BenchmarkId::new(strategy, &w.name), &w.program, |b, program| {
                b.iter(|| Engine::new(strategy, program.clone(), eager.clone()).expect("loads"))
            });
        }
    }
    group.finish();
}

fn dispatch(c: &mut Criterion) {
    let mut group = c.benchmark_group("dispatch");
    for w in workloads().into_iter().filter(|w| ["fib", "dispatch", "nbody"].contains(&w.name.as_str())) {
        let mut engine = Engine::new(INTERP, w.program.clone(), vm::VmOptions::default()).expect("loads");
        engine.set_stdout(Box::new(std::io::sink()));
        if let Some(init) = w.program.init {
            engine.call(init, &[]).expect("init runs");
        }
        let run = w.program.func_by_name("main.run").expect("run");
        let before = engine.instructions_executed();
        engine.call(run, &[w.quick_n as u64]).expect("run runs");
        group.throughput(Throughput::Elements(engine.instructions_executed() - before));
        group.bench_function(BenchmarkId::from_parameter(&w.name), |b| {
            b.iter(|| engine.call(run, &[black_box(w.quick_n) as u64]).expect("run runs"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = frontend, load_and_compile, dispatch
}
criterion_main!(benches);
