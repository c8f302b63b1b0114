package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for i := 0; i < 5; i++ {
		fmt.Fprintf(w, "line %d\n", i)
	}
	w.WriteString("héllo ")
	w.WriteByte('x')
	w.WriteRune('é')
	w.WriteRune('\n')
	in := bufio.NewScanner(os.Stdin)
	n := 0
	for in.Scan() {
		n++
		fmt.Fprintf(w, "%d: %q\n", n, in.Text())
	}
	r := bufio.NewReader(os.Stdin)
	_, err := r.ReadString('\n')
	fmt.Fprintln(w, "after:", err)
}
