// nbody: the Jovian planets simulation from the Are-We-Fast-Yet suite (NBody),
// itself taken from the Computer Language Benchmarks Game.
//
// Stresses: float64 arithmetic and math.Sqrt, float fields of heap structs
// reached through pointers, short nested loops over a slice of 5 bodies.
//
// run(n) builds a fresh system, advances it n steps of 0.01 and returns
// int(energy * 1e9), the energy truncated to nine decimals (for n = 0 that is
// -169075163: the initial energy -0.1690751638... truncated toward zero). As in
// AWFY, the energy after 250000 steps must be exactly -0.1690859889909308;
// if it is not, run returns -1.
package main

import (
	"fmt"
	"math"
)

const PI = 3.141592653589793
const SOLAR_MASS = 4 * PI * PI
const DAYS_PER_YEAR = 365.24

type Body struct {
	x    float64
	y    float64
	z    float64
	vx   float64
	vy   float64
	vz   float64
	mass float64
}

func newBody(x float64, y float64, z float64, vx float64, vy float64, vz float64, mass float64) *Body {
	return &Body{
		x:    x,
		y:    y,
		z:    z,
		vx:   vx * DAYS_PER_YEAR,
		vy:   vy * DAYS_PER_YEAR,
		vz:   vz * DAYS_PER_YEAR,
		mass: mass * SOLAR_MASS,
	}
}

func (b *Body) offsetMomentum(px float64, py float64, pz float64) {
	b.vx = 0.0 - (px / SOLAR_MASS)
	b.vy = 0.0 - (py / SOLAR_MASS)
	b.vz = 0.0 - (pz / SOLAR_MASS)
}

type NBodySystem struct {
	bodies []*Body
}

func newNBodySystem() *NBodySystem {
	bodies := []*Body{
		// sun
		newBody(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
		// jupiter
		newBody(
			4.84143144246472090e+00,
			-1.16032004402742839e+00,
			-1.03622044471123109e-01,
			1.66007664274403694e-03,
			7.69901118419740425e-03,
			-6.90460016972063023e-05,
			9.54791938424326609e-04),
		// saturn
		newBody(
			8.34336671824457987e+00,
			4.12479856412430479e+00,
			-4.03523417114321381e-01,
			-2.76742510726862411e-03,
			4.99852801234917238e-03,
			2.30417297573763929e-05,
			2.85885980666130812e-04),
		// uranus
		newBody(
			1.28943695621391310e+01,
			-1.51111514016986312e+01,
			-2.23307578892655734e-01,
			2.96460137564761618e-03,
			2.37847173959480950e-03,
			-2.96589568540237556e-05,
			4.36624404335156298e-05),
		// neptune
		newBody(
			1.53796971148509165e+01,
			-2.59193146099879641e+01,
			1.79258772950371181e-01,
			2.68067772490389322e-03,
			1.62824170038242295e-03,
			-9.51592254519715870e-05,
			5.15138902046611451e-05),
	}

	px := 0.0
	py := 0.0
	pz := 0.0
	for _, b := range bodies {
		px += b.vx * b.mass
		py += b.vy * b.mass
		pz += b.vz * b.mass
	}
	bodies[0].offsetMomentum(px, py, pz)
	return &NBodySystem{bodies: bodies}
}

func (s *NBodySystem) advance(dt float64) {
	n := len(s.bodies)
	for i := 0; i < n; i++ {
		iBody := s.bodies[i]
		for j := i + 1; j < n; j++ {
			jBody := s.bodies[j]
			dx := iBody.x - jBody.x
			dy := iBody.y - jBody.y
			dz := iBody.z - jBody.z

			dSquared := dx*dx + dy*dy + dz*dz
			distance := math.Sqrt(dSquared)
			mag := dt / (dSquared * distance)

			iBody.vx -= dx * jBody.mass * mag
			iBody.vy -= dy * jBody.mass * mag
			iBody.vz -= dz * jBody.mass * mag

			jBody.vx += dx * iBody.mass * mag
			jBody.vy += dy * iBody.mass * mag
			jBody.vz += dz * iBody.mass * mag
		}
	}
	for _, body := range s.bodies {
		body.x += dt * body.vx
		body.y += dt * body.vy
		body.z += dt * body.vz
	}
}

func (s *NBodySystem) energy() float64 {
	e := 0.0
	n := len(s.bodies)
	for i := 0; i < n; i++ {
		iBody := s.bodies[i]
		e += 0.5 * iBody.mass * (iBody.vx*iBody.vx + iBody.vy*iBody.vy + iBody.vz*iBody.vz)
		for j := i + 1; j < n; j++ {
			jBody := s.bodies[j]
			dx := iBody.x - jBody.x
			dy := iBody.y - jBody.y
			dz := iBody.z - jBody.z
			distance := math.Sqrt(dx*dx + dy*dy + dz*dz)
			e -= (iBody.mass * jBody.mass) / distance
		}
	}
	return e
}

func run(n int) int {
	system := newNBodySystem()
	for i := 0; i < n; i++ {
		system.advance(0.01)
	}
	energy := system.energy()
	if n == 250000 && energy != -0.1690859889909308 {
		return -1
	}
	return int(energy * 1e9)
}

func main() {
	fmt.Println(run(250000))
}
