// Exits from deep inside loops, with many values live in registers: a bounds check
// and a nil check that fail (a recovered panic continues after the frame's defers), a
// division by zero, a channel operation that blocks (the goroutine parks and resumes
// mid-loop), and preemption at back edges while goroutines take turns. Every value
// the interpreter reads after native code leaves must be in the frame.
package main

import "fmt"

type box struct {
	v    int
	next *box
	tag  string
}

func sweep(xs []int, limit int, pick *box) (sum int, err string) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Sprint(r)
		}
	}()
	a, b, c := 1, 2, 3
	f := 0.5
	p := &box{v: 10, tag: "p"}
	for i := 0; i < 40; i++ {
		for j := 0; j < 40; j++ {
			a += i
			b ^= j
			c += a & 7
			f = f*1.0001 + 0.25
			q := &box{v: i * j, next: p, tag: "q"}
			p = q.next
			sum += xs[(i*40+j)%limit] + a + b + c + q.v + len(q.tag)
			if i == 39 && j == 38 {
				sum += pick.v
			}
		}
	}
	return sum + int(f), ""
}

func divide(n, d int) (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = -n
		}
	}()
	acc := 0
	for i := 0; i < n; i++ {
		for k := 0; k < 3; k++ {
			acc += i * k
			if i == n-1 && k == 2 {
				acc += n / d
			}
		}
	}
	return acc
}

func producer(ch chan int, done chan int) {
	x, y := 1, 1
	s := &box{v: 3, tag: "s"}
	for i := 0; i < 30; i++ {
		for j := 0; j < 3; j++ {
			x, y = y, (x+y)%1000003
			s = &box{v: s.v + j, next: s, tag: s.tag}
		}
		ch <- x + s.v + len(s.tag)
	}
	close(ch)
	done <- y + s.next.v
}

func spin(id int, n int, out chan int) {
	v := id
	r := &box{v: id}
	for i := 0; i < n; i++ {
		for j := 0; j < 100; j++ {
			v = (v*31 + j) % 65521
		}
		r = &box{v: r.v + 1, next: r}
	}
	out <- v + r.v
}

func main() {
	xs := make([]int, 100)
	for i := range xs {
		xs[i] = i * 3
	}
	fmt.Println(sweep(xs, 100, &box{v: 5}))
	fmt.Println(sweep(xs, 101, &box{v: 5}))
	fmt.Println(sweep(xs, 100, nil))
	fmt.Println(divide(50, 0), divide(50, 7))

	ch, done := make(chan int), make(chan int)
	go producer(ch, done)
	total := 0
	for v := range ch {
		total += v
	}
	fmt.Println(total, <-done)

	out := make(chan int)
	for id := 1; id <= 3; id++ {
		go spin(id, 400, out)
	}
	fmt.Println(<-out + <-out + <-out)
}
