package main

func main() {
var c chan int
if c <- 1 {}
}
