package main

import (
	"fmt"
	"sort"
	"strings"
)

type rec struct {
	key, id int
}

type byKey []rec

func (b byKey) Len() int           { return len(b) }
func (b byKey) Less(i, j int) bool { return b[i].key < b[j].key }
func (b byKey) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

var seed = 12345

func rnd(n int) int {
	seed = (seed*1103515245 + 12345) % 2147483648
	return seed % n
}

func main() {
	sum := 0
	for trial := 0; trial < 30; trial++ {
		n := rnd(150)
		keys := 1 + rnd(50)
		a := make([]rec, n)
		pattern := rnd(4)
		for i := range a {
			switch pattern {
			case 0:
				a[i] = rec{rnd(keys), i}
			case 1:
				a[i] = rec{i / 3, i}
			case 2:
				a[i] = rec{n - i/2, i}
			default:
				a[i] = rec{(i * 7) % (keys + 1), i}
			}
		}
		b := make([]rec, n)
		copy(b, a)
		sort.Sort(byKey(a))
		sort.Slice(b, func(i, j int) bool { return b[i].key < b[j].key })
		for i := range a {
			sum = (sum*31 + a[i].id*7 + b[i].id) % 1000000007
		}
		if trial%6 == 0 && n > 20 {
			fmt.Println(a[:20])
		}
		c := make([]rec, n)
		copy(c, b)
		sort.SliceStable(c, func(i, j int) bool { return c[i].key%5 < c[j].key%5 })
		for i := range c {
			sum = (sum*31 + c[i].id) % 1000000007
		}
	}
	fmt.Println("checksum", sum)
	xs := []int{5, 2, 8, 1, 9, 3}
	sort.Ints(xs)
	fs := []float64{2.5, -1, 3}
	sort.Float64s(fs)
	ss := []string{"pear", "apple", "fig"}
	sort.Strings(ss)
	sort.Sort(sort.Reverse(sort.IntSlice(xs)))
	fmt.Println(xs, fs, ss, sort.SearchInts([]int{1, 3, 5, 7}, 5), sort.IsSorted(sort.IntSlice(xs)))
	fmt.Println(sort.Search(100, func(i int) bool { return i*i >= 50 }))

	s := "  Hello, Wörld! héllo  "
	fmt.Printf("%q\n", strings.Fields(s))
	fmt.Printf("%q\n", strings.Split("a,b,,c", ","))
	fmt.Printf("%q\n", strings.Split("héllo", ""))
	fmt.Printf("%q\n", strings.SplitN("a,b,c,d", ",", 2))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"), strings.Repeat("ab", 3))
	fmt.Println(strings.Contains(s, "llo"), strings.Index(s, "Wö"), strings.LastIndex(s, "llo"), strings.HasPrefix(s, "  H"), strings.HasSuffix(s, "  "))
	fmt.Println(strings.ToUpper(s), strings.ToLower(s), strings.ToUpper("abc"))
	fmt.Printf("%q %q\n", strings.TrimSpace(s), strings.Trim("xxhixx", "x"))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"), strings.Replace("abc", "", "-", -1))
	fmt.Println(strings.Count("cheese", "e"), strings.Count("five", ""), strings.TrimPrefix("prefix-x", "prefix-"), strings.TrimSuffix("a.go", ".go"))
	var sb strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&sb, "%d;", i)
	}
	sb.WriteString("end")
	sb.WriteByte('!')
	sb.WriteRune('é')
	fmt.Println(sb.String(), sb.Len())
	fmt.Println(strings.EqualFold("Go", "GO"), strings.IndexByte("golang", 'l'), strings.ContainsRune("abc", 'b'), strings.IndexAny("golang", "ny"))
}
