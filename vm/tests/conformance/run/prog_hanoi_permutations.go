package main

import "fmt"

func hanoi(n int, from, to, via string, moves *[]string) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to, moves)
	*moves = append(*moves, from+"->"+to)
	hanoi(n-1, via, to, from, moves)
}

func permutations(s []byte) []string {
	var out []string
	var rec func(k int)
	rec = func(k int) {
		if k == len(s) {
			out = append(out, string(s))
			return
		}
		for i := k; i < len(s); i++ {
			s[k], s[i] = s[i], s[k]
			rec(k + 1)
			s[k], s[i] = s[i], s[k]
		}
	}
	rec(0)
	return out
}

func subsets(xs []int) [][]int {
	res := [][]int{{}}
	for _, x := range xs {
		n := len(res)
		for i := 0; i < n; i++ {
			cp := append(append([]int(nil), res[i]...), x)
			res = append(res, cp)
		}
	}
	return res
}

func main() {
	var moves []string
	hanoi(3, "A", "C", "B", &moves)
	fmt.Println(len(moves), moves)
	moves = nil
	hanoi(10, "A", "C", "B", &moves)
	fmt.Println(len(moves), moves[511], moves[1022])
	fmt.Println(permutations([]byte("abc")))
	fmt.Println(len(permutations([]byte("abcdef"))))
	fmt.Println(subsets([]int{1, 2, 3}))
}
