package main

import "fmt"

type Parser struct {
	src string
	pos int
}

type ParseError struct {
	Pos int
	Msg string
}

func (e *ParseError) Error() string { return fmt.Sprintf("parse error at %d: %s", e.Pos, e.Msg) }

func (p *Parser) peek() byte {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	if p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}

func (p *Parser) fail(msg string) {
	panic(&ParseError{p.pos, msg})
}

// expr := term (('+'|'-') term)*
func (p *Parser) expr() int {
	v := p.term()
	for {
		switch p.peek() {
		case '+':
			p.pos++
			v += p.term()
		case '-':
			p.pos++
			v -= p.term()
		default:
			return v
		}
	}
}

// term := unary (('*'|'/'|'%') unary)*
func (p *Parser) term() int {
	v := p.unary()
	for {
		switch c := p.peek(); c {
		case '*':
			p.pos++
			v *= p.unary()
		case '/', '%':
			p.pos++
			d := p.unary()
			if d == 0 {
				p.fail("division by zero")
			}
			if c == '/' {
				v /= d
			} else {
				v %= d
			}
		default:
			return v
		}
	}
}

func (p *Parser) unary() int {
	if p.peek() == '-' {
		p.pos++
		return -p.unary()
	}
	return p.primary()
}

func (p *Parser) primary() int {
	c := p.peek()
	if c == '(' {
		p.pos++
		v := p.expr()
		if p.peek() != ')' {
			p.fail("expected )")
		}
		p.pos++
		return v
	}
	if c >= '0' && c <= '9' {
		v := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			v = v*10 + int(p.src[p.pos]-'0')
			p.pos++
		}
		return v
	}
	p.fail(fmt.Sprintf("unexpected %q", string(c)))
	return 0
}

func Eval(s string) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if pe, ok := r.(*ParseError); ok {
				err = pe
				return
			}
			panic(r)
		}
	}()
	p := &Parser{src: s}
	v = p.expr()
	if p.peek() != 0 {
		p.fail("trailing input")
	}
	return v, nil
}

func main() {
	for _, s := range []string{
		"1 + 2 * 3",
		"(1 + 2) * 3",
		"-(4 - 10) * -2",
		"100 / 7 % 3",
		"2 * (3 + (4 - 1)) * 5",
		"-7 / 2",
		"10 / (5 - 5)",
		"(1 + 2",
		"3 + * 4",
		"42 43",
		"",
	} {
		v, err := Eval(s)
		if err != nil {
			fmt.Printf("%-24q error: %v\n", s, err)
		} else {
			fmt.Printf("%-24q = %d\n", s, v)
		}
	}
}
