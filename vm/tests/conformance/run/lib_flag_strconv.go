package main

import (
	"flag"
	"fmt"
	"strconv"
)

var n = flag.Int("n", 7, "the `count` of things")
var name = flag.String("name", "x", "a name")
var v = flag.Bool("v", false, "verbose")
var f = flag.Float64("f", 0.5, "fraction")

func main() {
	flag.Parse()
	fmt.Println(*n, *name, *v, *f, flag.NArg(), flag.Args(), flag.Arg(0))
	fmt.Println(strconv.ParseInt("0x1f", 0, 64))
	fmt.Println(strconv.ParseInt("99999999999999999999", 10, 64))
	fmt.Println(strconv.ParseInt("-129", 10, 8))
	fmt.Println(strconv.ParseFloat("1e400", 64))
	fmt.Println(strconv.ParseFloat("x", 64))
	fmt.Println(strconv.FormatInt(-255, 16), strconv.Quote("a\tb"))
}
