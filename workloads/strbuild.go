// strbuild: building, scanning and comparing strings.
//
// Stresses: string concatenation (a new string per +), strconv.Itoa and
// strconv.Atoi, conversions between string and []byte, byte indexing and
// slicing of strings, a hand-written substring search and word splitter (the
// subset has no strings package), string comparison (== and <) in an
// insertion sort, and range over a string with multi-byte runes. Written for
// jitlab.
//
// run(n) does n rounds; each builds a line of 24 words (numbers, their
// reversals and a few fixed words, one with a non-ASCII letter), splits it
// back into words, sorts them, parses the numeric ones with Atoi, counts
// occurrences of a pattern and the runes of the line, and folds all of that
// into a checksum.
package main

import (
	"fmt"
	"strconv"
)

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func split(line string, words []string) []string {
	words = words[:0]
	start := -1
	for i := 0; i < len(line); i++ {
		if line[i] == ' ' {
			if start >= 0 {
				words = append(words, line[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, line[start:])
	}
	return words
}

func count(s string, pattern string) int {
	c := 0
	for i := 0; i+len(pattern) <= len(s); i++ {
		if s[i:i+len(pattern)] == pattern {
			c++
		}
	}
	return c
}

func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		x := a[i]
		j := i - 1
		for j >= 0 && a[j] > x {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = x
	}
}

var fixed = []string{"alpha", "beta", "gamma", "delta", "Grüße", "omega"}

func run(n int) int {
	words := make([]string, 0, 32)
	checksum := 0
	seed := 99
	for r := 0; r < n; r++ {
		line := ""
		for w := 0; w < 24; w++ {
			seed = (seed*1103515245 + 12345) & 0x7FFFFFFF
			var word string
			switch w % 4 {
			case 0:
				word = strconv.Itoa(seed % 100000)
			case 1:
				word = reverse(strconv.Itoa(seed % 1000000))
			case 2:
				word = fixed[seed%len(fixed)]
			default:
				word = "x" + strconv.Itoa(w) + "-" + strconv.Itoa(r%97)
			}
			if w > 0 {
				line += " "
			}
			line += word
		}

		words = split(line, words)
		sortStrings(words)
		for i, word := range words {
			if v, err := strconv.Atoi(word); err == nil {
				checksum += v * (i + 1)
			} else {
				checksum += int(word[0]) * len(word)
			}
		}
		checksum += count(line, "a") * 7
		checksum += count(line, "12") * 11
		runes := 0
		for _, c := range line {
			runes++
			if c > 127 {
				checksum += int(c)
			}
		}
		checksum += runes*3 + len(line)
		if words[0] < words[len(words)-1] {
			checksum++
		}
		checksum &= 0xFFFFFFFFFF
	}
	return checksum
}

func main() {
	fmt.Println(run(4000))
}
