package main

import "fmt"

type Config struct {
	Name  string
	Level int
}

func makeLogger(c *Config) func(string) string {
	return func(msg string) string {
		return fmt.Sprintf("[%s:%d] %s", c.Name, c.Level, msg)
	}
}

func makeSnapshot(c Config) func() string {
	return func() string { return fmt.Sprintf("%s/%d", c.Name, c.Level) }
}

func main() {
	cfg := &Config{"app", 1}
	log := makeLogger(cfg)
	snap := makeSnapshot(*cfg)
	fmt.Println(log("start"), snap())
	cfg.Level = 3
	cfg.Name = "svc"
	fmt.Println(log("changed"), snap())
	pts := []Config{{"a", 1}, {"b", 2}}
	var fs []func() int
	for i := range pts {
		p := &pts[i]
		fs = append(fs, func() int { p.Level *= 10; return p.Level })
	}
	fmt.Println(fs[0](), fs[1](), fs[0](), pts)
	arr := [3]int{1, 2, 3}
	f := func() { arr[0] = 100 }
	f()
	fmt.Println(arr)
	m := map[string]int{}
	incr := func(k string) { m[k]++ }
	incr("x")
	incr("x")
	incr("y")
	fmt.Println(m)
}
