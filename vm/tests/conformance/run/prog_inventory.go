package main

import "fmt"

type Product struct {
	SKU   string
	Name  string
	Price int // cents
	Stock int
}

type Order struct {
	ID    int
	Lines map[string]int
}

type Inventory struct {
	products map[string]*Product
	log      []string
}

type StockError struct {
	SKU        string
	Want, Have int
}

func (e *StockError) Error() string {
	return fmt.Sprintf("sku %s: want %d, have %d", e.SKU, e.Want, e.Have)
}

type UnknownSKU string

func (u UnknownSKU) Error() string { return "unknown sku " + string(u) }

func (inv *Inventory) Add(p Product) {
	cp := p
	inv.products[p.SKU] = &cp
}

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func (inv *Inventory) Fulfil(o Order) (total int, err error) {
	for _, sku := range sortedKeys(o.Lines) {
		p, ok := inv.products[sku]
		if !ok {
			return 0, UnknownSKU(sku)
		}
		if p.Stock < o.Lines[sku] {
			return 0, &StockError{sku, o.Lines[sku], p.Stock}
		}
	}
	for _, sku := range sortedKeys(o.Lines) {
		p := inv.products[sku]
		p.Stock -= o.Lines[sku]
		total += p.Price * o.Lines[sku]
	}
	inv.log = append(inv.log, fmt.Sprintf("order %d: %d", o.ID, total))
	return total, nil
}

func money(c int) string { return fmt.Sprintf("$%d.%02d", c/100, c%100) }

func main() {
	inv := &Inventory{products: map[string]*Product{}}
	inv.Add(Product{"A1", "widget", 250, 10})
	inv.Add(Product{"B2", "gadget", 1999, 2})
	inv.Add(Product{"C3", "gizmo", 5, 1000})
	orders := []Order{
		{1, map[string]int{"A1": 3, "C3": 100}},
		{2, map[string]int{"B2": 3}},
		{3, map[string]int{"B2": 2, "A1": 7}},
		{4, map[string]int{"Z9": 1}},
		{5, map[string]int{"A1": 1}},
	}
	for _, o := range orders {
		t, err := inv.Fulfil(o)
		if err != nil {
			fmt.Println("order", o.ID, "failed:", err)
			continue
		}
		fmt.Println("order", o.ID, "total", money(t))
	}
	for _, sku := range []string{"A1", "B2", "C3"} {
		p := inv.products[sku]
		fmt.Printf("%-3s %-7s %7s %4d\n", p.SKU, p.Name, money(p.Price), p.Stock)
	}
	fmt.Println(inv.log)
}
