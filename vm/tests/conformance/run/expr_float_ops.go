package main

import (
	"fmt"
	"math"
)

func main() {
	a, b := 7.5, 2.0
	fmt.Println(a+b, a-b, a*b, a/b)
	fmt.Println(-a, 1/3.0, 2.0/3)
	fmt.Println(0.1+0.2, 0.1*3, 1.1*1.1)
	zero := 0.0
	fmt.Println(1/zero, -1/zero, zero/zero)
	inf := 1 / zero
	nan := zero / zero
	fmt.Println(inf > 1e308, -inf < -1e308, nan == nan, nan != nan, nan < 1, nan > 1)
	fmt.Println(inf-inf, inf*0, inf+inf)
	negz := -zero
	fmt.Println(negz, negz == 0, 1/negz)
	fmt.Println(math.Sqrt(2), math.Sqrt(16), math.Sqrt(-1))
	fmt.Println(math.Abs(-3.25), math.Abs(2), math.Abs(negz))
	fmt.Println(math.Floor(2.7), math.Floor(-2.2), math.Floor(5), math.Floor(-0.5))
	x := 1.0
	for i := 0; i < 10; i++ {
		x /= 10
	}
	fmt.Println(x, x*1e10)
	f := 1e308
	fmt.Println(f*10, -f*10)
	fmt.Println(5e-324, 5e-324/2)
	var c float64 = 3
	fmt.Println(c/2, float64(7)/2)
	sum := 0.0
	for i := 1; i <= 10; i++ {
		sum += 1.0 / float64(i)
	}
	fmt.Println(sum)
	fmt.Println(2.5 > 2, 1e3 == 1000)
}
