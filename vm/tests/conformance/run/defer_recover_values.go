package main

import "fmt"

type MyErr struct{ Code int }

func (e MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func catch(f func()) (v interface{}) {
	defer func() { v = recover() }()
	f()
	return "no panic"
}

func main() {
	vals := []interface{}{
		catch(func() { panic("str") }),
		catch(func() { panic(7) }),
		catch(func() { panic(2.5) }),
		catch(func() { panic(MyErr{404}) }),
		catch(func() { panic([]int{1, 2}) }),
		catch(func() {}),
	}
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			fmt.Println("string:", x)
		case int:
			fmt.Println("int:", x)
		case MyErr:
			fmt.Println("MyErr:", x.Code, x)
		case error:
			fmt.Println("error:", x.Error())
		default:
			fmt.Println("other:", x)
		}
	}
	r := catch(func() {
		var p *MyErr
		fmt.Println(p.Code)
	})
	err, ok := r.(error)
	fmt.Println(ok, err)
	r = catch(func() {
		a, b := 1, 0
		fmt.Println(a % b)
	})
	fmt.Println(r)
	r = catch(func() {
		var x interface{} = "s"
		fmt.Println(x.(int))
	})
	fmt.Println(r)
}
