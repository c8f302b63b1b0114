package main

import "fmt"

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func isPalindrome(s string) bool {
	for i := 0; i < len(s)/2; i++ {
		if s[i] != s[len(s)-1-i] {
			return false
		}
	}
	return true
}

func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func split(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func join(parts []string, sep string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

func trim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] == ' ' {
		i++
	}
	for j > i && s[j-1] == ' ' {
		j--
	}
	return s[i:j]
}

func main() {
	fmt.Println(reverse("stressed"), reverse(""), reverse("a"))
	for _, w := range []string{"racecar", "level", "go", "", "abba"} {
		fmt.Println(w, isPalindrome(w))
	}
	fmt.Println(index("hello world", "o w"), index("hello", "z"), index("aaa", ""))
	parts := split("a,b,,c", ',')
	fmt.Println(len(parts), parts)
	fmt.Printf("%q\n", parts)
	fmt.Println(join(parts, "|"))
	fmt.Println(repeat("ab", 3), repeat("x", 0) == "")
	fmt.Printf("[%s]\n", trim("   padded  "))
	fmt.Printf("[%s]\n", trim("    "))
}
