// reject: go
package main

func main() {
	doesNotExist(1)
}
