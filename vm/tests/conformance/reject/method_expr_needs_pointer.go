// reject: go
package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func main() {
	f := Counter.Inc
	fmt.Println(f)
}
