// reject: go
package main

func main() {
	for {
		break outer
	}
}
