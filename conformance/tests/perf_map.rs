//! `JitOptions::perf_map`: the map Linux `perf` reads (`/tmp/perf-<pid>.map`) has one
//! well-formed line per compiled function, naming exactly that function's code, and no
//! two lines overlap, also under `tiered`, which retires first-tier code (kept mapped
//! while a perf map is written, so no later code reuses its addresses). Its own test
//! binary: the map is per process, and no other test may write to it meanwhile.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use common::*;
use vm::jit::JitOptions;

/// The map's lines as (start, size, name); panics on a malformed line.
fn read_map() -> Vec<(u64, u64, String)> {
    let path = std::env::temp_dir().join(format!("perf-{}.map", std::process::id()));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let start = u64::from_str_radix(parts.next().unwrap(), 16).unwrap_or_else(|_| panic!("start: {l:?}"));
            let size = u64::from_str_radix(parts.next().expect("size"), 16).unwrap_or_else(|_| panic!("size: {l:?}"));
            let name = parts.next().expect("name").to_string();
            assert!(size > 0 && !name.is_empty(), "{l:?}");
            (start, size, name)
        })
        .collect()
}

fn clear_map() {
    let _ = std::fs::remove_file(std::env::temp_dir().join(format!("perf-{}.map", std::process::id())));
}

fn assert_disjoint(lines: &[(u64, u64, String)], what: &str) {
    let mut sorted: Vec<_> = lines.iter().collect();
    sorted.sort();
    for w in sorted.windows(2) {
        assert!(w[0].0 + w[0].1 <= w[1].0, "{what}: {:?} overlaps {:?}", w[0], w[1]);
    }
}

#[test]
fn perf_map_names_every_compiled_function_once() {
    conformance::jit_strategies();
    let w = workloads().into_iter().find(|w| w.name == "richards").expect("richards");
    let src = std::fs::read(&w.file).expect("readable");
    let program = Arc::new(vm::compile_source(&src, "richards.go").expect("compiles"));
    let jits: Vec<_> = vm::jit::registry::names().into_iter().filter(|s| *s != "interp").collect();
    assert!(jits.len() >= 5);
    for strategy in jits {
        clear_map();
        let jit = JitOptions { strategy, eager: true, perf_map: true, keep_code: true, ..Default::default() };
        let vm = vm::Vm::new(program.clone(), vm::VmOptions { jit, ..Default::default() }).expect("a VM");
        let lines = read_map();
        let records = vm.jit_code();
        assert_eq!(lines.len(), records.len(), "{}: one line per compiled function", strategy);
        for (line, r) in lines.iter().zip(records) {
            // The line is exactly the function's code (inside the strategy's code memory).
            assert_eq!((line.0, line.1), (r.address as u64, r.bytes.len() as u64), "{}: {}", strategy, r.name);
            assert_eq!(line.2, format!("{} [{}]", r.name, r.generator));
        }
        assert_disjoint(&lines, strategy);
    }

    // tiered, every function through the second tier while richards runs: first-tier
    // code is retired but never reused.
    clear_map();
    let mut jit = JitOptions { strategy: "tiered", perf_map: true, tier2_all: true, ..Default::default() };
    (jit.call_threshold, jit.loop_threshold, jit.tier2_call_threshold, jit.tier2_loop_threshold) = (1, 1, 1, 1);
    let mut vm = vm::Vm::new(program.clone(), vm::VmOptions { jit, ..Default::default() }).expect("a VM");
    vm.set_stdout(Box::new(std::io::sink()));
    if let Some(init) = program.init {
        vm.call(init, &[]).expect("init");
    }
    let run = program.func_by_name("main.run").expect("run");
    assert_eq!(vm.call(run, &[w.quick.0 as u64]).expect("run")[0] as i64, w.quick.1);
    let lines = read_map();
    let stats = vm.jit_stats();
    assert_eq!(lines.len(), stats.functions_compiled);
    assert!(
        lines.iter().any(|l| l.2.ends_with("[cranelift-regmap]")) && lines.iter().any(|l| l.2.ends_with("[template]"))
    );
    assert_eq!(stats.code_bytes_freed, 0, "retired code stays mapped");
    assert_disjoint(&lines, "tiered");
    clear_map();
}
