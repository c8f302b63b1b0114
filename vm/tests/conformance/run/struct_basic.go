package main

import "fmt"

type Person struct {
	Name string
	Age  int
	Tags []string
}

type Empty struct{}

func main() {
	p := Person{"Alice", 30, nil}
	q := Person{Name: "Bob"}
	var r Person
	fmt.Println(p, q, r)
	fmt.Println(p.Name, p.Age, q.Age, r.Name == "")
	q.Age = 25
	q.Tags = append(q.Tags, "admin")
	fmt.Println(q)
	p.Age++
	p.Age += 10
	fmt.Println(p.Age)
	fmt.Printf("%v|%+v\n", p, q)
	e := Empty{}
	fmt.Println(e, e == Empty{})
	people := []Person{p, q}
	people[0].Name = "Alicia"
	fmt.Println(people[0].Name, p.Name)
	type Local struct {
		A int
		B string
	}
	l := Local{1, "x"}
	fmt.Println(l)
}
