// havlak: Havlak's loop-recognition algorithm on a synthetic control-flow
// graph, from the Are-We-Fast-Yet suite (Havlak), after Robert Hundt's
// "Loop Recognition in C++/Java/Go/Scala" benchmark (Google, 2011).
//
// Stresses: a large pointer graph (basic blocks with in/out edge Vectors),
// AWFY's collections (Vector with interface{} storage, Set, IdentityDictionary
// keyed by basic block), union-find with path compression over pointers,
// closures passed to forEach, deep recursion (depth-first numbering), many
// short-lived allocations.
//
// AWFY's inner iteration with size k is LoopTesterApp.main(k, 50, 10, 10, 5):
// build a CFG of 10 loop trees (5213 blocks in all), run k "dummy" loop
// searches on its small first part, then 51 searches on the whole graph, and
// verify (loops, blocks); for k = 1500 that is (6102, 5213). Its fixed cost
// (51 searches of 5213 blocks) is far above this suite's quick and default
// sizes, so run(n) scales AWFY's parameters together with n:
//
//	main(n, n/30, min(10, 1+n/150), min(10, 1+n/15), 5)
//
// which at n = 1500 is exactly AWFY's Havlak 1500 (and is verified like it).
//
// run(n) returns loops * 10000 + blocks, or -1 when n = 1500 and the result
// is not AWFY's (6102, 5213).
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

func (v *Vector) at(idx int) interface{} {
	if v.storage == nil || idx >= len(v.storage) {
		return nil
	}
	return v.storage[idx]
}

func (v *Vector) atPut(idx int, val interface{}) {
	if v.storage == nil {
		size := INITIAL_SIZE
		if idx+1 > size {
			size = idx + 1
		}
		v.storage = make([]interface{}, size)
	} else if idx >= len(v.storage) {
		newLength := len(v.storage)
		for newLength <= idx {
			newLength *= 2
		}
		newStorage := make([]interface{}, newLength)
		copy(newStorage, v.storage)
		v.storage = newStorage
	}
	v.storage[idx] = val
	if v.lastIdx < idx+1 {
		v.lastIdx = idx + 1
	}
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

func (v *Vector) removeAll() {
	v.firstIdx = 0
	v.lastIdx = 0
	if v.storage != nil {
		v.storage = make([]interface{}, len(v.storage))
	}
}

func (v *Vector) size() int {
	return v.lastIdx - v.firstIdx
}

// Set is AWFY's som.Set (and IdentitySet): a Vector without duplicates.
// Elements are compared with ==, which for the pointers stored in an
// IdentitySet is identity and for the ints of a Set is equality.
type Set struct {
	items *Vector
}

func newSet() *Set {
	return &Set{items: newVectorSize(INITIAL_SIZE)}
}

func (s *Set) size() int {
	return s.items.size()
}

func (s *Set) forEach(fn func(e interface{})) {
	s.items.forEach(fn)
}

func (s *Set) add(obj interface{}) {
	if !s.contains(obj) {
		s.items.append(obj)
	}
}

func (s *Set) contains(obj interface{}) bool {
	return s.items.hasSome(func(e interface{}) bool { return e == obj })
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

func (d *IdentityDictionary) removeAll() {
	d.buckets = make([]*DictEntry, len(d.buckets))
	d.size = 0
}

// ---------------------------------------------------------------- CFG

type BasicBlock struct {
	name     int
	inEdges  *Vector
	outEdges *Vector
}

func newBasicBlock(name int) *BasicBlock {
	return &BasicBlock{name: name, inEdges: newVectorSize(2), outEdges: newVectorSize(2)}
}

func (b *BasicBlock) getNumPred() int            { return b.inEdges.size() }
func (b *BasicBlock) addOutEdge(to *BasicBlock)  { b.outEdges.append(to) }
func (b *BasicBlock) addInEdge(from *BasicBlock) { b.inEdges.append(from) }
func (b *BasicBlock) customHash() int            { return b.name }

type BasicBlockEdge struct {
	from *BasicBlock
	to   *BasicBlock
}

func newBasicBlockEdge(cfg *ControlFlowGraph, fromName int, toName int) *BasicBlockEdge {
	e := &BasicBlockEdge{from: cfg.createNode(fromName), to: cfg.createNode(toName)}
	e.from.addOutEdge(e.to)
	e.to.addInEdge(e.from)
	cfg.addEdge(e)
	return e
}

type ControlFlowGraph struct {
	startNode     *BasicBlock
	basicBlockMap *Vector
	edgeList      *Vector
}

func newControlFlowGraph() *ControlFlowGraph {
	return &ControlFlowGraph{basicBlockMap: newVector(), edgeList: newVector()}
}

func (c *ControlFlowGraph) createNode(name int) *BasicBlock {
	var node *BasicBlock
	if c.basicBlockMap.at(name) != nil {
		node = c.basicBlockMap.at(name).(*BasicBlock)
	} else {
		node = newBasicBlock(name)
		c.basicBlockMap.atPut(name, node)
	}

	if c.getNumNodes() == 1 {
		c.startNode = node
	}
	return node
}

func (c *ControlFlowGraph) addEdge(edge *BasicBlockEdge) {
	c.edgeList.append(edge)
}

func (c *ControlFlowGraph) getNumNodes() int {
	return c.basicBlockMap.size()
}

// ---------------------------------------------------------------- loops

type SimpleLoop struct {
	counter      int
	depthLevel   int
	parent       *SimpleLoop
	isRoot       bool
	nestingLevel int
	header       *BasicBlock
	isReducible  bool
	basicBlocks  *Set
	children     *Set
}

func newSimpleLoop(bb *BasicBlock, isReducible bool) *SimpleLoop {
	l := &SimpleLoop{isReducible: isReducible, basicBlocks: newSet(), children: newSet()}
	if bb != nil {
		l.basicBlocks.add(bb)
	}
	l.header = bb
	return l
}

func (l *SimpleLoop) addNode(bb *BasicBlock) {
	l.basicBlocks.add(bb)
}

func (l *SimpleLoop) addChildLoop(loop *SimpleLoop) {
	l.children.add(loop)
}

func (l *SimpleLoop) setParent(parent *SimpleLoop) {
	l.parent = parent
	l.parent.addChildLoop(l)
}

func (l *SimpleLoop) setNestingLevel(level int) {
	l.nestingLevel = level
	if level == 0 {
		l.isRoot = true
	}
}

type LoopStructureGraph struct {
	root        *SimpleLoop
	loops       *Vector
	loopCounter int
}

func newLoopStructureGraph() *LoopStructureGraph {
	g := &LoopStructureGraph{loops: newVector()}
	g.root = newSimpleLoop(nil, true)
	g.root.setNestingLevel(0)
	g.root.counter = g.loopCounter
	g.loopCounter++
	g.loops.append(g.root)
	return g
}

func (g *LoopStructureGraph) createNewLoop(bb *BasicBlock, isReducible bool) *SimpleLoop {
	loop := newSimpleLoop(bb, isReducible)
	loop.counter = g.loopCounter
	g.loopCounter++
	g.loops.append(loop)
	return loop
}

func (g *LoopStructureGraph) calculateNestingLevel() {
	// link up all 1st level loops to artificial root node.
	g.loops.forEach(func(e interface{}) {
		liter := e.(*SimpleLoop)
		if !liter.isRoot {
			if liter.parent == nil {
				liter.setParent(g.root)
			}
		}
	})

	// recursively traverse the tree and assign levels.
	g.calculateNestingLevelRec(g.root, 0)
}

func (g *LoopStructureGraph) calculateNestingLevelRec(loop *SimpleLoop, depth int) {
	loop.depthLevel = depth
	loop.children.forEach(func(e interface{}) {
		liter := e.(*SimpleLoop)
		g.calculateNestingLevelRec(liter, depth+1)

		level := 1 + liter.nestingLevel
		if loop.nestingLevel > level {
			level = loop.nestingLevel
		}
		loop.setNestingLevel(level)
	})
}

func (g *LoopStructureGraph) getNumLoops() int {
	return g.loops.size()
}

// ---------------------------------------------------------------- union-find

type UnionFindNode struct {
	parent    *UnionFindNode
	bb        *BasicBlock
	loop      *SimpleLoop
	dfsNumber int
}

func (u *UnionFindNode) initNode(bb *BasicBlock, dfsNumber int) {
	u.parent = u
	u.bb = bb
	u.dfsNumber = dfsNumber
	u.loop = nil
}

// findSet is the union/find algorithm's find, with path compression.
func (u *UnionFindNode) findSet() *UnionFindNode {
	nodeList := newVector()

	node := u
	for node != node.parent {
		if node.parent != node.parent.parent {
			nodeList.append(node)
		}
		node = node.parent
	}

	// Path Compression, all nodes' parents point to the 1st level parent.
	nodeList.forEach(func(e interface{}) { e.(*UnionFindNode).union(u.parent) })
	return node
}

// union is trivial: assigning the parent pointer is enough, path
// compression does the rest.
func (u *UnionFindNode) union(basicBlock *UnionFindNode) {
	u.parent = basicBlock
}

// ---------------------------------------------------------------- finder

const (
	BB_TOP         = 0 // uninitialized
	BB_NONHEADER   = 1 // a regular BB
	BB_REDUCIBLE   = 2 // reducible loop
	BB_SELF        = 3 // single BB loop
	BB_IRREDUCIBLE = 4 // irreducible loop
	BB_DEAD        = 5 // a dead BB
	BB_LAST        = 6 // Sentinel
)

const UNVISITED = 2147483647      // Marker for uninitialized nodes.
const MAXNONBACKPREDS = 32 * 1024 // Safeguard against pathological algorithm behavior.

type HavlakLoopFinder struct {
	cfg          *ControlFlowGraph
	lsg          *LoopStructureGraph
	nonBackPreds *Vector
	backPreds    *Vector
	number       *IdentityDictionary
	maxSize      int
	header       []int
	typ          []int
	last         []int
	nodes        []*UnionFindNode
}

func newHavlakLoopFinder(cfg *ControlFlowGraph, lsg *LoopStructureGraph) *HavlakLoopFinder {
	return &HavlakLoopFinder{cfg: cfg, lsg: lsg, nonBackPreds: newVector(), backPreds: newVector(),
		number: newIdentityDictionary()}
}

// isAncestor tells whether node w is a "true" ancestor of node v, with the
// pre-order trick for depth-first spanning trees.
func (h *HavlakLoopFinder) isAncestor(w int, v int) bool {
	return w <= v && v <= h.last[w]
}

// doDFS numbers the nodes depth-first along out edges.
func (h *HavlakLoopFinder) doDFS(currentNode *BasicBlock, current int) int {
	h.nodes[current].initNode(currentNode, current)
	h.number.atPut(currentNode, current)

	lastID := current
	outerBlocks := currentNode.outEdges

	for i := 0; i < outerBlocks.size(); i++ {
		target := outerBlocks.at(i).(*BasicBlock)
		if h.number.at(target).(int) == UNVISITED {
			lastID = h.doDFS(target, lastID+1)
		}
	}

	h.last[current] = lastID
	return lastID
}

func (h *HavlakLoopFinder) initAllNodes() {
	// Step a:
	//   - initialize all nodes as unvisited.
	//   - depth-first traversal and numbering.
	//   - unreached BB's are marked as dead.
	h.cfg.basicBlockMap.forEach(func(e interface{}) { h.number.atPut(e.(*BasicBlock), UNVISITED) })
	h.doDFS(h.cfg.startNode, 0)
}

func (h *HavlakLoopFinder) identifyEdges(size int) {
	// Step b:
	//   - iterate over all nodes.
	//
	//   A backedge comes from a descendant in the DFS tree, and non-backedges
	//   from non-descendants (following Tarjan).
	//
	//   - check incoming edges 'v' and add them to either
	//     - the list of backedges (backPreds) or
	//     - the list of non-backedges (nonBackPreds)
	for w := 0; w < size; w++ {
		h.header[w] = 0
		h.typ[w] = BB_NONHEADER

		nodeW := h.nodes[w].bb
		if nodeW == nil {
			h.typ[w] = BB_DEAD
		} else {
			h.processEdges(nodeW, w)
		}
	}
}

func (h *HavlakLoopFinder) processEdges(nodeW *BasicBlock, w int) {
	if nodeW.getNumPred() > 0 {
		nodeW.inEdges.forEach(func(e interface{}) {
			nodeV := e.(*BasicBlock)
			v := h.number.at(nodeV).(int)
			if v != UNVISITED {
				if h.isAncestor(w, v) {
					h.backPreds.at(w).(*Vector).append(v)
				} else {
					h.nonBackPreds.at(w).(*Set).add(v)
				}
			}
		})
	}
}

// findLoops builds the loop forest with Havlak's algorithm, which is
// derived from Tarjan's. Variable names and step numbering follow Havlak's
// paper.
func (h *HavlakLoopFinder) findLoops() {
	if h.cfg.startNode == nil {
		return
	}

	size := h.cfg.getNumNodes()

	h.nonBackPreds.removeAll()
	h.backPreds.removeAll()
	h.number.removeAll()
	if size > h.maxSize {
		h.header = make([]int, size)
		h.typ = make([]int, size)
		h.last = make([]int, size)
		h.nodes = make([]*UnionFindNode, size)
		h.maxSize = size
	}

	for i := 0; i < size; i++ {
		h.nonBackPreds.append(newSet())
		h.backPreds.append(newVector())
		h.nodes[i] = &UnionFindNode{}
	}

	h.initAllNodes()
	h.identifyEdges(size)

	// Start node is root of all other loops.
	h.header[0] = 0

	// Step c:
	//
	// The outer loop, unchanged from Tarjan. It does nothing except
	// for those nodes which are the destinations of backedges.
	// For a header node w, we chase backward from the sources of the
	// backedges adding nodes to the set P, representing the body of
	// the loop headed by w.
	//
	// By running through the nodes in reverse of the DFST preorder,
	// we ensure that inner loop headers will be processed before the
	// headers for surrounding loops.
	for w := size - 1; w >= 0; w-- {
		// this is 'P' in Havlak's paper
		nodePool := newVector()

		nodeW := h.nodes[w].bb
		if nodeW != nil {
			h.stepD(w, nodePool)

			// Copy nodePool to workList.
			workList := newVector()
			nodePool.forEach(func(niter interface{}) { workList.append(niter) })

			if nodePool.size() != 0 {
				h.typ[w] = BB_REDUCIBLE
			}

			// work the list...
			for !workList.isEmpty() {
				x := workList.removeFirst().(*UnionFindNode)

				// Step e:
				//
				// Step e represents the main difference from Tarjan's method.
				// Chasing upwards from the sources of a node w's backedges. If
				// there is a node y' that is not a descendant of w, w is marked
				// the header of an irreducible loop, there is another entry
				// into this loop that avoids w.

				// The algorithm has degenerated. Break and
				// return in this case.
				nonBackSize := h.nonBackPreds.at(x.dfsNumber).(*Set).size()
				if nonBackSize > MAXNONBACKPREDS {
					return
				}
				h.stepEProcessNonBackPreds(w, nodePool, workList, x)
			}

			// Collapse/Unionize nodes in a SCC to a single node
			// For every SCC found, create a loop descriptor and link it in.
			if nodePool.size() > 0 || h.typ[w] == BB_SELF {
				loop := h.lsg.createNewLoop(nodeW, h.typ[w] != BB_IRREDUCIBLE)
				h.setLoopAttributes(w, nodePool, loop)
			}
		}
	}
}

func (h *HavlakLoopFinder) stepEProcessNonBackPreds(w int, nodePool *Vector, workList *Vector, x *UnionFindNode) {
	h.nonBackPreds.at(x.dfsNumber).(*Set).forEach(func(e interface{}) {
		y := h.nodes[e.(int)]
		ydash := y.findSet()

		if !h.isAncestor(w, ydash.dfsNumber) {
			h.typ[w] = BB_IRREDUCIBLE
			h.nonBackPreds.at(w).(*Set).add(ydash.dfsNumber)
		} else {
			if ydash.dfsNumber != w {
				if !nodePool.hasSome(func(e interface{}) bool { return e == ydash }) {
					workList.append(ydash)
					nodePool.append(ydash)
				}
			}
		}
	})
}

func (h *HavlakLoopFinder) setLoopAttributes(w int, nodePool *Vector, loop *SimpleLoop) {
	// At this point, one can set attributes to the loop, such as:
	//
	// the bottom node:
	//    iter  = backPreds[w].begin();
	//    loop bottom is: nodes[iter].node);
	//
	// the number of backedges:
	//    backPreds[w].size()
	//
	// whether this loop is reducible:
	//    type[w] != BasicBlockClass.BB_IRREDUCIBLE
	h.nodes[w].loop = loop

	nodePool.forEach(func(e interface{}) {
		node := e.(*UnionFindNode)
		// Add nodes to loop descriptor.
		h.header[node.dfsNumber] = w
		node.union(h.nodes[w])

		// Nested loops are not added, but linked together.
		if node.loop != nil {
			node.loop.setParent(loop)
		} else {
			loop.addNode(node.bb)
		}
	})
}

func (h *HavlakLoopFinder) stepD(w int, nodePool *Vector) {
	h.backPreds.at(w).(*Vector).forEach(func(e interface{}) {
		v := e.(int)
		if v != w {
			nodePool.append(h.nodes[v].findSet())
		} else {
			h.typ[w] = BB_SELF
		}
	})
}

// ---------------------------------------------------------------- driver

type LoopTesterApp struct {
	cfg *ControlFlowGraph
	lsg *LoopStructureGraph
}

func newLoopTesterApp() *LoopTesterApp {
	a := &LoopTesterApp{cfg: newControlFlowGraph(), lsg: newLoopStructureGraph()}
	a.cfg.createNode(0)
	return a
}

// buildDiamond creates 4 basic blocks, corresponding to an if/then/else
// clause, with a CFG that looks like a diamond.
func (a *LoopTesterApp) buildDiamond(start int) int {
	bb0 := start
	newBasicBlockEdge(a.cfg, bb0, bb0+1)
	newBasicBlockEdge(a.cfg, bb0, bb0+2)
	newBasicBlockEdge(a.cfg, bb0+1, bb0+3)
	newBasicBlockEdge(a.cfg, bb0+2, bb0+3)

	return bb0 + 3
}

// buildConnect connects two existing nodes.
func (a *LoopTesterApp) buildConnect(start int, end int) {
	newBasicBlockEdge(a.cfg, start, end)
}

// buildStraight forms a straight connected sequence of n basic blocks.
func (a *LoopTesterApp) buildStraight(start int, n int) int {
	for i := 0; i < n; i++ {
		a.buildConnect(start+i, start+i+1)
	}
	return start + n
}

// buildBaseLoop constructs a simple loop with two diamonds in it.
func (a *LoopTesterApp) buildBaseLoop(from int) int {
	header := a.buildStraight(from, 1)
	diamond1 := a.buildDiamond(header)
	d11 := a.buildStraight(diamond1, 1)
	diamond2 := a.buildDiamond(d11)
	footer := a.buildStraight(diamond2, 1)
	a.buildConnect(diamond2, d11)
	a.buildConnect(diamond1, header)

	a.buildConnect(footer, from)
	footer = a.buildStraight(footer, 1)
	return footer
}

func (a *LoopTesterApp) main(numDummyLoops int, findLoopIterations int, parLoops int,
	pparLoops int, ppparLoops int) (int, int) {
	a.constructSimpleCFG()
	a.addDummyLoops(numDummyLoops)
	a.constructCFG(parLoops, pparLoops, ppparLoops)

	// Performing Loop Recognition, 1 Iteration, then findLoopIteration
	a.findLoops(a.lsg)
	for i := 0; i < findLoopIterations; i++ {
		a.findLoops(newLoopStructureGraph())
	}

	a.lsg.calculateNestingLevel()
	return a.lsg.getNumLoops(), a.cfg.getNumNodes()
}

func (a *LoopTesterApp) constructCFG(parLoops int, pparLoops int, ppparLoops int) {
	n := 2

	for parlooptrees := 0; parlooptrees < parLoops; parlooptrees++ {
		a.cfg.createNode(n + 1)
		a.buildConnect(2, n+1)
		n = n + 1

		for i := 0; i < pparLoops; i++ {
			top := n
			n = a.buildStraight(n, 1)
			for j := 0; j < ppparLoops; j++ {
				n = a.buildBaseLoop(n)
			}
			bottom := a.buildStraight(n, 1)
			a.buildConnect(n, top)
			n = bottom
		}
		a.buildConnect(n, 1)
	}
}

func (a *LoopTesterApp) addDummyLoops(numDummyLoops int) {
	for dummyloop := 0; dummyloop < numDummyLoops; dummyloop++ {
		a.findLoops(a.lsg)
	}
}

func (a *LoopTesterApp) findLoops(loopStructure *LoopStructureGraph) {
	finder := newHavlakLoopFinder(a.cfg, loopStructure)
	finder.findLoops()
}

func (a *LoopTesterApp) constructSimpleCFG() {
	a.cfg.createNode(0)
	a.buildBaseLoop(0)
	a.cfg.createNode(1)
	newBasicBlockEdge(a.cfg, 0, 2)
}

func run(n int) int {
	parLoops := 1 + n/150
	if parLoops > 10 {
		parLoops = 10
	}
	pparLoops := 1 + n/15
	if pparLoops > 10 {
		pparLoops = 10
	}
	loops, blocks := newLoopTesterApp().main(n, n/30, parLoops, pparLoops, 5)
	if n == 1500 && (loops != 6102 || blocks != 5213) {
		return -1
	}
	return loops*10000 + blocks
}

func main() {
	fmt.Println(run(400))
}
