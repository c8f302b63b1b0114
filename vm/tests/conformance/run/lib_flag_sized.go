package main

import (
	"flag"
	"fmt"
	"strconv"
)

var (
	n64 = flag.Int64("big", 1<<40, "a big `number`")
	u   = flag.Uint("u", 7, "unsigned")
	u64 = flag.Uint64("u64", 0, "unsigned 64")
	n   = flag.Int("n", 3, "count")
)

func main() {
	flag.Parse()
	fmt.Println(*n64, *u, *u64, *n)
	v, err := strconv.ParseInt("-9223372036854775808", 10, 64)
	fmt.Println(v, err)
	w, err := strconv.ParseUint("18446744073709551615", 10, 64)
	fmt.Println(w, err)
	w, err = strconv.ParseUint("18446744073709551616", 10, 64)
	fmt.Println(w, err)
	w, err = strconv.ParseUint("0xff", 0, 8)
	fmt.Println(w, err, strconv.FormatUint(w, 2), strconv.FormatInt(-255, 16))
	_, err = strconv.ParseUint("-1", 10, 64)
	fmt.Println(err)
	var x int64
	x, _ = strconv.ParseInt("123", 10, 32)
	fmt.Println(x)
}
