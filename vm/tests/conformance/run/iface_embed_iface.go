package main

import "fmt"

type Reader interface{ Read() string }
type Writer interface{ Write(s string) int }
type ReadWriter interface {
	Reader
	Writer
}

type Buffer struct{ data []string }

func (b *Buffer) Read() string {
	if len(b.data) == 0 {
		return ""
	}
	s := b.data[0]
	b.data = b.data[1:]
	return s
}

func (b *Buffer) Write(s string) int {
	b.data = append(b.data, s)
	return len(s)
}

func copyAll(dst Writer, src Reader) int {
	n := 0
	for {
		s := src.Read()
		if s == "" {
			return n
		}
		n += dst.Write(s)
	}
}

func main() {
	var rw ReadWriter = &Buffer{}
	rw.Write("hello")
	rw.Write("world")
	var r Reader = rw
	var w Writer = rw
	dst := &Buffer{}
	fmt.Println(copyAll(dst, r), dst.data)
	w.Write("x")
	fmt.Println(rw.Read(), rw.Read() == "")
	back, ok := r.(ReadWriter)
	fmt.Println(ok, back.Write("abc"))
}
