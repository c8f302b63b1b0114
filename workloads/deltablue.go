// deltablue: the DeltaBlue incremental constraint solver (Freeman-Benson,
// Maloney, Borning; Wolczko's Smalltalk/Java version), from the
// Are-We-Fast-Yet suite (DeltaBlue).
//
// Stresses: polymorphism (four constraint types behind one interface, called
// from the generic planner), AWFY's collection classes (Vector with
// interface{} storage and type assertions back to the element type,
// IdentityDictionary for the strength table), closures passed to forEach and
// inputsDo, and a pointer-rich object graph that is built, edited and thrown
// away. One AWFY inner iteration with size n runs chainTest(n) (a chain of n
// equality constraints) and projectionTest(n) (n scale constraints); both
// verify their results and throw in AWFY if they are wrong.
//
// run(n) runs chainTest(n) and projectionTest(n) and returns a checksum of the
// values they verify, or -1 if any of AWFY's checks fails.
package main

import "fmt"

// ---------------------------------------------------------------- som

const INITIAL_SIZE = 10
const INITIAL_CAPACITY = 16

// Vector is AWFY's som.Vector: a growable array with a movable first index.
type Vector struct {
	storage  []interface{}
	firstIdx int
	lastIdx  int
}

func newVector() *Vector {
	return &Vector{}
}

func newVectorSize(size int) *Vector {
	return &Vector{storage: make([]interface{}, size)}
}

func vectorWith(elem interface{}) *Vector {
	v := newVectorSize(1)
	v.append(elem)
	return v
}

func (v *Vector) at(idx int) interface{} {
	if v.storage == nil || idx >= len(v.storage) {
		return nil
	}
	return v.storage[idx]
}

func (v *Vector) append(elem interface{}) {
	if v.storage == nil {
		v.storage = make([]interface{}, INITIAL_SIZE)
	} else if v.lastIdx >= len(v.storage) {
		// Need to expand capacity first
		newStorage := make([]interface{}, 2*len(v.storage))
		copy(newStorage, v.storage)
		v.storage = newStorage
	}
	v.storage[v.lastIdx] = elem
	v.lastIdx++
}

func (v *Vector) isEmpty() bool {
	return v.lastIdx == v.firstIdx
}

func (v *Vector) forEach(fn func(e interface{})) {
	for i := v.firstIdx; i < v.lastIdx; i++ {
		fn(v.storage[i])
	}
}

func (v *Vector) hasSome(fn func(e interface{}) bool) bool {
	for i := v.firstIdx; i < v.lastIdx; i++ {
		if fn(v.storage[i]) {
			return true
		}
	}
	return false
}

func (v *Vector) removeFirst() interface{} {
	if v.isEmpty() {
		return nil
	}
	v.firstIdx++
	return v.storage[v.firstIdx-1]
}

func (v *Vector) remove(obj interface{}) bool {
	if v.storage == nil || v.isEmpty() {
		return false
	}

	newArray := make([]interface{}, v.capacity())
	newLast := 0
	found := false

	v.forEach(func(it interface{}) {
		if it == obj {
			found = true
		} else {
			newArray[newLast] = it
			newLast++
		}
	})

	v.storage = newArray
	v.lastIdx = newLast
	v.firstIdx = 0
	return found
}

func (v *Vector) size() int {
	return v.lastIdx - v.firstIdx
}

func (v *Vector) capacity() int {
	return len(v.storage)
}

func (v *Vector) sort(c func(a interface{}, b interface{}) int) {
	if v.size() > 0 {
		v.sortRange(v.firstIdx, v.lastIdx-1, c)
	}
}

func (v *Vector) swap(i int, j int) {
	tmp := v.storage[i]
	v.storage[i] = v.storage[j]
	v.storage[j] = tmp
}

func (v *Vector) sortRange(i int, j int, c func(a interface{}, b interface{}) int) {
	n := j + 1 - i
	if n <= 1 {
		return
	}

	di := v.storage[i]
	dj := v.storage[j]

	if c(di, dj) > 0 {
		v.swap(i, j)
		tt := di
		di = dj
		dj = tt
	}

	if n > 2 {
		ij := (i + j) / 2
		dij := v.storage[ij]

		if c(di, dij) <= 0 {
			if c(dij, dj) > 0 {
				v.swap(j, ij)
				dij = dj
			}
		} else {
			v.swap(i, ij)
			dij = di
		}

		if n > 3 {
			k := i
			l := j - 1

			for {
				for k <= l && c(dij, v.storage[l]) <= 0 {
					l -= 1
				}

				k += 1
				for k <= l && c(v.storage[k], dij) <= 0 {
					k += 1
				}

				if k > l {
					break
				}
				v.swap(k, l)
			}

			v.sortRange(i, l, c)
			v.sortRange(k, j, c)
		}
	}
}

// CustomHash is implemented by the keys of a Dictionary.
type CustomHash interface {
	customHash() int
}

type DictEntry struct {
	hash  int
	key   CustomHash
	value interface{}
	next  *DictEntry
}

// match compares keys by identity (AWFY's IdentityDictionary entries).
func (e *DictEntry) match(hash int, key CustomHash) bool {
	return e.hash == hash && e.key == key
}

// IdentityDictionary is AWFY's som.IdentityDictionary: a chained hash table
// with power-of-two buckets, split on resize.
type IdentityDictionary struct {
	buckets []*DictEntry
	size    int
}

func newIdentityDictionary() *IdentityDictionary {
	return &IdentityDictionary{buckets: make([]*DictEntry, INITIAL_CAPACITY)}
}

func hashOf(key CustomHash) int {
	if key == nil {
		return 0
	}
	hash := key.customHash() & 0xFFFFFFFF
	return hash ^ hash>>16
}

func (d *IdentityDictionary) getBucketIdx(hash int) int {
	return (len(d.buckets) - 1) & hash
}

func (d *IdentityDictionary) at(key CustomHash) interface{} {
	hash := hashOf(key)
	e := d.buckets[d.getBucketIdx(hash)]
	for e != nil {
		if e.match(hash, key) {
			return e.value
		}
		e = e.next
	}
	return nil
}

func (d *IdentityDictionary) atPut(key CustomHash, value interface{}) {
	hash := hashOf(key)
	i := d.getBucketIdx(hash)
	current := d.buckets[i]
	if current == nil {
		d.buckets[i] = &DictEntry{hash: hash, key: key, value: value}
		d.size++
	} else {
		d.insertBucketEntry(key, value, hash, current)
	}
	if d.size > len(d.buckets) {
		d.resize()
	}
}

func (d *IdentityDictionary) insertBucketEntry(key CustomHash, value interface{}, hash int, head *DictEntry) {
	current := head
	for {
		if current.match(hash, key) {
			current.value = value
			return
		}
		if current.next == nil {
			d.size++
			current.next = &DictEntry{hash: hash, key: key, value: value}
			return
		}
		current = current.next
	}
}

func (d *IdentityDictionary) resize() {
	oldStorage := d.buckets
	d.buckets = make([]*DictEntry, len(oldStorage)*2)
	d.transferEntries(oldStorage)
}

func (d *IdentityDictionary) transferEntries(oldStorage []*DictEntry) {
	for i := 0; i < len(oldStorage); i++ {
		current := oldStorage[i]
		if current != nil {
			oldStorage[i] = nil
			if current.next == nil {
				d.buckets[current.hash&(len(d.buckets)-1)] = current
			} else {
				d.splitBucket(oldStorage, i, current)
			}
		}
	}
}

func (d *IdentityDictionary) splitBucket(oldStorage []*DictEntry, i int, head *DictEntry) {
	var loHead, loTail, hiHead, hiTail *DictEntry
	current := head

	for current != nil {
		if current.hash&len(oldStorage) == 0 {
			if loTail == nil {
				loHead = current
			} else {
				loTail.next = current
			}
			loTail = current
		} else {
			if hiTail == nil {
				hiHead = current
			} else {
				hiTail.next = current
			}
			hiTail = current
		}
		current = current.next
	}

	if loTail != nil {
		loTail.next = nil
		d.buckets[i] = loHead
	}
	if hiTail != nil {
		hiTail.next = nil
		d.buckets[i+len(oldStorage)] = hiHead
	}
}

func (d *IdentityDictionary) getKeys() *Vector {
	keys := newVectorSize(d.size)
	for i := 0; i < len(d.buckets); i++ {
		current := d.buckets[i]
		for current != nil {
			keys.append(current.key)
			current = current.next
		}
	}
	return keys
}

// ---------------------------------------------------------------- strengths

// Sym is a strength's symbolic name.
type Sym struct {
	hash int
}

func (s *Sym) customHash() int { return s.hash }

var (
	ABSOLUTE_STRONGEST = &Sym{0}
	REQUIRED           = &Sym{1}
	STRONG_PREFERRED   = &Sym{2}
	PREFERRED          = &Sym{3}
	STRONG_DEFAULT     = &Sym{4}
	DEFAULT            = &Sym{5}
	WEAK_DEFAULT       = &Sym{6}
	ABSOLUTE_WEAKEST   = &Sym{7}
)

// Strength measures the relative importance of a constraint. Strengths are
// unique, so pointer comparison is value comparison.
type Strength struct {
	arithmeticValue int
	symbolicValue   *Sym
}

func newStrength(symbolicValue *Sym) *Strength {
	return &Strength{arithmeticValue: strengthTable.at(symbolicValue).(int), symbolicValue: symbolicValue}
}

func (s *Strength) sameAs(o *Strength) bool   { return s.arithmeticValue == o.arithmeticValue }
func (s *Strength) stronger(o *Strength) bool { return s.arithmeticValue < o.arithmeticValue }
func (s *Strength) weaker(o *Strength) bool   { return s.arithmeticValue > o.arithmeticValue }

func (s *Strength) strongest(o *Strength) *Strength {
	if o.stronger(s) {
		return o
	}
	return s
}

func (s *Strength) weakest(o *Strength) *Strength {
	if o.weaker(s) {
		return o
	}
	return s
}

func strengthOf(sym *Sym) *Strength {
	return strengthConstant.at(sym).(*Strength)
}

func createStrengthTable() *IdentityDictionary {
	t := newIdentityDictionary()
	t.atPut(ABSOLUTE_STRONGEST, -10000)
	t.atPut(REQUIRED, -800)
	t.atPut(STRONG_PREFERRED, -600)
	t.atPut(PREFERRED, -400)
	t.atPut(STRONG_DEFAULT, -200)
	t.atPut(DEFAULT, 0)
	t.atPut(WEAK_DEFAULT, 500)
	t.atPut(ABSOLUTE_WEAKEST, 10000)
	return t
}

func createStrengthConstants() *IdentityDictionary {
	c := newIdentityDictionary()
	strengthTable.getKeys().forEach(func(key interface{}) {
		sym := key.(*Sym)
		c.atPut(sym, newStrength(sym))
	})
	return c
}

// The strength tables are AWFY's static state: built once, never changed.
var strengthTable = createStrengthTable()
var strengthConstant = createStrengthConstants()
var absoluteWeakest = strengthOf(ABSOLUTE_WEAKEST)
var required = strengthOf(REQUIRED)

// ---------------------------------------------------------------- variables

type Variable struct {
	value        int
	constraints  *Vector
	determinedBy Constraint
	mark         int
	walkStrength *Strength
	stay         bool
}

func newVariable() *Variable {
	return &Variable{value: 0, constraints: newVectorSize(2), determinedBy: nil,
		walkStrength: absoluteWeakest, stay: true, mark: 0}
}

func variableValue(aValue int) *Variable {
	v := newVariable()
	v.value = aValue
	return v
}

func (v *Variable) addConstraint(c Constraint) {
	v.constraints.append(c)
}

func (v *Variable) removeConstraint(c Constraint) {
	v.constraints.remove(c)
	if v.determinedBy == c {
		v.determinedBy = nil
	}
}

// ---------------------------------------------------------------- constraints

// Constraint is AWFY's AbstractConstraint: the operations the planner calls
// on every kind of constraint.
type Constraint interface {
	getStrength() *Strength
	isInput() bool
	isSatisfied() bool
	addToGraph()
	removeFromGraph()
	chooseMethod(mark int)
	execute()
	inputsDo(fn func(v *Variable))
	inputsHasOne(fn func(v *Variable) bool) bool
	markUnsatisfied()
	getOutput() *Variable
	recalculate()
}

func asConstraint(e interface{}) Constraint {
	return e.(Constraint)
}

// addConstraint activates c and attempts to satisfy it.
func addConstraint(c Constraint, planner *Planner) {
	c.addToGraph()
	planner.incrementalAdd(c)
}

// destroyConstraint deactivates c and removes it from the constraint graph.
func destroyConstraint(c Constraint, planner *Planner) {
	if c.isSatisfied() {
		planner.incrementalRemove(c)
	}
	c.removeFromGraph()
}

// inputsKnown reports whether all of c's current inputs are known.
func inputsKnown(c Constraint, mark int) bool {
	return !c.inputsHasOne(func(v *Variable) bool {
		return !(v.mark == mark || v.stay || v.determinedBy == nil)
	})
}

// satisfy attempts to find a way to enforce c and returns the constraint it
// overrides, if any. Where AWFY throws, it sets planner.failed.
func satisfy(c Constraint, mark int, planner *Planner) Constraint {
	var overridden Constraint
	c.chooseMethod(mark)

	if c.isSatisfied() {
		// constraint can be satisfied
		// mark inputs to allow cycle detection in addPropagate
		c.inputsDo(func(in *Variable) { in.mark = mark })

		out := c.getOutput()
		overridden = out.determinedBy
		if overridden != nil {
			overridden.markUnsatisfied()
		}
		out.determinedBy = c
		if !planner.addPropagate(c, mark) {
			planner.failed = true // Cycle encountered
		}
		out.mark = mark
	} else {
		overridden = nil
		if c.getStrength().sameAs(required) {
			planner.failed = true // Could not satisfy a required constraint
		}
	}
	return overridden
}

// unary is the state of AWFY's UnaryConstraint.
type unary struct {
	strength  *Strength
	output    *Variable
	satisfied bool
}

func (u *unary) chooseMethod(mark int) {
	u.satisfied = u.output.mark != mark && u.strength.stronger(u.output.walkStrength)
}

func (u *unary) recalculate(c Constraint) {
	u.output.walkStrength = u.strength
	u.output.stay = !c.isInput()
	if u.output.stay {
		c.execute() // stay optimization
	}
}

// EditConstraint marks a variable the user wants to change.
type EditConstraint struct {
	u unary
}

func newEditConstraint(v *Variable, strength *Sym, planner *Planner) *EditConstraint {
	c := &EditConstraint{unary{strength: strengthOf(strength), output: v}}
	addConstraint(c, planner)
	return c
}

func (c *EditConstraint) getStrength() *Strength                      { return c.u.strength }
func (c *EditConstraint) isInput() bool                               { return true }
func (c *EditConstraint) isSatisfied() bool                           { return c.u.satisfied }
func (c *EditConstraint) chooseMethod(mark int)                       { c.u.chooseMethod(mark) }
func (c *EditConstraint) execute()                                    {}
func (c *EditConstraint) inputsDo(fn func(v *Variable))               {}
func (c *EditConstraint) inputsHasOne(fn func(v *Variable) bool) bool { return false }
func (c *EditConstraint) markUnsatisfied()                            { c.u.satisfied = false }
func (c *EditConstraint) getOutput() *Variable                        { return c.u.output }
func (c *EditConstraint) recalculate()                                { c.u.recalculate(c) }

func (c *EditConstraint) addToGraph() {
	c.u.output.addConstraint(c)
	c.u.satisfied = false
}

func (c *EditConstraint) removeFromGraph() {
	if c.u.output != nil {
		c.u.output.removeConstraint(c)
	}
	c.u.satisfied = false
}

// StayConstraint keeps a variable constant unless a stronger constraint
// changes it.
type StayConstraint struct {
	u unary
}

func newStayConstraint(v *Variable, strength *Sym, planner *Planner) *StayConstraint {
	c := &StayConstraint{unary{strength: strengthOf(strength), output: v}}
	addConstraint(c, planner)
	return c
}

func (c *StayConstraint) getStrength() *Strength                      { return c.u.strength }
func (c *StayConstraint) isInput() bool                               { return false }
func (c *StayConstraint) isSatisfied() bool                           { return c.u.satisfied }
func (c *StayConstraint) chooseMethod(mark int)                       { c.u.chooseMethod(mark) }
func (c *StayConstraint) execute()                                    {}
func (c *StayConstraint) inputsDo(fn func(v *Variable))               {}
func (c *StayConstraint) inputsHasOne(fn func(v *Variable) bool) bool { return false }
func (c *StayConstraint) markUnsatisfied()                            { c.u.satisfied = false }
func (c *StayConstraint) getOutput() *Variable                        { return c.u.output }
func (c *StayConstraint) recalculate()                                { c.u.recalculate(c) }

func (c *StayConstraint) addToGraph() {
	c.u.output.addConstraint(c)
	c.u.satisfied = false
}

func (c *StayConstraint) removeFromGraph() {
	if c.u.output != nil {
		c.u.output.removeConstraint(c)
	}
	c.u.satisfied = false
}

// Directions of a binary constraint (AWFY's Direction, or null).
const (
	NONE     = 0
	FORWARD  = 1
	BACKWARD = 2
)

// binary is the state of AWFY's BinaryConstraint.
type binary struct {
	strength  *Strength
	v1        *Variable
	v2        *Variable
	direction int
}

func (b *binary) chooseMethod(mark int) {
	if b.v1.mark == mark {
		if b.v2.mark != mark && b.strength.stronger(b.v2.walkStrength) {
			b.direction = FORWARD
		} else {
			b.direction = NONE
		}
		return
	}

	if b.v2.mark == mark {
		if b.v1.mark != mark && b.strength.stronger(b.v1.walkStrength) {
			b.direction = BACKWARD
		} else {
			b.direction = NONE
		}
		return
	}

	// If we get here, neither variable is marked, so we have a choice.
	if b.v1.walkStrength.weaker(b.v2.walkStrength) {
		if b.strength.stronger(b.v1.walkStrength) {
			b.direction = BACKWARD
		} else {
			b.direction = NONE
		}
	} else {
		if b.strength.stronger(b.v2.walkStrength) {
			b.direction = FORWARD
		} else {
			b.direction = NONE
		}
	}
}

func (b *binary) inputsHasOne(fn func(v *Variable) bool) bool {
	if b.direction == FORWARD {
		return fn(b.v1)
	}
	return fn(b.v2)
}

func (b *binary) getOutput() *Variable {
	if b.direction == FORWARD {
		return b.v2
	}
	return b.v1
}

// EqualityConstraint constrains two variables to have the same value.
type EqualityConstraint struct {
	b binary
}

func newEqualityConstraint(var1 *Variable, var2 *Variable, strength *Sym, planner *Planner) *EqualityConstraint {
	c := &EqualityConstraint{binary{strength: strengthOf(strength), v1: var1, v2: var2, direction: NONE}}
	addConstraint(c, planner)
	return c
}

func (c *EqualityConstraint) getStrength() *Strength { return c.b.strength }
func (c *EqualityConstraint) isInput() bool          { return false }
func (c *EqualityConstraint) isSatisfied() bool      { return c.b.direction != NONE }
func (c *EqualityConstraint) chooseMethod(mark int)  { c.b.chooseMethod(mark) }
func (c *EqualityConstraint) inputsHasOne(fn func(v *Variable) bool) bool {
	return c.b.inputsHasOne(fn)
}
func (c *EqualityConstraint) markUnsatisfied()     { c.b.direction = NONE }
func (c *EqualityConstraint) getOutput() *Variable { return c.b.getOutput() }

func (c *EqualityConstraint) addToGraph() {
	c.b.v1.addConstraint(c)
	c.b.v2.addConstraint(c)
	c.b.direction = NONE
}

func (c *EqualityConstraint) removeFromGraph() {
	if c.b.v1 != nil {
		c.b.v1.removeConstraint(c)
	}
	if c.b.v2 != nil {
		c.b.v2.removeConstraint(c)
	}
	c.b.direction = NONE
}

func (c *EqualityConstraint) inputsDo(fn func(v *Variable)) {
	if c.b.direction == FORWARD {
		fn(c.b.v1)
	} else {
		fn(c.b.v2)
	}
}

func (c *EqualityConstraint) execute() {
	if c.b.direction == FORWARD {
		c.b.v2.value = c.b.v1.value
	} else {
		c.b.v1.value = c.b.v2.value
	}
}

func (c *EqualityConstraint) recalculate() {
	var in, out *Variable
	if c.b.direction == FORWARD {
		in = c.b.v1
		out = c.b.v2
	} else {
		in = c.b.v2
		out = c.b.v1
	}

	out.walkStrength = c.b.strength.weakest(in.walkStrength)
	out.stay = in.stay
	if out.stay {
		c.execute()
	}
}

// ScaleConstraint relates two variables by v2 = v1 * scale + offset.
type ScaleConstraint struct {
	b      binary
	scale  *Variable
	offset *Variable
}

func newScaleConstraint(src *Variable, scale *Variable, offset *Variable, dest *Variable,
	strength *Sym, planner *Planner) *ScaleConstraint {
	c := &ScaleConstraint{b: binary{strength: strengthOf(strength), v1: src, v2: dest, direction: NONE}}
	c.scale = scale
	c.offset = offset
	addConstraint(c, planner)
	return c
}

func (c *ScaleConstraint) getStrength() *Strength                      { return c.b.strength }
func (c *ScaleConstraint) isInput() bool                               { return false }
func (c *ScaleConstraint) isSatisfied() bool                           { return c.b.direction != NONE }
func (c *ScaleConstraint) chooseMethod(mark int)                       { c.b.chooseMethod(mark) }
func (c *ScaleConstraint) inputsHasOne(fn func(v *Variable) bool) bool { return c.b.inputsHasOne(fn) }
func (c *ScaleConstraint) markUnsatisfied()                            { c.b.direction = NONE }
func (c *ScaleConstraint) getOutput() *Variable                        { return c.b.getOutput() }

func (c *ScaleConstraint) addToGraph() {
	c.b.v1.addConstraint(c)
	c.b.v2.addConstraint(c)
	c.scale.addConstraint(c)
	c.offset.addConstraint(c)
	c.b.direction = NONE
}

func (c *ScaleConstraint) removeFromGraph() {
	if c.b.v1 != nil {
		c.b.v1.removeConstraint(c)
	}
	if c.b.v2 != nil {
		c.b.v2.removeConstraint(c)
	}
	if c.scale != nil {
		c.scale.removeConstraint(c)
	}
	if c.offset != nil {
		c.offset.removeConstraint(c)
	}
	c.b.direction = NONE
}

func (c *ScaleConstraint) execute() {
	if c.b.direction == FORWARD {
		c.b.v2.value = c.b.v1.value*c.scale.value + c.offset.value
	} else {
		c.b.v1.value = (c.b.v2.value - c.offset.value) / c.scale.value
	}
}

func (c *ScaleConstraint) inputsDo(fn func(v *Variable)) {
	if c.b.direction == FORWARD {
		fn(c.b.v1)
		fn(c.scale)
		fn(c.offset)
	} else {
		fn(c.b.v2)
		fn(c.scale)
		fn(c.offset)
	}
}

func (c *ScaleConstraint) recalculate() {
	var in, out *Variable
	if c.b.direction == FORWARD {
		in = c.b.v1
		out = c.b.v2
	} else {
		out = c.b.v1
		in = c.b.v2
	}

	out.walkStrength = c.b.strength.weakest(in.walkStrength)
	out.stay = in.stay && c.scale.stay && c.offset.stay
	if out.stay {
		c.execute() // stay optimization
	}
}

// ---------------------------------------------------------------- planner

type Planner struct {
	currentMark int
	failed      bool // set where AWFY throws a RuntimeException
}

func newPlanner() *Planner {
	return &Planner{currentMark: 1}
}

func (p *Planner) incrementalAdd(c Constraint) {
	mark := p.newMark()
	overridden := satisfy(c, mark, p)

	for overridden != nil {
		overridden = satisfy(overridden, mark, p)
	}
}

func (p *Planner) incrementalRemove(c Constraint) {
	out := c.getOutput()
	c.markUnsatisfied()
	c.removeFromGraph()

	unsatisfied := p.removePropagateFrom(out)
	unsatisfied.forEach(func(u interface{}) { p.incrementalAdd(asConstraint(u)) })
}

func (p *Planner) extractPlanFromConstraints(constraints *Vector) *Vector {
	sources := newVector()

	constraints.forEach(func(e interface{}) {
		c := asConstraint(e)
		if c.isInput() && c.isSatisfied() {
			sources.append(c)
		}
	})

	return p.makePlan(sources)
}

// makePlan returns a Plan: a Vector of constraints to execute in order.
func (p *Planner) makePlan(sources *Vector) *Vector {
	mark := p.newMark()
	plan := newVectorSize(15)
	todo := sources

	for !todo.isEmpty() {
		c := asConstraint(todo.removeFirst())

		if c.getOutput().mark != mark && inputsKnown(c, mark) {
			// not in plan already and eligible for inclusion
			plan.append(c)
			c.getOutput().mark = mark
			p.addConstraintsConsumingTo(c.getOutput(), todo)
		}
	}
	return plan
}

func executePlan(plan *Vector) {
	plan.forEach(func(c interface{}) { asConstraint(c).execute() })
}

func (p *Planner) addConstraintsConsumingTo(v *Variable, coll *Vector) {
	determiningC := v.determinedBy

	v.constraints.forEach(func(e interface{}) {
		c := asConstraint(e)
		if c != determiningC && c.isSatisfied() {
			coll.append(c)
		}
	})
}

func (p *Planner) addPropagate(c Constraint, mark int) bool {
	todo := vectorWith(c)

	for !todo.isEmpty() {
		d := asConstraint(todo.removeFirst())

		if d.getOutput().mark == mark {
			p.incrementalRemove(c)
			return false
		}
		d.recalculate()
		p.addConstraintsConsumingTo(d.getOutput(), todo)
	}
	return true
}

func (p *Planner) change(v *Variable, newValue int) {
	editC := newEditConstraint(v, PREFERRED, p)

	editV := vectorWith(editC)
	plan := p.extractPlanFromConstraints(editV)
	for i := 0; i < 10; i++ {
		v.value = newValue
		executePlan(plan)
	}
	destroyConstraint(editC, p)
}

func (p *Planner) constraintsConsuming(v *Variable, fn func(c Constraint)) {
	determiningC := v.determinedBy
	v.constraints.forEach(func(e interface{}) {
		c := asConstraint(e)
		if c != determiningC && c.isSatisfied() {
			fn(c)
		}
	})
}

func (p *Planner) newMark() int {
	p.currentMark++
	return p.currentMark
}

func (p *Planner) removePropagateFrom(out *Variable) *Vector {
	unsatisfied := newVector()

	out.determinedBy = nil
	out.walkStrength = absoluteWeakest
	out.stay = true

	todo := vectorWith(out)

	for !todo.isEmpty() {
		v := todo.removeFirst().(*Variable)

		v.constraints.forEach(func(e interface{}) {
			c := asConstraint(e)
			if !c.isSatisfied() {
				unsatisfied.append(c)
			}
		})

		p.constraintsConsuming(v, func(c Constraint) {
			c.recalculate()
			todo.append(c.getOutput())
		})
	}

	unsatisfied.sort(func(c1 interface{}, c2 interface{}) int {
		if asConstraint(c1).getStrength().stronger(asConstraint(c2).getStrength()) {
			return -1
		}
		return 1
	})
	return unsatisfied
}

// chainTest builds a chain of n equality constraints with a stay constraint
// at one end and an edit constraint at the other, and propagates 100 values
// down the chain. It returns the sum of the values seen at the far end, or -1
// if one is wrong.
func chainTest(n int) int {
	planner := newPlanner()
	vars := make([]*Variable, n+1)
	for i := range vars {
		vars[i] = newVariable()
	}

	// Build chain of n equality constraints
	for i := 0; i < n; i++ {
		v1 := vars[i]
		v2 := vars[i+1]
		newEqualityConstraint(v1, v2, REQUIRED, planner)
	}

	newStayConstraint(vars[n], STRONG_DEFAULT, planner)
	editC := newEditConstraint(vars[0], PREFERRED, planner)

	editV := vectorWith(editC)
	plan := planner.extractPlanFromConstraints(editV)
	sum := 0
	for i := 0; i < 100; i++ {
		vars[0].value = i
		executePlan(plan)
		if vars[n].value != i {
			return -1 // Chain test failed!
		}
		sum += vars[n].value
	}
	destroyConstraint(editC, planner)
	if planner.failed {
		return -1
	}
	return sum + plan.size()
}

// projectionTest relates two sets of n variables by a scale and offset and
// changes a variable on either side and the scale and offset. It returns a
// checksum of the verified values, or -1 if one is wrong.
func projectionTest(n int) int {
	planner := newPlanner()
	dests := newVector()

	scale := variableValue(10)
	offset := variableValue(1000)

	var src, dst *Variable
	for i := 0; i < n; i++ {
		src = variableValue(i)
		dst = variableValue(i)
		dests.append(dst)
		newStayConstraint(src, DEFAULT, planner)
		newScaleConstraint(src, scale, offset, dst, REQUIRED, planner)
	}

	sum := 0
	planner.change(src, 17)
	if dst.value != 1170 {
		return -1 // Projection test 1 failed!
	}
	sum += dst.value

	planner.change(dst, 1050)
	if src.value != 5 {
		return -1 // Projection test 2 failed!
	}
	sum += src.value

	planner.change(scale, 5)
	for i := 0; i < n-1; i++ {
		if dests.at(i).(*Variable).value != i*5+1000 {
			return -1 // Projection test 3 failed!
		}
		sum += dests.at(i).(*Variable).value
	}

	planner.change(offset, 2000)
	for i := 0; i < n-1; i++ {
		if dests.at(i).(*Variable).value != i*5+2000 {
			return -1 // Projection test 4 failed!
		}
		sum += dests.at(i).(*Variable).value
	}
	if planner.failed {
		return -1
	}
	return sum
}

func run(n int) int {
	chain := chainTest(n)
	projection := projectionTest(n)
	if chain < 0 || projection < 0 {
		return -1
	}
	return chain + projection
}

func main() {
	fmt.Println(run(12000))
}
