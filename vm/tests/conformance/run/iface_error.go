package main

import (
	"fmt"
	"strconv"
)

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

type simpleErr string

func (s simpleErr) Error() string { return string(s) }

var db = map[string]int{"a": 1}

func find(k string) (int, error) {
	v, ok := db[k]
	if !ok {
		return 0, NotFound{k}
	}
	return v, nil
}

func parse(lines []string) (int, error) {
	sum := 0
	for i, l := range lines {
		n, err := strconv.Atoi(l)
		if err != nil {
			return 0, &ParseError{i + 1, err}
		}
		sum += n
	}
	return sum, nil
}

func main() {
	if v, err := find("a"); err == nil {
		fmt.Println("found", v)
	}
	_, err := find("zz")
	fmt.Println(err)
	fmt.Println(err.Error())
	fmt.Printf("%v|%s\n", err, err)
	if nf, ok := err.(NotFound); ok {
		fmt.Println("key was", nf.Key)
	}
	s, err := parse([]string{"1", "2", "3"})
	fmt.Println(s, err)
	_, err = parse([]string{"1", "x"})
	fmt.Println(err)
	if pe, ok := err.(*ParseError); ok {
		fmt.Println(pe.Line, pe.Err)
	}
	var e error = simpleErr("simple")
	fmt.Println(e, e == simpleErr("simple"))
	errs := []error{NotFound{"k"}, nil, simpleErr("x")}
	fmt.Println(errs)
	fmt.Println(err != nil, e != nil)
}
