// islands: a Mandelbrot set computed by a team of islands (isolated VMs on their own
// OS threads), fed row bands through ports. The manifest tags it `parallel`: on a
// machine with two free cores, two islands should take about half the time of one.
package main

import (
	"fmt"
	"island"
)

// teamSize is the number of worker islands.
const teamSize = 2

// bandRows is the number of image rows in one piece of work.
const bandRows = 8

// Band asks for rows [From, To) of a Size x Size image.
type Band struct {
	From, To, Size int
}

// Count answers a Band: how many of its points are in the set, and a checksum of
// where they are.
type Count struct {
	Inside, Sum int
}

// worker answers bands until its port is closed.
func worker(p island.Port) {
	for {
		v, ok := p.Recv()
		if !ok {
			return
		}
		p.Send(mandelbrot(v.(Band)))
	}
}

// mandelbrot iterates z = z^2 + c (at most 50 times) for every point of the band.
func mandelbrot(b Band) Count {
	var c Count
	for y := b.From; y < b.To; y++ {
		ci := 2.0*float64(y)/float64(b.Size) - 1.0
		for x := 0; x < b.Size; x++ {
			cr := 2.0*float64(x)/float64(b.Size) - 1.5
			zr, zi := 0.0, 0.0
			inside := true
			for i := 0; i < 50; i++ {
				zr, zi = zr*zr-zi*zi+cr, 2.0*zr*zi+ci
				if zr*zr+zi*zi > 4.0 {
					inside = false
					break
				}
			}
			if inside {
				c.Inside++
				c.Sum += (x*31 + y) % 1009
			}
		}
	}
	return c
}

func run(n int) int {
	ports := make([]island.Port, teamSize)
	for i := range ports {
		ports[i] = island.NewPort(0)
		island.Go(worker, ports[i])
	}
	total := Count{}
	// Consecutive bands (of about equal cost) go round robin to the team.
	for from := 0; from < n; from += bandRows * teamSize {
		sent := 0
		for i := 0; i < teamSize; i++ {
			lo := from + i*bandRows
			if lo >= n {
				break
			}
			hi := lo + bandRows
			if hi > n {
				hi = n
			}
			ports[i].Send(Band{From: lo, To: hi, Size: n})
			sent++
		}
		for i := 0; i < sent; i++ {
			v, _ := ports[i].Recv()
			c := v.(Count)
			total.Inside += c.Inside
			total.Sum += c.Sum
		}
	}
	for _, p := range ports {
		p.Close()
	}
	return total.Inside*1000000 + total.Sum
}

func main() {
	fmt.Println(run(600))
}
