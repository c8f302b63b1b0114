// Package io: the Reader and Writer interfaces and the errors they share.
package io

type Writer interface {
	Write(p []byte) (n int, err error)
}

type Reader interface {
	Read(p []byte) (n int, err error)
}

type StringWriter interface {
	WriteString(s string) (n int, err error)
}

type ByteWriter interface {
	WriteByte(c byte) error
}

type errorString struct {
	s string
}

func (e *errorString) Error() string { return e.s }

func newError(text string) error { return &errorString{text} }

// EOF is the error Read returns when no more input is available.
var EOF = newError("EOF")

var (
	ErrShortWrite    = newError("short write")
	ErrNoProgress    = newError("multiple Read calls return no data or error")
	ErrUnexpectedEOF = newError("unexpected EOF")
)

// ReadAll reads from r until EOF and returns what it read.
func ReadAll(r Reader) ([]byte, error) {
	b := make([]byte, 0, 512)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == EOF {
				err = nil
			}
			return b, err
		}
	}
}

// WriteString writes s to w.
func WriteString(w Writer, s string) (n int, err error) {
	if sw, ok := w.(StringWriter); ok {
		return sw.WriteString(s)
	}
	return w.Write([]byte(s))
}
