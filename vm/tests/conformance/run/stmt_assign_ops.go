package main

import "fmt"

func main() {
	x := 100
	x += 5
	fmt.Println("+=", x)
	x -= 10
	fmt.Println("-=", x)
	x *= 3
	fmt.Println("*=", x)
	x /= 7
	fmt.Println("/=", x)
	x %= 11
	fmt.Println("%=", x)
	x = 0xF0
	x &= 0x3C
	fmt.Println("&=", x)
	x |= 0x03
	fmt.Println("|=", x)
	x ^= 0xFF
	fmt.Println("^=", x)
	x <<= 4
	fmt.Println("<<=", x)
	x >>= 2
	fmt.Println(">>=", x)
	x &^= 0x30
	fmt.Println("&^=", x)
	x++
	fmt.Println("++", x)
	x--
	x--
	fmt.Println("--", x)

	f := 1.5
	f += 2.25
	f *= 2
	f -= 0.5
	f /= 4
	fmt.Println(f)
	f++
	fmt.Println(f)

	s := "ab"
	s += "cd"
	s += s
	fmt.Println(s)

	var b byte = 250
	b += 10
	fmt.Println(b)
	b--
	b -= 4
	fmt.Println(b)

	arr := []int{1, 2, 3}
	arr[1] += 40
	arr[2] *= arr[1]
	arr[0]++
	fmt.Println(arr)

	m := map[string]int{}
	m["a"] += 5
	m["a"]++
	m["b"]--
	fmt.Println(m)
}
