// Package os: the standard files, the command line and the exit status.
package os

import "io"

// The natives under this package (runtime/os.rs).
func write(fd int, b []byte) int
func read(fd int, b []byte) int
func argCount() int
func arg(i int) string
func exit(code int)

// A File is one of the standard files.
type File struct {
	fd   int
	name string
}

var (
	Stdin  = &File{0, "/dev/stdin"}
	Stdout = &File{1, "/dev/stdout"}
	Stderr = &File{2, "/dev/stderr"}
)

// Args holds the command-line arguments, starting with the program name.
var Args []string = commandLine()

func commandLine() []string {
	n := argCount()
	a := make([]string, n)
	for i := 0; i < n; i++ {
		a[i] = arg(i)
	}
	return a
}

// Exit ends the program now with the given status; deferred functions do not run.
func Exit(code int) {
	exit(code)
}

func (f *File) Write(b []byte) (n int, err error) {
	return write(f.fd, b), nil
}

func (f *File) WriteString(s string) (n int, err error) {
	return write(f.fd, []byte(s)), nil
}

func (f *File) Read(b []byte) (n int, err error) {
	if len(b) == 0 {
		return 0, nil
	}
	n = read(f.fd, b)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (f *File) Name() string {
	return f.name
}
