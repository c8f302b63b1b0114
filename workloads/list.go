// list: recursive list manipulation, from the Are-We-Fast-Yet suite (List),
// itself after the classic Lisp "tak" on lists (Gabriel's takl).
//
// Stresses: pointer chasing over short linked lists, deep non-tail recursion,
// allocation of list cells whose values are boxed in an interface (AWFY's
// Element holds an Object). One AWFY benchmark() builds lists of 15, 10 and 6
// elements and runs tail() on them; the result list has length 10.
//
// run(n) runs benchmark() n times, verifying each result as AWFY does, and
// returns the sum of the lengths (10 * n), or -1 if a result fails
// verification.
package main

import "fmt"

type Element struct {
	val  interface{}
	next *Element
}

func newElement(v interface{}) *Element {
	return &Element{val: v}
}

func (e *Element) length() int {
	if e.next == nil {
		return 1
	}
	return 1 + e.next.length()
}

func (e *Element) getVal() interface{}   { return e.val }
func (e *Element) setVal(v interface{})  { e.val = v }
func (e *Element) getNext() *Element     { return e.next }
func (e *Element) setNext(next *Element) { e.next = next }

func makeList(length int) *Element {
	if length == 0 {
		return nil
	}
	e := newElement(length)
	e.setNext(makeList(length - 1))
	return e
}

func isShorterThan(x *Element, y *Element) bool {
	xTail := x
	yTail := y
	for yTail != nil {
		if xTail == nil {
			return true
		}
		xTail = xTail.getNext()
		yTail = yTail.getNext()
	}
	return false
}

func tail(x *Element, y *Element, z *Element) *Element {
	if isShorterThan(y, x) {
		return tail(tail(x.getNext(), y, z),
			tail(y.getNext(), z, x),
			tail(z.getNext(), x, y))
	}
	return z
}

func benchmark() int {
	result := tail(makeList(15), makeList(10), makeList(6))
	return result.length()
}

func verifyResult(result int) bool {
	return result == 10
}

func run(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		result := benchmark()
		if !verifyResult(result) {
			return -1
		}
		total += result
	}
	return total
}

func main() {
	fmt.Println(run(1500))
}
