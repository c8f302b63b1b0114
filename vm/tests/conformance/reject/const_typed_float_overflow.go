// reject: go
package main

import "fmt"

func main() {
	const f float64 = 1e300
	fmt.Println(f * f)
}
