// Package utf8 (unicode/utf8): decoding UTF-8, through the VM's own decoder (the
// rune loop over a string).
package utf8

const (
	RuneError = '\uFFFD'
	RuneSelf  = 0x80
	UTFMax    = 4
)

// DecodeRuneInString returns the first rune of s and its width (RuneError and 1 for
// an invalid byte).
func DecodeRuneInString(s string) (rune, int) {
	if s == "" {
		return RuneError, 0
	}
	var r rune
	for i, c := range s {
		if i > 0 {
			return r, i
		}
		r = c
	}
	return r, len(s)
}

// DecodeRune returns the first rune of p and its width (RuneError and 1 for an
// invalid encoding).
func DecodeRune(p []byte) (rune, int) {
	if len(p) > 0 && p[0] < RuneSelf {
		return rune(p[0]), 1
	}
	n := len(p)
	if n > UTFMax {
		n = UTFMax
	}
	return DecodeRuneInString(string(p[:n]))
}

// DecodeLastRuneInString returns the last rune of s and its width (RuneError and 1
// for an invalid byte).
func DecodeLastRuneInString(s string) (rune, int) {
	start := len(s) - 1
	if start < 0 {
		return RuneError, 0
	}
	if s[start] < 0x80 {
		return rune(s[start]), 1
	}
	lim := len(s) - 4
	if lim < 0 {
		lim = 0
	}
	for start--; start >= lim; start-- {
		if s[start]&0xC0 != 0x80 {
			break
		}
	}
	if start < 0 {
		start = 0
	}
	r, w := DecodeRuneInString(s[start:])
	if start+w != len(s) {
		return RuneError, 1
	}
	return r, w
}

// FullRune reports whether p begins with a complete UTF-8 encoding (or an invalid
// one).
func FullRune(p []byte) bool {
	n := len(p)
	if n == 0 {
		return false
	}
	c := p[0]
	switch {
	case c < 0x80:
		return true
	case c < 0xC2:
		return true
	case c < 0xE0:
		return n >= 2
	case c < 0xF0:
		return n >= 3
	case c < 0xF5:
		return n >= 4
	}
	return true
}
