// Package bufio: buffered writers and readers over io.Writer and io.Reader, and a
// Scanner of lines or words.
package bufio

import (
	"bytes"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

const defaultBufSize = 4096

var (
	ErrBufferFull    = errors.New("bufio: buffer full")
	ErrNegativeCount = errors.New("bufio: negative count")
	ErrTooLong       = errors.New("bufio.Scanner: token too long")
	errNoProgress    = errors.New("multiple Read calls return no data or error")
)

// ---- Writer

// A Writer buffers its output; Flush writes what is buffered.
type Writer struct {
	buf []byte
	n   int
	wr  io.Writer
	err error
}

func NewWriter(w io.Writer) *Writer {
	return NewWriterSize(w, defaultBufSize)
}

func NewWriterSize(w io.Writer, size int) *Writer {
	if b, ok := w.(*Writer); ok && len(b.buf) >= size {
		return b
	}
	if size <= 0 {
		size = defaultBufSize
	}
	return &Writer{buf: make([]byte, size), wr: w}
}

func (b *Writer) Flush() error {
	if b.err != nil {
		return b.err
	}
	if b.n == 0 {
		return nil
	}
	n, err := b.wr.Write(b.buf[0:b.n])
	if n < b.n && err == nil {
		err = io.ErrShortWrite
	}
	if err != nil {
		if n > 0 && n < b.n {
			copy(b.buf[0:b.n-n], b.buf[n:b.n])
		}
		b.n -= n
		b.err = err
		return err
	}
	b.n = 0
	return nil
}

func (b *Writer) Available() int { return len(b.buf) - b.n }

func (b *Writer) Buffered() int { return b.n }

func (b *Writer) Size() int { return len(b.buf) }

func (b *Writer) Write(p []byte) (nn int, err error) {
	for len(p) > b.Available() && b.err == nil {
		var n int
		if b.Buffered() == 0 {
			// Large write, empty buffer: write directly.
			n, err = b.wr.Write(p)
			b.err = err
		} else {
			n = copy(b.buf[b.n:], p)
			b.n += n
			b.Flush()
		}
		nn += n
		p = p[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], p)
	b.n += n
	nn += n
	return nn, nil
}

func (b *Writer) WriteByte(c byte) error {
	if b.err != nil {
		return b.err
	}
	if b.Available() <= 0 && b.Flush() != nil {
		return b.err
	}
	b.buf[b.n] = c
	b.n++
	return nil
}

func (b *Writer) WriteRune(r rune) (size int, err error) {
	if r >= 0 && r < 0x80 {
		err = b.WriteByte(byte(r))
		if err != nil {
			return 0, err
		}
		return 1, nil
	}
	return b.WriteString(string(r))
}

func (b *Writer) WriteString(s string) (int, error) {
	nn := 0
	for len(s) > b.Available() && b.err == nil {
		var n int
		if sw, ok := b.wr.(io.StringWriter); ok && b.Buffered() == 0 {
			// Large write, empty buffer: hand the string to the writer itself.
			var err error
			n, err = sw.WriteString(s)
			b.err = err
		} else {
			n = copy(b.buf[b.n:], s)
			b.n += n
			b.Flush()
		}
		nn += n
		s = s[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], s)
	b.n += n
	nn += n
	return nn, nil
}

// ---- Reader

// A Reader buffers its input.
type Reader struct {
	buf  []byte
	rd   io.Reader
	r, w int
	err  error
}

const minReadBufferSize = 16

func NewReader(rd io.Reader) *Reader {
	return NewReaderSize(rd, defaultBufSize)
}

func NewReaderSize(rd io.Reader, size int) *Reader {
	if b, ok := rd.(*Reader); ok && len(b.buf) >= size {
		return b
	}
	if size < minReadBufferSize {
		size = minReadBufferSize
	}
	return &Reader{buf: make([]byte, size), rd: rd}
}

func (b *Reader) Size() int { return len(b.buf) }

func (b *Reader) Buffered() int { return b.w - b.r }

// fill reads a new chunk into the buffer, after sliding what is unread to the front.
func (b *Reader) fill() {
	if b.r > 0 {
		copy(b.buf, b.buf[b.r:b.w])
		b.w -= b.r
		b.r = 0
	}
	for i := 100; i > 0; i-- {
		n, err := b.rd.Read(b.buf[b.w:])
		b.w += n
		if err != nil {
			b.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	b.err = errNoProgress
}

func (b *Reader) readErr() error {
	err := b.err
	b.err = nil
	return err
}

func (b *Reader) Read(p []byte) (n int, err error) {
	n = len(p)
	if n == 0 {
		if b.Buffered() > 0 {
			return 0, nil
		}
		return 0, b.readErr()
	}
	if b.r == b.w {
		if b.err != nil {
			return 0, b.readErr()
		}
		if len(p) >= len(b.buf) {
			// Large read, empty buffer: read directly.
			n, b.err = b.rd.Read(p)
			return n, b.readErr()
		}
		b.r = 0
		b.w = 0
		n, b.err = b.rd.Read(b.buf)
		if n == 0 {
			return 0, b.readErr()
		}
		b.w += n
	}
	n = copy(p, b.buf[b.r:b.w])
	b.r += n
	return n, nil
}

func (b *Reader) ReadByte() (byte, error) {
	for b.r == b.w {
		if b.err != nil {
			return 0, b.readErr()
		}
		b.fill()
	}
	c := b.buf[b.r]
	b.r++
	return c, nil
}

func (b *Reader) UnreadByte() error {
	if b.r <= 0 {
		return errors.New("bufio: invalid use of UnreadByte")
	}
	b.r--
	return nil
}

func (b *Reader) ReadRune() (r rune, size int, err error) {
	for b.r+4 > b.w && !utf8.FullRune(b.buf[b.r:b.w]) && b.err == nil && b.w-b.r < len(b.buf) {
		b.fill()
	}
	if b.r == b.w {
		return 0, 0, b.readErr()
	}
	r, size = utf8.DecodeRune(b.buf[b.r:b.w])
	b.r += size
	return r, size, nil
}

// ReadSlice reads until the first delim, returning a slice of the buffer (valid
// until the next read).
func (b *Reader) ReadSlice(delim byte) (line []byte, err error) {
	s := 0
	for {
		if i := bytes.IndexByte(b.buf[b.r+s:b.w], delim); i >= 0 {
			i += s
			line = b.buf[b.r : b.r+i+1]
			b.r += i + 1
			break
		}
		if b.err != nil {
			line = b.buf[b.r:b.w]
			b.r = b.w
			err = b.readErr()
			break
		}
		if b.Buffered() >= len(b.buf) {
			b.r = b.w
			line = b.buf
			err = ErrBufferFull
			break
		}
		s = b.w - b.r
		b.fill()
	}
	return
}

// ReadLine returns one line without its end of line ("\n" or "\r\n").
func (b *Reader) ReadLine() (line []byte, isPrefix bool, err error) {
	line, err = b.ReadSlice('\n')
	if err == ErrBufferFull {
		if len(line) > 0 && line[len(line)-1] == '\r' {
			b.r--
			line = line[:len(line)-1]
		}
		return line, true, nil
	}
	if len(line) == 0 {
		if err != nil {
			line = nil
		}
		return
	}
	err = nil
	if line[len(line)-1] == '\n' {
		drop := 1
		if len(line) > 1 && line[len(line)-2] == '\r' {
			drop = 2
		}
		line = line[:len(line)-drop]
	}
	return
}

// ReadBytes reads until the first delim, returning a new slice that includes it.
func (b *Reader) ReadBytes(delim byte) ([]byte, error) {
	var out []byte
	for {
		frag, err := b.ReadSlice(delim)
		out = append(out, frag...)
		if err != ErrBufferFull {
			return out, err
		}
	}
}

func (b *Reader) ReadString(delim byte) (string, error) {
	bytes, err := b.ReadBytes(delim)
	return string(bytes), err
}

// ---- Scanner

// A SplitFunc finds the next token in data (see Go's bufio.SplitFunc).
type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

const MaxScanTokenSize = 64 * 1024

// A Scanner reads tokens (lines by default) from a Reader.
type Scanner struct {
	r        io.Reader
	split    SplitFunc
	maxSize  int
	token    []byte
	buf      []byte
	start    int
	end      int
	err      error
	eof      bool
	done     bool
	scanned  bool
}

func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, split: ScanLines, maxSize: MaxScanTokenSize}
}

func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

func (s *Scanner) Bytes() []byte { return s.token }

func (s *Scanner) Text() string { return string(s.token) }

func (s *Scanner) Buffer(buf []byte, max int) {
	if s.scanned {
		panic("Buffer called after Scan")
	}
	s.buf = buf[0:cap(buf)]
	s.maxSize = max
}

func (s *Scanner) Split(split SplitFunc) {
	if s.scanned {
		panic("Split called after Scan")
	}
	s.split = split
}

// Scan advances to the next token; false at the end of input or on an error.
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	s.scanned = true
	for {
		// A token from what is buffered, if the split function finds one.
		if s.end > s.start || s.eof {
			advance, token, err := s.split(s.buf[s.start:s.end], s.eof)
			if err != nil {
				s.err = err
				s.done = true
				return false
			}
			s.start += advance
			if token != nil {
				s.token = token
				return true
			}
			if s.eof {
				s.token = nil
				s.done = true
				return false
			}
		}
		// Make room: slide to the front, or grow up to the maximum token size.
		if s.start > 0 && (s.end == len(s.buf) || s.start > len(s.buf)/2) {
			copy(s.buf, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
		}
		if s.end == len(s.buf) {
			if len(s.buf) >= s.maxSize {
				s.err = ErrTooLong
				s.done = true
				return false
			}
			n := len(s.buf) * 2
			if n == 0 {
				n = 4096
			}
			if n > s.maxSize {
				n = s.maxSize
			}
			nb := make([]byte, n)
			copy(nb, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
			s.buf = nb
		}
		// Read more.
		for loop := 0; ; {
			n, err := s.r.Read(s.buf[s.end:len(s.buf)])
			s.end += n
			if err != nil {
				if err != io.EOF {
					s.err = err
				}
				s.eof = true
				break
			}
			if n > 0 {
				break
			}
			loop++
			if loop > 100 {
				s.err = io.ErrNoProgress
				s.eof = true
				break
			}
		}
	}
}

// ScanLines: each line without its end of line; the last line may lack one.
func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, dropCR(data[0:i]), nil
	}
	if atEOF {
		return len(data), dropCR(data), nil
	}
	return 0, nil, nil
}

func dropCR(data []byte) []byte {
	if len(data) > 0 && data[len(data)-1] == '\r' {
		return data[0 : len(data)-1]
	}
	return data
}

// ScanBytes: each byte.
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	return 1, data[0:1], nil
}

// ScanRunes: each UTF-8 encoded rune (an invalid byte as U+FFFD's encoding).
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if data[0] < 0x80 {
		return 1, data[0:1], nil
	}
	if !atEOF && !utf8.FullRune(data) {
		return 0, nil, nil
	}
	r, width := utf8.DecodeRune(data)
	if r == utf8.RuneError && width == 1 {
		return 1, []byte("\uFFFD"), nil
	}
	return width, data[0:width], nil
}

// ScanWords: each space-separated word (spaces as unicode.IsSpace).
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	start := 0
	for start < len(data) {
		r, width := utf8.DecodeRune(data[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += width
	}
	for i := start; i < len(data); {
		r, width := utf8.DecodeRune(data[i:])
		if unicode.IsSpace(r) {
			return i + width, data[start:i], nil
		}
		i += width
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}
