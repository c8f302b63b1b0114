//! Goroutines, channels and select: hand-assembled programs and Go source.
//!
//! Expected outputs and error texts were checked against Go 1.19 with the same Go
//! programs (only the first stderr line is Go's exactly; traces are approximate).

use super::asm::{basic_types, func_id, Asm, SharedOut};
use crate::bytecode::{Program, RKind};
use crate::interp::{Vm, VmError, VmOptions};
use std::sync::Arc;

fn options() -> VmOptions {
    VmOptions { stack_slots: 1 << 16, goroutine_stack_slots: 1 << 12, ..Default::default() }
}

fn vm_with(p: Program, options: VmOptions) -> (Vm, SharedOut) {
    let mut vm = Vm::new(Arc::new(p), options).unwrap_or_else(|e| panic!("verify: {e}"));
    let out = SharedOut::default();
    vm.set_stdout(Box::new(out.clone()));
    (vm, out)
}

fn compile(src: &str) -> Program {
    crate::compile_source(src.as_bytes(), "test.go").unwrap_or_else(|e| panic!("compile: {e}"))
}

/// Run a Go program's main: its stdout and the error, if any.
fn run_go_with(src: &str, options: VmOptions) -> (String, Option<VmError>) {
    let (mut vm, out) = vm_with(compile(src), options);
    let r = vm.run_main();
    let text = String::from_utf8(out.bytes()).unwrap();
    (text, r.err())
}

fn run_go(src: &str) -> (String, Option<VmError>) {
    run_go_with(src, options())
}

/// Run a Go program that must succeed; its stdout.
fn run_ok(src: &str) -> String {
    let (out, err) = run_go(src);
    assert!(err.is_none(), "unexpected error: {err:?}\nstdout:\n{out}");
    out
}

fn stress() -> VmOptions {
    VmOptions { gc_stress: true, gc_verify: true, nursery_bytes: 64 << 10, ..options() }
}

fn chan_asm(text: &str) -> Program {
    let mut a = Asm::new();
    basic_types(&mut a);
    let int = a.type_id("int").unwrap();
    let s = a.type_id("string").unwrap();
    a.ty("chan int", RKind::Chan(int), 8);
    a.ty("chan string", RKind::Chan(s), 8);
    a.source(text);
    a.build()
}

// ---------------------------------------------------------------- assembled

/// `pong` adds one to every value it receives and sends it back until `in` is closed.
const PING_PONG: &str = "
func main.pong params=2 results=0 slots=4 refs=0,1
    loop:
        ChanRecv2 r2 r0
        JmpFalse r3 @done
        AddIK r2 r2 1
        ChanSend r1 r2
        Jmp @loop
    done:
        Ret r0 0

func main.run params=1 results=1 slots=7 window=2 refs=1,2
        LoadInt r3 0
        MakeChan r1 t:chan_int r3
        MakeChan r2 t:chan_int r3
        Move w0 r1
        Move w1 r2
        Go main.pong
        LoadInt r4 0            ; v
        LoadInt r5 0            ; i
        JmpLeIK r0 0 @done
    loop:
        ChanSend r1 r4
        ChanRecv r4 r2
        IncJmpLtI r5 r0 @loop
    done:
        ChanClose r1
        Ret r4 1
";

#[test]
fn unbuffered_ping_pong_through_vm_call() {
    let p = chan_asm(PING_PONG);
    let (mut vm, _) = vm_with(p.clone(), options());
    let run = func_id(&p, "main.run");
    // `Vm::call` runs the scheduler until the call returns; goroutines of earlier
    // calls stay (each ends when its `in` is closed).
    for n in [0u64, 1, 10, 1000] {
        assert_eq!(vm.call(run, &[n]).unwrap(), vec![n]);
    }
    let st = vm.fiber_stats();
    assert_eq!(st.goroutines_created, 4);
    assert!(st.switches >= 2000, "{st:?}");
}

#[test]
fn send_on_closed_channel_panics() {
    let p = chan_asm(
        "func main.main params=0 results=0 slots=3 refs=0
            LoadInt r1 1
            MakeChan r0 t:chan_int r1
            ChanClose r0
            ChanSend r0 r1
            Ret r0 0",
    );
    let (mut vm, _) = vm_with(p, options());
    let err = vm.run_main().unwrap_err();
    assert!(err.stderr_text().starts_with("panic: send on closed channel\n\ngoroutine 1 [running]:\n"), "{err}");
}

#[test]
fn verifier_checks_channel_operands() {
    // The channel operand of a blocking op must be a reference slot of the frame: a
    // parked fiber's frame keeps the channel alive and updated.
    let p = chan_asm(
        "func main.main params=0 results=0 slots=3 refs=0
            LoadInt r1 1
            MakeChan r0 t:chan_int r1
            ChanSend r1 r1
            Ret r0 0",
    );
    let err = Vm::new(Arc::new(p), options()).err().expect("rejected");
    assert!(err.contains("not a reference slot"), "{err}");
    // A select's mask may not name cases beyond its count.
    let p = chan_asm(
        "func main.main params=0 results=0 slots=4 refs=0
            LoadInt r1 1
            MakeChan r0 t:chan_int r1
            Select r2 r0 1
            Ext 2 0 0
            Ret r0 0",
    );
    let err = Vm::new(Arc::new(p), options()).err().expect("rejected");
    assert!(err.contains("send mask"), "{err}");
}

// ---------------------------------------------------------------- Go source

#[test]
fn buffered_channel_is_fifo() {
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	c := make(chan int, 3)
	fmt.Println(len(c), cap(c))
	c <- 1
	c <- 2
	fmt.Println(len(c), cap(c))
	fmt.Println(<-c)
	c <- 3
	c <- 4
	fmt.Println(len(c))
	done := make(chan bool)
	go func() {
		c <- 5 // blocks: the buffer is full
		c <- 6
		close(c)
		done <- true
	}()
	for v := range c {
		fmt.Print(v, " ")
	}
	fmt.Println()
	<-done
	var n chan int
	fmt.Println(len(n), cap(n))
}
"#,
    );
    assert_eq!(out, "0 3\n2 3\n1\n3\n2 3 4 5 6 \n0 0\n");
}

#[test]
fn close_wakes_every_receiver() {
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	c := make(chan string)
	res := make(chan string)
	for i := 0; i < 3; i++ {
		go func(id int) {
			v, ok := <-c
			res <- fmt.Sprint(id, ":", v, ok)
		}(i)
	}
	close(c)
	got := map[string]bool{}
	for i := 0; i < 3; i++ {
		got[<-res] = true
	}
	fmt.Println(got)
	// A closed buffered channel is drained first.
	b := make(chan string, 2)
	b <- "x"
	close(b)
	v, ok := <-b
	fmt.Println(v, ok)
	v, ok = <-b
	fmt.Printf("%q %v\n", v, ok)
}
"#,
    );
    assert_eq!(out, "map[0:false:true 1:false:true 2:false:true]\nx true\n\"\" false\n");
}

#[test]
fn close_makes_parked_senders_panic() {
    let (out, err) = run_go(
        r#"package main

import "fmt"

func main() {
	c := make(chan int)
	ready := make(chan bool)
	go func() {
		defer fmt.Println("sender's defer runs")
		ready <- true
		c <- 1 // parks: nobody receives
	}()
	<-ready
	close(c)
	select {}
}
"#,
    );
    assert_eq!(out, "sender's defer runs\n");
    let err = err.expect("panics");
    assert!(err.stderr_text().starts_with("panic: send on closed channel\n\ngoroutine 5 [running]:\n"), "{err}");
    assert!(err.stderr_text().contains("created by main.main\n"), "{err}");
    assert_eq!(err.exit_status(), 2);
}

#[test]
fn channel_panics_match_go() {
    let cases = [
        ("var c chan int\n\tclose(c)", "panic: close of nil channel"),
        ("c := make(chan int)\n\tclose(c)\n\tclose(c)", "panic: close of closed channel"),
        ("n := -1\n\tc := make(chan int, n)\n\t_ = c", "panic: makechan: size out of range"),
        ("var f func()\n\tgo f()", "fatal error: go of nil func value"),
        ("var c chan int\n\t<-c", "fatal error: all goroutines are asleep - deadlock!"),
        ("var c chan int\n\tc <- 1", "fatal error: all goroutines are asleep - deadlock!"),
        ("select {}", "fatal error: all goroutines are asleep - deadlock!"),
        ("c := make(chan int)\n\tc <- 1", "fatal error: all goroutines are asleep - deadlock!"),
    ];
    for (body, first) in cases {
        let src = format!("package main\n\nfunc main() {{\n\t{body}\n}}\n");
        let (_, err) = run_go(&src);
        let err = err.unwrap_or_else(|| panic!("{body}: no error"));
        assert_eq!(err.stderr_text().lines().next(), Some(first), "{body}:\n{err}");
        assert_eq!(err.exit_status(), 2);
    }
}

#[test]
fn deadlock_lists_every_goroutine_with_its_wait_reason() {
    let (_, err) = run_go(
        r#"package main

func main() {
	a := make(chan int)
	b := make(chan int)
	go func() { a <- 1 }()
	go func() {
		select {
		case <-a:
		case b <- 2:
		}
		<-b
	}()
	var n chan int
	<-n
}
"#,
    );
    let text = err.expect("deadlock").stderr_text().to_string();
    assert!(text.starts_with("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive (nil chan)]:\nmain.main(...)\n"), "{text}");
    assert!(!text.contains("goroutine 5 ["), "the first goroutine ran to completion:\n{text}");
    assert!(text.contains("goroutine 6 [chan receive]:\nmain.main.func2(...)\n"), "{text}");
}

#[test]
fn select_with_default_and_nil_cases() {
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	c := make(chan int, 1)
	var nilc chan int
	for i := 0; i < 3; i++ {
		select {
		case v := <-c:
			fmt.Println("got", v)
		case nilc <- 1:
			fmt.Println("never")
		default:
			fmt.Println("default")
			c <- i
		}
	}
	select {
	case c <- 7:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
	d := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			d <- i * 10
		}
		close(d)
	}()
	for {
		select {
		case v, ok := <-d:
			if !ok {
				fmt.Println("closed")
				return
			}
			fmt.Println("d", v)
		case <-nilc:
			fmt.Println("never")
		}
	}
}
"#,
    );
    assert_eq!(out, "default\ngot 0\ndefault\nfull\nd 0\nd 10\nd 20\nclosed\n");
}

const SELECT_CHOICE: &str = r#"package main

import "fmt"

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	na, nb := 0, 0
	seq := ""
	for i := 0; i < 2000; i++ {
		a <- 1
		b <- 2
		select {
		case <-a:
			na++
			<-b
			if i < 40 {
				seq += "a"
			}
		case <-b:
			nb++
			<-a
			if i < 40 {
				seq += "b"
			}
		}
	}
	fmt.Println(na, nb)
	fmt.Println(seq)
}
"#;

#[test]
fn select_chooses_fairly_and_reproducibly() {
    let run = |seed: u64| {
        let (out, err) = run_go_with(SELECT_CHOICE, VmOptions { seed, ..options() });
        assert!(err.is_none(), "{err:?}");
        let mut lines = out.lines();
        let counts: Vec<i64> = lines.next().unwrap().split(' ').map(|s| s.parse().unwrap()).collect();
        (counts, lines.next().unwrap().to_string())
    };
    let (counts, seq) = run(VmOptions::default().seed);
    assert_eq!(counts[0] + counts[1], 2000);
    assert!((850..=1150).contains(&counts[0]), "unfair: {counts:?}");
    // The same seed gives the same choices; another seed other choices.
    assert_eq!(run(VmOptions::default().seed), (counts.clone(), seq.clone()));
    let (counts2, seq2) = run(12345);
    assert!((850..=1150).contains(&counts2[0]), "unfair: {counts2:?}");
    assert_ne!(seq, seq2);
}

#[test]
fn select_blocks_on_every_channel_and_leaves_the_others() {
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan string)
	quit := make(chan bool)
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case v := <-a:
				n += v
			case s := <-b:
				n += len(s)
			case <-quit:
				done <- n
				return
			}
		}
	}()
	for i := 0; i < 100; i++ {
		if i%2 == 0 {
			a <- i
		} else {
			b <- "xy"
		}
	}
	close(quit)
	fmt.Println(<-done)
	// A select that sends: whichever receiver comes first wins.
	c := make(chan int)
	r := make(chan int)
	go func() { r <- <-c }()
	select {
	case c <- 5:
	case <-r:
	}
	fmt.Println(<-r)
}
"#,
    );
    assert_eq!(out, "2550\n5\n");
}

#[test]
fn cpu_bound_goroutines_are_preempted() {
    let out = run_ok(
        r#"package main

import "fmt"

func spin() {
	x := 0
	for {
		x++
		if x == -1 {
			break
		}
	}
	fmt.Println("never", x)
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	go spin()
	go spin()
	res := make(chan int)
	go func() { res <- fib(15) }()
	fmt.Println(<-res) // main blocks: only preemption lets the worker run
	for i := 0; i < 3; i++ {
		go func(i int) { res <- i }(i)
		fmt.Println(<-res)
	}
}
"#,
    );
    assert_eq!(out, "610\n0\n1\n2\n");
}

#[test]
fn goroutine_panic_ends_the_program() {
    let (out, err) = run_go(
        r#"package main

import "fmt"

func main() {
	defer fmt.Println("main's defer does not run")
	done := make(chan bool)
	go func() {
		defer fmt.Println("goroutine's defer runs")
		var s []int
		_ = s[3]
		done <- true
	}()
	<-done
}
"#,
    );
    assert_eq!(out, "goroutine's defer runs\n");
    let err = err.expect("panics");
    assert!(matches!(err, VmError::Panic(_)));
    let text = err.stderr_text();
    assert!(
        text.starts_with(
            "panic: runtime error: index out of range [3] with length 0\n\ngoroutine 5 [running]:\nmain.main.func"
        ),
        "{text}"
    );
    // A recovered panic in a goroutine is its own business.
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	done := make(chan string)
	go func() {
		defer func() { done <- fmt.Sprint("recovered: ", recover()) }()
		panic("inner")
	}()
	fmt.Println(<-done)
}
"#,
    );
    assert_eq!(out, "recovered: inner\n");
}

#[test]
fn main_returning_abandons_goroutines() {
    let out = run_ok(
        r#"package main

import "fmt"

func main() {
	c := make(chan int)
	go func() { c <- 1 }() // parks forever: nobody receives
	go func() {
		for {
		}
	}()
	fmt.Println("bye")
}
"#,
    );
    assert_eq!(out, "bye\n");
}

const CHANNEL_GC: &str = r#"package main

import "fmt"

type Pt struct {
	X, Y int
	Name string
}

func producer(n int, out chan Pt, strs chan string) {
	for i := 0; i < n; i++ {
		s := fmt.Sprint("s", i)
		out <- Pt{i, i * i, s}
		strs <- s + "!"
	}
	close(out)
	close(strs)
}

func main() {
	out := make(chan Pt)
	strs := make(chan string, 4)
	go producer(30, out, strs)
	total := 0
	names := ""
	var nilPt chan Pt
	var nilStr chan string
	for {
		select {
		case p, ok := <-out:
			if !ok {
				out = nilPt
				break
			}
			total += p.X + p.Y
			names += p.Name
		case s, ok := <-strs:
			if !ok {
				strs = nilStr
				break
			}
			names += s
		}
		if out == nil && strs == nil {
			break
		}
	}
	fmt.Println(total, len(names))
	// Buffered values and parked senders' values are roots too.
	big := make(chan []string, 8)
	for i := 0; i < 8; i++ {
		big <- []string{fmt.Sprint(i), "x"}
	}
	go func() {
		for i := 8; i < 12; i++ {
			big <- []string{fmt.Sprint(i), "y"} // parks: the buffer is full
		}
		close(big)
	}()
	sum := ""
	for v := range big {
		sum += v[0] + v[1]
	}
	fmt.Println(sum)
}
"#;

#[test]
fn channel_values_survive_moving_collections() {
    let want = "8990 190\n0x1x2x3x4x5x6x7x8y9y10y11y\n";
    assert_eq!(run_ok(CHANNEL_GC), want);
    let (out, err) = run_go_with(CHANNEL_GC, stress());
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, want);
}

#[test]
fn goroutines_started_by_calls_and_re_entrant_blocking() {
    // A String method that blocks runs other goroutines from inside fmt.
    let out = run_ok(
        r#"package main

import "fmt"

type T struct{ c chan string }

func (t T) String() string { return <-t.c }

func main() {
	t := T{make(chan string)}
	go func() { t.c <- "from a goroutine" }()
	fmt.Println(t)
}
"#,
    );
    assert_eq!(out, "from a goroutine\n");
}

#[test]
fn a_fiber_waits_to_leave_its_own_re_entrant_call() {
    // g's String call (loop 2) blocks; main runs inside that loop and makes its own
    // String call (loop 3), which blocks; g's call returns inside loop 3 and must wait
    // until loop 2 runs again; h unblocks main, loop 3 ends, main blocks in loop 2,
    // and g leaves its call.
    let src = r#"package main

import "fmt"

type T struct{ c chan string }

func (t T) String() string { return <-t.c }

func main() {
	c1 := make(chan string)
	c3 := make(chan string)
	ready := make(chan bool)
	done := make(chan string)
	go func() { // g
		ready <- true
		s := fmt.Sprint(T{c1})
		done <- s
	}()
	<-ready
	go func() { // h
		c3 <- "from h"
	}()
	c1 <- "from main"
	s := fmt.Sprint(T{c3})
	fmt.Println(s)
	fmt.Println(<-done)
}
"#;
    let out = run_ok(src);
    assert_eq!(out, "from h\nfrom main\n");
    let (out, err) = run_go_with(src, stress());
    assert!(err.is_none(), "{err:?}");
    assert_eq!(out, "from h\nfrom main\n");
}

#[test]
fn re_entrant_panics_and_main_returning_over_blocked_calls() {
    // As above, but g's String method panics inside main's loop: the panic leaves g's
    // own call only once that loop runs again (fmt then reports it, as Go does).
    let src = r#"package main

import "fmt"

type T struct{ c chan string }

func (t T) String() string {
	s := <-t.c
	if s == "boom" {
		panic(s)
	}
	return s
}

func main() {
	c1 := make(chan string)
	c3 := make(chan string)
	ready := make(chan bool)
	done := make(chan string)
	go func() {
		ready <- true
		done <- fmt.Sprint(T{c1})
	}()
	<-ready
	go func() { c3 <- "from h" }()
	c1 <- "boom"
	fmt.Println(fmt.Sprint(T{c3}))
	fmt.Println(<-done)
}
"#;
    assert_eq!(run_ok(src), "from h\n%!v(PANIC=String method: boom)\n");
    // main returns while a goroutine is blocked for good inside a re-entrant call:
    // the program ends, as in Go (not a deadlock).
    let src = r#"package main

import "fmt"

type T struct{ c chan string }

func (t T) String() string { return <-t.c }

func main() {
	go func() { fmt.Println(T{make(chan string)}) }()
	c := make(chan int)
	go func() { c <- 1 }()
	<-c
	fmt.Println("main done")
}
"#;
    assert_eq!(run_ok(src), "main done\n");
    // Between calls of the harness, the abandoned goroutine never runs again.
    let p = compile(
        &src.replace("func main() {", "func run(n int) int {\n\tdefer fmt.Print(n, \" \")")
            .replace("fmt.Println(\"main done\")\n}", "fmt.Println(\"main done\")\n\treturn n\n}\n\nfunc main() {}"),
    );
    let (mut vm, out) = vm_with(p.clone(), options());
    let run = func_id(&p, "main.run");
    for n in 0..3u64 {
        assert_eq!(vm.call(run, &[n]).unwrap(), vec![n]);
    }
    assert_eq!(String::from_utf8(out.bytes()).unwrap(), "main done\n0 main done\n1 main done\n2 ");
}

#[test]
fn many_goroutines_reuse_their_stacks() {
    let src = r#"package main

import "fmt"

func main() {
	res := make(chan int, 100)
	total := 0
	for round := 0; round < 20; round++ {
		for i := 0; i < 100; i++ {
			go func(i int) { res <- i }(i)
		}
		for i := 0; i < 100; i++ {
			total += <-res
		}
	}
	fmt.Println(total)
}
"#;
    let (mut vm, out) = vm_with(compile(src), options());
    vm.run_main().unwrap();
    assert_eq!(String::from_utf8(out.bytes()).unwrap(), "99000\n");
    let st = vm.fiber_stats();
    assert_eq!(st.goroutines_created, 2000);
    assert!(st.max_live <= 101, "{st:?}");
    assert_eq!(st.live, 1);
}

#[test]
fn micro_benchmark_ping_pong_and_spawn() {
    let p = chan_asm(PING_PONG);
    let (mut vm, _) = vm_with(p.clone(), VmOptions::default());
    let run = func_id(&p, "main.run");
    let n = if cfg!(debug_assertions) { 20_000 } else { 1_000_000 };
    let t = std::time::Instant::now();
    assert_eq!(vm.call(run, &[n]).unwrap(), vec![n]);
    let secs = t.elapsed().as_secs_f64();
    println!("ping-pong: {n} round trips in {secs:.3} s = {:.2} M round trips/s", n as f64 / secs / 1e6);
    let src = r#"package main

func run(n int) int {
	done := make(chan int, 64)
	total := 0
	for i := 0; i < n; i += 64 {
		for j := 0; j < 64; j++ {
			go func(v int) { done <- v }(j)
		}
		for j := 0; j < 64; j++ {
			total += <-done
		}
	}
	return total
}

func main() {}
"#;
    let p = compile(src);
    let (mut vm, _) = vm_with(p.clone(), VmOptions::default());
    let run = func_id(&p, "main.run");
    let n = if cfg!(debug_assertions) { 6400 } else { 640_000 };
    let t = std::time::Instant::now();
    assert_eq!(vm.call(run, &[n]).unwrap(), vec![n / 64 * 2016]);
    let secs = t.elapsed().as_secs_f64();
    println!("spawn+finish: {n} goroutines in {secs:.3} s = {:.0} ns each", secs / n as f64 * 1e9);
}

// ---------------------------------------------------------------- islands and ports

const ISLAND_RUN: &str = r#"
package main

import "island"

func double(p island.Port) {
	for {
		v, ok := p.Recv()
		if !ok {
			return
		}
		if v.(int) < 0 {
			panic("negative")
		}
		p.Send(2 * v.(int))
	}
}

func run(n int) int {
	p := island.NewPort(0)
	island.Go(double, p)
	sum := 0
	for i := 0; i < n; i++ {
		p.Send(i)
		v, _ := p.Recv()
		sum += v.(int)
	}
	if n < 0 {
		p.Send(n)
		p.Recv()
	}
	return sum
}

func main() {}
"#;

#[test]
fn islands_end_with_each_call_and_a_failed_call_leaves_the_vm_usable() {
    // The harness calls run(n) many times in one VM: each call starts an island, the
    // island is stopped and joined when the call returns (it is still waiting on its
    // port then), and a call that fails in an island leaves the next call working.
    let p = compile(ISLAND_RUN);
    let run = func_id(&p, "main.run");
    for opts in [options(), VmOptions { gc_stress: true, gc_verify: true, ..options() }] {
        let (mut vm, _) = vm_with(p.clone(), opts);
        for _ in 0..3 {
            assert_eq!(vm.call(run, &[10]).expect("run(10)"), vec![90]);
        }
        let e = vm.call(run, &[(-1i64) as u64]).expect_err("the island panics");
        assert!(e.stderr_text().starts_with("panic: negative\n"), "{}", e.stderr_text());
        assert_eq!(vm.call(run, &[4]).expect("run(4) after a failure"), vec![12]);
    }
}
