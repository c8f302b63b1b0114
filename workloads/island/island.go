// Package island is the pure-Go twin of jitlab's built-in package island, so that
// programs written against it also build and run under real Go (the oracle).
//
// In jitlab an island is an isolated VM (its own heap, collector and goroutines) on
// its own OS thread, and a port is a channel between islands that deep-copies every
// value it carries. Here an island is simply a goroutine and a port a channel of
// interface{} values; Send deep-copies its value too, so a program observes the same
// results in both (what it sends is never shared with the receiver).
//
// Differences a program can observe, and must therefore avoid: jitlab islands start
// with the package's globals freshly initialised (they do not see main's changes), an
// island ends when its function returns (goroutines it started are abandoned), and
// channels and closures with captured variables cannot be sent on a port.
package island

import (
	"reflect"
	"unsafe"
)

// Port carries values between islands; the zero Port is the nil port (operations
// block forever, Close panics).
type Port struct {
	c chan interface{}
}

// NewPort returns a port with a buffer of capacity values (0: unbuffered).
func NewPort(capacity int) Port {
	return Port{make(chan interface{}, capacity)}
}

// Send copies v into the port, blocking while its buffer is full.
func (p Port) Send(v interface{}) {
	p.c <- deepCopy(v)
}

// Recv returns the next value and true, or nil and false once the port is closed and
// drained.
func (p Port) Recv() (interface{}, bool) {
	v, ok := <-p.c
	return v, ok
}

// Close closes the port.
func (p Port) Close() {
	close(p.c)
}

// Go starts f(p) on a new island.
func Go(f func(Port), p Port) {
	go f(p)
}

// deepCopy returns a copy of v that shares no memory with it (sharing and cycles
// within v are preserved).
func deepCopy(v interface{}) interface{} {
	if v == nil {
		return nil
	}
	src := reflect.ValueOf(v)
	dst := reflect.New(src.Type()).Elem()
	copyValue(dst, src, map[uintptr]reflect.Value{})
	return dst.Interface()
}

// open returns v without the read-only mark of unexported fields: a view of the same
// memory when v is addressable (so it can be set too), else a copy.
func open(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

var portType = reflect.TypeOf(Port{})

func copyValue(dst, src reflect.Value, seen map[uintptr]reflect.Value) {
	dst, src = open(dst), open(src)
	if src.Type() == portType {
		dst.Set(src) // ports are handles: the copy names the same port
		return
	}
	switch src.Kind() {
	case reflect.Ptr:
		if src.IsNil() {
			return
		}
		if p, ok := seen[src.Pointer()]; ok {
			dst.Set(p)
			return
		}
		p := reflect.New(src.Type().Elem())
		seen[src.Pointer()] = p
		copyValue(p.Elem(), src.Elem(), seen)
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Cap())
		for i := 0; i < src.Len(); i++ {
			copyValue(s.Index(i), src.Index(i), seen)
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			k := reflect.New(it.Key().Type()).Elem()
			copyValue(k, it.Key(), seen)
			e := reflect.New(it.Value().Type()).Elem()
			copyValue(e, it.Value(), seen)
			m.SetMapIndex(k, e)
		}
		dst.Set(m)
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			copyValue(dst.Field(i), src.Field(i), seen)
		}
	case reflect.Array:
		for i := 0; i < src.Len(); i++ {
			copyValue(dst.Index(i), src.Index(i), seen)
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := reflect.New(src.Elem().Type()).Elem()
		copyValue(e, src.Elem(), seen)
		dst.Set(e)
	case reflect.Chan:
		panic("island: a channel cannot be sent on a port")
	default:
		dst.Set(src)
	}
}
