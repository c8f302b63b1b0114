// Package fmt, its Go half: printing to a writer, and Errorf. Print, Println, Printf
// and the Sprint family are natives (runtime/natives.rs); the calls a program makes
// to them compile to single instructions, the declarations here let this file call
// them.
package fmt

import (
	"errors"
	"io"
)

func Sprint(a ...interface{}) string
func Sprintln(a ...interface{}) string
func Sprintf(format string, a ...interface{}) string

// Fprint formats its operands as Print does and writes the text to w.
func Fprint(w io.Writer, a ...interface{}) (n int, err error) {
	return w.Write([]byte(Sprint(a...)))
}

// Fprintln formats its operands as Println does and writes the text to w.
func Fprintln(w io.Writer, a ...interface{}) (n int, err error) {
	return w.Write([]byte(Sprintln(a...)))
}

// Fprintf formats its operands as Printf does and writes the text to w.
func Fprintf(w io.Writer, format string, a ...interface{}) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}

// Errorf returns an error whose text is the formatted operands (%w is not supported).
func Errorf(format string, a ...interface{}) error {
	return errors.New(Sprintf(format, a...))
}
