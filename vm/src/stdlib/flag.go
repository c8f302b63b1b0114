// Package flag: command-line flags, parsed from os.Args as Go's flag package parses
// them (`-n 5`, `-n=5`, `--n`, booleans without a value, `--` ends the flags), with
// its error texts and exit status 2 on a bad command line.
package flag

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// A Value is a flag's value, set from its text.
type Value interface {
	String() string
	Set(string) error
}

// A Flag is one defined flag.
type Flag struct {
	Name     string
	Usage    string
	Value    Value
	DefValue string
}

var ErrHelp = errors.New("flag: help requested")

var (
	errParse = errors.New("parse error")
	errRange = errors.New("value out of range")
)

func numError(err error) error {
	ne, ok := err.(*strconv.NumError)
	if !ok {
		return err
	}
	err = ne.Err
	if err == strconv.ErrSyntax {
		return errParse
	}
	if err == strconv.ErrRange {
		return errRange
	}
	return err
}

type intValue struct{ p *int }

func (v *intValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return numError(err)
	}
	*v.p = int(n)
	return nil
}

func (v *intValue) String() string { return strconv.Itoa(*v.p) }

type int64Value struct{ p *int64 }

func (v *int64Value) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return numError(err)
	}
	*v.p = n
	return nil
}

func (v *int64Value) String() string { return strconv.FormatInt(*v.p, 10) }

type uintValue struct{ p *uint }

func (v *uintValue) Set(s string) error {
	n, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return numError(err)
	}
	*v.p = uint(n)
	return nil
}

func (v *uintValue) String() string { return strconv.FormatUint(uint64(*v.p), 10) }

type uint64Value struct{ p *uint64 }

func (v *uint64Value) Set(s string) error {
	n, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return numError(err)
	}
	*v.p = n
	return nil
}

func (v *uint64Value) String() string { return strconv.FormatUint(*v.p, 10) }

type stringValue struct{ p *string }

func (v *stringValue) Set(s string) error {
	*v.p = s
	return nil
}

func (v *stringValue) String() string { return *v.p }

type boolValue struct{ p *bool }

func (v *boolValue) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errParse
	}
	*v.p = b
	return nil
}

func (v *boolValue) String() string { return strconv.FormatBool(*v.p) }

type float64Value struct{ p *float64 }

func (v *float64Value) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return numError(err)
	}
	*v.p = f
	return nil
}

func (v *float64Value) String() string { return fmt.Sprint(*v.p) }

// The command line's flags, in definition order, and what parsing found.
var (
	formal []*Flag
	actual []*Flag
	args   []string
	parsed bool
)

// Usage prints the usage message; a program may replace it.
var Usage = func() {
	fmt.Fprintf(os.Stderr, "Usage of %s:\n", os.Args[0])
	PrintDefaults()
}

func lookup(name string, in []*Flag) *Flag {
	for _, f := range in {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Lookup returns the flag of that name, or nil.
func Lookup(name string) *Flag { return lookup(name, formal) }

// Var defines a flag with the given value.
func Var(value Value, name string, usage string) {
	if lookup(name, formal) != nil {
		msg := fmt.Sprintf("%s flag redefined: %s", os.Args[0], name)
		fmt.Fprintln(os.Stderr, msg)
		panic(msg)
	}
	formal = append(formal, &Flag{name, usage, value, value.String()})
}

func IntVar(p *int, name string, value int, usage string) {
	*p = value
	Var(&intValue{p}, name, usage)
}

func Int(name string, value int, usage string) *int {
	p := new(int)
	IntVar(p, name, value, usage)
	return p
}

func Int64Var(p *int64, name string, value int64, usage string) {
	*p = value
	Var(&int64Value{p}, name, usage)
}

func Int64(name string, value int64, usage string) *int64 {
	p := new(int64)
	Int64Var(p, name, value, usage)
	return p
}

func UintVar(p *uint, name string, value uint, usage string) {
	*p = value
	Var(&uintValue{p}, name, usage)
}

func Uint(name string, value uint, usage string) *uint {
	p := new(uint)
	UintVar(p, name, value, usage)
	return p
}

func Uint64Var(p *uint64, name string, value uint64, usage string) {
	*p = value
	Var(&uint64Value{p}, name, usage)
}

func Uint64(name string, value uint64, usage string) *uint64 {
	p := new(uint64)
	Uint64Var(p, name, value, usage)
	return p
}

func StringVar(p *string, name string, value string, usage string) {
	*p = value
	Var(&stringValue{p}, name, usage)
}

func String(name string, value string, usage string) *string {
	p := new(string)
	StringVar(p, name, value, usage)
	return p
}

func BoolVar(p *bool, name string, value bool, usage string) {
	*p = value
	Var(&boolValue{p}, name, usage)
}

func Bool(name string, value bool, usage string) *bool {
	p := new(bool)
	BoolVar(p, name, value, usage)
	return p
}

func Float64Var(p *float64, name string, value float64, usage string) {
	*p = value
	Var(&float64Value{p}, name, usage)
}

func Float64(name string, value float64, usage string) *float64 {
	p := new(float64)
	Float64Var(p, name, value, usage)
	return p
}

// Parse parses the command line (os.Args[1:]); on an error it prints the error and
// the usage to stderr and exits with status 2 (0 for -help).
func Parse() {
	parsed = true
	args = os.Args[1:]
	for {
		seen, err := parseOne()
		if seen {
			continue
		}
		if err == nil {
			break
		}
		if err == ErrHelp {
			os.Exit(0)
		}
		os.Exit(2)
	}
}

func Parsed() bool { return parsed }

func failf(format string, a ...interface{}) error {
	err := fmt.Errorf(format, a...)
	fmt.Fprintln(os.Stderr, err)
	Usage()
	return err
}

// parseOne parses one flag; false when the flags end (or on an error).
func parseOne() (bool, error) {
	if len(args) == 0 {
		return false, nil
	}
	s := args[0]
	if len(s) < 2 || s[0] != '-' {
		return false, nil
	}
	numMinuses := 1
	if s[1] == '-' {
		numMinuses++
		if len(s) == 2 {
			args = args[1:]
			return false, nil
		}
	}
	name := s[numMinuses:]
	if len(name) == 0 || name[0] == '-' || name[0] == '=' {
		return false, failf("bad flag syntax: %s", s)
	}
	args = args[1:]
	hasValue := false
	value := ""
	for i := 1; i < len(name); i++ {
		if name[i] == '=' {
			value = name[i+1:]
			hasValue = true
			name = name[0:i]
			break
		}
	}
	f := lookup(name, formal)
	if f == nil {
		if name == "help" || name == "h" {
			Usage()
			return false, ErrHelp
		}
		return false, failf("flag provided but not defined: -%s", name)
	}
	if bv, ok := f.Value.(*boolValue); ok {
		if hasValue {
			if err := bv.Set(value); err != nil {
				return false, failf("invalid boolean value %q for -%s: %v", value, name, err)
			}
		} else {
			bv.Set("true")
		}
	} else {
		if !hasValue && len(args) > 0 {
			hasValue = true
			value = args[0]
			args = args[1:]
		}
		if !hasValue {
			return false, failf("flag needs an argument: -%s", name)
		}
		if err := f.Value.Set(value); err != nil {
			return false, failf("invalid value %q for flag -%s: %v", value, name, err)
		}
	}
	if lookup(name, actual) == nil {
		actual = append(actual, f)
	}
	return true, nil
}

// Arg returns argument i left after the flags, or "".
func Arg(i int) string {
	if i < 0 || i >= len(args) {
		return ""
	}
	return args[i]
}

// Args returns the arguments left after the flags.
func Args() []string { return args }

// NArg is the number of arguments left after the flags.
func NArg() int { return len(args) }

// NFlag is the number of flags set.
func NFlag() int { return len(actual) }

func sortedFlags(in []*Flag) []*Flag {
	out := make([]*Flag, len(in))
	copy(out, in)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Name < out[j-1].Name; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Visit calls fn for each flag that was set, in name order.
func Visit(fn func(*Flag)) {
	for _, f := range sortedFlags(actual) {
		fn(f)
	}
}

// VisitAll calls fn for each defined flag, in name order.
func VisitAll(fn func(*Flag)) {
	for _, f := range sortedFlags(formal) {
		fn(f)
	}
}

// UnquoteUsage returns the name in back quotes in a flag's usage (or its value's
// kind) and the usage without the quotes.
func UnquoteUsage(f *Flag) (name string, usage string) {
	usage = f.Usage
	for i := 0; i < len(usage); i++ {
		if usage[i] == '`' {
			for j := i + 1; j < len(usage); j++ {
				if usage[j] == '`' {
					name = usage[i+1 : j]
					usage = usage[:i] + name + usage[j+1:]
					return name, usage
				}
			}
			break
		}
	}
	name = "value"
	switch f.Value.(type) {
	case *boolValue:
		name = ""
	case *float64Value:
		name = "float"
	case *intValue, *int64Value:
		name = "int"
	case *uintValue, *uint64Value:
		name = "uint"
	case *stringValue:
		name = "string"
	}
	return
}

func isZeroValue(f *Flag, value string) bool {
	switch f.Value.(type) {
	case *boolValue:
		return value == "false"
	case *intValue, *int64Value, *uintValue, *uint64Value, *float64Value:
		return value == "0"
	case *stringValue:
		return value == ""
	}
	return value == "" || value == "0" || value == "false" || value == "<nil>"
}

// PrintDefaults prints every flag's usage and default to stderr, in Go's layout.
func PrintDefaults() {
	VisitAll(func(f *Flag) {
		b := "  -" + f.Name
		name, usage := UnquoteUsage(f)
		if len(name) > 0 {
			b += " " + name
		}
		if len(b) <= 4 {
			b += "\t"
		} else {
			b += "\n    \t"
		}
		for i := 0; i < len(usage); i++ {
			if usage[i] == '\n' {
				b += "\n    \t"
			} else {
				b += usage[i : i+1]
			}
		}
		if !isZeroValue(f, f.DefValue) {
			if _, ok := f.Value.(*stringValue); ok {
				b += fmt.Sprintf(" (default %q)", f.DefValue)
			} else {
				b += fmt.Sprintf(" (default %v)", f.DefValue)
			}
		}
		fmt.Fprint(os.Stderr, b, "\n")
	})
}
