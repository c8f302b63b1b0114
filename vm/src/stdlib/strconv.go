// Package strconv, its Go half: Atoi and Itoa are natives and single instructions
// (runtime/natives.rs, Op::Itoa); the parsers and formatters here build on them.
package strconv

import (
	"errors"
	"fmt"
)

// The native under ParseFloat: the value and 0, 1 (syntax) or 2 (range).
func parseFloat(s string) (float64, int)

var (
	ErrRange  = errors.New("value out of range")
	ErrSyntax = errors.New("invalid syntax")
)

const IntSize = 64

// A NumError records a failed conversion.
type NumError struct {
	Func string
	Num  string
	Err  error
}

func (e *NumError) Error() string {
	return "strconv." + e.Func + ": parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

func Quote(s string) string {
	return fmt.Sprintf("%q", s)
}

// ParseFloat converts decimal text to a float64 (hexadecimal mantissas are not
// supported); bitSize must be 64.
func ParseFloat(s string, bitSize int) (float64, error) {
	f, status := parseFloat(s)
	switch status {
	case 1:
		return 0, &NumError{"ParseFloat", s, ErrSyntax}
	case 2:
		return f, &NumError{"ParseFloat", s, ErrRange}
	}
	return f, nil
}

func ParseBool(str string) (bool, error) {
	switch str {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, &NumError{"ParseBool", str, ErrSyntax}
}

func FormatBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// FormatInt returns i in the given base (2 to 36), lower-case digits.
func FormatInt(i64 int64, base int) string {
	i := int(i64)
	if base < 2 || base > 36 {
		panic("strconv: illegal AppendInt/FormatInt base")
	}
	if i == 0 {
		return "0"
	}
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	var buf [65]byte
	n := len(buf)
	neg := i < 0
	for i != 0 {
		d := i % base
		if d < 0 {
			d = -d
		}
		n--
		buf[n] = digits[d]
		i /= base
	}
	if neg {
		n--
		buf[n] = '-'
	}
	return string(buf[n:])
}

// ParseInt parses s in base (0: from its prefix) as a signed integer of bitSize bits.
func ParseInt(s string, base int, bitSize int) (int64, error) {
	n, err := parseInt(s, base, bitSize)
	if err != nil {
		return int64(n), &NumError{"ParseInt", s, err}
	}
	return int64(n), nil
}

// ParseUint parses s in base (0: from its prefix) as an unsigned integer of bitSize
// bits.
func ParseUint(s string, base int, bitSize int) (uint64, error) {
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, &NumError{"ParseUint", s, ErrSyntax}
	}
	if bitSize == 0 {
		bitSize = IntSize
	}
	digits, base, underscores := basePrefix(s, base)
	if underscores && !underscoreOK(s) {
		return 0, &NumError{"ParseUint", s, ErrSyntax}
	}
	if digits == "" {
		return 0, nil // "0"
	}
	max := uint64(1)<<uint(bitSize) - 1 // a shift by 64 gives 0, so 64 bits give all ones
	var n uint64
	overflow := false
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c == '_' && underscores {
			continue
		}
		d := uint64(digitVal(c))
		if d >= uint64(base) {
			return 0, &NumError{"ParseUint", s, ErrSyntax}
		}
		if overflow {
			continue
		}
		if n > (max-d)/uint64(base) {
			overflow = true
			continue
		}
		n = n*uint64(base) + d
	}
	if overflow {
		return max, &NumError{"ParseUint", s, ErrRange}
	}
	return n, nil
}

// FormatUint returns i in the given base (2 to 36), lower-case digits.
func FormatUint(i uint64, base int) string {
	if base < 2 || base > 36 {
		panic("strconv: illegal AppendInt/FormatInt base")
	}
	if i == 0 {
		return "0"
	}
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	var buf [64]byte
	n := len(buf)
	for i != 0 {
		n--
		buf[n] = digits[i%uint64(base)]
		i /= uint64(base)
	}
	return string(buf[n:])
}

// parseInt parses s in base (0: from its prefix, with underscores between digits)
// as a signed integer of bitSize bits; the error is ErrSyntax or ErrRange.
func parseInt(s string, base int, bitSize int) (int, error) {
	s0 := s
	if s == "" {
		return 0, ErrSyntax
	}
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = s[1:]
		if s == "" {
			return 0, ErrSyntax
		}
	}
	if base != 0 && (base < 2 || base > 36) {
		return 0, errors.New("invalid base " + FormatInt(int64(base), 10))
	}
	s, base, underscores := basePrefix(s, base)
	if underscores && !underscoreOK(s0) {
		return 0, ErrSyntax
	}
	if s == "" {
		return 0, nil // "0"
	}
	if bitSize == 0 {
		bitSize = IntSize
	}
	// The limit on the magnitude: 1 << (bitSize-1), held as a negative number so
	// that it fits even for 64 bits (where the shift and the negation both wrap to
	// MinInt64).
	limit := -(1 << (bitSize - 1))
	acc := 0 // the negated magnitude so far
	overflow := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' && underscores {
			continue
		}
		d := digitVal(c)
		if d >= base {
			return 0, ErrSyntax
		}
		if overflow {
			continue
		}
		if acc < limit/base || acc*base < limit+d {
			overflow = true
			continue
		}
		acc = acc*base - d
	}
	if overflow || (!neg && acc == limit) {
		if neg {
			return limit, ErrRange
		}
		return -(limit + 1), ErrRange
	}
	if neg {
		return acc, nil
	}
	return -acc, nil
}

// basePrefix resolves base 0 from the prefix of s (0b, 0o, 0x, or a leading 0 for
// octal; otherwise decimal): the digits after the prefix, the base, and whether
// underscores may separate digits (only with base 0).
func basePrefix(s string, base int) (string, int, bool) {
	if base != 0 {
		return s, base, false
	}
	if len(s) >= 3 && s[0] == '0' {
		switch s[1] {
		case 'b', 'B':
			return s[2:], 2, true
		case 'o', 'O':
			return s[2:], 8, true
		case 'x', 'X':
			return s[2:], 16, true
		}
	}
	if s[0] == '0' {
		return s[1:], 8, true
	}
	return s, 10, true
}

// underscoreOK reports whether the underscores of s (base-0 syntax: sign and base
// prefix included) only separate digits, a base prefix counting as a digit.
func underscoreOK(s string) bool {
	if len(s) >= 1 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	saw := byte('^') // '^' start, '0' a digit or prefix, '_' an underscore, '!' other
	hex := false
	i := 0
	if len(s) >= 2 && s[0] == '0' {
		switch s[1] | 0x20 {
		case 'b', 'o', 'x':
			hex = s[1]|0x20 == 'x'
			i = 2
			saw = '0'
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' || hex && 'a' <= c|0x20 && c|0x20 <= 'f' {
			saw = '0'
			continue
		}
		if c == '_' {
			if saw != '0' {
				return false
			}
			saw = '_'
			continue
		}
		if saw == '_' {
			return false
		}
		saw = '!'
	}
	return saw != '_'
}

// digitVal is the value of digit c in bases up to 36 (36 for a non-digit).
func digitVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 36
}
