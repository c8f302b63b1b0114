package main

import "fmt"

func main() {
	x := 1
	fmt.Println(x<<0, x<<1, x<<10, x<<62, x<<63, x<<64, x<<100)
	y := -16
	fmt.Println(y>>1, y>>2, y>>4, y>>5, y>>63, y>>64, y>>200)
	z := 1 << 62
	fmt.Println(z>>61, z>>62, z>>63)
	fmt.Println(-1<<3, -8>>1)
	s := 3
	fmt.Println(5<<s, 40>>s, 1<<s<<s)
	var b byte = 0x81
	fmt.Println(b<<1, b>>1, b<<7, b<<8)
	m := 0x7FFFFFFFFFFFFFFF
	fmt.Println(m<<1, m>>62)
	var n int = 6
	var count uint8 = 2
	fmt.Println(n<<count, n>>count)
	const c = 1 << 40
	fmt.Println(c, c>>20)
	fmt.Println(1<<s == 8, 2<<s)
}
