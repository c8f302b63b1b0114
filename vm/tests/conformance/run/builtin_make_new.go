package main

import "fmt"

type Config struct {
	Name    string
	Retries int
	Tags    []string
}

func main() {
	s := make([]string, 3)
	fmt.Printf("%q %d %d\n", s, len(s), cap(s))
	f := make([]float64, 2, 5)
	fmt.Println(f, len(f), cap(f))
	m := make(map[string][]int)
	m["a"] = append(m["a"], 1)
	fmt.Println(m)
	m2 := make(map[int]bool, 64)
	m2[3] = true
	fmt.Println(m2, len(m2))
	n := 4
	dyn := make([][]int, n)
	for i := range dyn {
		dyn[i] = make([]int, i)
	}
	fmt.Println(dyn)
	p := new(int)
	*p = 3
	fmt.Println(*p)
	c := new(Config)
	c.Name = "svc"
	c.Tags = append(c.Tags, "x")
	fmt.Println(*c, c.Retries)
	fmt.Printf("%+v\n", c)
	s2 := new(string)
	fmt.Printf("%q\n", *s2)
	bp := new(bool)
	*bp = !*bp
	fmt.Println(*bp)
	zero := make([]int, 0)
	fmt.Println(zero == nil, len(zero))
	bs := make([]byte, 3)
	fmt.Println(bs)
}
