package main

import "fmt"

// little-endian base-10000 digits
type Big []int

const base = 10000

func FromInt(n int) Big {
	if n == 0 {
		return Big{0}
	}
	var b Big
	for n > 0 {
		b = append(b, n%base)
		n /= base
	}
	return b
}

func (a Big) Add(b Big) Big {
	var out Big
	carry := 0
	for i := 0; i < len(a) || i < len(b) || carry > 0; i++ {
		s := carry
		if i < len(a) {
			s += a[i]
		}
		if i < len(b) {
			s += b[i]
		}
		out = append(out, s%base)
		carry = s / base
	}
	return out
}

func (a Big) MulSmall(k int) Big {
	var out Big
	carry := 0
	for _, d := range a {
		p := d*k + carry
		out = append(out, p%base)
		carry = p / base
	}
	for carry > 0 {
		out = append(out, carry%base)
		carry /= base
	}
	return out
}

func (a Big) String() string {
	s := fmt.Sprint(a[len(a)-1])
	for i := len(a) - 2; i >= 0; i-- {
		s += fmt.Sprintf("%04d", a[i])
	}
	return s
}

func main() {
	f := FromInt(1)
	for i := 1; i <= 50; i++ {
		f = f.MulSmall(i)
		if i%10 == 0 {
			fmt.Printf("%d! = %v\n", i, f)
		}
	}
	a, b := FromInt(0), FromInt(1)
	for i := 0; i < 200; i++ {
		a, b = b, a.Add(b)
	}
	fmt.Println("fib(200) =", a)
	p := FromInt(1)
	for i := 0; i < 100; i++ {
		p = p.MulSmall(2)
	}
	s := p.String()
	fmt.Println("2^100 =", s, len(s))
	digitSum := 0
	for i := 0; i < len(s); i++ {
		digitSum += int(s[i] - '0')
	}
	fmt.Println(digitSum)
}
