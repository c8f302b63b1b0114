package main

import "fmt"

type Item struct {
	Name  string
	Price float64
	Qty   int
}

func main() {
	items := []Item{{"apple", 0.5, 12}, {"bread", 2.25, 1}, {"cheese", 7.99, 3}}
	header := fmt.Sprintf("%-10s %8s %4s %9s", "item", "price", "qty", "total")
	fmt.Println(header)
	fmt.Println(fmt.Sprintf("%s", "----------------------------------")[:len(header)])
	sum := 0.0
	for _, it := range items {
		t := it.Price * float64(it.Qty)
		sum += t
		fmt.Println(fmt.Sprintf("%-10s %8.2f %4d %9.2f", it.Name, it.Price, it.Qty, t))
	}
	fmt.Println(fmt.Sprintf("%-10s %23.2f", "TOTAL", sum))
	s := fmt.Sprintf("%d-%s-%v-%t-%c-%x", 1, "two", 3.0, true, 'Z', 255)
	fmt.Println(s, len(s))
	fmt.Println(fmt.Sprintf("%v", items[0]), fmt.Sprintf("%+v", items[1]))
	fmt.Println(fmt.Sprintf("no verbs"), fmt.Sprintf(""), len(fmt.Sprintf("")))
	key := fmt.Sprintf("%d,%d", 3, 4)
	grid := map[string]bool{key: true}
	fmt.Println(grid["3,4"], grid["4,3"])
	pad := fmt.Sprintf("%03d|%3s|%-3s|", 7, "a", "b")
	fmt.Println(pad)
}
