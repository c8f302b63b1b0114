// bounce: balls bouncing in a box, from the Are-We-Fast-Yet suite (Bounce).
//
// Stresses: small int fields of heap structs read and written through
// pointers, a method call per ball per step, short branches; AWFY's Random
// (the suite's own LCG) seeds the balls. One AWFY benchmark() creates 100
// balls and moves each 50 times, counting 1331 bounces.
//
// run(n) runs benchmark() n times, verifying each result as AWFY does, and
// returns the sum of the bounce counts (1331 * n), or -1 if a result fails
// verification.
package main

import "fmt"

// Random is AWFY's portable pseudo-random number generator.
type Random struct {
	seed int
}

func newRandom() *Random {
	return &Random{seed: 74755}
}

func (r *Random) next() int {
	r.seed = ((r.seed * 1309) + 13849) & 65535
	return r.seed
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

type Ball struct {
	x    int
	y    int
	xVel int
	yVel int
}

func newBall(random *Random) *Ball {
	b := &Ball{}
	b.x = random.next() % 500
	b.y = random.next() % 500
	b.xVel = (random.next() % 300) - 150
	b.yVel = (random.next() % 300) - 150
	return b
}

func (b *Ball) bounce() bool {
	xLimit := 500
	yLimit := 500
	bounced := false

	b.x += b.xVel
	b.y += b.yVel
	if b.x > xLimit {
		b.x = xLimit
		b.xVel = 0 - abs(b.xVel)
		bounced = true
	}
	if b.x < 0 {
		b.x = 0
		b.xVel = abs(b.xVel)
		bounced = true
	}
	if b.y > yLimit {
		b.y = yLimit
		b.yVel = 0 - abs(b.yVel)
		bounced = true
	}
	if b.y < 0 {
		b.y = 0
		b.yVel = abs(b.yVel)
		bounced = true
	}
	return bounced
}

func benchmark() int {
	random := newRandom()

	ballCount := 100
	bounces := 0
	balls := make([]*Ball, ballCount)
	for i := range balls {
		balls[i] = newBall(random)
	}

	for i := 1; i <= 50; i++ {
		for _, ball := range balls {
			if ball.bounce() {
				bounces++
			}
		}
	}
	return bounces
}

func verifyResult(result int) bool {
	return result == 1331
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
