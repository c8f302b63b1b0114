//! The strategies compiled into this harness, and the one type through which the
//! harness drives any of them (`Engine`).
//!
//! **This is the place the harness meets `vm`'s JIT.** `compiled_in` is the list every
//! other part of the harness takes its strategies from (the matrix, the results, the
//! report, the gate, `run --strategy`); it is `vm`'s strategy registry after
//! `register_all` has registered the strategy crates this harness was built with (one
//! cargo feature per crate, DESIGN §1) and the default tiered pair, so a strategy that
//! adds a crate and its feature here appears everywhere at once, with the name, colour
//! and description it registered. A tiered pair is a strategy too: `A+B` (first tier
//! `A`, second `B`, [`resolve`]) names any pair whose first tier offers what the second
//! needs; `tiered` is `template+cranelift-regmap`. `Engine` makes a VM
//! with the strategy installed (`VmOptions::jit`) and reads back what the harness
//! records: the compile events (function, time, code bytes, bytecode length, failure,
//! code generator and tier) and how many executed bytecode instructions ran as native
//! code. `TierThresholds` is the one JIT option the matrix sets (`--tier-thresholds`).
//!
//! For `interp` the JIT numbers are zero by definition: no compile events, no code bytes,
//! and coverage 0 (no instruction runs as native code).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::results::{CompileEvent, GcSummary};

/// The reference strategy, against which every speed-up is computed.
pub const INTERP: &str = "interp";

/// The pseudo-strategy of `--anchor go`: the workload built by real Go, timed with the
/// same protocol. Not a VM strategy; never gated.
pub const GO_ANCHOR: &str = "go";

/// The default tiered pair: `template` first, `cranelift-regmap` for what stays hot.
pub const TIERED: (&str, &str, &str) = ("tiered", "template", "cranelift-regmap");

/// Register the strategy crates of this build with `vm`, then `tiered` when both its
/// tiers are there (idempotent).
pub fn register_all() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(feature = "jit-template")]
        strategy_template::register();
        #[cfg(feature = "jit-dynasm")]
        strategy_dynasm::register();
        #[cfg(feature = "jit-cranelift")]
        strategy_cranelift::register();
        // Without one of its tiers this build has no `tiered`.
        let _ = vm::jit::register_tiered(TIERED.0, TIERED.1, TIERED.2);
    });
}

/// The strategies compiled into this harness, `interp` first, in registration order
/// (pairs registered by `resolve` included).
pub fn compiled_in() -> Vec<&'static str> {
    register_all();
    vm::jit::registry::names()
}

/// The registered strategy `name`; a pair `A+B` not registered yet is registered now
/// (`vm::jit::register_tiered`), or the error says why it cannot be.
pub fn resolve(name: &str) -> Result<&'static str, String> {
    register_all();
    if let Some(s) = vm::jit::registry::strategy(name) {
        return Ok(s.name);
    }
    match name.split_once('+') {
        Some((first, second)) => {
            let (first, second) = (resolve(first)?, resolve(second)?);
            // Registered names live as long as the process.
            let name: &'static str = Box::leak(name.to_string().into_boxed_str());
            vm::jit::register_tiered(name, first, second).map(|()| name)
        }
        None => Err(format!("unknown strategy {name:?} (available: {})", compiled_in().join(", "))),
    }
}

/// The name of the tiered pair `first` then `second` (`--tiers A,B`).
pub fn pair_name(first: &str, second: &str) -> String {
    if (first, second) == (TIERED.1, TIERED.2) {
        TIERED.0.to_string()
    } else {
        format!("{first}+{second}")
    }
}

/// The strategy that `--tiers A,B` names (`A+B`, or `tiered` for the default pair),
/// registered; an error for a pair that cannot run.
pub fn tiers_strategy(pair: &str) -> Result<String, String> {
    let Some((first, second)) = pair.split_once(',') else {
        return Err(format!("--tiers {pair:?}: expected FIRST,SECOND (e.g. template,cranelift-reload)"));
    };
    let name = pair_name(first.trim(), second.trim());
    resolve(&name).map(str::to_string).map_err(|e| format!("--tiers {pair}: {e}"))
}

/// The tiers of a tiered pair (`tiered`, or any `A+B` that can run): first, second.
pub fn tiers_of(name: &str) -> Option<(&'static str, &'static str)> {
    match vm::jit::registry::strategy(resolve(name).ok()?)?.kind {
        vm::jit::registry::Kind::Tiered { first, second } => Some((first, second)),
        _ => None,
    }
}

/// Position of a strategy in report order: registration order, unknown names after,
/// `go` last.
pub fn report_rank(name: &str) -> usize {
    if name == GO_ANCHOR {
        return usize::MAX;
    }
    let names = compiled_in();
    names.iter().position(|k| *k == name).unwrap_or(names.len())
}

/// The report colour a strategy registered (`#rrggbb`), if it is registered.
pub fn colour(name: &str) -> Option<(u8, u8, u8)> {
    // A pair of a results file is registered when first named.
    let hex = vm::jit::registry::strategy(resolve(name).ok()?)?.colour.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// The JIT's hotness thresholds, written `C1:L1,C2:L2[,all]` on the command line: calls
/// and loop back edges of a function before it is compiled (the first tier of every JIT
/// strategy), and calls and back edges counted in a tiered pair's first-tier code before
/// its second tier recompiles it; `,all` makes every function a second-tier
/// candidate, not only those `vm::jit::tiered::promotable` picks. The fields are
/// `vm::jit::JitOptions`'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierThresholds {
    pub call_threshold: u32,
    pub loop_threshold: u32,
    pub tier2_call_threshold: u32,
    pub tier2_loop_threshold: u32,
    /// (Absent in results written before it existed: false. Named `tier2_loop_free`
    /// while the default policy was "functions with loops".)
    #[serde(default, alias = "tier2_loop_free")]
    pub tier2_all: bool,
}

impl TierThresholds {
    /// The vm's defaults (what runs without `--tier-thresholds`).
    pub fn vm_defaults() -> TierThresholds {
        let jit = vm::jit::JitOptions::default();
        TierThresholds {
            call_threshold: jit.call_threshold,
            loop_threshold: jit.loop_threshold,
            tier2_call_threshold: jit.tier2_call_threshold,
            tier2_loop_threshold: jit.tier2_loop_threshold,
            tier2_all: jit.tier2_all,
        }
    }

    pub fn apply(self, jit: &mut vm::jit::JitOptions) {
        jit.call_threshold = self.call_threshold;
        jit.loop_threshold = self.loop_threshold;
        jit.tier2_call_threshold = self.tier2_call_threshold;
        jit.tier2_loop_threshold = self.tier2_loop_threshold;
        jit.tier2_all = self.tier2_all;
    }
}

/// `C1:L1,C2:L2[,all]`, as parsed.
impl fmt::Display for TierThresholds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{},{}:{}{}",
            self.call_threshold,
            self.loop_threshold,
            self.tier2_call_threshold,
            self.tier2_loop_threshold,
            if self.tier2_all { ",all" } else { "" }
        )
    }
}

impl FromStr for TierThresholds {
    type Err = String;

    /// `C1:L1,C2:L2[,all]`: four counts, each at least 1, and maybe `all`.
    fn from_str(text: &str) -> Result<TierThresholds, String> {
        let wrong = |what: String| {
            format!(
                "{what}; expected C1:L1,C2:L2 (calls:loops of the first tier, then of the second), \
                 e.g. 100:50,2000:20000, and ,all to make every function a second-tier candidate"
            )
        };
        let tiers: Vec<&str> = text.split(',').collect();
        let (first, second, tier2_all) = match tiers[..] {
            [first, second] => (first, second, false),
            [first, second, "all"] => (first, second, true),
            [_, _, other] => return Err(wrong(format!("{other:?} is not `all`"))),
            _ => return Err(wrong("need two tiers separated by a comma".into())),
        };
        let tier = |number: u8, text: &str| -> Result<(u32, u32), String> {
            let (calls, loops) =
                text.split_once(':').ok_or_else(|| wrong(format!("tier {number} {text:?} is not CALLS:LOOPS")))?;
            let count = |what: &str, digits: &str| match digits.parse::<u32>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(wrong(format!("tier {number} {what} {digits:?} is not a count from 1 to {}", u32::MAX))),
            };
            Ok((count("calls", calls)?, count("loops", loops)?))
        };
        let (call_threshold, loop_threshold) = tier(1, first)?;
        let (tier2_call_threshold, tier2_loop_threshold) = tier(2, second)?;
        Ok(TierThresholds { call_threshold, loop_threshold, tier2_call_threshold, tier2_loop_threshold, tier2_all })
    }
}

/// A loaded program in a VM running under one strategy.
pub struct Engine {
    vm: vm::Vm,
}

impl Engine {
    /// A VM for `program` with `strategy` installed (the rest of `options.jit`, such as
    /// thresholds and eager compilation, is kept). Fails for a strategy that is not
    /// compiled in, or when the VM rejects the program.
    pub fn new(
        strategy: &str,
        program: Arc<vm::bytecode::Program>,
        mut options: vm::VmOptions,
    ) -> Result<Engine, String> {
        options.jit.strategy = resolve(strategy)?;
        let vm = vm::Vm::new(program, options)?;
        Ok(Engine { vm })
    }

    pub fn set_stdout(&mut self, out: Box<dyn std::io::Write + Send>) {
        self.vm.set_stdout(out);
    }

    pub fn call(&mut self, func: vm::bytecode::FuncId, args: &[u64]) -> Result<Vec<u64>, vm::VmError> {
        self.vm.call(func, args)
    }

    pub fn run_main(&mut self) -> Result<(), vm::VmError> {
        self.vm.run_main()
    }

    /// Native compilations so far, failed ones included (interp: none).
    pub fn compile_events(&self) -> Vec<CompileEvent> {
        self.vm
            .jit_stats()
            .events
            .into_iter()
            .map(|e| CompileEvent {
                function: e.func,
                ns: e.compile_ns,
                bytes: e.code_bytes as u64,
                bytecode_instructions: e.bytecode_len as u64,
                error: e.error,
                generator: e.generator.to_string(),
                tier: e.tier,
                iteration: None,
            })
            .collect()
    }

    /// How many native compilations there were so far (`compile_events().len()`).
    pub fn compile_event_count(&self) -> usize {
        self.vm.jit_stats().events.len()
    }

    /// Bytecode instructions executed so far, natively or not.
    pub fn instructions_executed(&self) -> u64 {
        self.vm.instructions_executed()
    }

    /// Of `instructions_executed`, those that ran as native code (interp: 0).
    pub fn native_instructions(&self) -> u64 {
        self.vm.jit_stats().native_instructions
    }

    /// Counting mode: the functions that ran natively with their instruction counts,
    /// most first (`vm::Vm::native_profile`).
    pub fn native_profile(&self) -> Vec<(String, u64)> {
        self.vm.native_profile()
    }

    /// Compile `func` now, as hotness would (`vm::Vm::compile_now`); whether it has
    /// native code.
    pub fn compile_now(&mut self, func: vm::bytecode::FuncId) -> bool {
        self.vm.compile_now(func)
    }

    /// The program this engine runs.
    pub fn program(&self) -> &Arc<vm::bytecode::Program> {
        self.vm.program()
    }

    /// The code of every function compiled so far, when the VM keeps it
    /// (`JitOptions::keep_code`).
    pub fn jit_code(&self) -> &[vm::jit::code_map::CodeRecord] {
        self.vm.jit_code()
    }

    pub fn gc_stats(&self) -> GcSummary {
        let gc = self.vm.gc_stats();
        GcSummary {
            minor_collections: gc.minor_collections,
            major_collections: gc.major_collections,
            bytes_allocated: gc.bytes_allocated,
            bytes_copied: gc.bytes_copied,
            total_pause_ns: gc.total_pause_ns,
            max_pause_ns: gc.max_pause_ns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interp_is_always_compiled_in_and_first() {
        assert_eq!(compiled_in()[0], INTERP);
        // Every registered strategy has its own colour and a description.
        for s in vm::jit::registry::strategies() {
            assert!(colour(s.name).is_some() && !s.description.is_empty(), "{}", s.name);
        }
        assert!(report_rank("interp") < report_rank("template"));
        assert!(report_rank("something") < report_rank(GO_ANCHOR));
    }

    /// `--tiers A,B`: a pair whose first tier offers what the second needs runs as
    /// strategy `A+B`; one that cannot run is refused with the reason.
    #[cfg(all(feature = "jit-template", feature = "jit-dynasm", feature = "jit-cranelift"))]
    #[test]
    fn tiers_name_a_pair_or_say_why_not() {
        assert_eq!(tiers_strategy("template,cranelift-regmap").as_deref(), Ok("tiered"));
        assert_eq!(tiers_strategy("template,cranelift-reload").as_deref(), Ok("template+cranelift-reload"));
        assert!(compiled_in().contains(&"template+cranelift-reload"), "registered once asked for");
        assert_eq!(tiers_strategy("dynasm,cranelift-reload").as_deref(), Ok("dynasm+cranelift-reload"));
        let e = tiers_strategy("cranelift-reload,cranelift-regmap").unwrap_err();
        assert!(e.contains("cranelift-reload cannot be the first tier") && e.contains("tier-up countdowns"), "{e}");
        assert!(tiers_strategy("template,nosuch").unwrap_err().contains("unknown strategy \"nosuch\""));
        assert!(tiers_strategy("template").unwrap_err().contains("expected FIRST,SECOND"));
        assert!(resolve("interp+template").unwrap_err().contains("not a code generator"));
    }

    #[test]
    fn tier_thresholds_parse_and_print() {
        let t: TierThresholds = "100:50,2000:20000".parse().unwrap();
        assert_eq!(
            t,
            TierThresholds {
                call_threshold: 100,
                loop_threshold: 50,
                tier2_call_threshold: 2000,
                tier2_loop_threshold: 20000,
                tier2_all: false,
            }
        );
        assert_eq!(t.to_string(), "100:50,2000:20000");
        let all: TierThresholds = "1:1,1:1,all".parse().unwrap();
        assert!(all.tier2_all);
        assert_eq!(all.to_string(), "1:1,1:1,all");
        assert!("1:1,1:1,some".parse::<TierThresholds>().unwrap_err().contains("\"some\" is not `all`"));
        assert_eq!("1:1,4294967295:7".parse::<TierThresholds>().unwrap().to_string(), "1:1,4294967295:7");
        let mut jit = vm::jit::JitOptions::default();
        t.apply(&mut jit);
        assert_eq!((jit.call_threshold, jit.loop_threshold), (100, 50));
        assert_eq!((jit.tier2_call_threshold, jit.tier2_loop_threshold), (2000, 20000));
        assert!(!jit.tier2_all);
        all.apply(&mut jit);
        assert!(jit.tier2_all);
        let defaults = TierThresholds::vm_defaults();
        assert_eq!(defaults.to_string().parse::<TierThresholds>(), Ok(defaults));
    }

    #[test]
    fn results_from_before_the_rename_keep_their_all_flag() {
        let old = r#"{"call_threshold":1,"loop_threshold":1,"tier2_call_threshold":1,"tier2_loop_threshold":1,"#;
        for (flag, all) in [(r#""tier2_loop_free":true}"#, true), (r#""tier2_loop_free":false}"#, false), ("}", false)]
        {
            let text = format!("{old}{flag}").replace(",}", "}");
            let t: TierThresholds = serde_json::from_str(&text).unwrap();
            assert_eq!(t.tier2_all, all, "{text}");
        }
    }

    #[test]
    fn bad_tier_thresholds_say_what_is_wrong() {
        for (text, complaint) in [
            ("", "two tiers separated by a comma"),
            ("100:50", "two tiers separated by a comma"),
            ("100:50,2000:20000,1:1", "\"1:1\" is not `all`"),
            ("100:50,2000:20000,all,all", "two tiers separated by a comma"),
            ("100,2000:20000", "tier 1 \"100\" is not CALLS:LOOPS"),
            ("100:50,2000", "tier 2 \"2000\" is not CALLS:LOOPS"),
            ("100:50,2000:x", "tier 2 loops \"x\" is not a count"),
            ("0:50,2000:20000", "tier 1 calls \"0\" is not a count from 1"),
            ("-1:50,2000:20000", "tier 1 calls \"-1\""),
            ("100:50:7,2000:20000", "tier 1 loops \"50:7\""),
            ("100:50,4294967296:1", "tier 2 calls \"4294967296\""),
            (" 100:50,2000:20000", "tier 1 calls \" 100\""),
        ] {
            let err = text.parse::<TierThresholds>().unwrap_err();
            assert!(err.contains(complaint), "{text:?}: {err}");
            assert!(err.contains("e.g. 100:50,2000:20000"), "{text:?}: {err}");
        }
    }

    #[test]
    fn unknown_strategy_is_an_error_not_a_panic() {
        let program = vm::compile_source(b"package main\nfunc main() {}\n", "t.go").unwrap();
        let err = Engine::new("warp-drive", Arc::new(program), vm::VmOptions::default()).err().unwrap();
        assert!(err.contains("unknown strategy \"warp-drive\""), "{err}");
    }
}
