package main

import "fmt"

type Item struct {
	Name     string
	Priority int
	seq      int
}

type PQ struct {
	items []Item
	seq   int
}

func (q *PQ) less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if a.Priority != b.Priority {
		return a.Priority > b.Priority
	}
	return a.seq < b.seq
}

func (q *PQ) Push(name string, pri int) {
	q.items = append(q.items, Item{name, pri, q.seq})
	q.seq++
	i := len(q.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(i, p) {
			break
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

func (q *PQ) Pop() (Item, bool) {
	if len(q.items) == 0 {
		return Item{}, false
	}
	top := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q.items) && q.less(l, m) {
			m = l
		}
		if r < len(q.items) && q.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
	return top, true
}

func (q *PQ) Len() int { return len(q.items) }

func main() {
	q := &PQ{}
	tasks := []struct1{{"write", 2}, {"test", 5}, {"deploy", 1}, {"review", 5}, {"plan", 9}, {"lunch", 3}, {"fix", 5}}
	for _, t := range tasks {
		q.Push(t.n, t.p)
	}
	fmt.Println("queued", q.Len())
	for q.Len() > 3 {
		it, _ := q.Pop()
		fmt.Println(it.Name, it.Priority)
	}
	q.Push("urgent", 10)
	for {
		it, ok := q.Pop()
		if !ok {
			break
		}
		fmt.Printf("%-7s %2d\n", it.Name, it.Priority)
	}
	_, ok := q.Pop()
	fmt.Println(ok)
	// heap of ints: k smallest
	h := &PQ{}
	for i := 0; i < 20; i++ {
		h.Push(fmt.Sprint("n", i), (i*7)%11)
	}
	var order []int
	for h.Len() > 0 {
		it, _ := h.Pop()
		order = append(order, it.Priority)
	}
	fmt.Println(order)
}

type struct1 struct {
	n string
	p int
}
