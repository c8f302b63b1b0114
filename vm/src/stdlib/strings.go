// Package strings: searching, splitting, joining, trimming and case mapping of
// strings, and Builder.
package strings

import (
	"unicode"
	"unicode/utf8"
)

// A Builder accumulates a string with few copies.
type Builder struct {
	buf []byte
}

func (b *Builder) String() string { return string(b.buf) }

func (b *Builder) Len() int { return len(b.buf) }

func (b *Builder) Cap() int { return cap(b.buf) }

func (b *Builder) Reset() { b.buf = nil }

func (b *Builder) Grow(n int) {
	if n < 0 {
		panic("strings.Builder.Grow: negative count")
	}
	if cap(b.buf)-len(b.buf) < n {
		nb := make([]byte, len(b.buf), 2*cap(b.buf)+n)
		copy(nb, b.buf)
		b.buf = nb
	}
}

func (b *Builder) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *Builder) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}

func (b *Builder) WriteRune(r rune) (int, error) {
	if r >= 0 && r < 0x80 {
		b.buf = append(b.buf, byte(r))
		return 1, nil
	}
	s := string(r)
	b.buf = append(b.buf, s...)
	return len(s), nil
}

func (b *Builder) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// ---- searching

func IndexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func Index(s, substr string) int {
	n := len(substr)
	if n == 0 {
		return 0
	}
	if n == 1 {
		return IndexByte(s, substr[0])
	}
	c := substr[0]
	for i := 0; i+n <= len(s); i++ {
		if s[i] == c && s[i:i+n] == substr {
			return i
		}
	}
	return -1
}

func LastIndex(s, substr string) int {
	n := len(substr)
	for i := len(s) - n; i >= 0; i-- {
		if s[i:i+n] == substr {
			return i
		}
	}
	return -1
}

func LastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func IndexRune(s string, r rune) int {
	for i, c := range s {
		if c == r {
			return i
		}
	}
	return -1
}

func IndexAny(s, chars string) int {
	for i, c := range s {
		if IndexRune(chars, c) >= 0 {
			return i
		}
	}
	return -1
}

func Contains(s, substr string) bool { return Index(s, substr) >= 0 }

func ContainsRune(s string, r rune) bool { return IndexRune(s, r) >= 0 }

func ContainsAny(s, chars string) bool { return IndexAny(s, chars) >= 0 }

func HasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[0:len(prefix)] == prefix
}

func HasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// Count counts non-overlapping instances of substr (runes plus one for "").
func Count(s, substr string) int {
	if len(substr) == 0 {
		n := 0
		for range s {
			n++
		}
		return n + 1
	}
	n := 0
	for {
		i := Index(s, substr)
		if i == -1 {
			return n
		}
		n++
		s = s[i+len(substr):]
	}
}

func Compare(a, b string) int {
	if a == b {
		return 0
	}
	if a < b {
		return -1
	}
	return 1
}

func EqualFold(s, t string) bool { return ToLower(s) == ToLower(t) }

// ---- splitting and joining

// explode splits s into UTF-8 sequences, one per rune, at most n (n < 0: all).
func explode(s string, n int) []string {
	l := 0
	for range s {
		l++
	}
	if n < 0 || n > l {
		n = l
	}
	a := make([]string, n)
	for i := 0; i < n-1; i++ {
		_, size := utf8.DecodeRuneInString(s)
		a[i] = s[:size]
		s = s[size:]
	}
	if n > 0 {
		a[n-1] = s
	}
	return a
}

func genSplit(s, sep string, sepSave, n int) []string {
	if n == 0 {
		return nil
	}
	if sep == "" {
		return explode(s, n)
	}
	if n < 0 {
		n = Count(s, sep) + 1
	}
	if n > len(s)+1 {
		n = len(s) + 1
	}
	a := make([]string, n)
	n--
	i := 0
	for i < n {
		m := Index(s, sep)
		if m < 0 {
			break
		}
		a[i] = s[:m+sepSave]
		s = s[m+len(sep):]
		i++
	}
	a[i] = s
	return a[:i+1]
}

func Split(s, sep string) []string { return genSplit(s, sep, 0, -1) }

func SplitN(s, sep string, n int) []string { return genSplit(s, sep, 0, n) }

func SplitAfter(s, sep string) []string { return genSplit(s, sep, len(sep), -1) }

// Fields splits s around runs of white space.
func Fields(s string) []string {
	var a []string
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				a = append(a, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		a = append(a, s[start:])
	}
	if a == nil {
		return []string{}
	}
	return a
}

func FieldsFunc(s string, f func(rune) bool) []string {
	var a []string
	start := -1
	for i, r := range s {
		if f(r) {
			if start >= 0 {
				a = append(a, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		a = append(a, s[start:])
	}
	if a == nil {
		return []string{}
	}
	return a
}

func Join(elems []string, sep string) string {
	switch len(elems) {
	case 0:
		return ""
	case 1:
		return elems[0]
	}
	n := len(sep) * (len(elems) - 1)
	for i := 0; i < len(elems); i++ {
		n += len(elems[i])
	}
	b := make([]byte, 0, n)
	b = append(b, elems[0]...)
	for _, s := range elems[1:] {
		b = append(b, sep...)
		b = append(b, s...)
	}
	return string(b)
}

func Repeat(s string, count int) string {
	if count == 0 {
		return ""
	}
	if count < 0 {
		panic("strings: negative Repeat count")
	}
	if len(s)*count/count != len(s) {
		panic("strings: Repeat count causes overflow")
	}
	b := make([]byte, 0, len(s)*count)
	for i := 0; i < count; i++ {
		b = append(b, s...)
	}
	return string(b)
}

// Replace replaces the first n non-overlapping instances of old (n < 0: all).
func Replace(s, old, new string, n int) string {
	if old == new || n == 0 {
		return s
	}
	if m := Count(s, old); m == 0 {
		return s
	} else if n < 0 || m < n {
		n = m
	}
	b := make([]byte, 0, len(s)+n*(len(new)-len(old)))
	start := 0
	for i := 0; i < n; i++ {
		j := start
		if len(old) == 0 {
			if i > 0 {
				_, wid := utf8.DecodeRuneInString(s[start:])
				j += wid
			}
		} else {
			j += Index(s[start:], old)
		}
		b = append(b, s[start:j]...)
		b = append(b, new...)
		start = j + len(old)
	}
	b = append(b, s[start:]...)
	return string(b)
}

func ReplaceAll(s, old, new string) string { return Replace(s, old, new, -1) }

// ---- trimming

func TrimSpace(s string) string {
	return TrimFunc(s, unicode.IsSpace)
}

func TrimFunc(s string, f func(rune) bool) string {
	return TrimRightFunc(TrimLeftFunc(s, f), f)
}

func TrimLeftFunc(s string, f func(rune) bool) string {
	for i, r := range s {
		if !f(r) {
			return s[i:]
		}
	}
	return ""
}

func TrimRightFunc(s string, f func(rune) bool) string {
	end := len(s)
	for end > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:end])
		if !f(r) {
			break
		}
		end -= w
	}
	return s[:end]
}

func Trim(s, cutset string) string {
	return TrimFunc(s, func(r rune) bool { return IndexRune(cutset, r) >= 0 })
}

func TrimLeft(s, cutset string) string {
	return TrimLeftFunc(s, func(r rune) bool { return IndexRune(cutset, r) >= 0 })
}

func TrimRight(s, cutset string) string {
	return TrimRightFunc(s, func(r rune) bool { return IndexRune(cutset, r) >= 0 })
}

func TrimPrefix(s, prefix string) string {
	if HasPrefix(s, prefix) {
		return s[len(prefix):]
	}
	return s
}

func TrimSuffix(s, suffix string) string {
	if HasSuffix(s, suffix) {
		return s[:len(s)-len(suffix)]
	}
	return s
}

// ---- case mapping

func Map(mapping func(rune) rune, s string) string {
	var b []byte
	for _, r := range s {
		m := mapping(r)
		if m >= 0 {
			if m < 0x80 {
				b = append(b, byte(m))
			} else {
				b = append(b, string(m)...)
			}
		}
	}
	return string(b)
}

func ToUpper(s string) string {
	if isASCII(s) {
		return asciiMap(s, 'a', 'z', 'A'-'a')
	}
	return Map(unicode.ToUpper, s)
}

func ToLower(s string) string {
	if isASCII(s) {
		return asciiMap(s, 'A', 'Z', 'a'-'A')
	}
	return Map(unicode.ToLower, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiMap adds delta to every byte of s in lo..hi.
func asciiMap(s string, lo, hi byte, delta int) string {
	b := []byte(s)
	for i, c := range b {
		if lo <= c && c <= hi {
			b[i] = byte(int(c) + delta)
		}
	}
	return string(b)
}

