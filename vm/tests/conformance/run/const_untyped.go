package main

import "fmt"

const Big = 1 << 100
const Small = Big >> 98
const Pi = 3.14159265358979323846264338327950288419716939937510582097494459
const Third = 1.0 / 3
const F = 3.0
const Huge = 1e300 * 1e300 / 1e300

func main() {
	fmt.Println(Small)
	var i int = F
	fmt.Println(i)
	var f float64 = 7
	fmt.Println(f / 2)
	fmt.Println(Pi, Pi*2)
	fmt.Println(Third, Third*3 == 1)
	fmt.Println(Huge)
	fmt.Println(7/2, 7/2.0, 7.0/2)
	x := 10
	fmt.Println(x/4, float64(x)/4)
	const c = 'a' + 1
	fmt.Println(c, string(rune(c)))
	var b byte = 'a' + 25
	fmt.Println(b)
	const s = "abc"
	const n = len(s)
	var arr [n * 2]int
	fmt.Println(len(arr), n)
	const t = true && !false
	fmt.Println(t)
	const mask = ^0
	fmt.Println(mask, mask&0xF)
	fmt.Println(Big/Big, (Big-1)%7)
	var y float64 = 1 << 62
	fmt.Println(y)
}
