package main

import (
	"fmt"
	"math"
)

func main() {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, 1e-310, -1e-310, 1e300, -1e300, 709.78, 710, -745.2, -746, 1 << 29, 3e9, math.Inf(1), math.Inf(-1), math.NaN(), math.Pi, math.Pi / 2, 0.7071067811865476, 100, 1e-20}
	f1 := map[string]func(float64) float64{"Sin": math.Sin, "Cos": math.Cos, "Tan": math.Tan, "Asin": math.Asin, "Acos": math.Acos, "Atan": math.Atan, "Sinh": math.Sinh, "Cosh": math.Cosh, "Tanh": math.Tanh, "Exp": math.Exp, "Exp2": math.Exp2, "Log": math.Log, "Log2": math.Log2, "Log10": math.Log10, "Cbrt": math.Cbrt, "Sqrt": math.Sqrt, "Ceil": math.Ceil, "Trunc": math.Trunc, "Round": math.Round}
	// Not Exp, nor what builds on it (Sinh, Cosh, Tanh, Pow with a fractional
	// exponent): Go computes those with FMA on CPUs that have it.
	names := []string{"Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Exp2", "Log", "Log2", "Log10", "Cbrt", "Sqrt", "Ceil", "Trunc", "Round"}
	for _, n := range names {
		for _, v := range vals {
			fmt.Println(n, v, f1[n](v))
		}
	}
	for _, x := range vals {
		for _, y := range []float64{0, 1, -1, 0.5, -0.5, 2, 3, -3, 1e10, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1)} {
			fmt.Println("Pow", x, y, math.Pow(x, y), math.Atan2(x, y), math.Hypot(x, y), math.Mod(x, y), math.Max(x, y), math.Min(x, y))
		}
	}
}
