package main

import "fmt"

type State int

const (
	Idle State = iota
	Running
	Paused
	Stopped
)

func (s State) String() string {
	switch s {
	case Idle:
		return "Idle"
	case Running:
		return "Running"
	case Paused:
		return "Paused"
	case Stopped:
		return "Stopped"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

type Event string

type TransitionError struct {
	From State
	Ev   Event
}

func (e TransitionError) Error() string {
	return fmt.Sprintf("invalid event %q in state %v", string(e.Ev), e.From)
}

type Machine struct {
	state State
	trans map[State]map[Event]State
	hooks []func(from, to State)
}

func NewMachine() *Machine {
	m := &Machine{trans: map[State]map[Event]State{
		Idle:    {"start": Running},
		Running: {"pause": Paused, "stop": Stopped},
		Paused:  {"resume": Running, "stop": Stopped},
	}}
	return m
}

func (m *Machine) OnChange(f func(from, to State)) { m.hooks = append(m.hooks, f) }

func (m *Machine) Fire(ev Event) error {
	next, ok := m.trans[m.state][ev]
	if !ok {
		return TransitionError{m.state, ev}
	}
	prev := m.state
	m.state = next
	for _, h := range m.hooks {
		h(prev, next)
	}
	return nil
}

func main() {
	m := NewMachine()
	changes := 0
	m.OnChange(func(from, to State) { fmt.Printf("  %v -> %v\n", from, to) })
	m.OnChange(func(from, to State) { changes++ })
	for _, ev := range []Event{"start", "pause", "pause", "resume", "stop", "start"} {
		fmt.Println("event", ev)
		if err := m.Fire(ev); err != nil {
			fmt.Println("  error:", err)
		}
	}
	fmt.Println("final", m.state, "changes", changes, State(9))
}
