package main

import "fmt"

type celsius float64

type flag bool

func main() {
	// print and println write to stderr in the runtime's own format; fmt's output on
	// stdout is unaffected.
	fmt.Println("stdout first")
	x := 42
	println("int", x, -x, 0)
	println("float", 1.5, -2.25e-10, 1e300, 123456789.0, 0.1, 9.99999999)
	var z float64
	println("specials", z, -z, 1/z, -1/z, z/z)
	println("bool", true, x > 50)
	println("rune and byte", 'a', byte(200), rune(-1))
	println("named", celsius(36.6), flag(true))
	s := "héllo"
	println(s, len(s), s[1:3])
	print("no", "spaces", 7, 2.5, "\n")
	print()
	println()
	for i := 0; i < 3; i++ {
		print(i)
	}
	println()
	fmt.Println("stdout last")
}
