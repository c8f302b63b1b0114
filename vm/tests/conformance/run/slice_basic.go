package main

import "fmt"

func main() {
	s := make([]int, 3)
	fmt.Println(s, len(s), cap(s))
	t := make([]int, 2, 10)
	fmt.Println(t, len(t), cap(t))
	u := []string{"a", "b", "c"}
	u[1] = "B"
	fmt.Println(u, len(u), cap(u))
	var v []float64
	fmt.Println(v, len(v), cap(v), v == nil)
	v = append(v, 1.5)
	fmt.Println(v, len(v))
	w := []bool{true, false}
	fmt.Println(w[0] && !w[1])
	for i := range s {
		s[i] = i * i
	}
	fmt.Println(s)
	nested := [][]string{{"x"}, {"y", "z"}}
	nested[1][0] = "Y"
	fmt.Println(nested, len(nested[1]))
	bs := make([]byte, 4)
	bs[0] = 'g'
	bs[1] = 'o'
	fmt.Println(bs, string(bs[:2]))
	e := []int{}
	fmt.Println(e, len(e), e == nil)
}
