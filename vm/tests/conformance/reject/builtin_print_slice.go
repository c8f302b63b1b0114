// reject: subset
package main

func main() {
	s := []int{1, 2}
	println("slice", s)
}
