//! Tests that span strategies, apart from `vm` (whose own tests need no strategy crate):
//! the differential tests of every registered strategy against the interpreter, the
//! native-call contract, tiering, W^X, pc maps and perf maps (`tests/`). This library
//! registers what they run: the strategy crates, the default tiered pair, and
//! [`fall_back`], a strategy defined here, outside `vm`, to show that a new strategy
//! needs no edit in `vm`: it registers itself and the whole corpus runs through it.

pub mod fall_back;

/// The default tiered pair, as the harness registers it.
pub const TIERED: (&str, &str, &str) = ("tiered", "template", "cranelift-regmap");

/// The tiered pairs the tiering tests run: the default, and dynasm below
/// cranelift-regmap (named as the harness names a `--tiers` pair), which takes the
/// other first tier through the stack-map walk, OSR and code release.
pub const PAIRS: [(&str, &str, &str); 2] = [TIERED, ("dynasm+cranelift-regmap", "dynasm", "cranelift-regmap")];

/// Register the strategy crates and `tiered` (idempotent); the JIT strategies, in
/// registration order (not `interp`, not [`fall_back`]).
pub fn jit_strategies() -> Vec<&'static str> {
    strategy_template::register();
    strategy_dynasm::register();
    strategy_cranelift::register();
    vm::jit::register_tiered(TIERED.0, TIERED.1, TIERED.2).expect("template and cranelift-regmap are registered");
    vm::jit::registry::names()
        .into_iter()
        .filter(|s| *s != vm::jit::INTERP && *s != fall_back::NAME && !PAIRS[1..].iter().any(|p| p.0 == *s))
        .collect()
}

/// Register [`PAIRS`] (idempotent) and return them.
pub fn tiered_pairs() -> Vec<(&'static str, &'static str, &'static str)> {
    jit_strategies();
    for (name, first, second) in PAIRS {
        vm::jit::register_tiered(name, first, second).expect("the strategy crates are registered");
    }
    PAIRS.to_vec()
}
