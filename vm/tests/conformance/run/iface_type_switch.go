package main

import "fmt"

type Stringer interface{ String() string }
type Named struct{ N string }

func (n Named) String() string { return "Named(" + n.N + ")" }

type MyInt int

func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", x+1)
	case MyInt:
		return fmt.Sprintf("MyInt %d", x)
	case string, []byte:
		return fmt.Sprintf("stringish %v", x)
	case bool:
		if x {
			return "true bool"
		}
		return "false bool"
	case float64:
		return fmt.Sprint("float ", x*2)
	case []int:
		return fmt.Sprint("slice len ", len(x))
	case map[string]int:
		return fmt.Sprint("map len ", len(x))
	case Stringer:
		return "stringer " + x.String()
	case error:
		return "error " + x.Error()
	case *Named:
		return "pointer to " + x.N
	case func() int:
		return fmt.Sprint("func returning ", x())
	default:
		return fmt.Sprintf("other %v", x)
	}
}

func main() {
	vals := []interface{}{nil, 1, MyInt(2), "s", []byte("b"), true, false, 1.5, []int{1, 2}, map[string]int{"a": 1}, Named{"n"}, &Named{"p"}, func() int { return 7 }, [2]int{1, 2}, 'r', byte(3)}
	for _, v := range vals {
		fmt.Println(describe(v))
	}
	var x interface{} = 3
	switch x.(type) {
	case int, string:
		fmt.Println("int or string")
	}
	switch t := x.(type) {
	default:
		fmt.Println("default", t)
	case string:
		fmt.Println("string")
	}
}
