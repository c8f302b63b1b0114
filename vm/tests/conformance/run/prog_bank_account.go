package main

import "fmt"

type InsufficientFunds struct {
	Need, Have int
}

func (e InsufficientFunds) Error() string {
	return fmt.Sprintf("insufficient funds: need %d, have %d", e.Need, e.Have)
}

type AccountError string

func (e AccountError) Error() string { return string(e) }

type Account struct {
	ID      int
	Owner   string
	balance int
	history []string
}

type Bank struct {
	accounts map[int]*Account
	nextID   int
}

func NewBank() *Bank { return &Bank{accounts: map[int]*Account{}, nextID: 1} }

func (b *Bank) Open(owner string, initial int) *Account {
	a := &Account{ID: b.nextID, Owner: owner, balance: initial}
	b.accounts[a.ID] = a
	b.nextID++
	a.log("open", initial)
	return a
}

func (a *Account) log(what string, amt int) {
	a.history = append(a.history, fmt.Sprintf("%s:%d", what, amt))
}

func (a *Account) Deposit(n int) error {
	if n <= 0 {
		return AccountError("deposit must be positive")
	}
	a.balance += n
	a.log("dep", n)
	return nil
}

func (a *Account) Withdraw(n int) error {
	if n > a.balance {
		return InsufficientFunds{n, a.balance}
	}
	a.balance -= n
	a.log("wd", n)
	return nil
}

func (b *Bank) Transfer(from, to, amt int) error {
	src, ok := b.accounts[from]
	if !ok {
		return AccountError(fmt.Sprintf("no account %d", from))
	}
	dst, ok := b.accounts[to]
	if !ok {
		return AccountError(fmt.Sprintf("no account %d", to))
	}
	if err := src.Withdraw(amt); err != nil {
		return err
	}
	return dst.Deposit(amt)
}

func (b *Bank) Total() int {
	t := 0
	for _, a := range b.accounts {
		t += a.balance
	}
	return t
}

func main() {
	bank := NewBank()
	alice := bank.Open("alice", 100)
	bob := bank.Open("bob", 50)
	fmt.Println(bank.Transfer(1, 2, 30))
	fmt.Println(bank.Transfer(2, 1, 500))
	fmt.Println(bank.Transfer(1, 9, 1))
	fmt.Println(alice.Deposit(-5))
	err := bob.Withdraw(1000)
	if e, ok := err.(InsufficientFunds); ok {
		fmt.Println("short by", e.Need-e.Have)
	}
	for i := 0; i < 5; i++ {
		if err := alice.Withdraw(20); err != nil {
			fmt.Println("stop:", err)
			break
		}
	}
	fmt.Println(alice.Owner, alice.balance, alice.history)
	fmt.Println(bob.Owner, bob.balance, bob.history)
	fmt.Println("total", bank.Total())
}
