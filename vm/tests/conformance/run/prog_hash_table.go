package main

import "fmt"

type kv struct {
	key   string
	value int
	next  *kv
}

type HashMap struct {
	buckets []*kv
	size    int
	resizes int
}

func fnv(s string) int {
	h := 1469598103934665603
	for i := 0; i < len(s); i++ {
		h ^= int(s[i])
		h *= 1099511628211
	}
	return h
}

func NewHashMap() *HashMap { return &HashMap{buckets: make([]*kv, 4)} }

func (m *HashMap) index(k string, n int) int {
	h := fnv(k) % n
	if h < 0 {
		h += n
	}
	return h
}

func (m *HashMap) Put(k string, v int) {
	i := m.index(k, len(m.buckets))
	for e := m.buckets[i]; e != nil; e = e.next {
		if e.key == k {
			e.value = v
			return
		}
	}
	m.buckets[i] = &kv{k, v, m.buckets[i]}
	m.size++
	if m.size > 2*len(m.buckets) {
		m.grow()
	}
}

func (m *HashMap) grow() {
	nb := make([]*kv, 2*len(m.buckets))
	for _, e := range m.buckets {
		for e != nil {
			next := e.next
			i := m.index(e.key, len(nb))
			e.next = nb[i]
			nb[i] = e
			e = next
		}
	}
	m.buckets = nb
	m.resizes++
}

func (m *HashMap) Get(k string) (int, bool) {
	for e := m.buckets[m.index(k, len(m.buckets))]; e != nil; e = e.next {
		if e.key == k {
			return e.value, true
		}
	}
	return 0, false
}

func (m *HashMap) Delete(k string) bool {
	i := m.index(k, len(m.buckets))
	var prev *kv
	for e := m.buckets[i]; e != nil; e = e.next {
		if e.key == k {
			if prev == nil {
				m.buckets[i] = e.next
			} else {
				prev.next = e.next
			}
			m.size--
			return true
		}
		prev = e
	}
	return false
}

func main() {
	fmt.Println(fnv(""), fnv("a"), fnv("hello"), fnv("jitlab"))
	m := NewHashMap()
	for i := 0; i < 100; i++ {
		m.Put(fmt.Sprintf("key%d", i), i*i)
	}
	fmt.Println(m.size, len(m.buckets), m.resizes)
	fmt.Println(m.Get("key7"))
	fmt.Println(m.Get("key99"))
	fmt.Println(m.Get("nope"))
	m.Put("key7", -7)
	fmt.Println(m.Get("key7"))
	deleted := 0
	for i := 0; i < 100; i += 3 {
		if m.Delete(fmt.Sprintf("key%d", i)) {
			deleted++
		}
	}
	fmt.Println(deleted, m.size, m.Delete("key0"))
	sum := 0
	for _, b := range m.buckets {
		for e := b; e != nil; e = e.next {
			sum += e.value
		}
	}
	fmt.Println(sum)
	longest := 0
	for _, b := range m.buckets {
		n := 0
		for e := b; e != nil; e = e.next {
			n++
		}
		if n > longest {
			longest = n
		}
	}
	fmt.Println("longest chain", longest)
}
