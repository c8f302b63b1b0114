package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

func main() {
	r := bufio.NewReaderSize(os.Stdin, 16)
	line, err := r.ReadString('\n')
	fmt.Printf("%q %v\n", line, err)
	b, err := r.ReadByte()
	fmt.Println(b, err, r.UnreadByte())
	for i := 0; i < 3; i++ {
		c, size, err := r.ReadRune()
		fmt.Println(c, size, err)
	}
	l, isPrefix, err := r.ReadLine()
	fmt.Printf("%q %v %v\n", l, isPrefix, err)
	s, err := r.ReadSlice('\n')
	fmt.Printf("%q %v\n", s, err)
	bs, err := r.ReadBytes('.')
	fmt.Printf("%q %v\n", bs, err)
	rest, err := io.ReadAll(r)
	fmt.Printf("%d %v\n", len(rest), err)
	line, err = r.ReadString('\n')
	fmt.Printf("%q %v %v\n", line, err, err == io.EOF)
	w := bufio.NewWriterSize(os.Stdout, 8)
	fmt.Println(w.Size(), w.Available(), w.Buffered())
	w.WriteString("0123456789abcdef-")
	fmt.Println(w.Buffered())
	w.Flush()
	fmt.Println()
}
