package main

import "fmt"

// Untyped float constants are exact: beyond float64's range in between, a float64 at
// the end (jitlab used to read such literals as float64, so 1e400 was +Inf, then 0).
const huge = 1e400
const tiny = 1e-400

func main() {
	x := huge / 1e300
	fmt.Println(x)
	fmt.Println(huge/1e390, tiny*1e390)
	fmt.Println(1e1000 > 0, tiny > 0, -huge < 0)
	fmt.Println(0x1p1024/2, 0x1p-1080*0x1p10)
	fmt.Println(1.0/(1<<100)/1e300/1e300 > 0, 1<<126>>120)
	var f float64 = 1e-400
	fmt.Println(f, 1_000e397/1e397)
}
