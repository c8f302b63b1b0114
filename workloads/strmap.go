// strmap: string building and a string-keyed word count.
//
// Stresses: strconv.Itoa, string concatenation (allocation), string hashing and
// comparison in map[string]int (insert, update with ++, hit and miss lookups
// with comma-ok, delete, range), len and byte indexing of strings. Written for
// jitlab, after the word-frequency programs of many benchmark suites.
//
// run(n) counts n pseudo-random keys drawn from 5000 possible ones, looks every
// possible key (and some absent ones) up, folds the map into a sum that does not
// depend on iteration order, deletes the odd counts, and returns the sum plus the
// map's final length.
package main

import (
	"fmt"
	"strconv"
)

const vocabulary = 1000

// makeWords returns vocabulary distinct words "w<number>".
func makeWords() []string {
	words := make([]string, vocabulary)
	for i := 0; i < vocabulary; i++ {
		words[i] = "w" + strconv.Itoa((i*7919)%10007)
	}
	return words
}

// keyHash is a small order-independent digest of one key's bytes.
func keyHash(s string) int {
	h := len(s)
	for i := 0; i < len(s); i++ {
		h = h*31 + int(s[i])
	}
	return h & 0xffff
}

func run(n int) int {
	words := makeWords()
	counts := make(map[string]int)

	seed := 42
	for i := 0; i < n; i++ {
		seed = (seed*1103515245 + 12345) & 0x7fffffff
		key := words[(seed>>4)%vocabulary] + "-" + strconv.Itoa(seed%5)
		counts[key]++
	}

	sum := len(counts)
	for i, w := range words {
		// suffixes 0..4 may be present, suffix 5 never is
		for j := 0; j < 6; j++ {
			if c, ok := counts[w+"-"+strconv.Itoa(j)]; ok {
				sum += c * (i%7 + j + 1)
			} else {
				sum += 1
			}
		}
	}

	// Summation is commutative, so map iteration order does not matter.
	for k, c := range counts {
		sum += keyHash(k) * c
	}

	for i := 0; i < vocabulary; i++ {
		for j := 0; j < 5; j++ {
			key := words[i] + "-" + strconv.Itoa(j)
			if counts[key]%2 == 1 {
				delete(counts, key)
			}
		}
	}
	return sum + len(counts)
}

func main() {
	fmt.Println(run(300000))
}
