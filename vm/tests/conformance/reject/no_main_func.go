// reject: go
package main
