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
	underscores := false
	if base == 0 {
		base = 10
		underscores = true
		if s[0] == '0' {
			switch {
			case len(s) >= 3 && (s[1] == 'b' || s[1] == 'B'):
				base = 2
				s = s[2:]
			case len(s) >= 3 && (s[1] == 'o' || s[1] == 'O'):
				base = 8
				s = s[2:]
			case len(s) >= 3 && (s[1] == 'x' || s[1] == 'X'):
				base = 16
				s = s[2:]
			default:
				base = 8
				s = s[1:]
				if s == "" {
					return 0, nil
				}
			}
		}
	}
	max := uint64(1)<<uint(bitSize) - 1
	if bitSize == 64 {
		max = 1<<64 - 1
	}
	var n uint64
	overflow := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d uint64
		switch {
		case c == '_' && underscores:
			continue
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case 'a' <= c && c <= 'z':
			d = uint64(c-'a') + 10
		case 'A' <= c && c <= 'Z':
			d = uint64(c-'A') + 10
		default:
			return 0, &NumError{"ParseUint", s, ErrSyntax}
		}
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
	underscores := false
	if base == 0 {
		base = 10
		underscores = true
		if s[0] == '0' {
			switch {
			case len(s) >= 3 && (s[1] == 'b' || s[1] == 'B'):
				base = 2
				s = s[2:]
			case len(s) >= 3 && (s[1] == 'o' || s[1] == 'O'):
				base = 8
				s = s[2:]
			case len(s) >= 3 && (s[1] == 'x' || s[1] == 'X'):
				base = 16
				s = s[2:]
			default:
				base = 8
				s = s[1:]
				if s == "" {
					return 0, nil
				}
			}
		}
	} else if base < 2 || base > 36 {
		return 0, errors.New("invalid base " + FormatInt(int64(base), 10))
	}
	if bitSize == 0 {
		bitSize = IntSize
	}
	// The limit on the magnitude: 1 << (bitSize-1), held as a negative number so
	// that it fits even for 64 bits.
	limit := -(1 << (bitSize - 1))
	if bitSize == 64 {
		limit = -9223372036854775807 - 1
	}
	acc := 0 // the negated magnitude so far
	overflow := false
	lastUnderscore := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d int
		switch {
		case c == '_' && underscores:
			if lastUnderscore {
				return 0, ErrSyntax
			}
			lastUnderscore = true
			continue
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case 'a' <= c && c <= 'z':
			d = int(c-'a') + 10
		case 'A' <= c && c <= 'Z':
			d = int(c-'A') + 10
		default:
			return 0, ErrSyntax
		}
		if d >= base {
			return 0, ErrSyntax
		}
		lastUnderscore = false
		if overflow {
			continue
		}
		if acc < limit/base || acc*base < limit+d {
			overflow = true
			continue
		}
		acc = acc*base - d
	}
	if lastUnderscore && underscores && len(s) > 0 && s[len(s)-1] == '_' {
		return 0, ErrSyntax
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
