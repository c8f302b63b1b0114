// towers: the Towers of Hanoi with disks kept as linked stacks, from the
// Are-We-Fast-Yet suite (Towers).
//
// Stresses: allocation of small structs, pointer loads and stores (a field
// write of a reference on every move, the write-barrier path), recursion and
// small calls. One AWFY benchmark() builds 14 disks (sizes 13 down to 0) on
// pile 0 and moves the top 13 to pile 1: 8191 moves.
//
// run(n) repeats that n times and returns the total number of moves plus the
// sum of the disk sizes left on pile 1 (78 per repetition), so it is 8269 * n,
// or -1 if a repetition does not make AWFY's 8191 moves.
package main

import "fmt"

type Disk struct {
	size int
	next *Disk
}

type Towers struct {
	piles     []*Disk
	movesDone int
}

func (t *Towers) pushDisk(disk *Disk, pile int) {
	top := t.piles[pile]
	if top != nil && disk.size >= top.size {
		panic("Cannot put a big disk on a smaller one")
	}
	disk.next = top
	t.piles[pile] = disk
}

func (t *Towers) popDiskFrom(pile int) *Disk {
	top := t.piles[pile]
	if top == nil {
		panic("Attempting to remove a disk from an empty pile")
	}
	t.piles[pile] = top.next
	top.next = nil
	return top
}

func (t *Towers) moveTopDisk(fromPile int, toPile int) {
	t.pushDisk(t.popDiskFrom(fromPile), toPile)
	t.movesDone++
}

func (t *Towers) buildTowerAt(pile int, disks int) {
	for i := disks; i >= 0; i-- {
		t.pushDisk(&Disk{size: i}, pile)
	}
}

func (t *Towers) moveDisks(disks int, fromPile int, toPile int) {
	if disks == 1 {
		t.moveTopDisk(fromPile, toPile)
	} else {
		otherPile := 3 - fromPile - toPile
		t.moveDisks(disks-1, fromPile, otherPile)
		t.moveTopDisk(fromPile, toPile)
		t.moveDisks(disks-1, otherPile, toPile)
	}
}

func benchmark() int {
	t := &Towers{piles: make([]*Disk, 3)}
	t.buildTowerAt(0, 13)
	t.movesDone = 0
	t.moveDisks(13, 0, 1)
	if t.movesDone != 8191 {
		return -1
	}
	sizes := 0
	for d := t.piles[1]; d != nil; d = d.next {
		sizes += d.size
	}
	return t.movesDone + sizes
}

func run(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		result := benchmark()
		if result < 0 {
			return -1
		}
		sum += result
	}
	return sum
}

func main() {
	fmt.Println(run(700))
}
