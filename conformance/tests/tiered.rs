//! `tiered`: the second step (template code → cranelift-regmap) while code is running.
//! A loop moves to the new code mid-iteration (OSR at its header); a function
//! recompiled while frames of it run in template code finishes there, and the next
//! call runs the new code; replaced code is freed only when no frame can return into
//! it (freed code is poisoned with `int3`, so running it would kill this test); and a
//! collection in template code finds the references of second-tier frames further out.

#[path = "../../vm/tests/common/mod.rs"]
mod common;

use vm::jit::{JitOptions, JitStats};
use vm::VmOptions;

fn tiered_available() -> bool {
    conformance::jit_strategies().contains(&"tiered")
}

/// Options: first tier after `t1` calls or back edges, second after `calls2` calls or
/// `loops2` back edges in template code.
fn options(t1: u32, calls2: u32, loops2: u32, stress: bool) -> VmOptions {
    let jit = JitOptions {
        strategy: "tiered",
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
    if !tiered_available() {
        return;
    }
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
    for stress in [false, true] {
        let (out, stats) = run(src, options(50, 1_000_000, 1000, stress));
        assert_eq!(out, "70000 200 19900\n", "gc stress {stress}");
        assert_eq!(tiers_of(&stats, "main"), vec![(1, "template"), (2, "cranelift-regmap")]);
        assert_eq!(stats.osr_tier_ups, 1, "the running loop moved to the second tier once");
        // main's template code was freed after main returned (no frame left in it).
        let template_bytes = stats.events.iter().find(|e| e.tier == 1).unwrap().code_bytes as u64;
        assert_eq!(stats.code_bytes_freed, template_bytes);
    }
}

#[test]
fn a_function_recompiled_while_it_runs_finishes_in_old_code_and_the_next_call_runs_new_code() {
    if !tiered_available() {
        return;
    }
    // down(60) recurses; its 10th call (depth 10) crosses the second threshold while
    // nine frames of it run in template code. Those return into the template code and
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
    for stress in [false, true] {
        let (out, stats) = run(src, options(1, 10, 1_000_000, stress));
        let want = {
            let mut r: i64 = 1;
            for n in 1..=60i64 {
                r = r.wrapping_mul(3) + n % 7 - n / 5;
            }
            r
        };
        assert_eq!(out, format!("{want} {want} true\n"), "gc stress {stress}");
        assert_eq!(tiers_of(&stats, "down"), vec![(1, "template"), (2, "cranelift-regmap")]);
        assert_eq!(stats.osr_tier_ups, 0);
        // The old code was freed once the first call returned (the frames in it had
        // returned through it): the second call ran with all of it poisoned, so it ran
        // the new code.
        let template_bytes =
            stats.events.iter().find(|e| e.func == "main.down" && e.tier == 1).unwrap().code_bytes as u64;
        assert_eq!(stats.code_bytes_freed, template_bytes);
    }
}

#[test]
fn template_code_calls_second_tier_code_through_an_adapter_not_the_slow_path() {
    if !tiered_available() {
        return;
    }
    // main stays in template code (its loop never reaches the second threshold);
    // leaf moves to the second tier after 10 calls, and main's later calls reach it
    // through template's call adapter (`Strategy::call_adapter`).
    let src = "package main\nimport \"fmt\"\nfunc leaf(x int) int {\n\treturn x*3 + 1\n}\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 5000; i++ {\n\t\ts += leaf(i) & 7\n\t}\n\tfmt.Println(s)\n}\n";
    let want: i64 = (0..5000i64).map(|i| (i * 3 + 1) & 7).sum();
    for stress in [false, true] {
        let (out, stats) = run(src, options(1, 10, 1_000_000, stress));
        assert_eq!(out, format!("{want}\n"), "gc stress {stress}");
        assert_eq!(tiers_of(&stats, "leaf"), vec![(1, "template"), (2, "cranelift-regmap")]);
        assert_eq!(tiers_of(&stats, "main"), vec![(1, "template")]);
        assert!(stats.slow_calls < 20, "gc stress {stress}: {} calls took the slow path", stats.slow_calls);
    }
}

#[test]
fn a_collection_in_template_code_updates_references_of_second_tier_frames() {
    if !tiered_available() {
        return;
    }
    // walk's loop tiers up (OSR) and keeps references in registers (stack maps) while
    // it calls grow, which stays in template code and allocates: with a collection at
    // every allocation, the walk from grow's helper call must pass through grow's
    // template frame to walk's second-tier frame and update its spill slots.
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
    // grow stays in template code because it is called too few times, or (the default
    // policy) because it is neither a leaf nor has a register loop (it allocates): its
    // template code then counts nothing that can reach zero, but must still store SP
    // and FP for the walk. walk's second loop is a register loop.
    let mut by_policy = options(1, 1, 20, true);
    by_policy.jit.tier2_all = false;
    for options in [options(1, 1_000_000, 20, true), by_policy] {
        let (out, stats) = run(src, options);
        assert_eq!(out, format!("{want}\n"));
        assert_eq!(tiers_of(&stats, "walk"), vec![(1, "template"), (2, "cranelift-regmap")]);
        assert_eq!(tiers_of(&stats, "grow"), vec![(1, "template")]);
        assert!(stats.osr_tier_ups >= 1);
    }
}

#[test]
fn the_default_policy_promotes_register_loops_and_leaves_only() {
    if !tiered_available() {
        return;
    }
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
    let mut by_policy = options(1, 1, 1, false);
    by_policy.jit.tier2_all = false;
    let (policy_out, stats) = run(src, by_policy);
    let (all_out, _) = run(src, options(1, 1, 1, false));
    assert_eq!(policy_out, all_out);
    let second = |f: &str| tiers_of(&stats, f).contains(&(2, "cranelift-regmap"));
    for promoted in ["leaf", "registerLoop", "nested"] {
        assert!(second(promoted), "{promoted} should reach the second tier: {:?}", tiers_of(&stats, promoted));
    }
    for kept in ["callLoop", "allocLoop", "allocates", "calls"] {
        assert_eq!(tiers_of(&stats, kept), vec![(1, "template")], "{kept} should stay in template code");
    }
}
