package main

import "fmt"

func main() {
	a, b := 17, 5
	fmt.Println(a+b, a-b, a*b, a/b, a%b)
	fmt.Println(-a/b, -a%b, a/-b, a%-b, -a/-b, -a%-b)
	fmt.Println(7/2, -7/2, 7%3, -7%3, 7%-3)
	x := -1
	fmt.Println(x/2, x%2, (x-1)/2)
	fmt.Println(0/b, 0%b)
	// identity: (a/b)*b + a%b == a
	for _, p := range [][2]int{{17, 5}, {-17, 5}, {17, -5}, {-17, -5}, {3, 7}, {-3, 7}} {
		q, r := p[0]/p[1], p[0]%p[1]
		fmt.Println(p[0], p[1], q, r, q*p[1]+r == p[0])
	}
	fmt.Println(-a, +a, -(-a))
	fmt.Println(1+2*3-4/2%3, (1+2)*(3-4))
	n := 1
	for i := 1; i <= 20; i++ {
		n *= i
	}
	fmt.Println("20! =", n)
}
