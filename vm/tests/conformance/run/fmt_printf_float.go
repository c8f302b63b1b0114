package main

import (
	"fmt"
	"math"
)

func main() {
	x := 3.14159265
	fmt.Printf("%f|%.2f|%.0f|%8.3f|%-8.3f|%08.3f|%+.1f|\n", x, x, x, x, x, x, x)
	y := -2.5
	fmt.Printf("%f|%.1f|%6.1f|%06.1f|%+.2f\n", y, y, y, y, y)
	fmt.Printf("%.0f %.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5, 3.5)
	fmt.Printf("%.2f %.2f %.3f\n", 2.675, 1.005, 1.0005)
	fmt.Printf("%f %f\n", 1e20, 1e-7)
	fmt.Printf("%e|%.2e|%e|%12.3e|%-12.1e|\n", 123456.789, 123456.789, 0.000123, -5.5, 5.5)
	fmt.Printf("%e %e %.0e\n", 0.0, 1e100, 15.0)
	fmt.Printf("%g|%g|%g|%g|%g|%g\n", 100000.0, 1000000.0, 1e21, 0.0001, 0.00001, 123.456)
	fmt.Printf("%.3g|%.3g|%.10g|%.1g|%10.4g|%-10.4g|\n", 3.14159, 1234567.0, 1.0/3, 0.05, 2.0/3, 2.0/3)
	fmt.Printf("%v %v %v\n", 1.0, 0.5, 1e-10)
	fmt.Printf("%f %f %f\n", math.Sqrt(-1), 1/math.Abs(0), -1/math.Abs(0))
	fmt.Printf("%5.1f|%-7.2f|%7.2f|\n", 9.99, 9.999, -9.999)
	fmt.Printf("%6.2f%%\n", 45.678)
	fmt.Printf("%g %g %g\n", 2.0, 1e6, 123456789.0)
	fmt.Printf("%.2g %.4g\n", 123.0, 0.00012345)
	fmt.Printf("%+e %+g %+v\n", 1.5, 1.5, 1.5)
	fmt.Printf("%010.3f|%-10.3f|\n", -3.5, 3.5)
}
