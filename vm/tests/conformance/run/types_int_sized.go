package main

import "fmt"

type Color uint8

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string { return [...]string{"red", "green", "blue"}[c] }

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func main() {
	var a int8 = 127
	a++
	var b int16 = -32768
	b--
	var c uint16 = 0
	c--
	var d uint32 = 1 << 31
	d *= 2
	var e uint64 = 1 << 63
	e += e
	var f uint = 0
	f--
	var g int64 = -1 << 63
	g--
	fmt.Println(a, b, c, d, e, f, g)
	fmt.Printf("%d %x %X %o %b %v %T\n", f, f, uint8(200), uint16(8), uint8(5), uint64(1<<63), uint32(1))
	fmt.Printf("%x %x %d %T %T %T\n", int8(-1), int16(-2), int64(-5), int8(1), uintptr(2), int64(0))
	// Division, remainder, shifts.
	x := uint64(18446744073709551615)
	fmt.Println(x/3, x%7, x>>1, x>>63, x<<1, int64(x), uint64(int64(g+9223372036854775800))/2)
	var n uint = 70
	s8m := int8(-128)
	one := 1
	fmt.Println(1<<(n-64), one<<n, x>>n, s8m/int8(-1), int8(-7)%3, uint8(255)/uint8(2))
	var s8 int8 = -100
	fmt.Println(s8>>2, s8<<1, s8*3, -s8, ^s8, ^uint8(1), ^uint32(0))
	// Comparisons.
	big, small := uint64(1)<<63, uint64(5)
	fmt.Println(big > small, big < small, big >= small, small <= big, int64(big) < int64(small))
	u32 := uint32(0xffffffff)
	fmt.Println(u32 > 5, u32+1, u32*u32, int32(u32), int(u32))
	// Conversions with floats.
	fl := 1.5e19
	fmt.Println(float64(x), float64(uint32(4000000000)), uint64(1e19), uint8(255.0), int8(fl/-4e18), uint32(3.99e9))

	fmt.Println(uint64(fl), int64(-fl/1e19), uint(fl), float64(uint64(1<<63)+1))
	// Hash arithmetic in uint32.
	fmt.Println(hash("hello"), hash(""), hash("jitlab"))
	// Maps and switches keyed by sized ints.
	m := map[uint64]string{1 << 63: "big", 1: "one"}
	m2 := map[int8]int{-1: 10, 127: 20}
	fmt.Println(m[1<<63], m[1], m2[-1]+m2[127], len(m))
	switch v := uint16(65535); v {
	case 65535:
		fmt.Println("max uint16")
	default:
		fmt.Println("other")
	}
	fmt.Println(Red, Blue, Color(1), uint8(Blue))
	fmt.Printf("%v %d %s\n", Green, Green, Blue)
	var iface interface{} = uint32(7)
	switch v := iface.(type) {
	case int:
		fmt.Println("int", v)
	case uint32:
		fmt.Println("uint32", v+1)
	}
	_, ok := iface.(uint64)
	fmt.Println(ok)
	// Loops with unsigned counters.
	sum := uint8(0)
	for i := uint8(250); i != 4; i++ {
		sum += i
	}
	fmt.Println(sum)
	var acc uint64 = 14695981039346656037
	for i := 0; i < 10; i++ {
		acc ^= uint64(i)
		acc *= 1099511628211
	}
	fmt.Println(acc, acc%1000, acc/1000000007)
	arr := []uint16{3, 65535, 1}
	arr[0] += arr[1]
	fmt.Println(arr, string(rune(uint32(0x4e16))), string(rune(65)))
	var k uint = 3
	fmt.Println(k*k-10, int(k)-10, uint(int(k)-10) > 0)
	const big2 = 1 << 40
	fmt.Println(uint64(big2), int64(big2)>>39, uint32(big2>>20))
}
