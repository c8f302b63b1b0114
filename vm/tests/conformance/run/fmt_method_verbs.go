package main

import (
	"fmt"
	"math"
)

// Go calls Error() and String() only for %v %s %x %X %q (and extra operands); other
// verbs format the value itself, so these methods can format their own receiver.

type ErrNegativeSqrt float64

func (e ErrNegativeSqrt) Error() string {
	return fmt.Sprintf("cannot Sqrt negative number: %g", e)
}

func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, ErrNegativeSqrt(x)
	}
	return math.Sqrt(x), nil
}

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f degrees", t) }

type Count int

func (c Count) String() string { return fmt.Sprintf("%d items", c) }

type Both int

func (b Both) String() string { return "string" }
func (b Both) Error() string  { return "error" }

type Pair struct {
	A Count
	B Temp
}

func main() {
	fmt.Println(Sqrt(2))
	fmt.Println(Sqrt(-2))
	var err error = ErrNegativeSqrt(-3)
	fmt.Printf("%v|%s|%g|%f|%q|%e\n", err, err, err, err, err, err)
	fmt.Println(Temp(3.25), Count(4))
	c := Count(255)
	fmt.Printf("%v|%s|%d|%x|%X|%q|%5d|%o|%b|%c\n", c, c, c, c, c, c, c, c, c, c)
	fmt.Printf("%[1]d then %[1]v, %[2]*[1]d\n", c, 6)
	fmt.Printf("%*d|%-*v|\n", 5, c, 12, c)
	fmt.Printf("%d %v\n", []Count{1, 2}, []Count{1, 2})
	fmt.Printf("%d|%v|%+v\n", Pair{3, 1.5}, Pair{3, 1.5}, Pair{3, 1.5})
	fmt.Printf("%#v|%T\n", c, c)
	fmt.Printf("%d\n", c, Count(9), Temp(2))
	var b Both = 3
	fmt.Printf("%v|%s|%d|%x\n", b, b, b, b)
	fmt.Println(fmt.Sprint(c), fmt.Sprintf("%6.2f|%v", Temp(1), Temp(1)))
}
