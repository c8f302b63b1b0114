package main

import "fmt"

type Celsius float64
type Fahrenheit float64
type Meters int
type Name string
type Flag bool

func (c Celsius) ToF() Fahrenheit { return Fahrenheit(c*9/5 + 32) }
func (f Fahrenheit) ToC() Celsius { return Celsius((f - 32) * 5 / 9) }
func (c Celsius) String() string  { return fmt.Sprintf("%.1f°C", float64(c)) }

func (m Meters) Add(o Meters) Meters { return m + o }
func (n Name) Greet() string         { return "hi " + string(n) }
func (f Flag) Not() Flag             { return !f }

func main() {
	c := Celsius(100)
	fmt.Println(c, c.ToF(), c.ToF().ToC())
	fmt.Println(Celsius(-40).ToF(), float64(c)/3)
	var f Fahrenheit = 212
	fmt.Println(f, f.ToC())
	m := Meters(5)
	fmt.Println(m.Add(7), m*3, m > 3)
	var n Name = "gopher"
	fmt.Println(n.Greet(), len(n), n+"!", n[0])
	fl := Flag(true)
	fmt.Println(fl.Not(), !fl)
	temps := []Celsius{10, 20.5}
	fmt.Println(temps)
	sum := Celsius(0)
	for _, t := range temps {
		sum += t
	}
	fmt.Println(sum, float64(sum))
	x := int(m) + 1
	fmt.Println(x)
	fmt.Printf("%v %.2f %s\n", c, c, c)
}
