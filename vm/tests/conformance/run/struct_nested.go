package main

import "fmt"

type Address struct {
	City string
	Zip  int
}

type Employee struct {
	Name    string
	Addr    Address
	Skills  []string
	Meta    map[string]int
	Manager *Employee
	Scores  [3]int
}

func main() {
	boss := &Employee{Name: "Boss", Addr: Address{"Paris", 75001}}
	e := Employee{
		Name:    "Eve",
		Addr:    Address{City: "Lyon"},
		Skills:  []string{"go", "rust"},
		Meta:    map[string]int{"level": 3},
		Manager: boss,
		Scores:  [3]int{9, 8, 7},
	}
	fmt.Println(e.Name, e.Addr.City, e.Addr.Zip, e.Skills[1], e.Meta["level"], e.Manager.Name, e.Scores[2])
	e.Addr.Zip = 69001
	e.Manager.Addr.City = "Nice"
	fmt.Println(e.Addr, boss.Addr)
	fmt.Printf("%+v\n", e.Addr)
	fmt.Println(*e.Manager)
	e.Meta["level"]++
	e.Skills = append(e.Skills, "c")
	fmt.Println(e.Meta, e.Skills, len(e.Skills))
	team := []Employee{e, *boss}
	team[1].Addr.Zip++
	fmt.Println(team[1].Addr.Zip, boss.Addr.Zip)
	fmt.Println(team[0].Manager.Manager == nil)
}
