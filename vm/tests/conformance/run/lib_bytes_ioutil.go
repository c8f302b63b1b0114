package main

import (
	"bytes"
	"fmt"
	"io/ioutil"
	"os"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(4)
	data, err := ioutil.ReadAll(os.Stdin)
	fmt.Println(len(data), err)
	lines := bytes.Count(data, []byte("\n"))
	fmt.Println(lines, bytes.Equal([]byte("ab"), []byte("ab")), bytes.Index(data, []byte("line")), bytes.HasPrefix(data, []byte("first")))
	var b bytes.Buffer
	b.WriteString("hello ")
	b.WriteByte('w')
	b.WriteRune('ö')
	fmt.Fprintf(&b, "rld %d", 42)
	fmt.Println(b.String(), b.Len())
	c, _ := b.ReadByte()
	fmt.Println(c, b.String())
}
