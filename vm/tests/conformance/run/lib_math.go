package main

import (
	"fmt"
	"math"
)

func main() {
	fmt.Println(math.Pi, math.E, math.MaxInt64, math.MinInt64, math.MaxUint32, math.MaxFloat64, math.SmallestNonzeroFloat64)
	fmt.Println(math.Inf(1), math.Inf(-1), math.NaN(), math.IsNaN(math.NaN()), math.IsInf(math.Inf(-1), -1))
	fmt.Println(math.Ceil(1.2), math.Ceil(-1.2), math.Trunc(-2.7), math.Round(2.5), math.Round(-2.5), math.RoundToEven(2.5), math.Floor(-0.5))
	fmt.Println(math.Max(3, 7), math.Min(3, 7), math.Max(math.NaN(), 1), math.Mod(7, -3), math.Mod(-7, 3), math.Abs(-3), math.Sqrt(2))
	fmt.Println(math.Float64bits(1.5), math.Float64frombits(0x4000000000000000), math.Signbit(-0.0*1), math.Copysign(3, -1))
	i, f := math.Modf(-3.25)
	fmt.Println(i, f)
	fmt.Println(math.Pow(2, 10), math.Pow(2, 0.5), math.Hypot(3, 4), math.Cbrt(27), math.Atan2(1, 1))
	fmt.Printf("%.12f %.12f %.12f %.12f %.12f\n", math.Sin(1), math.Cos(1), math.Tan(1), math.Exp(1), math.Log(10))
	fmt.Printf("%.12f %.12f %.12f %.12f\n", math.Log2(10), math.Log10(2), math.Asin(0.5), math.Acos(0.5))
}
