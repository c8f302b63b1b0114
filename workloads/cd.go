// cd: an aircraft collision detector, from the Are-We-Fast-Yet suite (CD),
// after the CD_x benchmark (Purdue; Kalibera et al.) via WebKit's JetStream.
//
// Stresses: float64 vector arithmetic through many short-lived heap objects
// (every plus/minus/times allocates a Vector3D or Vector2D), a red-black tree
// with interface-typed keys (Comparable: call signs and voxel coordinates)
// doing rotations and parent/child pointer updates, AWFY's Vector, closures
// passed to forEach, and deep recursion over the voxel grid. One AWFY inner
// iteration with size k simulates k aircraft for 200 frames and counts the
// collisions it detects; AWFY verifies 14484 for 1000 and 500 aircraft,
// 10830 for 250, 4305 for 100 and 390 for 10.
//
// The simulator needs sine and cosine, which the jitlab subset's math package
// does not provide; sin and cos below compute them with the classic Cephes
// method (Cody-Waite reduction by pi/4, minimax polynomials), which for these
// arguments gives exactly Go's math.Sin and math.Cos.
//
// run(n) simulates n aircraft (n even) and returns the number of collisions,
// or -1 if AWFY knows the count for n and it differs.
package main

import (
	"fmt"
	"math"
)

// ---------------------------------------------------------------- sin, cos

const pi4a = 7.85398125648498535156e-1 // pi/4 split into three parts
const pi4b = 3.77489470793079817668e-8
const pi4c = 2.69515142907905952645e-15
const fourOverPi = 1.2732395447351628 // 4/pi

func sinPoly(z float64, zz float64) float64 {
	return z + z*zz*((((((1.58962301576546568060e-10*zz)+
		-2.50507477628578072866e-8)*zz+
		2.75573136213857245213e-6)*zz+
		-1.98412698295895385996e-4)*zz+
		8.33333333332211858878e-3)*zz+
		-1.66666666666666307295e-1)
}

func cosPoly(zz float64) float64 {
	return 1.0 - 0.5*zz + zz*zz*((((((-1.13585365213876817300e-11*zz)+
		2.08757008419747316778e-9)*zz+
		-2.75573141792967388112e-7)*zz+
		2.48015872888517045348e-5)*zz+
		-1.38888888888730564116e-3)*zz+
		4.16666666666665929218e-2)
}

// reduce returns the octant j (0..7, adjusted so that z is near zero) and
// the reduced argument z of x >= 0 (small x only: no Payne-Hanek).
func reduce(x float64) (int, float64) {
	j := int(x * fourOverPi)
	y := float64(j)
	if j&1 == 1 {
		j++
		y++
	}
	j &= 7
	z := ((x - y*pi4a) - y*pi4b) - y*pi4c
	return j, z
}

func sin(x float64) float64 {
	sign := false
	if x < 0 {
		x = -x
		sign = true
	}
	j, z := reduce(x)
	if j > 3 {
		sign = !sign
		j -= 4
	}
	zz := z * z
	var y float64
	if j == 1 || j == 2 {
		y = cosPoly(zz)
	} else {
		y = sinPoly(z, zz)
	}
	if sign {
		y = -y
	}
	return y
}

func cos(x float64) float64 {
	sign := false
	if x < 0 {
		x = -x
	}
	j, z := reduce(x)
	if j > 3 {
		j -= 4
		sign = !sign
	}
	if j > 1 {
		sign = !sign
	}
	zz := z * z
	var y float64
	if j == 1 || j == 2 {
		y = sinPoly(z, zz)
	} else {
		y = cosPoly(zz)
	}
	if sign {
		y = -y
	}
	return y
}

// ---------------------------------------------------------------- som.Vector

const INITIAL_SIZE = 10

// Vector is AWFY's som.Vector (the part this benchmark uses).
type Vector struct {
	storage  []interface{}
	firstIdx int
	lastIdx  int
}

func newVector() *Vector {
	return &Vector{}
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

func (v *Vector) forEach(fn func(e interface{})) {
	for i := v.firstIdx; i < v.lastIdx; i++ {
		fn(v.storage[i])
	}
}

func (v *Vector) size() int {
	return v.lastIdx - v.firstIdx
}

// ---------------------------------------------------------------- geometry

const MIN_X = 0.0
const MIN_Y = 0.0
const MAX_X = 1000.0
const MAX_Y = 1000.0
const MIN_Z = 0.0
const MAX_Z = 10.0
const PROXIMITY_RADIUS = 1.0
const GOOD_VOXEL_SIZE = PROXIMITY_RADIUS * 2.0

// Comparable is implemented by the keys of a RedBlackTree.
type Comparable interface {
	compareTo(other Comparable) int
}

type Vector2D struct {
	x float64
	y float64
}

func newVector2D(x float64, y float64) *Vector2D {
	return &Vector2D{x: x, y: y}
}

func (v *Vector2D) plus(other *Vector2D) *Vector2D {
	return newVector2D(v.x+other.x, v.y+other.y)
}

func (v *Vector2D) minus(other *Vector2D) *Vector2D {
	return newVector2D(v.x-other.x, v.y-other.y)
}

func (v *Vector2D) compareTo(o Comparable) int {
	other := o.(*Vector2D)
	result := compareNumbers(v.x, other.x)
	if result != 0 {
		return result
	}
	return compareNumbers(v.y, other.y)
}

func compareNumbers(a float64, b float64) int {
	if a == b {
		return 0
	}
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}

	// We say that NaN is smaller than non-NaN.
	if a == a {
		return 1
	}
	return -1
}

type Vector3D struct {
	x float64
	y float64
	z float64
}

func newVector3D(x float64, y float64, z float64) *Vector3D {
	return &Vector3D{x: x, y: y, z: z}
}

func (v *Vector3D) plus(other *Vector3D) *Vector3D {
	return newVector3D(v.x+other.x, v.y+other.y, v.z+other.z)
}

func (v *Vector3D) minus(other *Vector3D) *Vector3D {
	return newVector3D(v.x-other.x, v.y-other.y, v.z-other.z)
}

func (v *Vector3D) dot(other *Vector3D) float64 {
	return v.x*other.x + v.y*other.y + v.z*other.z
}

func (v *Vector3D) squaredMagnitude() float64 {
	return v.dot(v)
}

func (v *Vector3D) magnitude() float64 {
	return math.Sqrt(v.squaredMagnitude())
}

func (v *Vector3D) times(amount float64) *Vector3D {
	return newVector3D(v.x*amount, v.y*amount, v.z*amount)
}

// ---------------------------------------------------------------- red-black tree

const (
	RED   = 0
	BLACK = 1
)

type Node struct {
	key    Comparable
	value  interface{}
	left   *Node
	right  *Node
	parent *Node
	color  int
}

func newNode(key Comparable, value interface{}) *Node {
	return &Node{key: key, value: value, color: RED}
}

func treeMinimum(x *Node) *Node {
	for x.left != nil {
		x = x.left
	}
	return x
}

func (n *Node) successor() *Node {
	x := n
	if x.right != nil {
		return treeMinimum(x.right)
	}
	y := x.parent
	for y != nil && x == y.right {
		x = y
		y = y.parent
	}
	return y
}

// Entry is a key/value pair handed to RedBlackTree.forEach.
type Entry struct {
	key   Comparable
	value interface{}
}

type RedBlackTree struct {
	root *Node
}

func newRedBlackTree() *RedBlackTree {
	return &RedBlackTree{}
}

// put associates value with key and returns the previous value, or nil.
func (t *RedBlackTree) put(key Comparable, value interface{}) interface{} {
	isNewEntry, x, oldValue := t.treeInsert(key, value)
	if !isNewEntry {
		return oldValue
	}

	for x != t.root && x.parent.color == RED {
		if x.parent == x.parent.parent.left {
			y := x.parent.parent.right
			if y != nil && y.color == RED {
				// Case 1
				x.parent.color = BLACK
				y.color = BLACK
				x.parent.parent.color = RED
				x = x.parent.parent
			} else {
				if x == x.parent.right {
					// Case 2
					x = x.parent
					t.leftRotate(x)
				}
				// Case 3
				x.parent.color = BLACK
				x.parent.parent.color = RED
				t.rightRotate(x.parent.parent)
			}
		} else {
			// Same as "then" clause with "right" and "left" exchanged.
			y := x.parent.parent.left
			if y != nil && y.color == RED {
				// Case 1
				x.parent.color = BLACK
				y.color = BLACK
				x.parent.parent.color = RED
				x = x.parent.parent
			} else {
				if x == x.parent.left {
					// Case 2
					x = x.parent
					t.rightRotate(x)
				}
				// Case 3
				x.parent.color = BLACK
				x.parent.parent.color = RED
				t.leftRotate(x.parent.parent)
			}
		}
	}

	t.root.color = BLACK
	return nil
}

func (t *RedBlackTree) remove(key Comparable) interface{} {
	z := t.findNode(key)
	if z == nil {
		return nil
	}

	// Y is the node to be unlinked from the tree.
	var y *Node
	if z.left == nil || z.right == nil {
		y = z
	} else {
		y = z.successor()
	}

	// Y is guaranteed to be non-null at this point.
	var x *Node
	if y.left != nil {
		x = y.left
	} else {
		x = y.right
	}

	// X is the child of y which might potentially replace y in the tree. X might be null at
	// this point.
	var xParent *Node
	if x != nil {
		x.parent = y.parent
		xParent = x.parent
	} else {
		xParent = y.parent
	}
	if y.parent == nil {
		t.root = x
	} else {
		if y == y.parent.left {
			y.parent.left = x
		} else {
			y.parent.right = x
		}
	}

	if y != z {
		if y.color == BLACK {
			t.removeFixup(x, xParent)
		}

		y.parent = z.parent
		y.color = z.color
		y.left = z.left
		y.right = z.right

		if z.left != nil {
			z.left.parent = y
		}
		if z.right != nil {
			z.right.parent = y
		}
		if z.parent != nil {
			if z.parent.left == z {
				z.parent.left = y
			} else {
				z.parent.right = y
			}
		} else {
			t.root = y
		}
	} else if y.color == BLACK {
		t.removeFixup(x, xParent)
	}

	return z.value
}

func (t *RedBlackTree) get(key Comparable) interface{} {
	node := t.findNode(key)
	if node == nil {
		return nil
	}
	return node.value
}

func (t *RedBlackTree) forEach(fn func(e *Entry)) {
	if t.root == nil {
		return
	}
	current := treeMinimum(t.root)
	for current != nil {
		fn(&Entry{key: current.key, value: current.value})
		current = current.successor()
	}
}

func (t *RedBlackTree) findNode(key Comparable) *Node {
	current := t.root
	for current != nil {
		comparisonResult := key.compareTo(current.key)
		if comparisonResult == 0 {
			return current
		}
		if comparisonResult < 0 {
			current = current.left
		} else {
			current = current.right
		}
	}
	return nil
}

// treeInsert returns (isNewEntry, newNode, oldValue), AWFY's InsertResult.
func (t *RedBlackTree) treeInsert(key Comparable, value interface{}) (bool, *Node, interface{}) {
	var y *Node
	x := t.root

	for x != nil {
		y = x
		comparisonResult := key.compareTo(x.key)
		if comparisonResult < 0 {
			x = x.left
		} else if comparisonResult > 0 {
			x = x.right
		} else {
			oldValue := x.value
			x.value = value
			return false, nil, oldValue
		}
	}

	z := newNode(key, value)
	z.parent = y
	if y == nil {
		t.root = z
	} else {
		if key.compareTo(y.key) < 0 {
			y.left = z
		} else {
			y.right = z
		}
	}
	return true, z, nil
}

func (t *RedBlackTree) leftRotate(x *Node) *Node {
	y := x.right

	// Turn y's left subtree into x's right subtree.
	x.right = y.left
	if y.left != nil {
		y.left.parent = x
	}

	// Link x's parent to y.
	y.parent = x.parent
	if x.parent == nil {
		t.root = y
	} else {
		if x == x.parent.left {
			x.parent.left = y
		} else {
			x.parent.right = y
		}
	}

	// Put x on y's left.
	y.left = x
	x.parent = y

	return y
}

func (t *RedBlackTree) rightRotate(y *Node) *Node {
	x := y.left

	// Turn x's right subtree into y's left subtree.
	y.left = x.right
	if x.right != nil {
		x.right.parent = y
	}

	// Link y's parent to x.
	x.parent = y.parent
	if y.parent == nil {
		t.root = x
	} else {
		if y == y.parent.left {
			y.parent.left = x
		} else {
			y.parent.right = x
		}
	}

	x.right = y
	y.parent = x

	return x
}

func (t *RedBlackTree) removeFixup(x *Node, xParent *Node) {
	for x != t.root && (x == nil || x.color == BLACK) {
		if x == xParent.left {
			// Note: the text points out that w cannot be null. The reason is not obvious from
			// simply looking at the code; it comes about from the properties of the red-black
			// tree.
			w := xParent.right
			if w.color == RED {
				// Case 1
				w.color = BLACK
				xParent.color = RED
				t.leftRotate(xParent)
				w = xParent.right
			}
			if (w.left == nil || w.left.color == BLACK) && (w.right == nil || w.right.color == BLACK) {
				// Case 2
				w.color = RED
				x = xParent
				xParent = x.parent
			} else {
				if w.right == nil || w.right.color == BLACK {
					// Case 3
					w.left.color = BLACK
					w.color = RED
					t.rightRotate(w)
					w = xParent.right
				}
				// Case 4
				w.color = xParent.color
				xParent.color = BLACK
				if w.right != nil {
					w.right.color = BLACK
				}
				t.leftRotate(xParent)
				x = t.root
				xParent = x.parent
			}
		} else {
			// Same as "then" clause with "right" and "left" exchanged.
			w := xParent.left
			if w.color == RED {
				// Case 1
				w.color = BLACK
				xParent.color = RED
				t.rightRotate(xParent)
				w = xParent.left
			}
			if (w.right == nil || w.right.color == BLACK) && (w.left == nil || w.left.color == BLACK) {
				// Case 2
				w.color = RED
				x = xParent
				xParent = x.parent
			} else {
				if w.left == nil || w.left.color == BLACK {
					// Case 3
					w.right.color = BLACK
					w.color = RED
					t.leftRotate(w)
					w = xParent.left
				}
				// Case 4
				w.color = xParent.color
				xParent.color = BLACK
				if w.left != nil {
					w.left.color = BLACK
				}
				t.rightRotate(xParent)
				x = t.root
				xParent = x.parent
			}
		}
	}
	if x != nil {
		x.color = BLACK
	}
}

// ---------------------------------------------------------------- simulation

type CallSign struct {
	value int
}

func (c *CallSign) compareTo(o Comparable) int {
	other := o.(*CallSign)
	if c.value == other.value {
		return 0
	}
	if c.value < other.value {
		return -1
	}
	return 1
}

type Aircraft struct {
	callsign *CallSign
	position *Vector3D
}

type Collision struct {
	aircraftA *CallSign
	aircraftB *CallSign
	position  *Vector3D
}

type Motion struct {
	callsign *CallSign
	posOne   *Vector3D
	posTwo   *Vector3D
}

func (m *Motion) delta() *Vector3D {
	return m.posTwo.minus(m.posOne)
}

func (m *Motion) findIntersection(other *Motion) *Vector3D {
	init1 := m.posOne
	init2 := other.posOne
	vec1 := m.delta()
	vec2 := other.delta()
	radius := PROXIMITY_RADIUS

	// this test is not geometrical 3-d intersection test, it takes the fact that the aircraft move
	// into account ; so it is more like a 4d test
	// (it assumes that both of the aircraft have a constant speed over the tested interval)

	// we thus have two points, each of them moving on its line segment at constant speed ; we are looking
	// for times when the distance between these two points is smaller than r

	// vec1 is vector of aircraft 1
	// vec2 is vector of aircraft 2

	// a = (V2 - V1)^T * (V2 - V1)
	a := vec2.minus(vec1).squaredMagnitude()

	if a != 0.0 {
		// we are first looking for instances of time when the planes are exactly r from each other
		// at least one plane is moving ; if the planes are moving in parallel, they do not have constant speed

		// if the planes are moving in parallel, then
		//   if the faster starts behind the slower, we can have 2, 1, or 0 solutions
		//   if the faster plane starts in front of the slower, we can have 0 or 1 solutions

		// if the planes are not moving in parallel, then

		// point P1 = I1 + vV1
		// point P2 = I2 + vV2
		//   - looking for v, such that dist(P1,P2) = || P1 - P2 || = r

		// it follows that || P1 - P2 || = sqrt( < P1-P2, P1-P2 > )
		//   0 = -r^2 + < P1 - P2, P1 - P2 >
		//  from properties of dot product
		//   0 = -r^2 + <I1-I2,I1-I2> + v * 2<I1-I2, V1-V2> + v^2 *<V1-V2,V1-V2>
		//   so we calculate a, b, c - and solve the quadratic equation
		//   0 = c + bv + av^2

		// b = 2 * <I1-I2, V1-V2>
		b := 2.0 * init1.minus(init2).dot(vec1.minus(vec2))

		// c = -r^2 + (I2 - I1)^T * (I2 - I1)
		c := -radius*radius + init2.minus(init1).squaredMagnitude()

		discr := b*b - 4.0*a*c
		if discr < 0.0 {
			return nil
		}

		v1 := (-b - math.Sqrt(discr)) / (2.0 * a)
		v2 := (-b + math.Sqrt(discr)) / (2.0 * a)

		if v1 <= v2 && ((v1 <= 1.0 && 1.0 <= v2) ||
			(v1 <= 0.0 && 0.0 <= v2) ||
			(0.0 <= v1 && v2 <= 1.0)) {
			// Pick a good "time" at which to report the collision.
			var v float64
			if v1 <= 0.0 {
				// The collision started before this frame. Report it at the start of the frame.
				v = 0.0
			} else {
				// The collision started during this frame. Report it at that moment.
				v = v1
			}

			result1 := init1.plus(vec1.times(v))
			result2 := init2.plus(vec2.times(v))

			result := result1.plus(result2).times(0.5)
			if result.x >= MIN_X &&
				result.x <= MAX_X &&
				result.y >= MIN_Y &&
				result.y <= MAX_Y &&
				result.z >= MIN_Z &&
				result.z <= MAX_Z {
				return result
			}
		}

		return nil
	}

	// the planes have the same speeds and are moving in parallel (or they are not moving at all)
	// they  thus have the same distance all the time ; we calculate it from the initial point

	// dist = || i2 - i1 || = sqrt(  ( i2 - i1 )^T * ( i2 - i1 ) )
	dist := init2.minus(init1).magnitude()
	if dist <= radius {
		return init1.plus(init2).times(0.5)
	}

	return nil
}

type CollisionDetector struct {
	state *RedBlackTree
}

func newCollisionDetector() *CollisionDetector {
	return &CollisionDetector{state: newRedBlackTree()}
}

func (d *CollisionDetector) handleNewFrame(frame *Vector) *Vector {
	motions := newVector()
	seen := newRedBlackTree()

	frame.forEach(func(e interface{}) {
		aircraft := e.(*Aircraft)
		oldPosition := d.state.put(aircraft.callsign, aircraft.position)
		newPosition := aircraft.position
		seen.put(aircraft.callsign, true)

		if oldPosition == nil {
			// Treat newly introduced aircraft as if they were stationary.
			oldPosition = newPosition
		}

		motions.append(&Motion{callsign: aircraft.callsign, posOne: oldPosition.(*Vector3D), posTwo: newPosition})
	})

	// Remove aircraft that are no longer present.
	toRemove := newVector()
	d.state.forEach(func(e *Entry) {
		if seen.get(e.key) == nil {
			toRemove.append(e.key)
		}
	})

	toRemove.forEach(func(e interface{}) { d.state.remove(e.(Comparable)) })

	allReduced := reduceCollisionSet(motions)
	collisions := newVector()
	allReduced.forEach(func(e interface{}) {
		reduced := e.(*Vector)
		for i := 0; i < reduced.size(); i++ {
			motion1 := reduced.at(i).(*Motion)
			for j := i + 1; j < reduced.size(); j++ {
				motion2 := reduced.at(j).(*Motion)
				collision := motion1.findIntersection(motion2)
				if collision != nil {
					collisions.append(&Collision{aircraftA: motion1.callsign, aircraftB: motion2.callsign, position: collision})
				}
			}
		}
	})

	return collisions
}

func isInVoxel(voxel *Vector2D, motion *Motion) bool {
	if voxel.x > MAX_X ||
		voxel.x < MIN_X ||
		voxel.y > MAX_Y ||
		voxel.y < MIN_Y {
		return false
	}

	init := motion.posOne
	fin := motion.posTwo

	vS := GOOD_VOXEL_SIZE
	r := PROXIMITY_RADIUS / 2.0

	vX := voxel.x
	x0 := init.x
	xv := fin.x - init.x

	vY := voxel.y
	y0 := init.y
	yv := fin.y - init.y

	lowX := (vX - r - x0) / xv
	highX := (vX + vS + r - x0) / xv

	if xv < 0.0 {
		tmp := lowX
		lowX = highX
		highX = tmp
	}

	lowY := (vY - r - y0) / yv
	highY := (vY + vS + r - y0) / yv

	if yv < 0.0 {
		tmp := lowY
		lowY = highY
		highY = tmp
	}

	return ((xv == 0.0 && vX <= x0+r && x0-r <= vX+vS) /* no motion in x */ ||
		(lowX <= 1.0 && 1.0 <= highX) || (lowX <= 0.0 && 0.0 <= highX) ||
		(0.0 <= lowX && highX <= 1.0)) &&
		((yv == 0.0 && vY <= y0+r && y0-r <= vY+vS) /* no motion in y */ ||
			((lowY <= 1.0 && 1.0 <= highY) || (lowY <= 0.0 && 0.0 <= highY) ||
				(0.0 <= lowY && highY <= 1.0))) &&
		(xv == 0.0 || yv == 0.0 || /* no motion in x or y or both */
			(lowY <= highX && highX <= highY) ||
			(lowY <= lowX && lowX <= highY) ||
			(lowX <= lowY && highY <= highX))
}

var horizontal = newVector2D(GOOD_VOXEL_SIZE, 0.0)
var vertical = newVector2D(0.0, GOOD_VOXEL_SIZE)

func putIntoMap(voxelMap *RedBlackTree, voxel *Vector2D, motion *Motion) {
	array := voxelMap.get(voxel)
	if array == nil {
		array = newVector()
		voxelMap.put(voxel, array)
	}
	array.(*Vector).append(motion)
}

func recurse(voxelMap *RedBlackTree, seen *RedBlackTree, nextVoxel *Vector2D, motion *Motion) {
	if !isInVoxel(nextVoxel, motion) {
		return
	}

	if seen.put(nextVoxel, true) == true {
		return
	}

	putIntoMap(voxelMap, nextVoxel, motion)

	recurse(voxelMap, seen, nextVoxel.minus(horizontal), motion)
	recurse(voxelMap, seen, nextVoxel.plus(horizontal), motion)
	recurse(voxelMap, seen, nextVoxel.minus(vertical), motion)
	recurse(voxelMap, seen, nextVoxel.plus(vertical), motion)
	recurse(voxelMap, seen, nextVoxel.minus(horizontal).minus(vertical), motion)
	recurse(voxelMap, seen, nextVoxel.minus(horizontal).plus(vertical), motion)
	recurse(voxelMap, seen, nextVoxel.plus(horizontal).minus(vertical), motion)
	recurse(voxelMap, seen, nextVoxel.plus(horizontal).plus(vertical), motion)
}

func reduceCollisionSet(motions *Vector) *Vector {
	voxelMap := newRedBlackTree()
	motions.forEach(func(e interface{}) { drawMotionOnVoxelMap(voxelMap, e.(*Motion)) })

	result := newVector()
	voxelMap.forEach(func(e *Entry) {
		if e.value.(*Vector).size() > 1 {
			result.append(e.value)
		}
	})
	return result
}

func voxelHash(position *Vector3D) *Vector2D {
	xDiv := int(position.x / GOOD_VOXEL_SIZE)
	yDiv := int(position.y / GOOD_VOXEL_SIZE)

	x := GOOD_VOXEL_SIZE * float64(xDiv)
	y := GOOD_VOXEL_SIZE * float64(yDiv)

	if position.x < 0 {
		x -= GOOD_VOXEL_SIZE
	}
	if position.y < 0 {
		y -= GOOD_VOXEL_SIZE
	}

	return newVector2D(x, y)
}

func drawMotionOnVoxelMap(voxelMap *RedBlackTree, motion *Motion) {
	seen := newRedBlackTree()
	recurse(voxelMap, seen, voxelHash(motion.posOne), motion)
}

type Simulator struct {
	aircraft *Vector
}

func newSimulator(numAircraft int) *Simulator {
	s := &Simulator{aircraft: newVector()}
	for i := 0; i < numAircraft; i++ {
		s.aircraft.append(&CallSign{value: i})
	}
	return s
}

func (s *Simulator) simulate(time float64) *Vector {
	frame := newVector()
	for i := 0; i < s.aircraft.size(); i += 2 {
		frame.append(&Aircraft{callsign: s.aircraft.at(i).(*CallSign),
			position: newVector3D(time, cos(time)*2+float64(i)*3, 10)})
		frame.append(&Aircraft{callsign: s.aircraft.at(i + 1).(*CallSign),
			position: newVector3D(time, sin(time)*2+float64(i)*3, 10)})
	}
	return frame
}

func benchmark(numAircrafts int) int {
	numFrames := 200

	simulator := newSimulator(numAircrafts)
	detector := newCollisionDetector()

	actualCollisions := 0

	for i := 0; i < numFrames; i++ {
		time := float64(i) / 10.0
		collisions := detector.handleNewFrame(simulator.simulate(time))
		actualCollisions += collisions.size()
	}

	return actualCollisions
}

// failsVerification reports whether AWFY knows the result for this number of
// aircraft and it differs.
func failsVerification(actualCollisions int, numAircrafts int) bool {
	switch numAircrafts {
	case 1000:
		return actualCollisions != 14484
	case 500:
		return actualCollisions != 14484
	case 250:
		return actualCollisions != 10830
	case 100:
		return actualCollisions != 4305
	case 10:
		return actualCollisions != 390
	}
	return false
}

func run(n int) int {
	result := benchmark(n)
	if failsVerification(result, n) {
		return -1
	}
	return result
}

func main() {
	fmt.Println(run(100))
}
