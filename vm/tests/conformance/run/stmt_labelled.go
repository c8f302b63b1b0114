package main

import "fmt"

func main() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Println(i, j)
		}
	}
	fmt.Println("done1")

	found := -1
search:
	for i, row := range [][]int{{1, 2}, {3, 4}, {5, 6}} {
		for _, v := range row {
			if v == 4 {
				found = i
				break search
			}
		}
	}
	fmt.Println("found row", found)

	n := 0
loop:
	for {
		switch {
		case n >= 5:
			break loop
		default:
			n++
		}
	}
	fmt.Println("n", n)

	count := 0
L1:
	for i := 0; i < 3; i++ {
	L2:
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				if k == 1 {
					continue L2
				}
				if j == 2 {
					continue L1
				}
				count++
			}
		}
	}
	fmt.Println("count", count)

	m := 0
sw:
	switch m {
	case 0:
		for {
			m++
			if m > 2 {
				break sw
			}
		}
	}
	fmt.Println("m", m)
}
