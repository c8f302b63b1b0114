// mandelbrot: the Mandelbrot set as a bitmap, from the Are-We-Fast-Yet suite
// (Mandelbrot), itself from the Computer Language Benchmarks Game.
//
// Stresses: float64 arithmetic in a tight loop with int/float conversions,
// bit operations packing the bitmap into bytes. No calls, no allocation.
//
// run(n) computes the n x n image and returns the XOR of its bytes, the value
// AWFY verifies (191 for n = 500, 50 for n = 750, 128 for n = 1). For those
// sizes a wrong result is returned as -1 - result.
package main

import "fmt"

func mandelbrot(size int) int {
	sum := 0
	byteAcc := 0
	bitNum := 0

	y := 0

	for y < size {
		ci := (2.0 * float64(y) / float64(size)) - 1.0
		x := 0

		for x < size {
			zr := 0.0
			zrzr := 0.0
			zi := 0.0
			zizi := 0.0
			cr := (2.0 * float64(x) / float64(size)) - 1.5

			z := 0
			notDone := true
			escape := 0
			for notDone && z < 50 {
				zr = zrzr - zizi + cr
				zi = 2.0*zr*zi + ci

				// preserve recalculation
				zrzr = zr * zr
				zizi = zi * zi

				if zrzr+zizi > 4.0 {
					notDone = false
					escape = 1
				}
				z += 1
			}

			byteAcc = (byteAcc << 1) + escape
			bitNum += 1

			// Code is very similar for these cases, but using separate blocks
			// ensures we skip the shifting when it's unnecessary, which is most cases.
			if bitNum == 8 {
				sum ^= byteAcc
				byteAcc = 0
				bitNum = 0
			} else if x == size-1 {
				byteAcc <<= (8 - bitNum)
				sum ^= byteAcc
				byteAcc = 0
				bitNum = 0
			}
			x += 1
		}
		y += 1
	}
	return sum
}

// verifyResult reports whether AWFY knows the result for this size and it
// differs from the expected one.
func failsVerification(result int, size int) bool {
	if size == 500 {
		return result != 191
	}
	if size == 750 {
		return result != 50
	}
	if size == 1 {
		return result != 128
	}
	return false
}

func run(n int) int {
	result := mandelbrot(n)
	if failsVerification(result, n) {
		return -1 - result
	}
	return result
}

func main() {
	fmt.Println(run(500))
}
