// This program generated the expected values in the tests of vm/src/format.rs.
//
// It runs every case through the real Go 1.19 fmt/strconv and prints a Rust
// `#[cfg(test)] mod tests` whose cases compare jitlab's format.rs with what Go
// printed, byte for byte. Each operand is converted to the FmtArg tree the VM
// would build (dynamic type name, value, String()/Error() text where Go would
// call it, real addresses for pointers and funcs).
//
// Regenerate with:
//
//	go run format_cases.go > tests_gen.rs
//
// and paste the output over the `mod tests` at the bottom of format.rs, then
// run `cargo fmt` (addresses and map orders change from run to run; that is fine).
package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"reflect"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------------------
// Types used by the cases

type Point struct{ X, Y int }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("myerr %d", e.Code) }

type Name string

func (n Name) String() string { return "Name(" + string(n) + ")" }

type PP struct{ X int }

func (p *PP) String() string { return fmt.Sprintf("PP<%d>", p.X) }

type Color int

const (
	Red Color = iota
	Green
)

func (c Color) String() string { return [...]string{"Red", "Green"}[c] }

type Node struct {
	Val  int
	Next *Node
}

type Inner struct {
	A []int
	M map[string]int
}

type Outer struct {
	Name string
	In   Inner
	P    *Point
	E    error
	I    interface{}
}

type hidden struct {
	name Name
	n    int
}

type MyInt int

type Bytes []byte

type Pair struct {
	K string
	V float64
}

type Grid [2][2]int

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type ErrVal struct{ Msg string }

func (e ErrVal) Error() string { return "E:" + e.Msg }

// ---------------------------------------------------------------------------
// The cases

type tc struct {
	kind   string // "Pf" (Sprintf), "Pr" (Sprint), "Ln" (Sprintln)
	format string
	args   []interface{}
}

var cases []tc

func F(format string, args ...interface{}) { cases = append(cases, tc{"Pf", format, args}) }
func P(args ...interface{})                { cases = append(cases, tc{"Pr", "", args}) }
func L(args ...interface{})                { cases = append(cases, tc{"Ln", "", args}) }

func buildCases() {
	pt := Point{1, 2}
	ppt := &Point{3, 4}
	list := &Node{1, &Node{2, &Node{3, nil}}}
	var nilPt *Point
	var nilMap map[string]int
	var nilSlice []int
	var nilErr error
	var nilFunc func()
	fn := func() {}
	e1 := errors.New("boom")
	me := &MyErr{42}
	ms := map[string]int{"b": 2, "a": 1, "c": 3, "aa": 4, "B": 5}
	mi := map[int]string{10: "ten", -3: "minus three", 2: "two", 0: "zero", 100: "hundred"}
	bs := []byte("hi\x00\xff")

	// --- Println / Print of each kind
	L(1, -2, 0, math.MaxInt64, math.MinInt64)
	L(1.0, 1.5, -0.25, 1e6, 1e20, 1e21, 123456.0, 1234567.0, 1e-5, 0.0001, 0.00012345)
	L(math.Pi, math.E, 1.0/3.0, 2.0/3.0, 0.1+0.2, 100.0, 5e-324, math.MaxFloat64)
	L(math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1), 0.0)
	L(true, false)
	L("hello", "", "with space", "tab\there")
	L(nilSlice, []int{}, []int{1, 2, 3}, []string{"a", "b c"}, [3]int{7, 8, 9}, [0]int{})
	L(ms, mi, nilMap, map[string]int{})
	L(map[string][]int{"x": {1, 2}, "w": nil}, map[int]bool{3: true, 1: false, 2: true})
	L(map[float64]string{2.5: "a", -1: "b", 0: "c"}, map[bool]int{true: 1, false: 0})
	L(pt, ppt, nilPt, Outer{})
	L(list)
	L(Outer{Name: "o", In: Inner{A: []int{1}, M: map[string]int{"k": 1}}, P: ppt, E: e1, I: 7})
	L([]*Point{ppt, nil})
	L(nil, nilErr, nilFunc, fn == nil)
	L(e1, me, Celsius(21.5), Name("bob"), Color(1), &PP{5})
	L([]Celsius{1, 2.25}, map[Name]Color{"x": Red, "y": Green}, []error{e1, nil, me})
	L(hidden{"n", 1}, []interface{}{1, "a", nil, 2.5, true, []int{1}})
	L(MyInt(5), Bytes("ab"), bs, []byte(nil), [2]byte{1, 2})
	L(struct{}{}, struct{ A, B string }{"x", "y"}, Pair{"k", 0.5}, Grid{{1, 2}, {3, 4}})
	L(byte('a'), rune('a'), 'x', uint(7), uint64(math.MaxUint64), int32(-5), int8(-128), uint16(65535))
	L(Rect{2, 3}, []Shape{Rect{1, 1}}, ErrVal{"x"}, []ErrVal{{"a"}})
	L()
	L("a", 1, "b")
	P(1, 2, "a", 3, "b", "c", 4, 5)
	P("x", "y", 1.5, true, nil, nil, Name("n"), 3)
	P()
	P([]int{1}, []int{2}, "s", ppt)
	P(e1, 1, Celsius(3))

	// --- %v %+v %#v
	F("%v %+v", pt, pt)
	F("%v|%+v|%v", ppt, ppt, []*Point{ppt})
	F("%+v", Outer{Name: "o", In: Inner{A: []int{1}, M: map[string]int{"k": 1}}, E: e1})
	F("%+v", list)
	F("%#v", pt)
	F("%#v", ppt)
	F("%#v %#v %#v", []int{1, 2}, nilSlice, [2]string{"a", "b"})
	F("%#v %#v", ms, nilMap)
	F("%#v %#v %#v %#v", 42, uint8(200), "q\"s", 1.0)
	F("%#v %#v %#v", 1e6, 1.5, -0.0)
	F("%#v", []interface{}{1, nil, "x"})
	F("%#v %#v", bs, []byte(nil))
	F("%#v", Outer{})
	F("%#v %#v", nilPt, Celsius(2))
	F("%v %d", nilPt, nilPt)
	F("%#x %#o %#b %#X", 255, 8, 5, 255)
	F("%O %o", 64, -8)
	F("%v %v", struct{ A *int }{nil}, [1]*Point{nil})

	// --- integers
	F("%d %d %d", 0, -1, math.MinInt64)
	F("%5d|%-5d|%05d|%+d|% d|%+05d", 42, 42, 42, 42, 42, 42)
	F("%05d|%-05d|%+5d|% 5d|% -5d|", -42, -42, -42, -42, 42)
	F("%.3d|%.0d|%5.0d|%.0d|%08.3d", 7, 0, 0, 1, -7)
	F("%x %X %x %X %x", 255, 255, -255, -3054, uint64(math.MaxUint64))
	F("%08x|%-8X|%#08x|%#x", 3054, 3054, 3054, -1)
	F("%b %o %b", 10, 64, -5)
	F("%c%c%c %c %c", 'G', 'o', 0x4E16, -1, 0x110000)
	F("%c|%5c|%-3c|", 'x', 'y', 'z')
	F("%q %q %q %q %q", 'a', '\n', '\'', 0x7f, 0x4E16)
	F("%+q %#q %q %q", 0x4E16, 'x', 0xD800, -5)
	F("%U %#U %.6U %#U", 0x1F600, 'x', 0x41, 0x7)
	F("%d %d %d", byte(200), int32(-7), uint(9))
	F("%x %d", MyInt(255), Color(1))
	F("%5d|%-5d|", []int{1, 22}, []int{1, 22})
	F("%d %x", []int{10, 11, 12}, []int{10, 11, 12})
	F("%d", map[string]int{"z": 26, "a": 1})
	F("%d", pt)
	F("%03d", [2]int{5, 6})
	F("%d %s", []uint8{1, 2}, []uint8{65, 66})
	F("%x", 1<<62)

	// --- floats
	F("%f %f %f %f", 3.14159, -2.5, 0.0, 1e20)
	F("%.2f %.0f %.0f %.0f %.1f %.3f", 3.14159, 0.5, 1.5, 2.5, 0.25, 1.0005)
	F("%5.2f|%-8.3f|%08.3f|%+.1f|% .2f|", 3.14159, 2.5, -3.14159, 2.0, 1.0)
	F("%6.2f|%6.2f|%-6.2f|%06.2f", -1.5, -123.456, -1.5, -1.5)
	F("%e %E %.3e %.0e %10.2e|", 123456.789, 0.000123, 1.0, 15.0, -1234.5)
	F("%g %g %g %g %g %g", 100000.0, 1000000.0, 1e-4, 1e-5, 123.456, 1e100)
	F("%.3g %.10g %.1g %.0g %.2g %.3g", 1234.5678, 1.0/3, 0.15, 2.5, 100.0, 1.0)
	F("%G %.3G %E", 1e-7, 1e9, 1e300)
	F("%8.3g|%-8.3g|%08.3g", 3.14159, 3.14159, -3.14159)
	F("%#g %#.3g %#e %#.0f %#.0e %#g", 1.0, 2.0, 3.0, 4.0, 5.0, 1e-5)
	F("%#v %#g %#.4g", 1.5, 100000.0, 123456.0)
	F("%f %e %g %v", math.Inf(1), math.Inf(-1), math.NaN(), math.NaN())
	F("%5f|%-6v|%05v|%+v|% v|%+f", math.Inf(1), math.Inf(-1), math.NaN(), math.NaN(), math.NaN(), math.Inf(1))
	F("%010.3f|%-010.3f|%+010.3f", 3.14159, 3.14159, 3.14159)
	F("%.20f", 0.1)
	F("%.30e", 1.0/3)
	F("%.17g %.17g", 0.1, 1e23)
	F("%v %v %v", 1e21, 1e-7, 12345678.0)
	F("%.2f %.2f %.2f %.2f", 0.125, 0.375, 1.005, 2.675)
	F("%b %x %X %.3x", 1.0, 1.5, -0.1, 3.0)
	F("%d %s %t", 1.5, 2.5, 3.5)
	F("%v", []float64{0.1, 2, 3e10, -4.5e-8})
	F("%.1f %6.2f", []float64{1.25, 2.35}, map[string]float64{"pi": math.Pi})
	F("%5.1f|%-7.2e|", Celsius(20), Celsius(-3))
	F("%.300f", 5e-324)
	F("%.1100f", 5e-324)
	F("%.800e|%.1080g|%.1200f", 1.0/3, 0.1, 0.1)
	F("%g %g", float64(1<<53), float64(1<<53+1))
	F("%.0f %.0f %.0f", 1e15, 123456789012345678.0, math.MaxFloat64)

	// --- strings and bytes
	F("%s|%10s|%-10s|%.2s|%5.1s|", "hello", "hi", "hi", "hello", "xyz")
	F("%q %q %q", "hello", "tab\there \"quoted\" back\\slash", "nl\n\r\a\b\f\v\x00")
	F("%q %+q %#q %#q %#q", "héllo 世界", "héllo 世界", "raw", "has`tick", "tab\tok")
	F("%q %q", "bad\xffutf8\xc3", "\u00ad\u2028\ufeff\U0001F600\u0378")
	F("%x %X % x %#x %# x %#X", "hello", "hi", "hi", "hi", "hi", "")
	F("%10x|%-10x|%.2x|%8.1x|", "hi", "hi", "hello", "hello")
	F("%s %x %X %q %v", bs, bs, bs, bs, bs)
	F("%s %x %q", Bytes("ab"), Bytes("ab"), [3]byte{'a', 'b', 'c'})
	F("%s %q %x", []string{"a", "b"}, []string{"a", "b"}, []string{"a", "b"})
	F("%5s|%-4q|", []string{"ab", "c"}, []string{"x"})
	F("%s %d", "str", "str")
	F("%s", 42)
	F("%s %s %s", true, nilSlice, ms)
	F("%s", []int{1, 2})
	F("%5.3s|%.5s|%.1s|", "日本語日本語", "日本語", "\xffabc")
	F("%-5s|%5s|", "日本", "é")
	F("%c %c", "a", 'a')
	F("%t %t %5t %-6t|", true, false, true, false)
	F("%t %d", 1, true)
	F("%q", []byte("hi\n"))
	F("%s|%v|%d", []byte{}, []byte{}, []byte{})
	F("%08s|%-08s|%08q", "ab", "ab", "ab")

	// --- methods
	F("%v %s %q %x %X %d", Celsius(21.5), Celsius(21.5), Celsius(21.5), Celsius(1), Celsius(1), Celsius(1))
	F("%v %s %d %+v %#v", e1, e1, e1, e1, me)
	F("%v %s %d %q", me, me, me, me)
	F("%v %s %d %x", Name("bob"), Name("bob"), Name("bob"), Name("bob"))
	F("%v %d %s %08v", Color(0), Color(1), Color(1), Color(1))
	F("%v %+v %d", &PP{5}, &PP{6}, &PP{7})
	F("%v", PP{8})
	F("%v %s %d", []Celsius{1, 2}, map[string]Celsius{"a": 3}, []Celsius{1})
	F("%v %+v", Outer{E: me, I: Celsius(3)}, Outer{E: me, I: Name("z")})
	F("%v %+v %s", hidden{"n", 1}, hidden{"n", 1}, hidden{"n", 1})
	F("%v %v", ErrVal{"x"}, &ErrVal{"y"})
	F("%10v|%-10s|", Celsius(5), Name("x"))
	F("%t", Celsius(1))
	F("%v %d", []error{e1, nil}, []error{e1, nil})
	F("%v", map[Color][]Name{Red: {"a"}, Green: nil})

	// --- pointers and funcs
	F("%p", ppt)
	F("%v %d %x", ppt, ppt, ppt)
	F("%p %v %t", nilPt, nilPt, nilPt)
	F("%v %v", []*Point{ppt}, map[string]*Point{"p": ppt})
	F("%s", []*Point{ppt})
	F("%v %p", &[]int{1, 2}, &[]int{1, 2})
	F("%v", &map[string]int{"a": 1})
	F("%v", &[2]string{"a", "b"})
	F("%v %+v", &Outer{P: ppt}, &Outer{P: ppt})
	F("%v %v", nilFunc, []func(){nil})
	F("%T %T %T %T %T %T", 1, "s", ppt, ms, nil, e1)
	F("%T %5T|%-5T|", []interface{}{1}, 1, 2)
	F("%p", 5)

	// --- error forms
	F("%d")
	F("%d %d", 1)
	F("%d", 1, 2)
	F("%s", "a", 3, "x", nil, []int{1}, e1)
	F("%z %!", 5, 6)
	F("%z", "str")
	F("abc%")
	F("%5")
	F("%-")
	F("%.")
	F("%d %s", nil, nil)
	F("%v %+v %#v %5v|", nil, nil, nil, nil)
	F("%!d", 3)
	F("%%|%5%|%-5%|%d%%", 50)
	F("%ä", 1)
	F("%\xff", 1)
	F("%é")
	F("%[2]d %[1]d", 1, 2)
	F("%[3]d", 1, 2)
	F("%[0]d %[x]d %[1]", 1)
	F("%[2]*[1]d|", 12, 5)
	F("%[1]d %d %d", 1, 2)
	F("%d %[1]d", 1, 2)
	F("%[2]v", 1)
	F("%.[2]d", 1, 2)
	F("%[3]2d", 1, 2, 3)
	F("%*d|%-*d|%*d|", 5, 1, 5, 2, -5, 3)
	F("%.*f|%*.*f|", 2, math.Pi, 8, 3, math.Pi)
	F("%*d", "x", 5)
	F("%.*d", "x", 5)
	F("%.*d", -1, 5)
	F("%*d", 10000000, 5)
	F("%*d", uint(3), 4)
	F("%*d", 3)
	F("%.*d", 3)
	F("%100000000d", 1)
	F("%.0100000000d", 1)
	F("%.*f|%*d|", 1000001, 1.0, -1000001, 2)
	F("%w", e1)
	F("%w %w", 1, []int{1})
	F("%w", bs)
	F("%d %s", []interface{}{nil}, struct{ E error }{nil})
	F("%!(EXTRA", 1)
	F("no verbs", "extra", 1.5, nil)
	F("%x %X", -1, int8(-128))
	F("%-08d|%0-8d|", 5, 5)
	F("%+-5d|%- 5d|% +d|", 5, 5, 5)
	F("%#s %#d %#t", "s", 5, true)
	F("%v%v%v", 1, "a", 2.5)
	F("%s %v", []interface{}{1, "x"}, []interface{}{1, "x"})
	F("%6.2v|%.3v|%10.4v|", math.Pi, "abcdef", 1e-8)
	F("%.0s|%.0v|%.0q|", "abc", "abc", "abc")
	F("%5v|%-5v|%05v|", true, 1.5, -2)
	F("%05s|%05v|", ms, []int{1, 2})
	F("%v", [][]int{{1, 2}, nil, {}})
	F("%v %+v", []Point{{1, 2}, {3, 4}}, []Point{{1, 2}})
	F("%v", map[Point]string{{2, 1}: "b", {1, 2}: "a", {1, 1}: "c"})
	F("%v", map[[2]int]int{{2, 1}: 1, {1, 9}: 2})
	F("%v", map[interface{}]int{nil: 0})
	F("%v %v", map[string]interface{}{"n": nil, "x": 1}, map[int][]string{1: nil})
	F("%v %v", Grid{{1, 2}, {3, 4}}, &Grid{{5, 6}, {7, 8}})
	F("%x", []Name{"a"})
	F("%x", [2]uint8{0xab, 0xcd})
	F("%s", [][]byte{[]byte("ab"), nil})
	F("%v|%s|%q", struct{ B []byte }{[]byte("x")}, struct{ B []byte }{[]byte("x")}, struct{ B []byte }{[]byte("x")})
	F("%c|%q|%U", []int32{'a', 'b'}, []rune("hi"), []rune("hi"))
	F("%v %s", 'x', []rune("x"))
	F("%v", uintptr(0x1234))
	F("%5.1q|%.2q", "héllo", 'x')
	F("%x|% X|%#x", []byte{}, []byte{1, 171}, []byte{1, 171})
	F("%-10x|%10X|", []byte("ab"), []byte("ab"))
	F("%.1x|%.0x|", []byte("abc"), "abc")
	F("%q", "\x7f\x1b\u0085\u00a0")
	F("%+q", "\x7f\u00e9\U0001F600")
	F("%v %v %v", int64(math.MaxInt64), uint64(1<<63), int16(-300))
	F("%+.3e|%+.3g|% .3e", 12345.678, 12345.678, 12345.678)
	F("%e %g %f", 0.0, 0.0, -0.0)
	F("%g %g %g %g", 1e-320, 2.2250738585072014e-308, 4.9406564584124654e-324, 1.7976931348623157e308)
	F("%.4g|%.4g|%.4g|%.4g", 0.0001, 0.00001, 99999.0, 999999.0)
	F("%.3g|%.3g|%.3g", 999.5, 9.995, 0.0009995)
	F("%10.3v|%-10.3v|", 3.14159, 3.14159)
}

// ---------------------------------------------------------------------------
// Conversion of Go values to Rust FmtArg expressions

func rb(s string) string {
	var b strings.Builder
	b.WriteString(`b"`)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, `\x%02x`, c)
		}
	}
	b.WriteString(`"`)
	return b.String()
}

func rs(s string) string {
	return strconv.Quote(s) // type names and field names are plain ASCII
}

func rf(f float64) string {
	switch {
	case math.IsNaN(f):
		return "f64::NAN"
	case math.IsInf(f, 1):
		return "f64::INFINITY"
	case math.IsInf(f, -1):
		return "f64::NEG_INFINITY"
	}
	return strconv.FormatFloat(f, 'e', -1, 64)
}

func methodText(v reflect.Value) (text string, ok bool) {
	if !v.CanInterface() {
		return "", false
	}
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	switch x := v.Interface().(type) {
	case error:
		return x.Error(), true
	case fmt.Stringer:
		return x.String(), true
	}
	return "", false
}

func emitArg(v reflect.Value, path map[uintptr]bool) string {
	if !v.IsValid() {
		return `a("", Nil)`
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return fmt.Sprintf("a(%s, Nil)", rs(v.Type().String()))
		}
		v = v.Elem()
	}
	inner := emitValue(v, path)
	if text, ok := methodText(v); ok {
		inner = fmt.Sprintf("m(%s, %s)", rb(text), inner)
	}
	return fmt.Sprintf("a(%s, %s)", rs(v.Type().String()), inner)
}

func emitList(v reflect.Value, path map[uintptr]bool) string {
	parts := make([]string, v.Len())
	for i := range parts {
		parts[i] = emitArg(v.Index(i), path)
	}
	return "vec![" + strings.Join(parts, ", ") + "]"
}

func emitValue(v reflect.Value, path map[uintptr]bool) string {
	switch v.Kind() {
	case reflect.Bool:
		return fmt.Sprintf("Bool(%v)", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() == math.MinInt64 {
			return "Int(i64::MIN)"
		}
		return fmt.Sprintf("Int(%d)", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fmt.Sprintf("Uint(%d)", v.Uint())
	case reflect.Float32, reflect.Float64:
		return fmt.Sprintf("Float(%s)", rf(v.Float()))
	case reflect.String:
		return fmt.Sprintf("s(%s)", rb(v.String()))
	case reflect.Slice:
		if v.IsNil() {
			return "Slice(None)"
		}
		return "sl(" + emitList(v, path) + ")"
	case reflect.Array:
		return "Array(" + emitList(v, path) + ")"
	case reflect.Map:
		if v.IsNil() {
			return "Map(None)"
		}
		var parts []string
		it := v.MapRange()
		for it.Next() {
			parts = append(parts, fmt.Sprintf("(%s, %s)", emitArg(it.Key(), path), emitArg(it.Value(), path)))
		}
		return "mp(vec![" + strings.Join(parts, ", ") + "])"
	case reflect.Struct:
		var parts []string
		for i := 0; i < v.NumField(); i++ {
			parts = append(parts, fmt.Sprintf("fl(%s, %s)", rs(v.Type().Field(i).Name), emitArg(v.Field(i), path)))
		}
		return "Struct(vec![" + strings.Join(parts, ", ") + "])"
	case reflect.Pointer:
		if v.IsNil() {
			return "ptr(0, None)"
		}
		addr := v.Pointer()
		switch v.Elem().Kind() {
		case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
			if !path[addr] {
				path[addr] = true
				t := emitArg(v.Elem(), path)
				delete(path, addr)
				return fmt.Sprintf("ptr(%#x, Some(%s))", addr, t)
			}
		}
		return fmt.Sprintf("ptr(%#x, None)", addr)
	case reflect.Chan:
		return fmt.Sprintf("ptr(%#x, None)", v.Pointer())
	case reflect.Func:
		return fmt.Sprintf("Func { addr: %#x }", v.Pointer())
	}
	panic("unsupported kind " + v.Kind().String())
}

// ---------------------------------------------------------------------------
// strconv tables

func floatCases() []string {
	var out []string
	add := func(f float64, verb byte, prec int) {
		out = append(out, fmt.Sprintf("(%s, b'%c', %d, %s)", rf(f), verb, prec, strconv.Quote(strconv.FormatFloat(f, verb, prec, 64))))
	}
	fixed := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, 0.125, 1e6, 1e21, 1e-7, 123.456, -9.995,
		math.Pi, 1e23, 5e-324, math.MaxFloat64, 2.2250738585072014e-308, 0.1, 0.3, 1.0 / 3, 999999.5, 9.5, 0.05,
		math.Inf(1), math.Inf(-1), math.NaN(), 100, 12345678901234567890.0, 4.35, 0.000123456}
	precs := []int{-1, 0, 1, 2, 3, 6, 10, 17, 20}
	for _, f := range fixed {
		for _, verb := range []byte{'e', 'f', 'g'} {
			for _, p := range precs {
				add(f, verb, p)
			}
		}
	}
	// Random values: uniform bit patterns and "decimal looking" values.
	r := rand.New(rand.NewSource(19))
	for i := 0; i < 150; i++ {
		var f float64
		switch i % 3 {
		case 0:
			f = math.Float64frombits(r.Uint64())
			if math.IsNaN(f) || math.IsInf(f, 0) {
				f = 1.25
			}
		case 1:
			f = float64(r.Intn(2000000)-1000000) / math.Pow(10, float64(r.Intn(8)))
		default:
			f = r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))
		}
		verb := []byte{'e', 'f', 'g'}[r.Intn(3)]
		p := []int{-1, -1, 0, 1, 2, 3, 5, 8, 12, 16, 19, 25}[r.Intn(12)]
		add(f, verb, p)
	}
	return out
}

func atoiCases() []string {
	inputs := []string{"0", "12", "-12", "+7", "12a", "", "-", "+", " 1", "1 ", "007", "-0",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
		"99999999999999999999", "123456789012345678", "1234567890123456789", "99999999999999999999a",
		"1_000", "0x10", "héllo", "\xff1", "--1", "１"}
	var out []string
	for _, s := range inputs {
		n, err := strconv.Atoi(s)
		if err != nil {
			out = append(out, fmt.Sprintf("(%s, Err(%s.to_vec()))", rb(s), rb(err.Error())))
		} else if n == math.MinInt64 {
			out = append(out, fmt.Sprintf("(%s, Ok(i64::MIN))", rb(s)))
		} else {
			out = append(out, fmt.Sprintf("(%s, Ok(%d))", rb(s), n))
		}
	}
	return out
}

func emit(w io.Writer, s string) {
	io.WriteString(w, s+"\n")
}

func main() {
	buildCases()
	w := os.Stdout
	emit(w, "// Generated by vm/tests/format_cases.go with Go 1.19 (go run format_cases.go);")
	emit(w, "// every expected value below is what real Go printed.")
	emit(w, "#[cfg(test)]")
	emit(w, "#[allow(clippy::approx_constant, clippy::excessive_precision)]")
	emit(w, "mod tests {")
	emit(w, "    use super::FmtValue::*;")
	emit(w, "    use super::*;")
	emit(w, `
    #[derive(Clone, Copy, Debug)]
    enum K {
        Pf,
        Pr,
        Ln,
    }
    use K::*;

    struct Case {
        kind: K,
        format: &'static [u8],
        args: Vec<FmtArg>,
        want: &'static [u8],
    }

    fn c(kind: K, format: &'static [u8], args: Vec<FmtArg>, want: &'static [u8]) -> Case {
        Case {
            kind,
            format,
            args,
            want,
        }
    }

    fn a(t: &str, v: FmtValue) -> FmtArg {
        FmtArg {
            type_name: t.to_string(),
            value: v,
        }
    }

    fn s(b: &[u8]) -> FmtValue {
        Str(b.to_vec())
    }

    fn sl(v: Vec<FmtArg>) -> FmtValue {
        Slice(Some(v))
    }

    fn mp(v: Vec<(FmtArg, FmtArg)>) -> FmtValue {
        Map(Some(v))
    }

    fn fl(name: &str, v: FmtArg) -> (String, FmtArg) {
        (name.to_string(), v)
    }

    fn ptr(addr: u64, target: Option<FmtArg>) -> FmtValue {
        Pointer {
            addr,
            target: target.map(Box::new),
        }
    }

    fn m(text: &[u8], inner: FmtValue) -> FmtValue {
        Methods {
            text: text.to_vec(),
            inner: Box::new(inner),
        }
    }

    fn show(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    fn cases() -> Vec<Case> {
        vec![`)
	for _, tc := range cases {
		var got string
		switch tc.kind {
		case "Pf":
			got = fmt.Sprintf(tc.format, tc.args...)
		case "Pr":
			got = fmt.Sprint(tc.args...)
		case "Ln":
			got = fmt.Sprintln(tc.args...)
		}
		args := make([]string, len(tc.args))
		for i, arg := range tc.args {
			args[i] = emitArg(reflect.ValueOf(arg), map[uintptr]bool{})
		}
		fmt.Fprintf(w, "            c(%s, %s, vec![%s], %s),\n", tc.kind, rb(tc.format), strings.Join(args, ", "), rb(got))
	}
	emit(w, `        ]
    }

    #[test]
    fn matches_go_fmt() {
        let all = cases();
        let mut failures = Vec::new();
        for (i, case) in all.iter().enumerate() {
            let got = match case.kind {
                Pf => sprintf(case.format, &case.args),
                Pr => sprint(&case.args),
                Ln => sprintln(&case.args),
            };
            if got != case.want {
                failures.push(format!(
                    "case {i} {:?} {:?}\n   got: {:?}\n  want: {:?}",
                    case.kind,
                    show(case.format),
                    show(&got),
                    show(case.want)
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases differ from Go:\n{}",
            failures.len(),
            all.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn format_float_matches_go() {
        let table: &[(f64, u8, i32, &str)] = &[`)
	for _, line := range floatCases() {
		fmt.Fprintf(w, "            %s,\n", line)
	}
	emit(w, `        ];
        let mut failures = Vec::new();
        for &(f, verb, prec, want) in table {
            let got = format_float(f, verb, prec);
            if got != want {
                failures.push(format!("{f:e} {} {prec}: got {got} want {want}", verb as char));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    type AtoiCase = (&'static [u8], Result<i64, Vec<u8>>);

    #[test]
    fn atoi_matches_go() {
        let table: Vec<AtoiCase> = vec![`)
	for _, line := range atoiCases() {
		fmt.Fprintf(w, "            %s,\n", line)
	}
	emit(w, `        ];
        for (input, want) in table {
            assert_eq!(atoi(input), want, "input {:?}", show(input));
        }
    }

    #[test]
    fn itoa_matches_go() {`)
	for _, n := range []int64{0, 7, -7, 1234567890, math.MaxInt64, math.MinInt64} {
		lit := strconv.FormatInt(n, 10)
		if n == math.MinInt64 {
			lit = "i64::MIN"
		}
		fmt.Fprintf(w, "        assert_eq!(itoa(%s), %s.to_vec());\n", lit, rb(strconv.Itoa(int(n))))
	}
	emit(w, `    }

    #[test]
    fn never_panics_on_odd_input() {
        let args = vec![
            a("int", Int(-5)),
            a("float64", Float(f64::NAN)),
            a("string", s(b"\xff\xfe")),
            a("", Nil),
            a("[]uint8", sl(vec![a("uint8", Uint(300))])),
            a("main.T", m(b"\xff", Struct(vec![]))),
            a("*int", ptr(1, Some(a("int", Int(1))))),
        ];
        let formats: [&[u8]; 12] = [
            b"%",
            b"%[",
            b"%[]",
            b"%[-1]d",
            b"%.*[9999999999999999999]d",
            b"%*.*.*d",
            b"%99999999999999999999999d",
            b"%1000000.1000000f",
            b"%#+- 0v%#+- 0x%#+- 0q%#+- 0e%#+- 0U%#+- 0c",
            b"%\xf0\x9f",
            b"%v%d%s%q%x%X%c%U%e%f%g%t%p%T%b%o%O%w%z",
            b"%[7]v %[6]x %[5]s %[4]d %[3]q %[2]g %[1]U",
        ];
        for f in formats {
            let _ = sprintf(f, &args);
            let _ = sprintf(f, &[]);
        }
        let _ = sprint(&args);
        let _ = sprintln(&args);
        // Go's parsenum stops only above 1e6 before a digit, so 1e7 still works.
        let one = [a("int", Int(1))];
        assert_eq!(sprintf(b"%10000000d", &one).len(), 10_000_000);
        let one = [a("float64", Float(1.0))];
        assert_eq!(sprintf(b"%.10000000f", &one).len(), 10_000_002);
        let _ = format_float(1.5, b'z', i32::MAX);
        let _ = format_float(f64::MIN_POSITIVE, b'e', -7);
    }
}`)
}
