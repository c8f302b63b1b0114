// Package errors: errors made from text.
package errors

type errorString struct {
	s string
}

func (e *errorString) Error() string {
	return e.s
}

// New returns an error whose Error method returns text; each call a distinct value.
func New(text string) error {
	return &errorString{text}
}
