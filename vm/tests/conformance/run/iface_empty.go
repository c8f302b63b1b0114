package main

import "fmt"

type P struct{ A, B int }

func main() {
	var xs []interface{}
	xs = append(xs, 1, "two", 3.5, true, nil, P{1, 2}, &P{3, 4}, []int{5}, map[string]int{"k": 6}, byte(7), 'x')
	fmt.Println(xs...) // a pointer to a struct prints as &{...} only at top level
	xs[6] = "ptr"
	fmt.Println(xs)
	fmt.Printf("%v\n", xs)
	fmt.Println(len(xs))
	var e interface{}
	fmt.Println(e == nil, e)
	e = 0
	fmt.Println(e == nil, e == 0, e == 0.0)
	e = xs
	inner := e.([]interface{})
	fmt.Println(len(inner), inner[1])
	m := map[string]interface{}{"int": 1, "list": []interface{}{1, "a"}, "nested": map[string]interface{}{"x": nil}}
	fmt.Println(m)
	sum := 0
	for _, v := range []interface{}{1, "x", 2, 3.0, 4} {
		if n, ok := v.(int); ok {
			sum += n
		}
	}
	fmt.Println(sum)
	var a, b interface{} = "s", "s"
	fmt.Println(a == b)
	a, b = P{1, 2}, P{1, 2}
	fmt.Println(a == b)
	a, b = 1, 1.0
	fmt.Println(a == b)
}
