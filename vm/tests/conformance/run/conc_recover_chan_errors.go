package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if err, ok := r.(error); ok {
			fmt.Printf("%s: recovered error %q\n", name, err.Error())
		} else {
			fmt.Println(name, "recovered", r)
		}
	}()
	f()
	fmt.Println(name, "returned normally")
}

func main() {
	try("send on closed", func() {
		c := make(chan int)
		close(c)
		c <- 1
	})
	try("close nil", func() {
		var c chan string
		close(c)
	})
	try("close closed", func() {
		c := make(chan bool, 1)
		close(c)
		close(c)
	})
	try("select send on closed", func() {
		c := make(chan int)
		close(c)
		select {
		case c <- 5:
		}
	})
	try("receive from closed", func() {
		c := make(chan int)
		close(c)
		fmt.Println("zero", <-c)
	})
	try("close through chan<-", func() {
		c := make(chan int, 1)
		var s chan<- int = c
		close(s)
		_, ok := <-c
		fmt.Println("ok after close through chan<-", ok)
	})

	// the same panics recovered inside goroutines
	res := make(chan string)
	go func() {
		defer func() {
			res <- fmt.Sprint("goroutine recovered: ", recover())
		}()
		c := make(chan int, 1)
		close(c)
		c <- 1
	}()
	fmt.Println(<-res)
	go func() {
		defer func() {
			res <- fmt.Sprint("goroutine recovered: ", recover())
		}()
		var c chan int
		close(c)
	}()
	fmt.Println(<-res)
}
