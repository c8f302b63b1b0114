package main

import "fmt"

func main() {
	s := "gopher"
	fmt.Printf("%s|%10s|%-10s|%.3s|%8.2s|%-8.4s|\n", s, s, s, s, s, s)
	fmt.Printf("%q|%12q|%-12q|\n", s, s, s)
	fmt.Printf("%x|%X|\n", s, s)
	fmt.Printf("%v|%8v|\n", s, s)
	fmt.Printf("%s and %s\n", "this", "that")
	fmt.Printf("[%s][%q]\n", "", "")
	fmt.Printf("%q\n", "tab\t\"quote\" é 世 \x01")
	fmt.Printf("%s\n", []string{"a", "b"})
	fmt.Printf("%q\n", []string{"a", "b c"})
	fmt.Printf("%x\n", "hello world")
	fmt.Printf("%.2s|%.10s|\n", "日本語", "short")
	fmt.Printf("%5s|%-5s|\n", "日本", "日本")
	fmt.Printf("%s %d\n", "x", 1)
	fmt.Printf("literal only\n")
	fmt.Printf("%%|%d%%|%s%%\n", 5, "x")
	fmt.Printf("100%%\n")
}
