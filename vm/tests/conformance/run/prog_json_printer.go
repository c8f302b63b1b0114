package main

import (
	"fmt"
	"strconv"
)

func quote(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			out = append(out, '\\', '"')
		case '\\':
			out = append(out, '\\', '\\')
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, c)
		}
	}
	return string(append(out, '"'))
}

func sortKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func indent(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "  "
	}
	return s
}

func encode(v interface{}, depth int) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int:
		return strconv.Itoa(x)
	case float64:
		return fmt.Sprint(x)
	case string:
		return quote(x)
	case []interface{}:
		if len(x) == 0 {
			return "[]"
		}
		s := "[\n"
		for i, e := range x {
			s += indent(depth+1) + encode(e, depth+1)
			if i < len(x)-1 {
				s += ","
			}
			s += "\n"
		}
		return s + indent(depth) + "]"
	case map[string]interface{}:
		if len(x) == 0 {
			return "{}"
		}
		s := "{\n"
		keys := sortKeys(x)
		for i, k := range keys {
			s += indent(depth+1) + quote(k) + ": " + encode(x[k], depth+1)
			if i < len(keys)-1 {
				s += ","
			}
			s += "\n"
		}
		return s + indent(depth) + "}"
	default:
		panic(fmt.Sprintf("unsupported %v", x))
	}
}

func main() {
	doc := map[string]interface{}{
		"name":    "jitlab",
		"version": 1,
		"ratio":   0.75,
		"tags":    []interface{}{"vm", "jit", 3, true, nil},
		"nested": map[string]interface{}{
			"empty": map[string]interface{}{},
			"list":  []interface{}{},
			"quote": "say \"hi\"\nbye",
		},
		"ok": false,
	}
	fmt.Println(encode(doc, 0))
	fmt.Println(encode([]interface{}{1, 2.5, "x"}, 0))
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		encode([]interface{}{[]int{1}}, 0)
	}()
}
