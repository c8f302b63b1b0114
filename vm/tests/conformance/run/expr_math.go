package main

import (
	"fmt"
	"math"
)

func hyp(a, b float64) float64 { return math.Sqrt(a*a + b*b) }

func main() {
	fmt.Println(hyp(3, 4), hyp(1, 1))
	for _, x := range []float64{0, 1, 2, 10, 0.25, 1e10} {
		fmt.Println(x, math.Sqrt(x))
	}
	for _, x := range []float64{-3.7, -0.5, 0, 0.5, 3.7, 1e15 + 0.5} {
		fmt.Println(x, math.Floor(x), math.Abs(x))
	}
	r := math.Floor(2.5 + 0.5)
	fmt.Println(r, int(r))
	fmt.Println(int(math.Sqrt(50)), int(math.Floor(-7.5)))
	// Newton's method against math.Sqrt
	g := 1.0
	for i := 0; i < 20; i++ {
		g = (g + 2/g) / 2
	}
	fmt.Println(g, g == math.Sqrt(2))
}
