package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	groups := map[string][]string{}
	for _, w := range []string{"apple", "avocado", "banana", "blueberry", "cherry", "apricot"} {
		k := string(w[0])
		groups[k] = append(groups[k], w)
	}
	fmt.Println(groups)
	fmt.Println(len(groups["a"]), groups["z"] == nil)

	pts := map[string]Point{"o": {0, 0}}
	p := pts["o"]
	p.X = 5
	pts["o"] = p
	pts["q"] = Point{Y: 3}
	fmt.Println(pts)

	pp := map[string]*Point{"a": {1, 1}}
	pp["a"].X = 10
	pp["a"].Y++
	fmt.Println(*pp["a"])

	nested := map[string]map[string]int{}
	add := func(a, b string) {
		inner, ok := nested[a]
		if !ok {
			inner = map[string]int{}
			nested[a] = inner
		}
		inner[b]++
	}
	add("x", "y")
	add("x", "y")
	add("x", "z")
	add("w", "y")
	fmt.Println(nested, len(nested["x"]))

	counts := map[string][2]int{}
	arr := counts["k"]
	arr[1] = 4
	counts["k"] = arr
	fmt.Println(counts)

	funcs := map[string]func(int) int{"double": func(x int) int { return 2 * x }}
	fmt.Println(funcs["double"](21), funcs["missing"] == nil)

	ifs := map[string]interface{}{"n": 1, "s": "str", "f": 1.5, "b": true, "nil": nil, "sl": []int{1}}
	fmt.Println(ifs)
}
