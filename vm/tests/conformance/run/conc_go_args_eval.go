package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) show(label string, done chan bool) {
	fmt.Println(label, p.X, p.Y)
	done <- true
}

func (p *Point) showPtr(label string, done chan bool) {
	fmt.Println(label, p.X, p.Y)
	done <- true
}

func trace(s string, v int) int {
	fmt.Println("evaluating", s)
	return v
}

func get(x int, y int, p Point, s []int, start chan bool, done chan bool) {
	<-start
	fmt.Println("goroutine sees", x, y, p, s)
	done <- true
}

func first(done chan bool) {
	fmt.Println("first function ran")
	done <- true
}

func second(done chan bool) {
	fmt.Println("second function ran")
	done <- true
}

func main() {
	done := make(chan bool)
	start := make(chan bool)

	// Arguments are evaluated in main, in order, at the go statement.
	x := 1
	p := Point{1, 2}
	s := []int{1, 2, 3}
	go get(x, trace("y", 7), p, s, start, done)
	fmt.Println("after go statement")
	x = 100
	p.X = 100
	s[0] = 100 // the slice header was copied, the backing array is shared
	s = append(s, 4)
	start <- true
	<-done

	// The receiver of a value method is copied at the go statement.
	q := Point{3, 4}
	go q.show("value receiver", done)
	q.X = 300
	<-done

	// The receiver pointer is evaluated at the go statement.
	r := &Point{5, 6}
	other := &Point{7, 8}
	go r.showPtr("pointer receiver", done)
	r = other
	<-done
	fmt.Println("r now", r.X, r.Y)

	// The function value itself is evaluated at the go statement.
	f := first
	go f(done)
	f = second
	<-done
	go f(done)
	<-done

	// A closure's arguments are evaluated at the go statement too.
	n := 5
	go func(k int, label string) {
		fmt.Println(label, k)
		done <- true
	}(trace("k", n*2), fmt.Sprint("closure n=", n))
	n = 50
	<-done
	fmt.Println("n", n)
}
