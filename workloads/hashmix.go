// hashmix: integer hashing kernels over a byte buffer: table-driven CRC-32,
// FNV-1a and a 64-bit finalizer-style mixer.
//
// Stresses: byte loads, table lookups, xor, shifts (logical on masked 32-bit
// values, arithmetic on wrapping 64-bit ones), wrapping 64-bit multiplication
// and masking: the integer ALU path with bounds-checked indexing and no calls
// or allocation in the loops. Written for jitlab (CRC-32 with the IEEE
// polynomial as in zlib, FNV-1a 32 as specified by Fowler, Noll and Vo).
//
// run(n) fills a 4096-byte buffer from an LCG, then does n rounds; each
// round computes the buffer's CRC-32 and FNV-1a hash, mixes them into a
// 64-bit state, and flips one byte of the buffer with the result. It returns
// the final state masked to 48 bits.
package main

import "fmt"

func makeCRCTable() []int {
	table := make([]int, 256)
	for i := 0; i < 256; i++ {
		c := i
		for k := 0; k < 8; k++ {
			if c&1 == 1 {
				c = 0xEDB88320 ^ (c >> 1)
			} else {
				c = c >> 1
			}
		}
		table[i] = c
	}
	return table
}

func crc32(table []int, buf []byte) int {
	crc := 0xFFFFFFFF
	for _, b := range buf {
		crc = table[(crc^int(b))&0xFF] ^ (crc >> 8)
	}
	return crc ^ 0xFFFFFFFF
}

func fnv1a(buf []byte) int {
	h := 2166136261
	for i := 0; i < len(buf); i++ {
		h ^= int(buf[i])
		h = (h * 16777619) & 0xFFFFFFFF
	}
	return h
}

// mix64 scrambles a 64-bit value (wrapping multiplications, xor-shifts).
func mix64(x int) int {
	x ^= (x >> 33) & 0x7FFFFFFF
	x *= -49064778989728563 // 0xff51afd7ed558ccd as a signed 64-bit int
	x ^= (x >> 33) & 0x7FFFFFFF
	x *= -4265267296055464877 // 0xc4ceb9fe1a85ec53 as a signed 64-bit int
	x ^= (x >> 33) & 0x7FFFFFFF
	return x
}

func run(n int) int {
	table := makeCRCTable()
	buf := make([]byte, 4096)
	seed := 2463534242
	for i := range buf {
		seed = (seed*1103515245 + 12345) & 0x7FFFFFFF
		buf[i] = byte(seed >> 16)
	}
	state := 0
	for r := 0; r < n; r++ {
		c := crc32(table, buf)
		f := fnv1a(buf)
		state = mix64(state ^ (c << 32) ^ f)
		buf[r&4095] ^= byte(state)
	}
	return state & 0xFFFFFFFFFFFF
}

func main() {
	fmt.Println(run(1500))
}
