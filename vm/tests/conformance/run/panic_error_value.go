package main

import "fmt"

type ValidationError struct {
	Field string
	Why   string
}

func (e *ValidationError) Error() string { return e.Field + " is invalid: " + e.Why }

func validate(age int) error {
	if age < 0 {
		return &ValidationError{"age", "negative"}
	}
	return nil
}

func main() {
	fmt.Println(validate(5))
	if err := validate(-1); err != nil {
		panic(err)
	}
}
