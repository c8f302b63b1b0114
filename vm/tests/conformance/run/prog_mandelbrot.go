package main

import "fmt"

func mandel(cr, ci float64, max int) int {
	zr, zi := 0.0, 0.0
	for i := 0; i < max; i++ {
		zr2, zi2 := zr*zr, zi*zi
		if zr2+zi2 > 4 {
			return i
		}
		zi = 2*zr*zi + ci
		zr = zr2 - zi2 + cr
	}
	return max
}

func main() {
	chars := " .:-=+*#%@"
	total := 0
	for y := 0; y < 21; y++ {
		line := make([]byte, 0, 60)
		for x := 0; x < 60; x++ {
			cr := -2.2 + float64(x)*0.05
			ci := -1.2 + float64(y)*0.12
			n := mandel(cr, ci, 50)
			total += n
			line = append(line, chars[n*(len(chars)-1)/50])
		}
		fmt.Println(string(line))
	}
	fmt.Println("total iterations", total)
	fmt.Println(mandel(0, 0, 1000), mandel(1, 1, 1000), mandel(-0.75, 0.1, 1000))
}
