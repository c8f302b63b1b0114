package main

import "fmt"

type Ring struct {
	data       []int
	head, size int
}

type FullError int

func (e FullError) Error() string { return fmt.Sprintf("ring full (capacity %d)", int(e)) }

func NewRing(n int) *Ring { return &Ring{data: make([]int, n)} }

func (r *Ring) Push(v int) error {
	if r.size == len(r.data) {
		return FullError(len(r.data))
	}
	r.data[(r.head+r.size)%len(r.data)] = v
	r.size++
	return nil
}

func (r *Ring) Pop() (int, bool) {
	if r.size == 0 {
		return 0, false
	}
	v := r.data[r.head]
	r.head = (r.head + 1) % len(r.data)
	r.size--
	return v, true
}

func (r *Ring) Slice() []int {
	out := make([]int, r.size)
	for i := 0; i < r.size; i++ {
		out[i] = r.data[(r.head+i)%len(r.data)]
	}
	return out
}

func main() {
	r := NewRing(4)
	for i := 1; i <= 5; i++ {
		if err := r.Push(i * 11); err != nil {
			fmt.Println("push", i, "->", err)
		}
	}
	fmt.Println(r.Slice(), r.data)
	a, _ := r.Pop()
	b, _ := r.Pop()
	fmt.Println(a, b, r.Slice())
	r.Push(66)
	r.Push(77)
	fmt.Println(r.Slice(), r.data, r.head)
	for {
		v, ok := r.Pop()
		if !ok {
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	fmt.Println(r.Slice(), len(r.Slice()))
	// moving average over a window
	win := NewRing(3)
	sum := 0
	for _, x := range []int{3, 6, 9, 12, 15, 18} {
		if win.Push(x) != nil {
			old, _ := win.Pop()
			sum -= old
			win.Push(x)
		}
		sum += x
		fmt.Printf("%.2f ", float64(sum)/float64(win.size))
	}
	fmt.Println()
}
