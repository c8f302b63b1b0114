package main

import (
	"fmt"
	"island"
)

type Node struct {
	Val  int
	Next *Node
}

type Job struct {
	ID    int
	Name  string
	Data  []int
	Tags  map[string]int
	Items [3]float64
	Reply island.Port
}

// squarer answers each int it receives with its square until the port closes.
func squarer(p island.Port) {
	for {
		v, ok := p.Recv()
		if !ok {
			break
		}
		n := v.(int)
		p.Send(n * n)
	}
}

// worker receives jobs and replies on the port each job carries.
func worker(p island.Port) {
	for {
		v, ok := p.Recv()
		if !ok {
			return
		}
		j := v.(Job)
		sum := 0
		for _, d := range j.Data {
			sum += d
		}
		j.Data[0] = -1 // a copy: the sender does not see this
		j.Reply.Send(fmt.Sprintf("job %d %s sum=%d tags=%d items=%v", j.ID, j.Name, sum, j.Tags["a"]+j.Tags["b"], j.Items))
	}
}

// echo sends back whatever it gets, once.
func echo(p island.Port) {
	v, _ := p.Recv()
	p.Send(v)
}

func main() {
	// An unbuffered port, used in both directions.
	p := island.NewPort(0)
	island.Go(squarer, p)
	total := 0
	for i := 1; i <= 10; i++ {
		p.Send(i)
		v, _ := p.Recv()
		total += v.(int)
	}
	fmt.Println("sum of squares:", total)
	p.Close()

	// Structured values, copied deeply; a port inside a value.
	jobs := island.NewPort(4)
	replies := island.NewPort(4)
	island.Go(worker, jobs)
	data := []int{1, 2, 3, 4}
	for i := 0; i < 3; i++ {
		jobs.Send(Job{ID: i, Name: "j" + fmt.Sprint(i), Data: data, Tags: map[string]int{"a": i, "b": 10}, Items: [3]float64{1.5, float64(i), 2}, Reply: replies})
	}
	for i := 0; i < 3; i++ {
		v, _ := replies.Recv()
		fmt.Println(v.(string))
	}
	fmt.Println("data after:", data)
	jobs.Close()

	// Pointers: sharing and cycles survive the copy.
	ring := &Node{Val: 1}
	ring.Next = &Node{Val: 2, Next: ring}
	e := island.NewPort(0)
	island.Go(echo, e)
	e.Send(ring)
	v, _ := e.Recv()
	r := v.(*Node)
	fmt.Println(r.Val, r.Next.Val, r.Next.Next.Val, r.Next.Next == r, r == ring)

	// A slice of strings, echoed by another island (unbuffered: no race with our
	// own receive).
	e2 := island.NewPort(0)
	island.Go(echo, e2)
	e2.Send([]string{"x", "y", ""})
	w, _ := e2.Recv()
	fmt.Println(w.([]string), len(w.([]string)))

	// nil, floats and bools through a buffered port, within this island.
	b := island.NewPort(8)
	b.Send(nil)
	b.Send(3.25)
	b.Send(true)
	for i := 0; i < 3; i++ {
		x, ok := b.Recv()
		fmt.Println(x, ok)
	}
	b.Close()
	x, ok := b.Recv()
	fmt.Println("after close:", x, ok)
	var zero island.Port
	var zero2 island.Port
	fmt.Println(zero == zero2, b == b, b == p)
}
