package main

import "fmt"

type Account struct {
	Owner   string
	Balance int
}

func (a *Account) Deposit(n int) { a.Balance += n }

func NewAccount(owner string) *Account {
	return &Account{Owner: owner}
}

func main() {
	a := NewAccount("ann")
	a.Deposit(50)
	b := a
	b.Deposit(25)
	fmt.Println(a.Balance, b.Balance, a == b)
	fmt.Println(a, *a)
	c := *a
	c.Deposit(1000)
	fmt.Println(a.Balance, c.Balance)
	p := new(Account)
	p.Owner = "pat"
	(*p).Balance = 7
	fmt.Println(*p, p.Balance)
	v := Account{"val", 1}
	vp := &v
	vp.Balance = 2
	v.Deposit(3)
	fmt.Println(v, vp.Balance)
	accts := []*Account{NewAccount("x"), NewAccount("y")}
	for _, ac := range accts {
		ac.Deposit(10)
	}
	fmt.Println(*accts[0], *accts[1])
	arr := [2]Account{{"p", 1}, {"q", 2}}
	ap := &arr[1]
	ap.Balance = 20
	fmt.Println(arr)
	sl := []Account{{"s", 1}}
	sp := &sl[0]
	sp.Deposit(4)
	fmt.Println(sl)
	m := map[string]*Account{"k": {"k", 0}}
	m["k"].Deposit(9)
	m["k"].Balance++
	fmt.Println(m["k"].Balance)
	var nilp *Account
	fmt.Println(nilp == nil, nilp)
}
