package main

import (
	"fmt"
	"math"
)

func main() {
	seed := uint64(88172645463325252)
	next := func() float64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return float64(seed>>11) / (1 << 53)
	}
	// Functions whose results Go computes the same on every amd64 CPU (Exp and what
	// builds on it use FMA when the CPU has it), printed to the last bit.
	names := []string{"Sin", "Cos", "Tan", "Log", "Atan", "Asin", "Log10", "Log2", "Cbrt", "Atan2", "Hypot", "Exp2"}
	for _, n := range names {
		for i := 0; i < 100; i++ {
			x := (next() - 0.5) * 20
			y := (next() - 0.5) * 6
			var r float64
			switch n {
			case "Sin":
				r = math.Sin(x)
			case "Cos":
				r = math.Cos(x)
			case "Tan":
				r = math.Tan(x)
			case "Exp":
				r = math.Exp(x)
			case "Log":
				r = math.Log(math.Abs(x))
			case "Pow":
				r = math.Pow(math.Abs(x), y)
			case "Atan":
				r = math.Atan(x)
			case "Asin":
				r = math.Asin(x / 10)
			case "Sinh":
				r = math.Sinh(x)
			case "Tanh":
				r = math.Tanh(x / 4)
			case "Log10":
				r = math.Log10(math.Abs(x))
			case "Log2":
				r = math.Log2(math.Abs(x))
			case "Cbrt":
				r = math.Cbrt(x)
			case "Atan2":
				r = math.Atan2(x, y)
			case "Hypot":
				r = math.Hypot(x, y)
			case "Expm1":
				r = math.Expm1(x / 10)
			case "Log1p":
				r = math.Log1p(math.Abs(x))
			case "Exp2":
				r = math.Exp2(x)
			}
			fmt.Println(n, x, y, r)
		}
	}
}
