// Package runtime: the scheduler settings programs set or read. jitlab runs a VM's
// goroutines on one thread (islands are its parallelism), so one processor is what a
// program sees; GOMAXPROCS records the setting and returns the previous one.
package runtime

var maxprocs = 1

func GOMAXPROCS(n int) int {
	prev := maxprocs
	if n > 0 {
		maxprocs = n
	}
	return prev
}

func NumCPU() int { return 1 }

// The platform the program runs on (jitlab runs on linux/amd64).
const (
	GOOS   = "linux"
	GOARCH = "amd64"
)
