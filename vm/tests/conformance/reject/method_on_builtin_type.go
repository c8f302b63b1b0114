// reject: go
package main

func (n int) Double() int { return n * 2 }

func main() {
}
