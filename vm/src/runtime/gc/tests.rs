//! Collector tests through the VM: references in frames, closures, interfaces, maps and
//! slices survive and are updated; the write barrier; verification; the heap limit.

use crate::heap::{self, layout, GcRef, ObjKind};
use crate::interp::asm::{basic_types, func_id, Asm, SharedOut as Out};
use crate::interp::{Vm, VmError, VmOptions};
use std::sync::Arc;

fn verify_only() -> VmOptions {
    VmOptions { gc_verify: true, stack_slots: 1 << 16, ..Default::default() }
}

fn stress() -> VmOptions {
    VmOptions { gc_stress: true, gc_verify: true, stack_slots: 1 << 16, ..Default::default() }
}

fn vm_for(src: &str, options: VmOptions) -> (Vm, Out) {
    let p = crate::compile_source(src.as_bytes(), "gc_test.go").unwrap_or_else(|e| panic!("compile: {e}"));
    let mut vm = Vm::new(Arc::new(p), options).expect("verify");
    let out = Out::default();
    vm.set_stdout(Box::new(out.clone()));
    (vm, out)
}

/// Run `main`; stdout and the error.
fn run(src: &str, options: VmOptions) -> (String, Option<VmError>, crate::GcStats) {
    let (mut vm, out) = vm_for(src, options);
    let r = vm.run_main();
    let text = String::from_utf8(out.bytes()).unwrap();
    (text, r.err(), vm.gc_stats())
}

/// The string held by reference `s`.
fn text(s: GcRef) -> String {
    // SAFETY: callers pass a live string (checked by gc_verify around collections).
    String::from_utf8(unsafe { heap::str_bytes(s) }.to_vec()).unwrap()
}

/// Field `i` of struct object `r`.
fn field(r: GcRef, i: usize) -> u64 {
    assert_ne!(r, 0);
    // SAFETY: callers pass live struct objects with more than `i` fields.
    unsafe { heap::word(r, i) }
}

// ---------------------------------------------------------------- references move

/// A `*T` reachable in four ways, one per global: through a closure's captured box,
/// an interface, a map value and a slice element.
const HOLDERS: &str = r#"
package main

type T struct {
	name string
	n    int
}

var get func() string
var iface interface{}
var m map[int]*T
var sl []*T

func main() {
	t := &T{"captured", 1}
	get = func() string { return t.name }
	t = &T{"captured", 1} // assigned after capture: the variable lives in a box
	iface = &T{"in an interface", 2}
	m = map[int]*T{7: &T{"a map value", 3}}
	sl = []*T{nil, &T{"a slice element", 4}}
}
"#;

/// The four `*T` objects of `HOLDERS` (and the objects holding them), by path.
fn holders(vm: &mut Vm) -> Vec<(&'static str, GcRef, GcRef)> {
    let g = vm.globals.clone();
    // SAFETY: the globals hold the values `main` stored; every step reads a live
    // object of the kind the Go types say.
    unsafe {
        let clo = g[0];
        assert_eq!(heap::obj_kind(clo), Some(ObjKind::Closure));
        let bx = heap::word(clo, 0);
        assert_eq!(heap::obj_kind(bx), Some(ObjKind::Box), "the captured variable is boxed");
        let boxed = heap::load(bx, layout::BOX_VALUE);
        let iface = g[1];
        let in_iface = heap::load(iface, layout::IFACE_DATA);
        let map = g[2];
        let in_map = vm.heap.map_table(map).get(7).expect("key 7");
        let (arr, off, len, _) = heap::slice_parts(g[3]);
        assert_eq!(len, 2);
        let in_slice = heap::word(arr, off + 1);
        vec![("box", bx, boxed), ("iface", iface, in_iface), ("map", map, in_map), ("slice", arr, in_slice)]
    }
}

fn check_contents(found: &[(&str, GcRef, GcRef)]) {
    let want = [("captured", 1), ("in an interface", 2), ("a map value", 3), ("a slice element", 4)];
    for ((what, _, t), (name, n)) in found.iter().zip(want) {
        assert_eq!(text(field(*t, 0)), name, "{what}");
        assert_eq!(field(*t, 1), n, "{what}");
    }
}

#[test]
fn references_in_boxes_interfaces_maps_and_slices_move_and_are_updated() {
    let (mut vm, _) = vm_for(HOLDERS, verify_only());
    vm.run_main().unwrap();
    assert_eq!(vm.gc_stats().minor_collections, 0, "a small program runs without collecting");
    let before = holders(&mut vm);
    check_contents(&before);
    for &(what, holder, t) in &before {
        assert!(vm.heap.is_young(holder) && vm.heap.is_young(t), "{what}: young before collecting");
    }

    vm.collect_garbage(false).unwrap();
    let after_minor = holders(&mut vm);
    check_contents(&after_minor);
    for (b, a) in before.iter().zip(&after_minor) {
        assert_ne!(b.1, a.1, "{}: the holder moved in the minor collection", b.0);
        assert_ne!(b.2, a.2, "{}: the *T moved in the minor collection", b.0);
        assert!(!vm.heap.is_young(a.2), "{}: promoted", b.0);
    }

    vm.collect_garbage(true).unwrap();
    let after_major = holders(&mut vm);
    check_contents(&after_major);
    for (b, a) in after_minor.iter().zip(&after_major) {
        assert_ne!(b.1, a.1, "{}: the holder moved in the major collection", b.0);
        assert_ne!(b.2, a.2, "{}: the *T moved in the major collection", b.0);
    }
    // The closure still works on its moved box.
    let st = vm.gc_stats();
    assert_eq!((st.minor_collections, st.major_collections), (1, 1));
}

#[test]
fn a_reference_only_in_a_frame_slot_moves_with_its_object() {
    // r0 holds a heap string that nothing else references; r4.. record its address
    // (as plain integers, outside the slot map) after each of 16 allocations, every one
    // of which collects (stress mode).
    let mut text_src = String::from(
        "func main.f results=18 slots=20 refs=0,3
            LoadInt r19 12345
            Itoa r0 r19
            Move r1 r0
",
    );
    for i in 0..16 {
        text_src.push_str(&format!("            Itoa r3 r19\n            Move r{} r0\n", i + 2));
    }
    text_src.push_str("            Ret r0 18\n        func main.main\n            Ret r0 0\n");
    let mut a = Asm::new();
    basic_types(&mut a);
    a.source(&text_src);
    let p = a.build();
    let f = func_id(&p, "main.f");
    let mut vm = Vm::new(Arc::new(p), stress()).unwrap();
    let r = vm.call(f, &[]).unwrap();
    assert_eq!(text(r[0]), "12345");
    let addrs = &r[1..18];
    assert_eq!(*addrs.last().unwrap(), r[0], "the slot holds the final address");
    assert!(vm.heap.is_young(addrs[0]) && !vm.heap.is_young(addrs[1]), "the first collection promoted it");
    let old_moves = addrs[1..].windows(2).filter(|w| w[0] != w[1]).count();
    assert!(old_moves >= 1, "a major collection moved it again: {addrs:x?}");
    assert!(vm.gc_stats().major_collections >= 2);
}

#[test]
fn an_old_object_pointing_at_a_young_one_keeps_it_alive() {
    let src = r#"
package main

type Node struct {
	next *Node
	name string
}

var root *Node

func setup() { root = &Node{name: "old"} }

func link() { root.next = &Node{name: "young"} }

func main() {}
"#;
    let (mut vm, _) = vm_for(src, verify_only());
    let p = vm.program().clone();
    vm.call(func_id(&p, "main.setup"), &[]).unwrap();
    vm.collect_garbage(false).unwrap();
    let root = vm.globals[0];
    assert!(!vm.heap.is_young(root), "root was promoted");
    vm.call(func_id(&p, "main.link"), &[]).unwrap();
    let young = field(vm.globals[0], 0);
    assert!(vm.heap.is_young(young));
    assert_eq!(vm.heap.remembered(), [root], "the store's write barrier remembered the old node");
    // Only the old node references the young one.
    vm.collect_garbage(false).unwrap();
    assert_eq!(vm.globals[0], root, "old objects do not move in a minor collection");
    let moved = field(root, 0);
    assert_ne!(moved, young);
    assert!(!vm.heap.is_young(moved));
    assert_eq!(text(field(moved, 1)), "young");
}

// ---------------------------------------------------------------- verification

#[test]
fn gc_verify_names_a_broken_root() {
    let src = r#"
package main

type T struct{ a, b int }

var g *T

func main() { g = &T{1, 2} }
"#;
    let (mut vm, _) = vm_for(src, verify_only());
    vm.run_main().unwrap();
    vm.globals[0] += 8; // into the middle of the object
    let err = vm.collect_garbage(false).unwrap_err();
    let VmError::Fatal(text) = err else { panic!("want a fatal error, got {err:?}") };
    assert!(text.starts_with("fatal error: internal VM error: gc_verify: "), "{text}");
    assert!(text.contains("global g0") && text.contains("middle of an object"), "{text}");
}

#[test]
fn gc_verify_stops_a_run_at_a_broken_frame_slot() {
    // r1, a reference slot, receives an address 8 bytes into r0's string (computed in
    // the scalar slot r3): the next allocation's collection must refuse to go on.
    let mut a = Asm::new();
    basic_types(&mut a);
    a.source(
        "func main.main slots=5 refs=0,1,2
            LoadInt r4 777
            Itoa r0 r4
            Move r3 r0
            AddIK r3 r3 8
            Move r1 r3
            Itoa r2 r4
            Ret r0 0",
    );
    let mut vm = Vm::new(Arc::new(a.build()), stress()).unwrap();
    let err = vm.run_main().unwrap_err();
    let VmError::Fatal(text) = err else { panic!("want a fatal error, got {err:?}") };
    assert!(text.contains("gc_verify: before minor collection"), "{text}");
    assert!(text.contains("frame 0 (main.main) slot r1") && text.contains("middle of an object"), "{text}");
}

// ---------------------------------------------------------------- the heap limit

#[test]
fn max_heap_ends_the_run_with_go_out_of_memory() {
    let src = r#"
package main

import "fmt"

func main() {
	var keep [][]int
	for i := 0; i < 1000000; i++ {
		keep = append(keep, make([]int, 1000))
	}
	fmt.Println(len(keep))
}
"#;
    let options = VmOptions { max_heap: Some(16 << 20), ..Default::default() };
    let (out, err, st) = run(src, options);
    assert_eq!(out, "");
    let err = err.expect("the program must run out of memory");
    assert_eq!(err, VmError::Fatal("fatal error: runtime: out of memory\n".into()));
    assert_eq!(err.exit_status(), 2);
    assert!(st.major_collections >= 1, "a major collection ran before giving up: {st:?}");
}

#[test]
fn huge_makes_are_out_of_memory_not_allocation_failures() {
    let prog = |n: &str| {
        format!(
            "package main\n\nimport \"fmt\"\n\nfunc main() {{\n\ts := make([]int, {n})\n\tfmt.Println(len(s))\n}}\n"
        )
    };
    let oom = Some(VmError::Fatal("fatal error: runtime: out of memory\n".into()));
    // Near and above a 64 MiB limit.
    let limited = || VmOptions { max_heap: Some(64 << 20), ..Default::default() };
    assert_eq!(run(&prog("8 << 20"), limited()).1, oom);
    assert_eq!(run(&prog("1 << 30"), limited()).1, oom);
    let (out, err, _) = run(&prog("7 << 20"), limited());
    assert_eq!((out.as_str(), err), ("7340032\n", None));
    // Without a limit: beyond what one object may hold.
    assert_eq!(run(&prog("1 << 40"), VmOptions::default()).1, oom);
}

// ---------------------------------------------------------------- whole programs

#[test]
fn programs_print_the_same_under_gc_stress() {
    let src = r#"
package main

import "fmt"

type Shape interface{ Area() int }

type Rect struct{ w, h int }

func (r Rect) Area() int { return r.w * r.h }

type Tree struct {
	left, right *Tree
	label       string
}

func build(d int) *Tree {
	if d == 0 {
		return &Tree{label: fmt.Sprint("leaf", d)}
	}
	return &Tree{build(d - 1), build(d - 1), fmt.Sprintf("node%d", d)}
}

func (t *Tree) count() int {
	if t == nil {
		return 0
	}
	return 1 + t.left.count() + t.right.count()
}

func main() {
	words := map[string][]int{}
	for i := 0; i < 200; i++ {
		k := fmt.Sprint("w", i%17)
		words[k] = append(words[k], i)
	}
	fmt.Println(len(words), words["w3"][:4])
	var shapes []Shape
	for i := 1; i < 30; i++ {
		shapes = append(shapes, Rect{i, i + 1})
	}
	total := 0
	adders := []func(int) int{}
	for _, s := range shapes {
		a := s.Area()
		adders = append(adders, func(x int) int { return x + a })
	}
	for _, f := range adders {
		total = f(total)
	}
	fmt.Println(total)
	t := build(7)
	fmt.Println(t.count(), t.label, t.left.left.label)
	defer func() {
		r := recover()
		fmt.Println("recovered:", r, t.count())
	}()
	var m map[string]int
	m["x"] = 1
}
"#;
    let (want, err, _) = run(src, VmOptions::default());
    assert!(err.is_none(), "{err:?}");
    assert!(want.contains("recovered: assignment to entry in nil map 255"), "{want}");
    let (got, err, st) = run(src, stress());
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got, want);
    assert!(st.minor_collections > 1000 && st.major_collections > 100, "{st:?}");
}
