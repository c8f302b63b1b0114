package main

import "fmt"

func main() {
	fmt.Println(2+3*4, (2+3)*4, 10-4-3, 100/10/5, 2*3%4)
	fmt.Println(1<<2+1, 1<<(2+1), 6&3+1, 6|1^3, 7&^2|8)
	fmt.Println(-2*3, -(2 * 3), ^1+1, - -3)
	fmt.Println(1+2 == 3, 2 < 3 == true, 1 != 2 && 3 > 2 || false)
	fmt.Println(5-3-1, 5-(3-1), 64>>2>>1, 8*2/4*3)
	x := 3
	fmt.Println(x*x+2*x+1, x*(x+2)+1, -x*-x, x%2*3, x/2*2)
	a := []int{1, 2, 3}
	fmt.Println(a[1]*a[2]+a[0], len(a)*2-1)
	fmt.Println(!(x > 2) || x == 3, !false && false)
	fmt.Println(1+2<<3, (1+2)<<3, 1+(2<<3))
}
