// reject: go
package main

func helper() {}

func helper() {}

func main() {
	helper()
}
