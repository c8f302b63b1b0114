// Package ioutil (io/ioutil): ReadAll, as older programs call it.
package ioutil

import "io"

// ReadAll reads from r until EOF and returns what it read.
func ReadAll(r io.Reader) ([]byte, error) {
	return io.ReadAll(r)
}
