package main

import "fmt"

type Op int

const (
	PUSH Op = iota
	LOAD
	STORE
	ADD
	SUB
	MUL
	DIV
	MOD
	LT
	JZ
	JMP
	PRINT
	HALT
)

var opNames = [...]string{"PUSH", "LOAD", "STORE", "ADD", "SUB", "MUL", "DIV", "MOD", "LT", "JZ", "JMP", "PRINT", "HALT"}

func (o Op) String() string { return opNames[o] }

type Instr struct {
	Op  Op
	Arg int
}

type vmError string

func (e vmError) Error() string { return string(e) }

type VM struct {
	stack  []int
	locals [8]int
	pc     int
	steps  int
	out    []int
}

func (vm *VM) push(v int) { vm.stack = append(vm.stack, v) }

func (vm *VM) pop() int {
	v := vm.stack[len(vm.stack)-1]
	vm.stack = vm.stack[:len(vm.stack)-1]
	return v
}

func (vm *VM) Run(prog []Instr) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = vmError(fmt.Sprintf("fault at pc=%d (%v): %v", vm.pc-1, prog[vm.pc-1].Op, r))
		}
	}()
	for vm.steps < 100000 {
		in := prog[vm.pc]
		vm.pc++
		vm.steps++
		switch in.Op {
		case PUSH:
			vm.push(in.Arg)
		case LOAD:
			vm.push(vm.locals[in.Arg])
		case STORE:
			vm.locals[in.Arg] = vm.pop()
		case ADD, SUB, MUL, DIV, MOD, LT:
			b, a := vm.pop(), vm.pop()
			var r int
			switch in.Op {
			case ADD:
				r = a + b
			case SUB:
				r = a - b
			case MUL:
				r = a * b
			case DIV:
				r = a / b
			case MOD:
				r = a % b
			case LT:
				if a < b {
					r = 1
				}
			}
			vm.push(r)
		case JZ:
			if vm.pop() == 0 {
				vm.pc = in.Arg
			}
		case JMP:
			vm.pc = in.Arg
		case PRINT:
			vm.out = append(vm.out, vm.pop())
		case HALT:
			return nil
		}
	}
	return vmError("step limit")
}

func main() {
	// locals: 0 = n, 1 = acc
	fact := []Instr{
		{PUSH, 20}, {STORE, 0}, {PUSH, 1}, {STORE, 1},
		{LOAD, 0}, {JZ, 15}, // 4: while n != 0
		{LOAD, 1}, {LOAD, 0}, {MUL, 0}, {STORE, 1},
		{LOAD, 0}, {PUSH, 1}, {SUB, 0}, {STORE, 0},
		{JMP, 4},
		{LOAD, 1}, {PRINT, 0}, {HALT, 0}, // 15
	}
	vm := &VM{}
	err := vm.Run(fact)
	fmt.Println("fact:", vm.out, vm.steps, err)

	// print primes below 30 by trial division; locals 0 = n, 1 = d
	primes := []Instr{
		{PUSH, 2}, {STORE, 0},
		{LOAD, 0}, {PUSH, 30}, {LT, 0}, {JZ, 32}, // 2: while n < 30
		{PUSH, 2}, {STORE, 1},
		{LOAD, 1}, {LOAD, 1}, {MUL, 0}, {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {LT, 0}, {JZ, 25}, // 8: while d*d < n+1
		{LOAD, 0}, {LOAD, 1}, {MOD, 0}, {JZ, 28}, // 16: if n%d == 0 -> not prime
		{LOAD, 1}, {PUSH, 1}, {ADD, 0}, {STORE, 1}, {JMP, 8},
		{LOAD, 0}, {PRINT, 0}, {JMP, 28}, // 25: prime
		{LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0}, // 28: n++
		{JMP, 2},
	}
	primes = append(primes, Instr{HALT, 0}) // 33
	primes[5].Arg = 33
	primes[31] = Instr{STORE, 0}
	vm2 := &VM{}
	err = vm2.Run(primes)
	fmt.Println("primes:", vm2.out, vm2.steps, err)

	crash := []Instr{{PUSH, 1}, {PUSH, 0}, {DIV, 0}, {HALT, 0}}
	vm3 := &VM{}
	fmt.Println(vm3.Run(crash))
	under := []Instr{{PUSH, 1}, {ADD, 0}}
	vm4 := &VM{}
	fmt.Println(vm4.Run(under))
	loop := []Instr{{JMP, 0}}
	vm5 := &VM{}
	fmt.Println(vm5.Run(loop), vm5.steps)
	fmt.Println(Instr{MUL, 0}, []Op{PUSH, HALT})
}
