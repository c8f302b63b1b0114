package main

import "fmt"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var names = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

func (d Weekday) String() string { return names[d] }

func (d Weekday) Next() Weekday { return (d + 1) % 7 }

type Color int

const (
	Red Color = iota + 1
	Green
	Blue
)

func main() {
	fmt.Println(Sunday, Wednesday, Saturday)
	fmt.Println(Saturday.Next(), Monday.Next())
	fmt.Printf("%v %d %s\n", Friday, Friday, Friday)
	d := Tuesday
	d++
	fmt.Println(d, int(d))
	fmt.Println(Red, Green, Blue, Blue-Red)
	const typed int = 7
	const f float64 = 2.5
	fmt.Println(typed*2, f*2)
	days := []Weekday{Monday, Sunday}
	fmt.Println(days)
}
