package main

import "fmt"

type Meters float64
type Feet float64
type Count int
type Word string
type Bytes []byte

func toFeet(m Meters) Feet { return Feet(m * 3.28084) }

func main() {
	m := Meters(10)
	ft := toFeet(m)
	fmt.Println(m, ft, float64(ft) > 32)
	c := Count(3)
	c *= 4
	fmt.Println(c, int(c)+1, Count(int(c)/5))
	w := Word("hello")
	b := Bytes(w)
	b[0] = 'j'
	fmt.Println(w, string(b), Word(b))
	fmt.Println(len(w), w[1:3], w+"!")
	raw := []byte(b)
	fmt.Println(raw)
	mv := Meters(2.7)
	n := int(mv)
	fmt.Println(n)
	var x interface{} = Count(5)
	_, isInt := x.(int)
	cnt, isCount := x.(Count)
	fmt.Println(isInt, isCount, cnt)
}
