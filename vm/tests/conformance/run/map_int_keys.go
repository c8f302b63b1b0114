package main

import "fmt"

func main() {
	squares := map[int]int{}
	for i := -3; i <= 3; i++ {
		squares[i] = i * i
	}
	fmt.Println(squares)
	names := map[int]string{10: "ten", 2: "two", -1: "minus one", 100: "hundred"}
	fmt.Println(names)
	fmt.Println(names[2], names[3] == "")
	byteKeys := map[int]byte{}
	for _, c := range []byte("hello") {
		byteKeys[int(c)]++
	}
	fmt.Println(byteKeys)
	big := map[int]bool{9223372036854775807: true, -9223372036854775808: true, 0: false}
	fmt.Println(big)
	collatz := map[int]int{}
	for n := 27; n != 1; {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		collatz[n%10]++
	}
	fmt.Println(collatz)
}
