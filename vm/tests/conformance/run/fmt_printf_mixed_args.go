package main

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type ID int

func main() {
	var id ID = 7
	fmt.Printf("%v %d %x %5d\n", id, id, id, id)
	c := Celsius(36.6)
	fmt.Printf("%v %s %f %.3f %g\n", c, c, c, c, c)
	fmt.Printf("%d apples and %s\n", 3, "pears")
	fmt.Printf("%v %v %v\n", []ID{1, 2}, map[ID]string{2: "b", 1: "a"}, [2]Celsius{1, 2})
	args := []interface{}{"x", 1, true}
	fmt.Printf("%s-%d-%t\n", args...)
	fmt.Println(fmt.Sprintf("%v|%v", "only", "two"))
	var b byte = 65
	fmt.Printf("%v %d %c %x %q\n", b, b, b, b, b)
	bs := []byte{1, 171, 255}
	fmt.Printf("%v %x %X %d\n", bs, bs, bs, bs)
	fmt.Printf("%6.2v|%.3v|%10v|\n", 3.14159, "abcdef", []int{1, 2})
}
