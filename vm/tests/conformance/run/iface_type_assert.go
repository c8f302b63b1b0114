package main

import "fmt"

type Animal interface{ Sound() string }
type Dog struct{ Name string }
type Cat struct{ Name string }

func (d Dog) Sound() string  { return d.Name + ": woof" }
func (c *Cat) Sound() string { return c.Name + ": meow" }
func (d Dog) Fetch() string  { return d.Name + " fetches" }

type Fetcher interface{ Fetch() string }

func main() {
	var a Animal = Dog{"rex"}
	d := a.(Dog)
	fmt.Println(d.Name, d.Fetch())
	c, ok := a.(*Cat)
	fmt.Println(c == nil, ok)
	if f, ok := a.(Fetcher); ok {
		fmt.Println("fetcher:", f.Fetch())
	}
	a = &Cat{"tom"}
	if _, ok := a.(Fetcher); !ok {
		fmt.Println("cat cannot fetch")
	}
	fmt.Println(a.(*Cat).Name)
	var x interface{} = 42
	n, ok := x.(int)
	fmt.Println(n, ok)
	s, ok := x.(string)
	fmt.Printf("%q %v\n", s, ok)
	f, ok := x.(float64)
	fmt.Println(f, ok)
	x = "hello"
	fmt.Println(x.(string) + " world")
	var empty interface{}
	_, ok = empty.(int)
	fmt.Println(ok)
	var an Animal
	_, ok = an.(Dog)
	fmt.Println(ok)
	x = Dog{"fido"}
	an2, ok := x.(Animal)
	fmt.Println(an2.Sound(), ok)
	x = Cat{"value cat"}
	_, ok = x.(Animal)
	fmt.Println("Cat value is Animal:", ok)
	_, ok = x.(interface{})
	fmt.Println(ok)
}
