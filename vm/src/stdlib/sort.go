// Package sort: sorting slices and user-defined collections, and binary search.
//
// Sort and Slice are the pattern-defeating quicksort (Orson Peters, "Pattern-defeating
// Quicksort", 2021) with the choices Go 1.19's sort makes (insertion sort up to 12
// elements, Tukey's ninther from 50, a xorshift to break patterns, heapsort after
// log2(n) bad pivots), checked against Go by sorting random inputs with many equal
// keys, so elements that compare equal end up in the same order as under Go; Stable and SliceStable are insertion-sorted blocks
// merged in place (any stable sort gives the same result).
package sort

// A type, typically a collection, that satisfies sort.Interface can be sorted.
type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

// lessSwap adapts a slice and a less function to Interface (for Slice).
type lessSwap struct {
	less func(i, j int) bool
	swap func(i, j int)
	n    int
}

func (x *lessSwap) Len() int           { return x.n }
func (x *lessSwap) Less(i, j int) bool { return x.less(i, j) }
func (x *lessSwap) Swap(i, j int)      { x.swap(i, j) }

// bitsLen is the number of bits needed to represent n (n >= 0).
func bitsLen(n int) int {
	l := 0
	for n != 0 {
		n >>= 1
		l++
	}
	return l
}

// Sort sorts data in ascending order as determined by Less (not stable).
func Sort(data Interface) {
	n := data.Len()
	if n <= 1 {
		return
	}
	pdqsort(data, 0, n, bitsLen(n))
}

const (
	unknownHint    = 0
	increasingHint = 1
	decreasingHint = 2
)

func insertionSort(data Interface, a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && data.Less(j, j-1); j-- {
			data.Swap(j, j-1)
		}
	}
}

func siftDown(data Interface, lo, hi, first int) {
	root := lo
	for {
		child := 2*root + 1
		if child >= hi {
			return
		}
		if child+1 < hi && data.Less(first+child, first+child+1) {
			child++
		}
		if !data.Less(first+root, first+child) {
			return
		}
		data.Swap(first+root, first+child)
		root = child
	}
}

func heapSort(data Interface, a, b int) {
	first := a
	lo := 0
	hi := b - a
	for i := (hi - 1) / 2; i >= 0; i-- {
		siftDown(data, i, hi, first)
	}
	for i := hi - 1; i >= 0; i-- {
		data.Swap(first, first+i)
		siftDown(data, lo, i, first)
	}
}

func pdqsort(data Interface, a, b, limit int) {
	const maxInsertion = 12
	wasBalanced := true
	wasPartitioned := true
	for {
		length := b - a
		if length <= maxInsertion {
			insertionSort(data, a, b)
			return
		}
		// Fall back to heapsort after too many bad pivots.
		if limit == 0 {
			heapSort(data, a, b)
			return
		}
		if !wasBalanced {
			breakPatterns(data, a, b)
			limit--
		}
		pivot, hint := choosePivot(data, a, b)
		if hint == decreasingHint {
			reverseRange(data, a, b)
			pivot = (b - 1) - (pivot - a)
			hint = increasingHint
		}
		// Probably already sorted: try to finish with a few insertions.
		if wasBalanced && wasPartitioned && hint == increasingHint {
			if partialInsertionSort(data, a, b) {
				return
			}
		}
		// The pivot equals the predecessor of the range: put the equal ones first.
		if a > 0 && !data.Less(a-1, pivot) {
			mid := partitionEqual(data, a, b, pivot)
			a = mid
			continue
		}
		mid, alreadyPartitioned := partition(data, a, b, pivot)
		wasPartitioned = alreadyPartitioned
		leftLen, rightLen := mid-a, b-mid
		balanceThreshold := length / 8
		if leftLen < rightLen {
			wasBalanced = leftLen >= balanceThreshold
			pdqsort(data, a, mid, limit)
			a = mid + 1
		} else {
			wasBalanced = rightLen >= balanceThreshold
			pdqsort(data, mid+1, b, limit)
			b = mid
		}
	}
}

// partition puts the elements less than data[pivot] before it and the others
// after; returns the pivot's new index and whether nothing had to move.
func partition(data Interface, a, b, pivot int) (newpivot int, alreadyPartitioned bool) {
	data.Swap(a, pivot)
	i, j := a+1, b-1
	for i <= j && data.Less(i, a) {
		i++
	}
	for i <= j && !data.Less(j, a) {
		j--
	}
	if i > j {
		data.Swap(j, a)
		return j, true
	}
	data.Swap(i, j)
	i++
	j--
	for {
		for i <= j && data.Less(i, a) {
			i++
		}
		for i <= j && !data.Less(j, a) {
			j--
		}
		if i > j {
			break
		}
		data.Swap(i, j)
		i++
		j--
	}
	data.Swap(j, a)
	return j, false
}

// partitionEqual puts the elements equal to data[pivot] first (none is less).
func partitionEqual(data Interface, a, b, pivot int) (newpivot int) {
	data.Swap(a, pivot)
	i, j := a+1, b-1
	for {
		for i <= j && !data.Less(a, i) {
			i++
		}
		for i <= j && data.Less(a, j) {
			j--
		}
		if i > j {
			break
		}
		data.Swap(i, j)
		i++
		j--
	}
	return i
}

// partialInsertionSort sorts a nearly sorted range with few moves; false if it
// gives up.
func partialInsertionSort(data Interface, a, b int) bool {
	const (
		maxSteps         = 5
		shortestShifting = 50
	)
	i := a + 1
	for j := 0; j < maxSteps; j++ {
		for i < b && !data.Less(i, i-1) {
			i++
		}
		if i == b {
			return true
		}
		if b-a < shortestShifting {
			return false
		}
		data.Swap(i, i-1)
		// Shift the smaller one to the left.
		if i-a >= 2 {
			for j := i - 1; j >= 1; j-- {
				if !data.Less(j, j-1) {
					break
				}
				data.Swap(j, j-1)
			}
		}
		// Shift the greater one to the right.
		if b-i >= 2 {
			for j := i + 1; j < b; j++ {
				if !data.Less(j, j-1) {
					break
				}
				data.Swap(j, j-1)
			}
		}
	}
	return false
}

// breakPatterns swaps a few elements around the middle, chosen by a xorshift
// generator seeded with the length, to defeat inputs that make pivots bad.
func breakPatterns(data Interface, a, b int) {
	length := b - a
	if length >= 8 {
		random := length
		modulus := nextPowerOfTwo(length)
		idx := a + (length/4)*2 - 1
		for i := 0; i < 3; i++ {
			// A 64-bit xorshift step (on the bits of an int, as Go's on uint64).
			random ^= random << 13
			random ^= uint64shr(random, 17)
			random ^= random << 5
			other := random & (modulus - 1)
			if other >= length {
				other -= length
			}
			data.Swap(idx+i, a+other)
		}
	}
}

// uint64shr is x >> n as an unsigned shift.
func uint64shr(x int, n int) int {
	if x >= 0 {
		return x >> n
	}
	return (x >> n) & (1<<(64-n) - 1)
}

func nextPowerOfTwo(length int) int {
	return 1 << bitsLen(length)
}

// choosePivot chooses a pivot in data[a:b]: the median of 3 (or of 3 medians of 3
// for long ranges) at a quarter, half and three quarters; the hint says whether the
// samples were increasing or decreasing.
func choosePivot(data Interface, a, b int) (pivot int, hint int) {
	const (
		shortestNinther = 50
		maxSwaps        = 4 * 3
	)
	l := b - a
	swaps := 0
	i := a + l/4*1
	j := a + l/4*2
	k := a + l/4*3
	if l >= 8 {
		if l >= shortestNinther {
			i = medianAdjacent(data, i, &swaps)
			j = medianAdjacent(data, j, &swaps)
			k = medianAdjacent(data, k, &swaps)
		}
		j = median(data, i, j, k, &swaps)
	}
	switch swaps {
	case 0:
		return j, increasingHint
	case maxSwaps:
		return j, decreasingHint
	default:
		return j, unknownHint
	}
}

// order2 returns a, b ordered by Less (counting a swap).
func order2(data Interface, a, b int, swaps *int) (int, int) {
	if data.Less(b, a) {
		*swaps++
		return b, a
	}
	return a, b
}

func median(data Interface, a, b, c int, swaps *int) int {
	a, b = order2(data, a, b, swaps)
	b, c = order2(data, b, c, swaps)
	a, b = order2(data, a, b, swaps)
	return b
}

func medianAdjacent(data Interface, a int, swaps *int) int {
	return median(data, a-1, a, a+1, swaps)
}

func reverseRange(data Interface, a, b int) {
	i := a
	j := b - 1
	for i < j {
		data.Swap(i, j)
		i++
		j--
	}
}

// Stable sorts data keeping equal elements in their order.
func Stable(data Interface) {
	stable(data, data.Len())
}

func stable(data Interface, n int) {
	blockSize := 20
	a, b := 0, blockSize
	for b <= n {
		insertionSort(data, a, b)
		a = b
		b += blockSize
	}
	insertionSort(data, a, n)
	for blockSize < n {
		a, b = 0, 2*blockSize
		for b <= n {
			symMerge(data, a, a+blockSize, b)
			a = b
			b += 2 * blockSize
		}
		if m := a + blockSize; m < n {
			symMerge(data, a, m, n)
		}
		blockSize *= 2
	}
}

// symMerge merges the sorted data[a:m] and data[m:b] in place (SymMerge, Kim and
// Kutzner 2004).
func symMerge(data Interface, a, m, b int) {
	if m-a == 1 {
		i := m
		j := b
		for i < j {
			h := (i+j)>>1
			if data.Less(h, a) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := a; k < i-1; k++ {
			data.Swap(k, k+1)
		}
		return
	}
	if b-m == 1 {
		i := a
		j := m
		for i < j {
			h := (i+j)>>1
			if !data.Less(m, h) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := m; k > i; k-- {
			data.Swap(k, k-1)
		}
		return
	}
	mid := (a+b)>>1
	n := mid + m
	var start, r int
	if m > mid {
		start = n - b
		r = mid
	} else {
		start = a
		r = m
	}
	p := n - 1
	for start < r {
		c := (start+r)>>1
		if !data.Less(p-c, c) {
			start = c + 1
		} else {
			r = c
		}
	}
	end := n - start
	if start < m && m < end {
		rotate(data, start, m, end)
	}
	if a < start && start < mid {
		symMerge(data, a, start, mid)
	}
	if mid < end && end < b {
		symMerge(data, mid, end, b)
	}
}

func swapRange(data Interface, a, b, n int) {
	for i := 0; i < n; i++ {
		data.Swap(a+i, b+i)
	}
}

func rotate(data Interface, a, m, b int) {
	i := m - a
	j := b - m
	for i != j {
		if i > j {
			swapRange(data, m-i, m, j)
			i -= j
		} else {
			swapRange(data, m-i, m+j-i, i)
			j -= i
		}
	}
	swapRange(data, m-i, m, i)
}

func IsSorted(data Interface) bool {
	n := data.Len()
	for i := n - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

// ---- slices

// The natives under Slice (runtime/slices.rs): the length of the slice in x, and a
// swap of two of its elements.
func sliceLen(x interface{}) int
func sliceSwap(x interface{}, i, j int)

func sliceSwapper(x interface{}) (int, func(i, j int)) {
	n := sliceLen(x)
	return n, func(i, j int) {
		if i < 0 || i >= n || j < 0 || j >= n {
			panic("reflect: slice index out of range")
		}
		sliceSwap(x, i, j)
	}
}

// Slice sorts x (a slice) with less(i, j) comparing its elements i and j.
func Slice(x interface{}, less func(i, j int) bool) {
	n, swap := sliceSwapper(x)
	Sort(&lessSwap{less, swap, n})
}

// SliceStable sorts x keeping equal elements in their order.
func SliceStable(x interface{}, less func(i, j int) bool) {
	n, swap := sliceSwapper(x)
	stable(&lessSwap{less, swap, n}, n)
}

func SliceIsSorted(x interface{}, less func(i, j int) bool) bool {
	n, _ := sliceSwapper(x)
	for i := n - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Sort(x) }

type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }

// Less orders NaNs before every other value, as Go's does.
func (x Float64Slice) Less(i, j int) bool { return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j]) }
func (x Float64Slice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()              { Sort(x) }

type StringSlice []string

func (x StringSlice) Len() int           { return len(x) }
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()              { Sort(x) }

func Ints(x []int)         { Sort(IntSlice(x)) }
func Float64s(x []float64) { Sort(Float64Slice(x)) }
func Strings(x []string)   { Sort(StringSlice(x)) }

func IntsAreSorted(x []int) bool         { return IsSorted(IntSlice(x)) }
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }
func StringsAreSorted(x []string) bool   { return IsSorted(StringSlice(x)) }

type reverse struct {
	data Interface
}

func (r reverse) Len() int           { return r.data.Len() }
func (r reverse) Less(i, j int) bool { return r.data.Less(j, i) }
func (r reverse) Swap(i, j int)      { r.data.Swap(i, j) }

// Reverse returns data with the reverse order.
func Reverse(data Interface) Interface {
	return reverse{data}
}

// ---- search

// Search returns the smallest i in [0, n) with f(i) true, or n.
func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := (i+j)>>1
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchFloat64s(a []float64, x float64) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}
