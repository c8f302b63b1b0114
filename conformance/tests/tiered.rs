//! Tiered pairs: the second step (first-tier code → second tier) while code is
//! running, for each pair of [`conformance::PAIRS`] (`tiered`, template then
//! cranelift-regmap; and dynasm then cranelift-regmap). A loop moves to the new code
//! mid-iteration (OSR at its header); a function recompiled while frames of it run in
//! first-tier code finishes there, and the next call runs the new code; replaced code
//! is freed only when no frame can return into it (template poisons freed code with
//! `int3`, dynasm unmaps it, so running it would kill this test); and a collection in
//! first-tier code finds the references of second-tier frames further out.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use vm::jit::{JitOptions, JitStats};
use vm::VmOptions;

/// A tiered pair: its name, first tier and second tier.
type Pair = (&'static str, &'static str, &'static str);

fn pairs() -> Vec<Pair> {
    conformance::tiered_pairs()
}

/// Options for `pair`: first tier after `t1` calls or back edges, second after
/// `calls2` calls or `loops2` back edges in first-tier code.
fn options(pair: Pair, t1: u32, calls2: u32, loops2: u32, stress: bool) -> VmOptions {
    let jit = JitOptions {
        strategy: pair.0,
        call_threshold: t1,
        loop_threshold: t1,
        tier2_call_threshold: calls2,
        tier2_loop_threshold: loops2,
        tier2_all: true,
        eager: false,
        count_native: false,
        ..Default::default()
    };
    VmOptions { jit, gc_stress: stress, gc_verify: stress, ..Default::default() }
}

fn run(src: &str, options: VmOptions) -> (String, JitStats) {
    let out = common::run_source_with("tiered_test.go", src, options);
    assert_eq!(out.status, 0, "run failed: {}", out.stderr);
    (String::from_utf8(out.stdout).unwrap(), out.jit)
}

/// The tiers `func` was compiled at, in order.
fn tiers_of(stats: &JitStats, func: &str) -> Vec<(u8, &'static str)> {
    stats
        .events
        .iter()
        .filter(|e| e.func == format!("main.{func}") && e.error.is_none())
        .map(|e| (e.tier, e.generator))
        .collect()
}

#[test]
fn a_loop_tiers_up_mid_iteration_through_osr() {
    // main runs once: only its back edges make it hot, in both steps. The loop keeps a
    // growing slice (a reference) and scalars live across the switch.
    let src = r#"package main

import "fmt"

type point struct{ x, y int }

func main() {
	s := 0
	var ps []*point
	for i := 0; i < 20000; i++ {
		p := &point{i, i & 7}
		if i%100 == 0 {
			ps = append(ps, p)
		}
		s += p.y
	}
	fmt.Println(s, len(ps), ps[len(ps)-1].x)
}
"#;
    for (pair, stress) in pairs().into_iter().flat_map(|p| [(p, false), (p, true)]) {
        let (out, stats) = run(src, options(pair, 50, 1_000_000, 1000, stress));
        assert_eq!(out, "70000 200 19900\n", "{}, gc stress {stress}", pair.0);
        assert_eq!(tiers_of(&stats, "main"), vec![(1, pair.1), (2, pair.2)]);
        assert_eq!(stats.osr_tier_ups, 1, "the running loop moved to the second tier once");
        // main's first-tier code was freed after main returned (no frame left in it).
        let first_tier_bytes = stats.events.iter().find(|e| e.tier == 1).unwrap().code_bytes as u64;
        assert_eq!(stats.code_bytes_freed, first_tier_bytes, "{}", pair.0);
    }
}

#[test]
fn a_function_recompiled_while_it_runs_finishes_in_old_code_and_the_next_call_runs_new_code() {
    // down(60) recurses; its 10th call (depth 10) crosses the second threshold while
    // nine frames of it run in first-tier code. Those return into that code and
    // keep computing there after the deeper calls (now second tier) return.
    let src = r#"package main

import "fmt"

func down(n int) int {
	if n == 0 {
		return 1
	}
	r := down(n - 1)
	return r*3 + n%7 - n/5
}

func main() {
	a := down(60)
	b := down(60)
	fmt.Println(a, b, a == b)
}
"#;
    for (pair, stress) in pairs().into_iter().flat_map(|p| [(p, false), (p, true)]) {
        let (out, stats) = run(src, options(pair, 1, 10, 1_000_000, stress));
        let want = {
            let mut r: i64 = 1;
            for n in 1..=60i64 {
                r = r.wrapping_mul(3) + n % 7 - n / 5;
            }
            r
        };
        assert_eq!(out, format!("{want} {want} true\n"), "{}, gc stress {stress}", pair.0);
        assert_eq!(tiers_of(&stats, "down"), vec![(1, pair.1), (2, pair.2)]);
        assert_eq!(stats.osr_tier_ups, 0);
        // The old code was freed once the first call returned (the frames in it had
        // returned through it): the second call ran with all of it poisoned or
        // unmapped, so it ran the new code.
        let first_tier_bytes =
            stats.events.iter().find(|e| e.func == "main.down" && e.tier == 1).unwrap().code_bytes as u64;
        assert_eq!(stats.code_bytes_freed, first_tier_bytes, "{}", pair.0);
    }
}

#[test]
fn first_tier_code_calls_second_tier_code_through_an_adapter_not_the_slow_path() {
    // main stays in first-tier code (its loop never reaches the second threshold);
    // leaf moves to the second tier after 10 calls, and main's later calls reach it
    // through the first tier's call adapter (`Strategy::call_adapter`).
    let src = "package main\nimport \"fmt\"\nfunc leaf(x int) int {\n\treturn x*3 + 1\n}\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 5000; i++ {\n\t\ts += leaf(i) & 7\n\t}\n\tfmt.Println(s)\n}\n";
    let want: i64 = (0..5000i64).map(|i| (i * 3 + 1) & 7).sum();
    for (pair, stress) in pairs().into_iter().flat_map(|p| [(p, false), (p, true)]) {
        let (out, stats) = run(src, options(pair, 1, 10, 1_000_000, stress));
        assert_eq!(out, format!("{want}\n"), "{}, gc stress {stress}", pair.0);
        assert_eq!(tiers_of(&stats, "leaf"), vec![(1, pair.1), (2, pair.2)]);
        assert_eq!(tiers_of(&stats, "main"), vec![(1, pair.1)]);
        assert!(stats.slow_calls < 20, "{}, gc stress {stress}: {} calls took the slow path", pair.0, stats.slow_calls);
    }
}

#[test]
fn a_collection_in_first_tier_code_updates_references_of_second_tier_frames() {
    // walk's loop tiers up (OSR) and keeps references in registers (stack maps) while
    // it calls grow, which stays in first-tier code and allocates: with a collection at
    // every allocation, the walk from grow's helper call must pass through grow's
    // first-tier frame to walk's second-tier frame and update its spill slots.
    let src = r#"package main

import "fmt"

type node struct {
	v    int
	next *node
}

func grow(n *node, v int) *node {
	return &node{v, n}
}

func walk(k int) int {
	var head *node
	keep := &node{-1, nil}
	for i := 0; i < k; i++ {
		head = grow(head, i)
		keep.v += head.v & 3
	}
	s := 0
	for p := head; p != nil; p = p.next {
		s += p.v
	}
	return s + keep.v
}

func main() {
	fmt.Println(walk(300))
}
"#;
    let want: i64 = (0..300).sum::<i64>() - 1 + (0..300).map(|i| i & 3).sum::<i64>();
    // grow stays in first-tier code because it is called too few times, or (the
    // default policy) because it is neither a leaf nor has a register loop (it
    // allocates): its first-tier code then counts nothing that can reach zero, but must still store SP
    // and FP for the walk. walk's second loop is a register loop.
    for pair in pairs() {
        let mut by_policy = options(pair, 1, 1, 20, true);
        by_policy.jit.tier2_all = false;
        for options in [options(pair, 1, 1_000_000, 20, true), by_policy] {
            let (out, stats) = run(src, options);
            assert_eq!(out, format!("{want}\n"), "{}", pair.0);
            assert_eq!(tiers_of(&stats, "walk"), vec![(1, pair.1), (2, pair.2)]);
            assert_eq!(tiers_of(&stats, "grow"), vec![(1, pair.1)]);
            assert!(stats.osr_tier_ups >= 1, "{}", pair.0);
        }
    }
}

#[test]
fn the_default_policy_promotes_register_loops_and_leaves_only() {
    // Every function is hot at once (thresholds of 1); the policy alone decides.
    let src = r#"package main

import "fmt"

type node struct{ v int }

func leaf(a int, b int) int { return (a*31 + b) % 1000003 }

func registerLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
	}
	return s
}

func callLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += leaf(s, i)
	}
	return s
}

func allocLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		p := &node{v: i}
		s += p.v
	}
	return s
}

func nested(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			s += j
		}
		s += leaf(s, i)
	}
	return s
}

func allocates(v int) *node { return &node{v: v} }

func calls(v int) int { return leaf(v, v) + 1 }

func main() {
	t := 0
	for k := 0; k < 30; k++ {
		t += registerLoop(k) + callLoop(k) + allocLoop(k) + nested(k) + allocates(k).v + calls(k)
	}
	fmt.Println(t)
}
"#;
    for pair in pairs() {
        let mut by_policy = options(pair, 1, 1, 1, false);
        by_policy.jit.tier2_all = false;
        let (policy_out, stats) = run(src, by_policy);
        let (all_out, _) = run(src, options(pair, 1, 1, 1, false));
        assert_eq!(policy_out, all_out, "{}", pair.0);
        let second = |f: &str| tiers_of(&stats, f).contains(&(2, pair.2));
        for promoted in ["leaf", "registerLoop", "nested"] {
            assert!(second(promoted), "{promoted} should reach the second tier: {:?}", tiers_of(&stats, promoted));
        }
        for kept in ["callLoop", "allocLoop", "allocates", "calls"] {
            assert_eq!(tiers_of(&stats, kept), vec![(1, pair.1)], "{kept} should stay in first-tier code");
        }
    }
}
