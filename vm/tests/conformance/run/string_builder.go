package main

import "fmt"

type Builder struct {
	buf []byte
}

func (b *Builder) WriteString(s string) { b.buf = append(b.buf, s...) }
func (b *Builder) WriteByte(c byte)     { b.buf = append(b.buf, c) }
func (b *Builder) WriteInt(n int) {
	if n == 0 {
		b.WriteByte('0')
		return
	}
	if n < 0 {
		b.WriteByte('-')
		n = -n
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	b.buf = append(b.buf, tmp[i:]...)
}
func (b *Builder) String() string { return string(b.buf) }
func (b *Builder) Len() int       { return len(b.buf) }
func (b *Builder) Reset()         { b.buf = b.buf[:0] }

func main() {
	var b Builder
	b.WriteString("values:")
	for i := -2; i <= 2; i++ {
		b.WriteByte(' ')
		b.WriteInt(i * 1234)
	}
	fmt.Println(b.String(), b.Len())
	b.Reset()
	for i := 0; i < 5; i++ {
		b.WriteString(fmt.Sprintf("[%d]", i))
	}
	fmt.Println(b.String())
	s := ""
	for i := 0; i < 10; i++ {
		s += string(byte('a' + i))
	}
	fmt.Println(s, len(s))
	row := ""
	for i := 1; i <= 5; i++ {
		row += fmt.Sprint(i*i) + ","
	}
	fmt.Println(row[:len(row)-1])
	fmt.Println(&b)
}
