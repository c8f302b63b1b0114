// reject: subset
package foo

func Helper() int { return 1 }

func main() {
}
