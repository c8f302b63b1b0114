package main

import "fmt"

func bubble(a []int) {
	for i := 0; i < len(a); i++ {
		for j := 0; j < len(a)-1-i; j++ {
			if a[j] > a[j+1] {
				a[j], a[j+1] = a[j+1], a[j]
			}
		}
	}
}

func insertion(a []int) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i - 1
		for j >= 0 && a[j] > v {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = v
	}
}

func selection(a []int) {
	for i := range a {
		m := i
		for j := i + 1; j < len(a); j++ {
			if a[j] < a[m] {
				m = j
			}
		}
		a[i], a[m] = a[m], a[i]
	}
}

func quick(a []int) {
	if len(a) < 2 {
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quick(a[:j+1])
	quick(a[i:])
}

func merge(a []int) []int {
	if len(a) <= 1 {
		return a
	}
	l := merge(a[:len(a)/2])
	r := merge(a[len(a)/2:])
	out := make([]int, 0, len(a))
	i, j := 0, 0
	for i < len(l) && j < len(r) {
		if l[i] <= r[j] {
			out = append(out, l[i])
			i++
		} else {
			out = append(out, r[j])
			j++
		}
	}
	out = append(out, l[i:]...)
	return append(out, r[j:]...)
}

func heapSort(a []int) {
	n := len(a)
	var sift func(i, n int)
	sift = func(i, n int) {
		for {
			l := 2*i + 1
			if l >= n {
				return
			}
			m := l
			if l+1 < n && a[l+1] > a[l] {
				m = l + 1
			}
			if a[i] >= a[m] {
				return
			}
			a[i], a[m] = a[m], a[i]
			i = m
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		sift(i, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		sift(0, end)
	}
}

func data() []int {
	out := make([]int, 30)
	x := 12345
	for i := range out {
		x = (x*1103515245 + 12345) % 2147483648
		out[i] = x%200 - 100
	}
	return out
}

func sorted(a []int) bool {
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			return false
		}
	}
	return true
}

func main() {
	orig := data()
	fmt.Println(orig)
	sorts := []struct0{{"bubble", bubble}, {"insertion", insertion}, {"selection", selection}, {"quick", quick}, {"heap", heapSort}}
	for _, s := range sorts {
		a := append([]int(nil), orig...)
		s.f(a)
		fmt.Println(s.name, sorted(a), a[0], a[len(a)-1])
	}
	m := merge(append([]int(nil), orig...))
	fmt.Println("merge", sorted(m))
	fmt.Println(m)
	words := []string{"pear", "fig", "apple", "kiwi", "banana"}
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && len(words[j]) < len(words[j-1]); j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	fmt.Println(words)
}

type struct0 struct {
	name string
	f    func([]int)
}
