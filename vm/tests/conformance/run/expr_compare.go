package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	fmt.Println(1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 5 == 5, 5 != 5)
	fmt.Println(1.5 < 2.5, -0.0 == 0.0, 0.1+0.2 == 0.3)
	fmt.Println("abc" < "abd", "ab" < "abc", "b" > "abc", "" < "a", "Z" < "a", "x" == "x")
	fmt.Println(true == true, true != false)
	p, q := Point{1, 2}, Point{1, 2}
	fmt.Println(p == q, p != q, p == Point{2, 1})
	a1, a2 := [3]int{1, 2, 3}, [3]int{1, 2, 3}
	fmt.Println(a1 == a2, a1 != [3]int{1, 2, 4})
	pp, pq := &p, &p
	fmt.Println(pp == pq, pp == &q, pp != nil)
	var np *Point
	fmt.Println(np == nil)
	var i1, i2 interface{} = 3, 3
	fmt.Println(i1 == i2, i1 == interface{}(4), i1 == interface{}("3"))
	var e1, e2 interface{}
	fmt.Println(e1 == e2, e1 == nil)
	var s []int
	var m map[string]int
	var f func()
	fmt.Println(s == nil, m == nil, f == nil)
	var bs byte = 10
	fmt.Println(bs < 200, bs == 10)
	sa := []string{"pear", "apple", "fig"}
	min := sa[0]
	for _, v := range sa {
		if v < min {
			min = v
		}
	}
	fmt.Println(min)
	var ip1, ip2 interface{} = Point{1, 2}, Point{1, 2}
	fmt.Println(ip1 == ip2)
}
