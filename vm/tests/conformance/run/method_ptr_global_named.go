package main

import "fmt"

// A pointer method called on an addressable package-level variable of a named
// non-struct type: b.m() means (&b).m().

type buffer []byte

func (b *buffer) add(c byte)     { *b = append(*b, c) }
func (b *buffer) addAll(s string) { *b = append(*b, s...) }
func (b buffer) size() int        { return len(b) }

type counter int

func (c *counter) inc()       { *c++ }
func (c *counter) add(n int)  { *c += counter(n) }
func (c counter) double() int { return int(c) * 2 }

type set map[string]bool

func (s *set) put(k string) {
	if *s == nil {
		*s = set{}
	}
	(*s)[k] = true
}

var out buffer
var hits counter = 10
var seen set

func record(word string) {
	out.addAll(word)
	out.add(' ')
	hits.inc()
	seen.put(word)
}

func main() {
	for _, w := range []string{"go", "is", "fun", "go"} {
		record(w)
	}
	p := &hits
	p.add(5)
	bump := func() { hits.inc() }
	bump()
	fmt.Println(string(out), out.size())
	fmt.Println(int(hits), hits.double(), len(seen), seen["fun"], seen["rust"])
}
