package main

import "fmt"

type Point struct{ X, Y int }
type Vec Point
type ID int
type Score float64
type Label string

func main() {
	p := Point{1, 2}
	v := Vec(p)
	v.X = 10
	fmt.Println(p, v, Point(v))
	id := ID(42)
	n := int(id) * 2
	fmt.Println(id, n, ID(n)+id)
	sc := Score(9.5)
	fmt.Println(sc, float64(sc)*2, int(sc))
	lb := Label("tag")
	fmt.Println(lb, string(lb)+"s", len(lb))
	ids := []ID{3, 1, 2}
	total := ID(0)
	for _, i := range ids {
		total += i
	}
	fmt.Println(total, ids)
	f := Score(id) / 4
	fmt.Println(f)
}
