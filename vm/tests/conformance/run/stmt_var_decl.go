package main

import "fmt"

var pkgInt int
var pkgStr = "package"
var (
	pa, pb int = 1, 2
	pc         = 3.5
	pd     bool
)

func main() {
	var a int
	var b float64
	var c string
	var d bool
	var e []int
	var f map[string]int
	fmt.Println(a, b, c == "", d, e == nil, f == nil, len(e), len(f))
	fmt.Printf("%q\n", c)

	var x, y = 10, "ten"
	fmt.Println(x, y)
	var p, q int = 3, 4
	fmt.Println(p + q)

	i, s := 7, "seven"
	fmt.Println(i, s)
	i, t := 8, "eight" // i reused, t new
	fmt.Println(i, t)

	var (
		m = 1
		n = m + 1
	)
	fmt.Println(m, n)
	fmt.Println(pkgInt, pkgStr, pa, pb, pc, pd)
	pkgInt = 99
	fmt.Println(pkgInt)

	var z = 1.0
	fmt.Println(z, z/3)
	var r rune = 'A'
	var bt byte = 'B'
	fmt.Println(r, bt)
}
