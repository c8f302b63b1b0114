package main

import "fmt"

type Outcome struct {
	ID  int
	Val int
	Err string
}

// safeDiv runs in its own goroutine and turns a panic into an error result.
func safeDiv(id, a, b int, out chan<- Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out <- Outcome{id, 0, fmt.Sprint(r)}
		}
	}()
	out <- Outcome{id, a / b, ""}
}

func risky(kind int) {
	switch kind {
	case 0:
		panic("plain string")
	case 1:
		var xs []int
		_ = xs[kind]
	case 2:
		var m map[string]int
		m["x"] = 1
	case 3:
		panic(fmt.Sprintf("formatted %d", kind*10))
	}
}

func main() {
	out := make(chan Outcome)
	inputs := [][2]int{{10, 2}, {7, 0}, {9, 3}, {1, 0}}
	for i, in := range inputs {
		go safeDiv(i, in[0], in[1], out)
	}
	results := make([]Outcome, len(inputs))
	for range inputs {
		o := <-out
		results[o.ID] = o
	}
	for _, r := range results {
		if r.Err != "" {
			fmt.Println(r.ID, "error:", r.Err)
		} else {
			fmt.Println(r.ID, "value:", r.Val)
		}
	}

	// recover in a goroutine, then the goroutine keeps working
	msgs := make(chan string)
	go func() {
		for k := 0; k < 5; k++ {
			func() {
				defer func() {
					if r := recover(); r != nil {
						msgs <- fmt.Sprint("kind ", k, ": ", r)
					}
				}()
				risky(k)
				msgs <- fmt.Sprint("kind ", k, ": no panic")
			}()
		}
		close(msgs)
	}()
	for m := range msgs {
		fmt.Println(m)
	}

	// a recovered goroutine's named result set by its deferred function
	res := make(chan int)
	go func() {
		res <- compute(5)
		res <- compute(-1)
	}()
	fmt.Println("compute(5) =", <-res)
	fmt.Println("compute(-1) =", <-res)

	// recover returns nil in a goroutine that did not panic
	nilRes := make(chan bool)
	go func() {
		defer func() {
			nilRes <- recover() == nil
		}()
	}()
	fmt.Println("recover without panic is nil:", <-nilRes)
}

func compute(n int) (result int) {
	defer func() {
		if r := recover(); r != nil {
			result = -100
		}
	}()
	if n < 0 {
		panic("negative")
	}
	return n * n
}
