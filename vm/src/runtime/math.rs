//! The float64 functions of package `math` that are natives (`math.f1`, `math.f2`):
//! the platform's libm, through Rust's `f64` methods.
//!
//! Go computes most of these in Go (sin, pow, atan ...) and a few in amd64 assembly
//! (exp, log, with FMA when the CPU has it), so its last bit can differ from libm's,
//! and even between Go on two CPUs. The special cases (NaN, infinities, zeros, poles)
//! follow IEEE 754 and agree; `vm/src/stdlib/math.go` handles those Go defines
//! differently from C before calling here.

use crate::bytecode::MathFn;

/// `f(x)`, or `f(x, y)` for the two-operand functions.
pub(crate) fn call(f: MathFn, x: f64, y: f64) -> f64 {
    match f {
        MathFn::Sin => x.sin(),
        MathFn::Cos => x.cos(),
        MathFn::Tan => x.tan(),
        MathFn::Asin => x.asin(),
        MathFn::Acos => x.acos(),
        MathFn::Atan => x.atan(),
        MathFn::Sinh => x.sinh(),
        MathFn::Cosh => x.cosh(),
        MathFn::Tanh => x.tanh(),
        MathFn::Exp => x.exp(),
        MathFn::Exp2 => x.exp2(),
        MathFn::Expm1 => x.exp_m1(),
        MathFn::Log => x.ln(),
        MathFn::Log2 => x.log2(),
        MathFn::Log10 => x.log10(),
        MathFn::Log1p => x.ln_1p(),
        MathFn::Cbrt => x.cbrt(),
        MathFn::Pow => x.powf(y),
        MathFn::Atan2 => x.atan2(y),
        MathFn::Hypot => x.hypot(y),
        MathFn::Mod => x % y,
    }
}
