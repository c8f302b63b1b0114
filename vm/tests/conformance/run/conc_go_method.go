package main

import "fmt"

type Acc struct {
	name  string
	total int
}

// Pointer receiver: mutates the shared value.
func (a *Acc) add(vals []int, done chan bool) {
	for _, v := range vals {
		a.total += v
	}
	done <- true
}

// Value receiver: works on the copy made at the go statement.
func (a Acc) report(out chan string) {
	a.total += 1000
	out <- fmt.Sprintf("%s:%d", a.name, a.total)
}

type Speaker interface {
	Speak(out chan string)
}

type Dog struct{ name string }
type Cat struct{ lives int }

func (d Dog) Speak(out chan string)  { out <- d.name + " says woof" }
func (c *Cat) Speak(out chan string) { c.lives--; out <- fmt.Sprintf("cat has %d lives", c.lives) }

type Named int

func (n Named) double(out chan int) { out <- int(n) * 2 }

func main() {
	done := make(chan bool)
	out := make(chan string)

	a := &Acc{name: "acc"}
	go a.add([]int{1, 2, 3}, done)
	<-done
	go a.add([]int{10, 20}, done)
	<-done
	fmt.Println(a.name, a.total)

	v := Acc{name: "val", total: 5}
	go v.report(out)
	fmt.Println(<-out)
	fmt.Println("v unchanged:", v.total)

	// method call through a pointer with a value receiver
	go a.report(out)
	fmt.Println(<-out)
	fmt.Println("a unchanged:", a.total)

	// interface method calls
	cat := &Cat{lives: 9}
	speakers := []Speaker{Dog{"rex"}, cat, Dog{"fido"}, cat}
	for _, s := range speakers {
		go s.Speak(out)
		fmt.Println(<-out)
	}
	fmt.Println("cat lives", cat.lives)

	// method on a named non-struct type
	ints := make(chan int)
	n := Named(21)
	go n.double(ints)
	fmt.Println(<-ints)
}
