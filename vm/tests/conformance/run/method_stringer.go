package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type PtrOnly struct{ V int }

func (p *PtrOnly) String() string { return fmt.Sprintf("PtrOnly<%d>", p.V) }

type Level int

func (l Level) String() string {
	switch l {
	case 0:
		return "LOW"
	case 1:
		return "HIGH"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

type Wrapper struct {
	P     Point
	L     Level
	inner Point
}

func main() {
	p := Point{1, 2}
	fmt.Println(p, &p)
	fmt.Printf("%v %s %+v %d\n", p, p, p, p)
	fmt.Println([]Point{{1, 1}, {2, 2}})
	fmt.Println(map[string]Point{"a": {3, 4}})
	s := fmt.Sprint(p) + fmt.Sprintf("%v", p)
	fmt.Println(s)
	po := PtrOnly{5}
	fmt.Println(po, &po)
	fmt.Printf("%v %v\n", po, &po)
	fmt.Println(Level(0), Level(1), Level(7))
	fmt.Printf("%v %d %s|%6s|%-6s|\n", Level(1), Level(1), Level(0), Level(0), Level(1))
	w := Wrapper{Point{5, 6}, 1, Point{7, 8}}
	fmt.Println(w)
	fmt.Printf("%+v\n", w)
	var ip interface{} = p
	fmt.Println(ip)
	var np *PtrOnly
	_ = np
	fmt.Println([]*PtrOnly{{1}, {2}})
}
