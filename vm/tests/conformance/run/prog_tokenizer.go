package main

import "fmt"

type Kind int

const (
	NUM Kind = iota
	IDENT
	OP
	LPAREN
	RPAREN
	STR
	EOF
)

var kindNames = []string{"NUM", "IDENT", "OP", "LPAREN", "RPAREN", "STR", "EOF"}

func (k Kind) String() string { return kindNames[k] }

type Token struct {
	Kind Kind
	Text string
	Pos  int
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

type LexError struct {
	Pos int
	Ch  byte
}

func (e LexError) Error() string { return fmt.Sprintf("unexpected %q at %d", e.Ch, e.Pos) }

func tokenize(src string) ([]Token, error) {
	var toks []Token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isDigit(c):
			start := i
			for i < len(src) && (isDigit(src[i]) || src[i] == '.') {
				i++
			}
			toks = append(toks, Token{NUM, src[start:i], start})
		case isLetter(c):
			start := i
			for i < len(src) && (isLetter(src[i]) || isDigit(src[i])) {
				i++
			}
			toks = append(toks, Token{IDENT, src[start:i], start})
		case c == '"':
			start := i
			i++
			for i < len(src) && src[i] != '"' {
				i++
			}
			i++
			toks = append(toks, Token{STR, src[start+1 : i-1], start})
		case c == '(':
			toks = append(toks, Token{LPAREN, "(", i})
			i++
		case c == ')':
			toks = append(toks, Token{RPAREN, ")", i})
			i++
		case c == '=' || c == '!' || c == '<' || c == '>':
			if i+1 < len(src) && src[i+1] == '=' {
				toks = append(toks, Token{OP, src[i : i+2], i})
				i += 2
			} else {
				toks = append(toks, Token{OP, src[i : i+1], i})
				i++
			}
		case c == '+' || c == '-' || c == '*' || c == '/':
			toks = append(toks, Token{OP, string(c), i})
			i++
		default:
			return toks, LexError{i, c}
		}
	}
	toks = append(toks, Token{EOF, "", len(src)})
	return toks, nil
}

func main() {
	inputs := []string{
		"x1 = (a + 42) * b_2",
		"if n >= 10 != done",
		`print("hi there") / 3.14`,
		"a + $",
	}
	for _, in := range inputs {
		toks, err := tokenize(in)
		for _, t := range toks {
			fmt.Printf("%v:%q@%d ", t.Kind, t.Text, t.Pos)
		}
		fmt.Println()
		if err != nil {
			fmt.Println("error:", err)
		}
	}
}
