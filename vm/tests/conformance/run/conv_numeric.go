package main

import "fmt"

func main() {
	i := 7
	f := float64(i) / 2
	fmt.Println(f, int(f), int(-f))
	for _, v := range []float64{2.9, -2.9, 0.999, -0.999, 1e15, 123456.789} {
		fmt.Println(v, int(v))
	}
	big := 1 << 53
	fmt.Println(float64(big), float64(big+1), int(float64(big+1)))
	b := byte(65)
	fmt.Println(int(b), float64(b), string(b))
	n := 300
	fmt.Println(byte(n), byte(n+212), byte(-n))
	neg := -1
	fmt.Println(byte(neg))
	var r rune = 'é'
	fmt.Println(int(r), byte(r), string(r))
	x := 3.99
	fmt.Println(byte(x), int(x*100))
	fmt.Println(float64(1)/3*3 == 1, int(0.1*10))
	h := 0.1
	fmt.Println(int(h*10), int(h*3*10))
	c := 'a' + 2
	fmt.Println(c, string(rune(c)))
	d := int('z' - 'a')
	fmt.Println(d)
}
