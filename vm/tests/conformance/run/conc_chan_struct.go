package main

import "fmt"

type Point struct {
	X, Y int
}

type Order struct {
	ID    int
	Items []string
	Where Point
}

type Node struct {
	Val  int
	Next *Node
}

func main() {
	// structs travel by value
	ch := make(chan Point, 2)
	p := Point{1, 2}
	ch <- p
	p.X = 99
	q := <-ch
	fmt.Println(q, p)

	// nested struct with a slice: the struct is copied, the slice shares its array
	oc := make(chan Order)
	done := make(chan bool)
	items := []string{"apple", "pear"}
	go func() {
		o := <-oc
		o.ID = 1000
		o.Items[0] = "APPLE"
		o.Where.Y = -1
		fmt.Println("worker", o.ID, o.Items, o.Where)
		done <- true
	}()
	orig := Order{ID: 7, Items: items, Where: Point{3, 4}}
	oc <- orig
	<-done
	fmt.Println("main", orig.ID, orig.Items, orig.Where)

	// pointers to structs are shared
	pc := make(chan *Point)
	go func() {
		pp := <-pc
		pp.X += 10
		pp.Y += 20
		pc <- pp
	}()
	pt := &Point{1, 1}
	pc <- pt
	back := <-pc
	fmt.Println(*pt, back == pt)

	// a linked list built by one goroutine, handed over by pointer
	lc := make(chan *Node)
	go func() {
		var head *Node
		for i := 5; i >= 1; i-- {
			head = &Node{i, head}
		}
		lc <- head
	}()
	sum := 0
	for n := <-lc; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
		sum += n.Val
	}
	fmt.Println("sum", sum)

	// array values
	ac := make(chan [3]int, 1)
	arr := [3]int{1, 2, 3}
	ac <- arr
	arr[0] = 100
	fmt.Println(<-ac, arr)
}
