package main

import "fmt"

type Shape interface {
	Area() int
	Name() string
}

type Rect struct{ W, H int }
type Square struct{ S int }

func (r Rect) Area() int       { return r.W * r.H }
func (r Rect) Name() string    { return "rect" }
func (s *Square) Area() int    { return s.S * s.S }
func (s *Square) Name() string { return "square" }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("error code %d", e.Code) }

func check(n int, out chan error) {
	if n%2 == 1 {
		out <- &MyErr{n}
		return
	}
	out <- nil
}

func main() {
	sc := make(chan Shape)
	go func() {
		sc <- Rect{2, 3}
		sc <- &Square{4}
		sc <- Rect{5, 5}
		close(sc)
	}()
	total := 0
	for s := range sc {
		fmt.Println(s.Name(), s.Area())
		total += s.Area()
	}
	fmt.Println("total", total)

	// empty interface values of mixed dynamic types
	ac := make(chan interface{}, 6)
	ac <- 1
	ac <- "two"
	ac <- 3.5
	ac <- Rect{1, 1}
	ac <- nil
	ac <- []int{6}
	close(ac)
	for v := range ac {
		switch x := v.(type) {
		case int:
			fmt.Println("int", x)
		case string:
			fmt.Println("string", x)
		case float64:
			fmt.Println("float64", x)
		case Shape:
			fmt.Println("shape", x.Name())
		case nil:
			fmt.Println("nil")
		default:
			fmt.Println("other", x)
		}
	}

	// error channel: nil and non-nil errors
	ec := make(chan error)
	for i := 0; i < 4; i++ {
		go check(i, ec)
		err := <-ec
		if err != nil {
			fmt.Println(i, "failed:", err)
		} else {
			fmt.Println(i, "ok")
		}
	}

	// type assertion on a received interface
	sc2 := make(chan Shape, 1)
	sc2 <- &Square{3}
	if sq, ok := (<-sc2).(*Square); ok {
		fmt.Println("asserted square side", sq.S)
	}

	// a channel stored in an interface
	var box interface{} = make(chan int, 1)
	if c, ok := box.(chan int); ok {
		c <- 11
		fmt.Println("from boxed chan", <-c)
	}
	_, isRecvOnly := box.(<-chan int)
	fmt.Println("is <-chan int:", isRecvOnly)
}
