// deferloop: defer, panic and recover in a hot loop.
//
// Stresses: pushing and running deferred calls on every call (a deferred
// closure that updates a named result, a deferred method call with
// arguments evaluated at the defer statement, several defers run in LIFO
// order), and the panic/recover path: every 16th call panics with an error
// value and every 64th with a runtime error (integer divide by zero), and a
// deferred recover turns the panic into a result. Written for jitlab (the
// lock/unlock and error-recovery idioms of Go code).
//
// run(n) makes n calls and returns a fold of their results, the recovered
// panic count and the state the deferred calls leave behind.
package main

import "fmt"

type Lock struct {
	held    int
	entries int
	log     int
}

func (l *Lock) lock() {
	l.held++
	l.entries++
}

func (l *Lock) unlock(tag int) {
	l.held--
	l.log = (l.log*3 + tag) & 0xFFFFFF
}

type stepError struct {
	code int
}

func (e *stepError) Error() string {
	return "step failed"
}

// step does a little work under the lock; it panics on some inputs, and its
// deferred recover turns a panic into the result -code.
func step(l *Lock, i int, divisor int) (result int) {
	l.lock()
	defer l.unlock(i & 7)
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*stepError); ok {
				result = -e.code
			} else {
				result = -1000
			}
		}
	}()
	defer func() {
		result += i & 3
	}()
	if i%16 == 5 {
		panic(&stepError{code: i % 100})
	}
	return i*7/divisor + 1
}

func run(n int) int {
	l := &Lock{}
	sum := 0
	negatives := 0
	for i := 0; i < n; i++ {
		divisor := 3
		if i%64 == 63 {
			divisor = 0
		}
		r := step(l, i, divisor)
		if r < 0 {
			negatives++
		}
		sum = (sum*31 + r) & 0xFFFFFFFFFF
	}
	if l.held != 0 {
		return -1
	}
	return sum + negatives*1000 + l.entries + l.log
}

func main() {
	fmt.Println(run(1000000))
}
