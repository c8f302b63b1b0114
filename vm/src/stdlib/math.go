// Package math, its Go half: the constants, the functions Go defines exactly (Inf,
// NaN, Ceil, Trunc, Round, Max, Min, Signbit, Copysign, Modf), and the transcendental
// functions, which are natives computed with Go's algorithms (see runtime/math.rs).
// Sqrt, Abs and Floor are single instructions (expr::package_func), called here by name.
package math

// The natives: one- and two-operand functions, numbered as bytecode::MathFn.
func f1(fn int, x float64) float64
func f2(fn int, x, y float64) float64

func Float64bits(f float64) uint64
func Float64frombits(b uint64) float64

const (
	E   = 2.71828182845904523536028747135266249775724709369995957496696763
	Pi  = 3.14159265358979323846264338327950288419716939937510582097494459
	Phi = 1.61803398874989484820458683436563811772030917980576286213544862

	Sqrt2   = 1.41421356237309504880168872420969807856967187537694807317667974
	SqrtE   = 1.64872127070012814684865078831848604171316924689183254917969004
	SqrtPi  = 1.77245385090551602729816748334114518279754945612238712821380779
	SqrtPhi = 1.27201964951406896425242246173749149171560804184009624861664038

	Ln2    = 0.693147180559945309417232121458176568075500134360255254120680009
	Log2E  = 1 / Ln2
	Ln10   = 2.30258509299404568401799145468436420760110148862877297603332790
	Log10E = 1 / Ln10

	MaxFloat64             = 0x1p1023 * (1 + (1 - 0x1p-52))
	SmallestNonzeroFloat64 = 0x1p-1022 * 0x1p-52

	MaxInt    = 1<<63 - 1
	MinInt    = -1 << 63
	MaxInt8   = 1<<7 - 1
	MinInt8   = -1 << 7
	MaxInt16  = 1<<15 - 1
	MinInt16  = -1 << 15
	MaxInt32  = 1<<31 - 1
	MinInt32  = -1 << 31
	MaxInt64  = 1<<63 - 1
	MinInt64  = -1 << 63
	MaxUint   = 1<<64 - 1
	MaxUint8  = 1<<8 - 1
	MaxUint16 = 1<<16 - 1
	MaxUint32 = 1<<32 - 1
	MaxUint64 = 1<<64 - 1
)

const (
	fnSin = iota
	fnCos
	fnTan
	fnAsin
	fnAcos
	fnAtan
	fnSinh
	fnCosh
	fnTanh
	fnExp
	fnExp2
	fnExpm1
	fnLog
	fnLog2
	fnLog10
	fnLog1p
	fnCbrt
	fnPow
	fnAtan2
	fnHypot
	fnMod
)

const signMask = 1 << 63

// Inf returns +Inf for sign >= 0, -Inf for sign < 0.
func Inf(sign int) float64 {
	if sign >= 0 {
		return Float64frombits(0x7FF0000000000000)
	}
	return Float64frombits(0xFFF0000000000000)
}

// NaN returns a quiet NaN.
func NaN() float64 { return Float64frombits(0x7FF8000000000001) }

func IsNaN(f float64) bool { return f != f }

// IsInf reports whether f is an infinity of the sign's sign (any, for sign 0).
func IsInf(f float64, sign int) bool {
	return sign >= 0 && f > MaxFloat64 || sign <= 0 && f < -MaxFloat64
}

func Signbit(x float64) bool { return Float64bits(x)&signMask != 0 }

func Copysign(f, sign float64) float64 {
	return Float64frombits(Float64bits(f)&^signMask | Float64bits(sign)&signMask)
}

func Ceil(x float64) float64 { return -Floor(-x) }

func Trunc(x float64) float64 {
	if x == 0 || IsNaN(x) || IsInf(x, 0) {
		return x
	}
	if x < 0 {
		return -Floor(-x)
	}
	return Floor(x)
}

// Round rounds half away from zero.
func Round(x float64) float64 {
	t := Trunc(x)
	if Abs(x-t) >= 0.5 {
		return t + Copysign(1, x)
	}
	return t
}

// RoundToEven rounds half to even.
func RoundToEven(x float64) float64 {
	t := Trunc(x)
	d := Abs(x - t)
	if d > 0.5 || (d == 0.5 && Mod(t, 2) != 0) {
		return t + Copysign(1, x)
	}
	return t
}

func Max(x, y float64) float64 {
	switch {
	case IsInf(x, 1) || IsInf(y, 1):
		return Inf(1)
	case IsNaN(x) || IsNaN(y):
		return NaN()
	case x == 0 && x == y:
		if Signbit(x) {
			return y
		}
		return x
	}
	if x > y {
		return x
	}
	return y
}

func Min(x, y float64) float64 {
	switch {
	case IsInf(x, -1) || IsInf(y, -1):
		return Inf(-1)
	case IsNaN(x) || IsNaN(y):
		return NaN()
	case x == 0 && x == y:
		if Signbit(x) {
			return x
		}
		return y
	}
	if x < y {
		return x
	}
	return y
}

func Dim(x, y float64) float64 {
	v := x - y
	if v <= 0 {
		return 0
	}
	return v
}

// Modf returns the integer and fractional parts of f, both with f's sign.
func Modf(f float64) (int float64, frac float64) {
	int = Trunc(f)
	frac = Copysign(f-int, f)
	return
}

func Sin(x float64) float64   { return f1(fnSin, x) }
func Cos(x float64) float64   { return f1(fnCos, x) }
func Tan(x float64) float64   { return f1(fnTan, x) }
func Asin(x float64) float64  { return f1(fnAsin, x) }
func Acos(x float64) float64  { return f1(fnAcos, x) }
func Atan(x float64) float64  { return f1(fnAtan, x) }
func Sinh(x float64) float64  { return f1(fnSinh, x) }
func Cosh(x float64) float64  { return f1(fnCosh, x) }
func Tanh(x float64) float64  { return f1(fnTanh, x) }
func Exp(x float64) float64   { return f1(fnExp, x) }
func Exp2(x float64) float64  { return f1(fnExp2, x) }
func Expm1(x float64) float64 { return f1(fnExpm1, x) }
func Log(x float64) float64   { return f1(fnLog, x) }
func Log2(x float64) float64  { return f1(fnLog2, x) }
func Log10(x float64) float64 { return f1(fnLog10, x) }
func Log1p(x float64) float64 { return f1(fnLog1p, x) }
func Cbrt(x float64) float64  { return f1(fnCbrt, x) }

func Pow(x, y float64) float64   { return f2(fnPow, x, y) }
func Atan2(y, x float64) float64 { return f2(fnAtan2, y, x) }
func Hypot(p, q float64) float64 { return f2(fnHypot, p, q) }
func Mod(x, y float64) float64   { return f2(fnMod, x, y) }
