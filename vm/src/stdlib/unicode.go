// Package unicode: the properties of runes the library needs. Spaces are Go's
// unicode.IsSpace exactly; case mapping covers ASCII, Latin-1, Greek and Cyrillic
// (other letters map to themselves, where Go uses the full Unicode tables).
package unicode

// IsSpace reports whether r is white space as Go's unicode.IsSpace defines it.
func IsSpace(r rune) bool {
	if r <= 0xFF {
		switch r {
		case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xA0:
			return true
		}
		return false
	}
	if 0x2000 <= r && r <= 0x200a {
		return true
	}
	switch r {
	case 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return false
}

// ToUpper maps r to upper case.
func ToUpper(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r - 'a' + 'A'
	case r == 0xB5:
		return 0x39C
	case 0xE0 <= r && r <= 0xFE && r != 0xF7:
		return r - 0x20
	case r == 0xFF:
		return 0x178
	case 0x3B1 <= r && r <= 0x3C9 && r != 0x3C2:
		return r - 0x20
	case r == 0x3C2:
		return 0x3A3
	case 0x430 <= r && r <= 0x44F:
		return r - 0x20
	case 0x450 <= r && r <= 0x45F:
		return r - 0x50
	}
	return r
}

// ToLower maps r to lower case.
func ToLower(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r - 'A' + 'a'
	case 0xC0 <= r && r <= 0xDE && r != 0xD7:
		return r + 0x20
	case r == 0x178:
		return 0xFF
	case 0x391 <= r && r <= 0x3A9 && r != 0x3A2:
		return r + 0x20
	case 0x410 <= r && r <= 0x42F:
		return r + 0x20
	case 0x400 <= r && r <= 0x40F:
		return r + 0x50
	}
	return r
}
