//! Heap and collector tests on the heap alone (roots are root handles); the VM-level
//! tests (frames, globals, Go programs) are in `runtime::gc`.

use super::*;
use crate::bytecode::{RKind, RType, TypeId};

/// Types: 0 runtime error, 1 int, 2 string, 3 *Node, 4 Node{next *Node, val int, name
/// string}, 5 []string element type is 2, 6 interface{}, 7 map[*Node]string.
fn types() -> GcTypes {
    let t = |name: &str, kind: RKind| RType { name: name.into(), kind, methods: vec![], go_size: 8 };
    GcTypes::new(&[
        t("runtime.Error", RKind::ErrorString),
        t("int", RKind::Int),
        t("string", RKind::String),
        t("*main.Node", RKind::Pointer(TypeId(4))),
        t(
            "main.Node",
            RKind::Struct(vec![("next".into(), TypeId(3)), ("val".into(), TypeId(1)), ("name".into(), TypeId(2))]),
        ),
        t("[]string", RKind::Slice(TypeId(2))),
        t("interface {}", RKind::Interface(vec![])),
        t("map[*main.Node]string", RKind::Map(TypeId(3), TypeId(2))),
    ])
}

const NODE: u32 = 4;
const STRING: u32 = 2;

fn heap_with(options: HeapOptions) -> Heap {
    Heap::new(types(), options).expect("nursery")
}

fn heap() -> Heap {
    heap_with(HeapOptions { verify: true, ..Default::default() })
}

fn alloc(heap: &mut Heap, kind: ObjKind, aux: u32, len: u32, words: usize) -> GcRef {
    heap.alloc_object(kind, aux, len, words, &mut NoRoots).expect("alloc")
}

fn string(heap: &mut Heap, s: &str) -> GcRef {
    let r = alloc(heap, ObjKind::Str, 0, s.len() as u32, s.len().div_ceil(8));
    // SAFETY: a fresh string with room for the bytes.
    unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), (r as usize + layout::STR_BYTES) as *mut u8, s.len()) };
    r
}

/// A Node with `name` and `val`, next = nil.
fn node(heap: &mut Heap, name: &str, val: u64) -> GcRef {
    let s = string(heap, name);
    let h = heap.push_root(s);
    let n = alloc(heap, ObjKind::Struct, NODE, 3, 3);
    let s = heap.pop_root();
    let _ = h;
    // SAFETY: a fresh Node object.
    unsafe {
        set_word(n, 1, val);
        set_word(n, 2, s);
    }
    n
}

/// (name, val) of a node.
fn read_node(n: GcRef) -> (String, u64) {
    // SAFETY: `n` is a live Node.
    unsafe { (String::from_utf8(str_bytes(word(n, 2)).to_vec()).unwrap(), word(n, 1)) }
}

#[test]
fn header_round_trips() {
    let h = layout::header(ObjKind::Slice, 0xabcdef, 0xdead_beef);
    assert_eq!(layout::header_kind(h), ObjKind::Slice as u8);
    assert_eq!(layout::header_aux(h), 0xabcdef);
    assert_eq!(layout::header_len(h), 0xdead_beef);
    assert_eq!(layout::header_kind(h | layout::REMEMBERED_BIT), ObjKind::Slice as u8);
    assert_eq!(layout::object_words(layout::header(ObjKind::Str, 0, 9)), 3);
    assert_eq!(layout::object_words(layout::header(ObjKind::Map, 1, 1000)), 2);
    assert_eq!(layout::object_words(layout::header(ObjKind::Struct, 1, 0)), 1);
}

#[test]
fn objects_are_aligned_zeroed_and_distinct() {
    let mut heap = heap();
    let a = alloc(&mut heap, ObjKind::Array, 1, 5, 5);
    let b = string(&mut heap, "hello, world");
    let big_n = LARGE_OBJECT_BYTES / 8 + 10;
    let big = alloc(&mut heap, ObjKind::Array, 1, big_n as u32, big_n);
    assert_eq!(a % 8, 0);
    assert_eq!(b % 8, 0);
    assert!(heap.is_young(a) && heap.is_young(b));
    assert!(!heap.is_young(big), "large objects are allocated old");
    // SAFETY: all three are live objects of the kinds read.
    unsafe {
        assert_eq!(obj_len(a), 5);
        assert_eq!(obj_aux(a), 1);
        for i in 0..5 {
            assert_eq!(word(a, i), 0);
        }
        assert_eq!(str_bytes(b), b"hello, world");
        assert_eq!(obj_len(big), big_n);
        assert_eq!(word(big, big_n - 1), 0);
        assert_eq!(obj_kind(big), Some(ObjKind::Array), "the remembered flag does not change the kind");
    }
}

#[test]
fn roots_stack() {
    let mut heap = heap();
    let mark = heap.roots_mark();
    let h = heap.push_root(42);
    heap.set_root(h, 43);
    assert_eq!(heap.root(h), 43);
    heap.truncate_roots(mark);
    assert_eq!(heap.roots_mark(), mark);
}

#[test]
fn objects_move_in_minor_and_major_collections() {
    let mut heap = heap();
    let n = node(&mut heap, "first", 7);
    let h = heap.push_root(n);
    assert!(heap.is_young(n));
    heap.collect(false, &mut NoRoots).unwrap();
    let after_minor = heap.root(h);
    assert_ne!(after_minor, n, "a minor collection promotes (moves) young objects");
    assert!(!heap.is_young(after_minor));
    assert_eq!(read_node(after_minor), ("first".into(), 7));
    heap.collect(true, &mut NoRoots).unwrap();
    let after_major = heap.root(h);
    assert_ne!(after_major, after_minor, "a major collection moves old objects");
    assert_eq!(read_node(after_major), ("first".into(), 7));
    let st = heap.stats();
    assert_eq!((st.minor_collections, st.major_collections), (1, 1));
    assert!(st.bytes_copied >= 2 * 6 * 8, "node and string copied twice: {st:?}");
}

#[test]
fn unreachable_objects_are_not_copied() {
    let mut heap = heap();
    for i in 0..100 {
        node(&mut heap, "garbage", i);
    }
    let keep = node(&mut heap, "kept", 1);
    let h = heap.push_root(keep);
    heap.collect(false, &mut NoRoots).unwrap();
    // One node (4 words) and its string (2 words).
    assert_eq!(heap.stats().bytes_copied, 6 * 8);
    assert_eq!(read_node(heap.root(h)), ("kept".into(), 1));
    heap.collect(true, &mut NoRoots).unwrap();
    assert_eq!(heap.old_bytes(), 6 * 8);
}

#[test]
fn shared_objects_stay_shared_and_cycles_survive() {
    let mut heap = heap();
    let a = node(&mut heap, "a", 1);
    let ha = heap.push_root(a);
    let b = node(&mut heap, "b", 2);
    let a = heap.root(ha);
    // SAFETY: live nodes; a -> b -> a.
    unsafe {
        set_word(a, 0, b);
        set_word(b, 0, a);
    }
    let hb = heap.push_root(b);
    for major in [false, true, true] {
        heap.collect(major, &mut NoRoots).unwrap();
        let (a, b) = (heap.root(ha), heap.root(hb));
        // SAFETY: live nodes.
        unsafe {
            assert_eq!(word(a, 0), b);
            assert_eq!(word(b, 0), a);
        }
        assert_eq!(read_node(a).0, "a");
        assert_eq!(read_node(b).0, "b");
    }
}

#[test]
fn write_barrier_keeps_young_objects_reachable_from_old_ones() {
    let mut heap = heap();
    let old = node(&mut heap, "old", 1);
    let h = heap.push_root(old);
    heap.collect(false, &mut NoRoots).unwrap();
    let old = heap.root(h);
    assert!(!heap.is_young(old));
    let young = node(&mut heap, "young", 2);
    assert!(heap.is_young(young));
    let old = heap.root(h);
    // SAFETY: `old` is a live node; the barrier follows the store.
    unsafe {
        set_word(old, 0, young);
        heap.write_barrier(old, young);
        heap.write_barrier(old, young); // recorded once
    }
    assert_eq!(heap.remembered.len(), 1);
    // The young node is reachable only through the old one.
    heap.collect(false, &mut NoRoots).unwrap();
    let old = heap.root(h);
    // SAFETY: live nodes.
    let moved = unsafe { word(old, 0) };
    assert_ne!(moved, young);
    assert!(!heap.is_young(moved));
    assert_eq!(read_node(moved), ("young".into(), 2));
    assert!(heap.remembered.is_empty());
    // SAFETY: a live node.
    assert_eq!(unsafe { header(old) } & layout::REMEMBERED_BIT, 0, "flag cleared with the set");
}

#[test]
fn verify_reports_a_missing_write_barrier() {
    for major in [true, false] {
        let mut heap = heap();
        let old = node(&mut heap, "old", 1);
        let h = heap.push_root(old);
        heap.collect(false, &mut NoRoots).unwrap();
        let young = node(&mut heap, "young", 2);
        heap.push_root(young);
        let old = heap.root(h);
        // SAFETY: a live node (the barrier is deliberately missing).
        unsafe { set_word(old, 0, young) };
        let e = heap.collect(major, &mut NoRoots).unwrap_err();
        let GcError::Verify(msg) = e else { panic!("want a verify error, got {e:?}") };
        if major {
            // Checked before the collection: the precise diagnosis.
            assert!(msg.starts_with("before major collection #2"), "{msg}");
            assert!(msg.contains("old Struct object") && msg.contains("(type main.Node) word 0"), "{msg}");
            assert!(msg.contains("not remembered (a missing write barrier)"), "{msg}");
        } else {
            // A minor collection does not look at unremembered old objects: the check
            // after it finds the reference left pointing into the nursery.
            assert!(msg.starts_with("after minor collection #2"), "{msg}");
            assert!(msg.contains("(type main.Node) word 0") && msg.contains("missed its write barrier"), "{msg}");
        }
    }
}

#[test]
fn verify_reports_a_root_into_the_middle_of_an_object() {
    let mut heap = heap();
    let n = node(&mut heap, "x", 1);
    heap.push_root(n + 8);
    let e = heap.collect(false, &mut NoRoots).unwrap_err();
    let GcError::Verify(msg) = e else { panic!("want a verify error, got {e:?}") };
    assert!(msg.contains("root handle 0") && msg.contains("middle of an object"), "{msg}");
}

#[test]
fn verify_reports_a_stale_reference_after_a_collection() {
    struct Stale(GcRef);
    impl RootSet for Stale {
        fn visit_roots(&mut self, f: &mut dyn FnMut(&mut GcRef, RootName)) {
            // A root the collector is not told about can not be updated: simulate it
            // by visiting a copy and keeping the old value.
            let mut copy = self.0;
            f(&mut copy, RootName::Other("stale root", 0));
        }
    }
    let mut heap = heap();
    let n = node(&mut heap, "x", 1);
    let mut roots = Stale(n);
    let e = heap.collect(false, &mut roots).unwrap_err();
    let GcError::Verify(msg) = e else { panic!("want a verify error, got {e:?}") };
    assert!(msg.contains("after minor collection") && msg.contains("stale root 0"), "{msg}");
    assert!(msg.contains("nursery"), "{msg}");
}

#[test]
fn large_objects_are_old_remembered_and_move_at_majors() {
    let mut heap = heap();
    let n = LARGE_OBJECT_BYTES / 8 + 1;
    let arr = alloc(&mut heap, ObjKind::Array, STRING, n as u32, n);
    let h = heap.push_root(arr);
    assert!(!heap.is_young(arr));
    assert_eq!(heap.remembered, vec![arr], "remembered from birth");
    // Initialising stores need no barrier: fill with young strings.
    for i in 0..n {
        let s = string(&mut heap, "element");
        // SAFETY: live array of `n` elements (no collection ran: the nursery has room).
        unsafe { set_word(heap.root(h), i, s) };
    }
    heap.collect(false, &mut NoRoots).unwrap();
    let arr = heap.root(h);
    // SAFETY: live array of strings.
    unsafe {
        assert!(!heap.is_young(word(arr, n - 1)));
        assert_eq!(str_bytes(word(arr, n - 1)), b"element");
    }
    heap.collect(true, &mut NoRoots).unwrap();
    assert_ne!(heap.root(h), arr, "large objects move at majors too");
    // SAFETY: live array of strings.
    unsafe { assert_eq!(str_bytes(word(heap.root(h), 0)), b"element") };
}

#[test]
fn map_tables_follow_their_maps() {
    let mut heap = heap();
    // A map[*Node]string: pointer keys (hashed by address) and string values.
    let m = alloc(&mut heap, ObjKind::Map, 7, 0, 1);
    // SAFETY: a fresh map object.
    unsafe { heap.init_map(m, KeyKind::Ref, true) };
    let hm = heap.push_root(m);
    let mut keys = Vec::new();
    for i in 0..20 {
        let k = node(&mut heap, "key", i);
        let hk = heap.push_root(k);
        let v = string(&mut heap, &format!("value {i}"));
        let (m, k) = (heap.root(hm), heap.root(hk));
        // SAFETY: a live map; pointer keys.
        unsafe {
            heap.map_table(m).insert(k, v);
            let live = heap.map_table(m).len();
            Heap::set_map_len(m, live);
            heap.write_barrier(m, k);
            heap.write_barrier(m, v);
        }
        keys.push(hk);
    }
    // A dead map: its table goes away at the next major collection.
    let dead = alloc(&mut heap, ObjKind::Map, 7, 0, 1);
    // SAFETY: a fresh map object.
    unsafe { heap.init_map(dead, KeyKind::Ref, true) };
    for major in [false, true, false, true] {
        heap.collect(major, &mut NoRoots).unwrap();
        let m = heap.root(hm);
        for (i, &hk) in keys.iter().enumerate() {
            let k = heap.root(hk);
            // SAFETY: live map and key.
            let v = unsafe { heap.map_table(m).get(k) }.expect("key found at its new address");
            // SAFETY: a live string value.
            assert_eq!(unsafe { str_bytes(v) }, format!("value {i}").as_bytes());
        }
    }
    assert_eq!(heap.maps.len(), 1, "only the live map's table is left");
}

#[test]
fn max_heap_is_enforced_with_out_of_memory() {
    let mut heap = heap_with(HeapOptions { max_heap: Some(1 << 20), verify: true, ..Default::default() });
    let mut kept = 0usize;
    let err = loop {
        match heap.alloc_object(ObjKind::Array, 1, 1000, 1000, &mut NoRoots) {
            Ok(r) => {
                heap.push_root(r);
                kept += 1;
            }
            Err(e) => break e,
        }
        assert!(kept < 1000, "the limit was never hit");
    };
    assert_eq!(err, GcError::OutOfMemory);
    assert!(kept * 8008 <= 1 << 20 && kept * 8008 > (1 << 20) - 2 * 8008, "kept {kept}");
    // A huge request fails outright, leaving the heap usable.
    assert_eq!(
        heap.alloc_object(ObjKind::Array, 1, u32::MAX, u32::MAX as usize, &mut NoRoots),
        Err(GcError::OutOfMemory)
    );
    heap.truncate_roots(0);
    assert!(heap.alloc_object(ObjKind::Array, 1, 1000, 1000, &mut NoRoots).is_ok());
}

#[test]
fn stress_mode_collects_at_every_allocation() {
    let mut heap = heap_with(HeapOptions { stress: true, verify: true, ..Default::default() });
    let first = node(&mut heap, "n", 0);
    let h = heap.push_root(first);
    let mut addresses = vec![first];
    for i in 1..40 {
        let n = node(&mut heap, "n", i);
        let prev = heap.root(h);
        // SAFETY: a live node (fresh: no barrier needed).
        unsafe { set_word(n, 0, prev) };
        heap.set_root(h, n);
        addresses.push(heap.root(h));
    }
    let st = heap.stats();
    assert_eq!(st.minor_collections + st.major_collections, 80, "{st:?}");
    assert_eq!(st.major_collections, 10);
    // The list is intact.
    let mut n = heap.root(h);
    for i in (0..40).rev() {
        assert_eq!(read_node(n), ("n".into(), i));
        // SAFETY: live node.
        n = unsafe { word(n, 0) };
    }
    assert_eq!(n, 0);
}
